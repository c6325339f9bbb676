// A worker thread of the parallel grid (bench/grid.ts): runs the jobs it is sent, one at a time.

import { parentPort } from "node:worker_threads";
import { type GridJob, runGridJob } from "./grid";

parentPort?.on("message", (job: GridJob) => parentPort?.postMessage(runGridJob(job)));
parentPort?.postMessage("ready");
