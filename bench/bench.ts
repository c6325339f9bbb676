// npm run bench — how fast the plain lib trains the lecture's net, side by side with TensorFlow.js
// (cpu and wasm) and the course's NumPy code, on the same workload in one run. See bench/README.md.
//
//   npm run bench                   the full run (about 2–3 minutes)
//   npm run bench -- --quick        a short run (seconds; the numbers are rough)
//   options: --no-tfjs --no-numpy --no-grid --no-heap --hidden=4,64
//   npm run bench -- backends       the speed map of the backends (bench/backends.ts)
//   npm run bench -- grid           the course's grids on worker threads (bench/grid.ts)
//   npm run bench -- rnn            notebook 06's RNN: plain, tfjs ops, an LSTM (bench/rnn.ts)
//   npm run bench -- digits         an epoch of the 784-100-10 digit classifier per backend (bench/digits.ts)
//
// Not a test: nothing here asserts a speed. test/bench/bench.test.ts only checks that it runs.

import { evaluate } from "../lib/train";
import { runBackends } from "./backends";
import { IN_CLASS, runGridBench, timeGrid } from "./grid";
import { allocationReport } from "./heap";
import { runDigitsBench } from "./digits";
import { runRnnBench } from "./rnn";
import { findNumpy, NumpyServer, numpyTrainer } from "./numpy";
import {
  fusedReference,
  fusedReferenceLoss,
  fusedReferenceTrainer,
  genericNet,
  genericTrainer,
  plainTrainer,
  trainPlain,
} from "./plain";
import { tfjsModel, tfjsTrainer, tfjsVersion, useBackend, type TfBackend } from "./tfjs";
import {
  BATCH_SIZE,
  ETA,
  fullSettings,
  gflops,
  HIDDEN_SIZES,
  initialNet,
  machineSummary,
  type Measurement,
  measureSideBySide,
  quickSettings,
  type Trainer,
  workloadData,
} from "./workload";

export interface BenchOptions {
  quick: boolean;
  tfjs: boolean;
  numpy: boolean;
  grid: boolean;
  heap: boolean;
  hidden: number[];
}

export function parseOptions(argv: string[]): BenchOptions {
  const known = ["--quick", "--no-tfjs", "--no-numpy", "--no-grid", "--no-heap"];
  const options: BenchOptions = {
    quick: argv.includes("--quick"),
    tfjs: !argv.includes("--no-tfjs"),
    numpy: !argv.includes("--no-numpy"),
    grid: !argv.includes("--no-grid"),
    heap: !argv.includes("--no-heap"),
    hidden: [...HIDDEN_SIZES],
  };
  for (const arg of argv) {
    if (arg.startsWith("--hidden=")) {
      options.hidden = arg
        .slice("--hidden=".length)
        .split(",")
        .map((h) => Number(h));
      if (!options.hidden.every((h) => Number.isInteger(h) && h >= 1)) {
        throw new Error(`bench: --hidden takes whole numbers, e.g. --hidden=4,64 (got ${arg}).`);
      }
    } else if (!known.includes(arg)) {
      throw new Error(
        `bench: unknown option ${arg}; the options are ${known.join(" ")} --hidden=4,64`,
      );
    }
  }
  return options;
}

const fmt = (x: number, digits = 0): string =>
  Number.isFinite(x)
    ? x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : String(x);
/** Three significant digits (at least one decimal below 100). */
const rate = (x: number): string => fmt(x, x >= 100 ? 0 : x >= 10 ? 1 : 2);
const log = (line: string): void => void process.stderr.write(line + "\n");

/** How this process runs TypeScript (the bench should run as tslab runs the lib: CommonJS). */
function loaderNote(): string {
  const args = process.execArgv.join(" ");
  if (/tsx[\\/]cjs|tsx[\\/]dist[\\/]cjs/.test(args)) {
    return `node ${args} (TypeScript compiled to CommonJS, as tslab runs the lib)`;
  }
  return (
    `node ${args || "(no flags)"} — not the CommonJS loader: tsx's ESM loader runs the lib ` +
    `15–25% slower than tslab does; use npm run bench`
  );
}

interface Row {
  hidden: number;
  measurement: Measurement;
}

