// A worker thread of the grid runner (grid.ts): piscina loads this file (bundled with the lib by
// esbuild: a worker has no tslab to compile TypeScript) and calls its export for every job.
// Not taught: plumbing.

import { threadId } from "worker_threads";
import { type GridJob, type GridRow, runGridJob } from "./grid-run";

/** When this thread had loaded the lib (ms since the epoch), for the grid's start-up time. */
const loadedAt = performance.timeOrigin + performance.now();

export interface WorkerAnswer {
  row: GridRow;
  threadId: number;
  loadedAt: number;
}

export default async function runInWorker(job: GridJob): Promise<WorkerAnswer> {
  return { row: await runGridJob(job), threadId, loadedAt };
}
