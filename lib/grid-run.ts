// One run of a hyper-parameter grid (grid.ts): a job is plain data — the run's parameters, its
// starting weights, its data and its options — so that it can go to a worker thread, and the
// row it gives back is plain data too. A run that diverges or throws is a row like any other.
// Taught in notebooks/05-hyperparameters.ipynb.

import type { DataSet } from "./data";
import { loadNetwork, type SavedNetwork } from "./saved-network";
import { type Check, train, trainAsync, type TrainStatus } from "./train";
import type { TrainOptions } from "./train-options";

/** A value a grid's axis can take: a number, a name, true/false, none, or a small plain object
 * (e.g. a decay, { rate: 0.1, steps: 1000 }) or a list (hidden layers, [8, 8]). */
export type GridValue =
  number | string | boolean | null | readonly GridValue[] | { readonly [key: string]: GridValue };

/** The options a grid's run can take: train's, without the callbacks (a run goes to another
 * thread, where a function of yours cannot follow). */
export type GridTrainOptions = Omit<TrainOptions, "onCheck" | "onBatch" | "shuffle"> & {
  shuffle?: boolean;
};

export interface GridJob {
  /** The run's place in the grid (its row). */
  index: number;
  /** This run's value of every axis. */
  params: Record<string, GridValue>;
  net: SavedNetwork;
  data: DataSet;
  options: GridTrainOptions;
}

export type GridStatus = TrainStatus | "error";

/** One run's row of the grid's table. */
export interface GridRow {
  /** The run's value of every axis, e.g. { eta: 0.5, batchSize: 10 }. */
  params: Record<string, GridValue>;
  /** "converged", "maxEpoch", "diverged" — or "error" when the run threw (see `error`). */
  status: GridStatus;
  /** Why it stopped, in words (train's `reason`), or the error's message. */
  reason: string;
  /** The error's message, when status is "error". */
  error?: string;
  epochs: number;
  iterations: number;
  /** The last check's numbers (null when there is no validation set, or the run threw). */
  trainLoss: number | null;
  trainAccuracy: number | null;
  validationLoss: number | null;
  validationAccuracy: number | null;
  /** Every check, for curves. */
  history: Check[];
  /** The run's own wall time. */
  seconds: number;
  /** Which backend trained it. */
  backend: string;
}

/** Runs one job, here (a worker thread, or the kernel for tfjs-webgl and `threads: 0`). */
export async function runGridJob(job: GridJob): Promise<GridRow> {
  const started = performance.now();
  try {
    const net = loadNetwork(job.net);
    // grid.ts names the backend of every job (auto's pick made); the tfjs backends start
    // asynchronously (trainAsync does it), the plain one needs no turn of the event loop and
    // `train` gives the same numbers
    const result =
      job.options.backend === "plain"
        ? train(net, job.data, job.options)
        : await trainAsync(net, job.data, job.options);
    return {
      params: job.params,
      status: result.status,
      reason: result.reason,
      epochs: result.epochs,
      iterations: result.iterations,
      trainLoss: result.final.trainLoss,
      trainAccuracy: result.final.trainAccuracy,
      validationLoss: result.final.validationLoss,
      validationAccuracy: result.final.validationAccuracy,
      history: result.history,
      seconds: (performance.now() - started) / 1000,
      backend: result.backend.name,
    };
  } catch (error) {
    return errorRow(job, error, (performance.now() - started) / 1000);
  }
}

/** The row of a run that threw (or whose thread failed). */
export function errorRow(job: GridJob, error: unknown, seconds: number): GridRow {
  const message = error instanceof Error ? error.message : String(error);
  return {
    params: job.params,
    status: "error",
    reason: message,
    error: message,
    epochs: 0,
    iterations: 0,
    trainLoss: null,
    trainAccuracy: null,
    validationLoss: null,
    validationAccuracy: null,
    history: [],
    seconds,
    backend: job.options.backend ?? "plain",
  };
}