function table(rows: Row[]): string {
  const lines = [
    "| H | implementation | epochs/s | plain ÷ this | GFLOP/s | epochs per timed run | every timed run (epochs/s) |",
    "|---:|---|---:|---:|---:|---:|---|",
  ];
  for (const { hidden, measurement: m } of rows) {
    const plain = rows.find((r) => r.hidden === hidden && r.measurement.name === "plain lib");
    const ratio = plain ? plain.measurement.epochsPerSecond / m.epochsPerSecond : NaN;
    lines.push(
      `| ${hidden} | ${m.name} | ${rate(m.epochsPerSecond)} | ${ratio >= 10 ? fmt(ratio, 0) : fmt(ratio, 2)}× | ` +
        `${fmt(gflops(hidden, m.epochsPerSecond), 3)} | ${fmt(m.epochs)} | ${m.runs.map(rate).join(", ")} |`,
    );
  }
  return lines.join("\n");
}

/** The loss after a few epochs from the same initial weights, per implementation. */
async function sanityCheck(
  hidden: number,
  epochs: number,
  options: BenchOptions,
  numpy: NumpyServer | null,
): Promise<string> {
  const data = workloadData();
  const net = initialNet(hidden);
  const start = evaluate(net, data).loss;
  const plain = trainPlain(net, data, epochs);
  const generic = trainPlain(genericNet(hidden), data, epochs);
  const fused = fusedReference(net, data, epochs);
  const same = (a: Float64Array, b: Float64Array): boolean => a.every((v, i) => Object.is(v, b[i]));
  const genericSame =
    plain.net.W.every((W, l) => same(W.data, generic.net.W[l].data)) &&
    plain.net.B.every((B, l) => same(B.data, generic.net.B[l].data));
  const fusedSame =
    same(fused.W1, plain.net.W[0].data) &&
    same(fused.B1, plain.net.B[0].data) &&
    same(fused.W2, plain.net.W[1].data) &&
    same(fused.B2, plain.net.B[1].data);
  const parts = [
    `start ${fmt(start, 5)}`,
    `plain lib ${fmt(plain.final.trainLoss, 5)}`,
    `general path ${genericSame ? "bit-identical" : "DIFFERENT"}`,
    `hand-fused ${fmt(fusedReferenceLoss(hidden, data, epochs), 5)} (${fusedSame ? "bit-identical weights" : "DIFFERENT weights"})`,
  ];
  if (options.tfjs) {
    for (const backend of ["cpu", "wasm"] as TfBackend[]) {
      await useBackend(backend);
      const model = tfjsModel(net, data);
      model.train(epochs);
      parts.push(`tfjs-${backend} ${fmt(model.loss(), 5)}`);
      model.dispose();
    }
  }
  if (numpy) {
    const trainer = await numpyTrainer(numpy, net, data);
    await trainer.run(epochs);
    parts.push(`NumPy ${fmt(trainer.lastLoss(), 5)} (its own shuffling)`);
  }
  return `H = ${hidden}, loss after ${epochs} epochs from the same weights: ${parts.join(" · ")}`;
}

