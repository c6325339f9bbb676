// The course's hyper-parameter grids timed with the lib's grid runner (lib/grid.ts), side by side
// with the same runs done one after the other by `train` in one process (no runner at all):
//   - the lecture's assignment 作业二: hidden 4, batchSize ∈ {2, 5, 10, 15} × η ∈ {0.1, 0.3, 0.5,
//     0.7}, at most 10,000 epochs, eps 0.001, a check every 50 (notebook 05);
//   - the in-class grid: the same 16 settings for 1,000 epochs each (no eps).
// Each grid three ways — train in a loop, grid on 1 worker thread, grid on every core — in turns,
// twice, so that drifts of the machine's speed hit all three alike. Worker start-up is included.
// `npm run bench -- grid`; the main `npm run bench` prints the in-class grid's line.

import { availableParallelism } from "os";
import { loadDataSet } from "../lib/datasets";
import { grid, type GridResult } from "../lib/grid";
import { mlp } from "../lib/network";
import { train } from "../lib/train";
import { machineSummary } from "./workload";

export const GRID_ETAS = [0.1, 0.3, 0.5, 0.7];
export const GRID_BATCH_SIZES = [2, 5, 10, 15];

export interface GridCase {
  name: string;
  maxEpoch: number;
  eps: number;
}

export const ASSIGNMENT: GridCase = {
  name: "作业二 (maxEpoch 10,000, eps 0.001)",
  maxEpoch: 10_000,
  eps: 0.001,
};
export const IN_CLASS: GridCase = { name: "in-class (1,000 epochs each)", maxEpoch: 1000, eps: 0 };

const axes = { batchSize: GRID_BATCH_SIZES, eta: GRID_ETAS };

function base(c: GridCase) {
  return {
    net: mlp([1, 4, 1]),
    data: loadDataSet("cobra").train,
    options: { maxEpoch: c.maxEpoch, eps: c.eps, checkEvery: 50 },
  };
}

/** The 16 runs by `train` in a loop: the baseline, no runner. Seconds and each run's epochs. */
export function loopGrid(c: GridCase): { seconds: number; epochs: number[]; losses: number[] } {
  const b = base(c);
  const started = performance.now();
  const results = GRID_BATCH_SIZES.flatMap((batchSize) =>
    GRID_ETAS.map((eta) => train(b.net, b.data, { ...b.options, eta, batchSize })),
  );
  return {
    seconds: (performance.now() - started) / 1000,
    epochs: results.map((r) => r.epochs),
    losses: results.map((r) => r.final.validationLoss ?? NaN),
  };
}

/** The same grid through the runner, never from build/grids/. */
export function runnerGrid(c: GridCase, threads: number): Promise<GridResult> {
  return grid(base(c), axes, { threads, cache: false, show: "none", title: c.name });
}

function fmt(x: number, digits = 2): string {
  return x.toFixed(digits);
}

/** One grid, three ways, `rounds` times in turns; a Markdown block. */
export async function timeGrid(c: GridCase, rounds = 2): Promise<string> {
  const cores = availableParallelism();
  const times: { loop: number[]; one: number[]; all: number[] } = { loop: [], one: [], all: [] };
  let last: { loop: ReturnType<typeof loopGrid>; all: GridResult } | null = null;
  let startup: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const loop = loopGrid(c);
    times.loop.push(loop.seconds);
    times.one.push((await runnerGrid(c, 1)).seconds);
    const all = await runnerGrid(c, cores);
    times.all.push(all.seconds);
    startup.push(all.startupSeconds);
    last = { loop, all };
  }
  const { loop, all } = last as NonNullable<typeof last>;
  const same =
    all.rows.every((r, i) => r.epochs === loop.epochs[i]) &&
    all.rows.every((r, i) => Object.is(r.validationLoss, loop.losses[i]));
  const best = (xs: number[]): number => Math.min(...xs);
  // where the time goes on every core: the runs' own time shared out, the threads' start-up, and
  // the end, where one thread still trains while the other has nothing left
  const work = all.rows.reduce((s, r) => s + r.seconds, 0);
  const lastStartup = startup[startup.length - 1];
  const idle = Math.max(0, all.seconds - lastStartup - work / all.threads);
  startup = startup.map((s) => Number(fmt(s, 3)));
  return [
    `### ${c.name}: 16 runs, ${all.rows.reduce((s, r) => s + r.epochs, 0).toLocaleString("en-US")} epochs in all`,
    "",
    "| how | seconds (each round) | best | speed-up over the loop |",
    "|---|---|---:|---:|",
    `| train in a loop, one process | ${times.loop.map((t) => fmt(t)).join(", ")} | ${fmt(best(times.loop))} | 1.00× |`,
    `| grid, 1 worker thread | ${times.one.map((t) => fmt(t)).join(", ")} | ${fmt(best(times.one))} | ${fmt(best(times.loop) / best(times.one))}× |`,
    `| grid, ${all.threads} worker threads | ${times.all.map((t) => fmt(t)).join(", ")} | ${fmt(best(times.all))} | ${fmt(best(times.loop) / best(times.all))}× |`,
    "",
    `results: ${same ? "identical to the loop's, bit for bit" : "DIFFERENT from the loop's"}; ` +
      `worker start-up ${startup.join(", ")} s; in the last ${all.threads}-thread run the runs themselves took ${fmt(work)} s ` +
      `(${fmt(work / all.threads)} s per thread if shared out evenly), ${fmt(lastStartup)} s went to start-up and about ` +
      `${fmt(idle)} s to the end, where a thread waited for the other's last run`,
  ].join("\n");
}

export async function runGridBench(options: { quick?: boolean } = {}): Promise<string> {
  const out = [`npm run bench -- grid — ${new Date().toISOString()}`, machineSummary(), ""];
  if (!options.quick) out.push(await timeGrid(ASSIGNMENT), "");
  out.push(await timeGrid(options.quick ? { ...IN_CLASS, maxEpoch: 50 } : IN_CLASS), "");
  out.push(`at the end: ${machineSummary()}`);
  return out.join("\n");
}
