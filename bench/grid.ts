// The in-class hyper-parameter grid: hidden 4, eta ∈ {0.1, 0.3, 0.5, 0.7} × batchSize ∈
// {2, 5, 10, 15}, 1000 epochs each, every run from the same initial weights (create_new = False),
// with the course's settings (10% validation, a check every 50 epochs). Timed one run after the
// other, and on worker threads.

import { Worker } from "node:worker_threads";
import * as path from "node:path";
import { loadDataSet } from "../lib/datasets";
import { mlp } from "../lib/network";
import { train } from "../lib/train";

export const GRID_ETAS = [0.1, 0.3, 0.5, 0.7];
export const GRID_BATCH_SIZES = [2, 5, 10, 15];
export const GRID_HIDDEN = 4;
export const GRID_EPOCHS = 1000;

export interface GridJob {
  eta: number;
  batchSize: number;
  maxEpoch: number;
}

export interface GridResult extends GridJob {
  status: string;
  validationLoss: number;
  seconds: number;
}

export function gridJobs(maxEpoch = GRID_EPOCHS): GridJob[] {
  return GRID_ETAS.flatMap((eta) =>
    GRID_BATCH_SIZES.map((batchSize) => ({ eta, batchSize, maxEpoch })),
  );
}

/** One cell of the grid, as a notebook runs it. */
export function runGridJob(job: GridJob): GridResult {
  const start = performance.now();
  const result = train(mlp([1, GRID_HIDDEN, 1]), loadDataSet("cobra").train, {
    eta: job.eta,
    batchSize: job.batchSize,
    maxEpoch: job.maxEpoch,
    checkEvery: 50,
  });
  return {
    ...job,
    status: result.status,
    validationLoss: result.final.validationLoss ?? NaN,
    seconds: (performance.now() - start) / 1000,
  };
}

export function runGridSequential(jobs: GridJob[]): { results: GridResult[]; seconds: number } {
  const start = performance.now();
  const results = jobs.map(runGridJob);
  return { results, seconds: (performance.now() - start) / 1000 };
}

/**
 * The same jobs on `threads` worker threads. Each thread loads the lib itself through tsx (it
 * compiles the TypeScript again): that start-up is part of `seconds` and also reported alone.
 * Results come back in job order.
 */
export async function runGridParallel(
  jobs: GridJob[],
  threads: number,
): Promise<{ results: GridResult[]; seconds: number; startupSeconds: number }> {
  const start = performance.now();
  const results: GridResult[] = new Array(jobs.length);
  let next = 0;
  const workerFile = path.join(__dirname, "grid-worker.ts");
  const boot = `require(${JSON.stringify(require.resolve("tsx/cjs"))}); require(${JSON.stringify(workerFile)});`;
  const workers = Array.from({ length: threads }, () => new Worker(boot, { eval: true }));
  // each worker says "ready" once it has loaded the lib
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once("message", () => resolve());
          worker.once("error", reject);
        }),
    ),
  );
  const startupSeconds = (performance.now() - start) / 1000;
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          const give = (): void => {
            if (next >= jobs.length) {
              void worker.terminate().then(() => resolve());
              return;
            }
            const index = next++;
            worker.once("message", (result: GridResult) => {
              results[index] = result;
              give();
            });
            worker.postMessage(jobs[index]);
          };
          worker.once("error", reject);
          give();
        }),
    ),
  );
  return { results, seconds: (performance.now() - start) / 1000, startupSeconds };
}