export async function runBench(options: BenchOptions): Promise<string> {
  const settings = options.quick ? quickSettings : fullSettings;
  const out: string[] = [];
  const startedAt = new Date();
  const loadBefore = machineSummary();
  let numpyNote = "NumPy: skipped (--no-numpy)";
  let numpy: NumpyServer | null = null;
  if (options.numpy) {
    const found = findNumpy();
    if ("missing" in found) numpyNote = `NumPy: not measured — ${found.missing}`;
    else {
      numpy = new NumpyServer(found.python);
      numpyNote = `NumPy ${found.numpy} (${found.python})`;
    }
  }
  out.push(
    `npm run bench${options.quick ? " -- --quick (rough numbers)" : ""} — ${startedAt.toISOString()}`,
  );
  out.push(`machine: ${loadBefore}`);
  out.push(`run by: ${loaderNote()}`);
  out.push(
    `${options.tfjs ? `TensorFlow.js ${tfjsVersion()}` : "TensorFlow.js: skipped"}; ${numpyNote}`,
  );
  out.push(
    `workload: 1-H-1 net (sigmoid hidden, identity output, half-MSE), cobra training set (1000 ` +
      `samples), batch ${BATCH_SIZE}, eta ${ETA}, SGD, shuffled every epoch; each implementation ` +
      `timed ${settings.repeats}× for ~${settings.seconds} s, in turns, best run counts`,
  );
  out.push("");

  try {
    const rows: Row[] = [];
    for (const hidden of options.hidden) {
      const data = workloadData();
      const trainers: Trainer[] = [
        plainTrainer(hidden, data),
        genericTrainer(hidden, data),
        fusedReferenceTrainer(hidden, data),
      ];
      if (options.tfjs) {
        trainers.push(tfjsTrainer("cpu", hidden, data), tfjsTrainer("wasm", hidden, data));
      }
      if (numpy) trainers.push(await numpyTrainer(numpy, initialNet(hidden), data));
      log(`H = ${hidden}: calibrating ${trainers.length} implementations…`);
      const measured = await measureSideBySide(trainers, settings, (name, r) =>
        log(`  H = ${hidden}  ${name}: ${rate(r)} epochs/s`),
      );
      rows.push(...measured.map((measurement) => ({ hidden, measurement })));
    }
    out.push(table(rows));
    out.push("");

    const find = (hidden: number, name: string): number =>
      rows.find((r) => r.hidden === hidden && r.measurement.name === name)?.measurement
        .epochsPerSecond ?? NaN;
    const targets: string[] = [];
    if (options.hidden.includes(4)) {
      const plain = find(4, "plain lib");
      const vsNumpy = plain / find(4, "NumPy, course style");
      const vsCpu = plain / find(4, "TensorFlow.js cpu");
      targets.push(
        `H = 4: ${rate(plain)} epochs/s (target ≥ 10,000: ${plain >= 10000 ? "met" : "not met"})` +
          (Number.isFinite(vsNumpy)
            ? `, ${fmt(vsNumpy, 0)}× NumPy (≥ 40×: ${vsNumpy >= 40 ? "met" : "not met"})`
            : "") +
          (Number.isFinite(vsCpu)
            ? `, ${fmt(vsCpu, 0)}× tfjs-cpu (≥ 100×: ${vsCpu >= 100 ? "met" : "not met"})`
            : ""),
      );
    }
    if (options.hidden.includes(64)) {
      const plain = find(64, "plain lib");
      targets.push(
        `H = 64: ${rate(plain)} epochs/s (target ≥ 500: ${plain >= 500 ? "met" : "not met"})`,
      );
    }
    if (targets.length) out.push(`targets — ${targets.join("; ")}`);

    log("sanity check: losses after a few epochs…");
    for (const hidden of options.hidden) {
      out.push(await sanityCheck(hidden, options.quick ? 20 : 100, options, numpy));
    }

    if (options.heap) {
      log("allocation: counting GCs during a long run…");
      const epochs = options.quick ? 500 : 20000;
      const data = workloadData();
      out.push(`plain lib, 1-4-1: ${await allocationReport(initialNet(4), data, epochs)}`);
      out.push(
        `plain lib, 1-4-1 on the general path: ${await allocationReport(genericNet(4), data, epochs / 2)}`,
      );
    }

    if (options.grid) {
      log("grid: the in-class grid, in a loop and on worker threads…");
      out.push("");
      out.push(await timeGrid(options.quick ? { ...IN_CLASS, maxEpoch: 50 } : IN_CLASS, 1));
    }
  } finally {
    numpy?.close();
  }
  out.push("");
  out.push(`at the end: ${machineSummary()}`);
  return out.join("\n");
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "backends") {
    console.log(await runBackends({ webgl: !argv.includes("--no-webgl") }));
    return;
  }
  if (argv[0] === "digits") {
    console.log(await runDigitsBench({ webgl: !argv.includes("--no-webgl") }));
    return;
  }
  if (argv[0] === "rnn") {
    console.log(await runRnnBench({ quick: argv.includes("--quick") }));
    return;
  }
  if (argv[0] === "grid") {
    console.log(await runGridBench({ quick: argv.includes("--quick") }));
    return;
  }
  const options = parseOptions(argv);
  console.log(await runBench(options));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
