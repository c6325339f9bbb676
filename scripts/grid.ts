// npm run grid -- a hyper-parameter grid from a terminal, on every core, with a progress bar; it
// prints the table (lib/grid.ts does the work, as in notebook 05). Every setting takes one value
// or a comma-separated list; a list is an axis of the grid.
//
//   npm run grid -- --eta 0.1,0.3,0.5,0.7 --batchSize 2,5,10,15        the lecture's 作业二
//   npm run grid -- --hidden 2,4,6,8 --eta 0.5 --batchSize 10 --threads 1
//
// Defaults are the course's: the cobra data set, a 1-4-1 net (seed 1), maxEpoch 10000, eps 0.001,
// a check every 50 epochs. --recompute ignores a saved result; --json prints the rows as JSON.
// Ctrl+C stops the workers (exit status 130).

import { parseArgs } from "util";
import { grid, type GridValue } from "../lib/grid";
import { gridSummary, gridTableRows } from "../lib/grid-show";
import { loadDataSet } from "../lib/datasets";
import type { DataSetName } from "../lib/data";
import { tableText } from "../lib/display";
import { mlp } from "../lib/network";

const USAGE = `usage: npm run grid -- [--eta 0.1,0.5] [--batchSize 5,10] [--hidden 4] [--netSeed 1]
  [--data cobra] [--maxEpoch 10000] [--eps 0.001] [--checkEvery 50] [--seed 1] [--l2 0]
  [--optimizer sgd] [--backend plain] [--threads N] [--recompute] [--json]
every setting takes a value or a comma-separated list (a list is an axis of the grid)`;

const NUMERIC = [
  "eta",
  "batchSize",
  "hidden",
  "netSeed",
  "maxEpoch",
  "eps",
  "checkEvery",
  "seed",
  "l2",
];
const NAMES = ["data", "optimizer", "backend"];

function parseList(name: string, text: string): GridValue[] {
  const parts = text.split(",").map((p) => p.trim());
  if (!NUMERIC.includes(name)) return parts;
  return parts.map((p) => {
    const v = Number(p);
    if (p === "" || !Number.isFinite(v)) {
      throw new Error(`--${name} takes numbers, e.g. --${name} 0.1,0.5 (got '${text}')`);
    }
    return v;
  });
}

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        ...Object.fromEntries([...NUMERIC, ...NAMES].map((n) => [n, { type: "string" as const }])),
        threads: { type: "string" },
        recompute: { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    console.error(`✗ ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const settings: Record<string, GridValue[]> = {
    data: ["cobra"],
    hidden: [4],
    maxEpoch: [10000],
    eps: [0.001],
    checkEvery: [50],
  };
  try {
    for (const name of [...NUMERIC, ...NAMES]) {
      const text = values[name];
      if (typeof text === "string") settings[name] = parseList(name, text);
    }
  } catch (error) {
    console.error(`✗ ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  for (const required of ["eta", "batchSize"]) {
    if (!settings[required]) {
      console.error(`✗ give --${required} (one value or a list)\n${USAGE}`);
      return 2;
    }
  }
  const axes: Record<string, GridValue[]> = {};
  const fixed: Record<string, GridValue> = {};
  for (const [name, list] of Object.entries(settings)) {
    if (list.length > 1) axes[name] = list;
    else fixed[name] = list[0];
  }
  // a grid needs an axis: one setting alone is a grid of one run
  if (Object.keys(axes).length === 0) axes.eta = settings.eta;
  const dataName = (fixed.data ?? "cobra") as DataSetName;
  const data = loadDataSet(dataName).train;
  const hidden = (fixed.hidden ?? 4) as number;
  const net = mlp([data.X.cols, hidden, data.Y.cols], { seed: (fixed.netSeed ?? 1) as number });
  const options = Object.fromEntries(
    Object.entries(fixed).filter(([k]) => !["data", "hidden", "netSeed"].includes(k)),
  );
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0)) {
    console.error(`✗ --threads takes a whole number ≥ 0 (0: one after the other)\n${USAGE}`);
    return 2;
  }
  const title = Object.keys(axes).join(" × ");
  const result = await grid({ net, data, options }, axes, {
    title,
    threads,
    recompute: values.recompute === true,
  });
  if (values.json) {
    console.log(JSON.stringify(result.rows.map(({ history: _h, ...row }) => row)));
  } else {
    const fixedText = Object.entries(fixed)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(", ");
    console.log(
      tableText(
        gridTableRows(
          axes,
          result.rows,
          result.rows.map((r) => r.params),
        ),
        `${title} (${fixedText}) — ${gridSummary(result, result.fromCache)}`,
      ),
    );
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = (error as Error).message ?? String(error);
    console.error(`✗ ${message}`);
    process.exit(/cancelled after/.test(message) ? 130 : 1);
  },
);
