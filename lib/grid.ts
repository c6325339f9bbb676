// Hyper-parameter grids 超参数网格: every combination of the settings you list, each run trained
// from the same starting weights and the same data (the lecture's create_new = False) unless the
// grid varies them — on every core at once. Taught in notebooks/05-hyperparameters.ipynb.
//
//   const table = await grid(
//     { net: mlp([1, 4, 1]), data: cobra.train, options: { maxEpoch: 10000, eps: 0.001, checkEvery: 50 } },
//     { eta: [0.1, 0.3, 0.5, 0.7], batchSize: [2, 5, 10, 15] },
//     { title: "作业二" },
//   );
//
// The runs go to worker threads (a pool from the piscina library, one thread per core). A worker
// cannot use tslab to compile the lib, so the lib is bundled for it once by esbuild (bundle.ts).
// Each run is `train` with its own options, so a row holds exactly the numbers of running that
// configuration alone, whatever the number of threads and whichever run finishes first. A run that
// diverges or throws is a row (grid-run.ts). Rows fill a live table or heatmap in a notebook and a
// progress bar in a terminal (grid-show.ts); a finished grid is saved in build/grids/ and comes
// back at once when asked again (grid-cache.ts). Ctrl+C or interrupting the kernel stops it.

import { setMaxListeners } from "events";
import { availableParallelism } from "os";
import { autoBackend, backendInUse, webglUnavailable } from "./backend";
import { bundleOnce } from "./bundle";
import { type DataSet, dataSetNames, type DataSetName } from "./data";
import { loadDataSet } from "./datasets";
import { gridCacheKey, readGridCache, writeGridCache } from "./grid-cache";
import {
  errorRow,
  type GridJob,
  type GridRow,
  type GridTrainOptions,
  type GridValue,
  runGridJob,
} from "./grid-run";
import { gridProgress } from "./grid-show";
import type { WorkerAnswer } from "./grid-worker";
import { mlp, type Network } from "./network";
import { projectRequire } from "./project";
import { saveNetwork } from "./saved-network";
import { trainOptionNames } from "./train-options";
import { describe, unknownName } from "./validate";

export type { GridRow, GridStatus, GridTrainOptions, GridValue } from "./grid-run";

/** What every run of a grid shares, unless an axis varies it. */
export interface GridBase {
  /** The starting network: every run starts from these weights. */
  net: Network;
  /** The training data (the validation split is train's, from `options.validation`). */
  data: DataSet;
  /** Train's options for every run; an axis overrides its own. eta, batchSize and maxEpoch must
   * come from one or the other. */
  options: Partial<GridTrainOptions>;
}

/**
 * Axis name → the values to try. Any of train's options (eta, batchSize, maxEpoch, eps, decay,
 * l2, optimizer, seed, backend, …), and three more: `hidden` — hidden units (a number, or a list
 * for several hidden layers), `netSeed` — the seed of the starting weights (both rebuild the net
 * with `mlp`, keeping the base net's activations; netSeed 1 unless varied), and `data` — a course
 * data set's name (its training part). null on an axis of train's options leaves that option
 * out (train's default), e.g. `decay: [null, { rate: 0.1, steps: 9000 }]`.
 */
export type GridAxes = Record<string, readonly GridValue[]>;

export interface GridOptions {
  /** Shown above the table and in the progress bar. */
  title?: string;
  /** Worker threads (default: one per core, at most one per run); 0 runs them one after the
   * other in this thread. */
  threads?: number;
  /** In a notebook: a live table (default), a live heatmap (two axes; see `value`), or nothing. */
  show?: "table" | "heatmap" | "none";
  /** What the heatmap shows (default "epochs"). */
  value?: GridHeatValue;
  /** Run again even when this grid was saved before (default false). */
  recompute?: boolean;
  /** Save the finished grid in build/grids/ and reuse it (default true). */
  cache?: boolean;
  /** Stops the grid when aborted (as Ctrl+C and interrupting the kernel do). */
  signal?: AbortSignal;
  /** Called with each row as its run finishes (in the order they finish). */
  onRow?: (row: GridRow, done: number, total: number) => void;
}

export type GridHeatValue =
  "epochs" | "trainLoss" | "validationLoss" | "trainAccuracy" | "validationAccuracy" | "seconds";

export interface GridResult {
  title: string;
  /** The axes as given: name → values. */
  axes: Record<string, GridValue[]>;
  /** One row per run, in the order of the combinations (the first axis changes slowest). */
  rows: GridRow[];
  /** Worker threads used (0: one after the other in the calling thread). */
  threads: number;
  /** Wall time of the whole grid, start-up included (of the run that computed it). */
  seconds: number;
  /** From creating the pool until every worker had loaded the lib. */
  startupSeconds: number;
  /** Building the workers' bundle (0 when this version of the lib had one already). */
  bundleSeconds: number;
  /** True when the result came from build/grids/ instead of being computed now. */
  fromCache: boolean;
  /** When it was computed (ISO time). */
  computedAt: string;
}

/** The axis names besides train's options. */
const MODEL_AXES = ["hidden", "netSeed", "data"] as const;
const CALLBACKS = ["onCheck", "onBatch"] as const;
const AXIS_NAMES: readonly string[] = [
  ...trainOptionNames.filter((n) => !(CALLBACKS as readonly string[]).includes(n)),
  ...MODEL_AXES,
];

/** Runs every combination of `axes` on top of `base`, in parallel; see the top of this file. */
export async function grid(
  base: GridBase,
  axes: GridAxes,
  options: GridOptions = {},
): Promise<GridResult> {
  const title = options.title ?? Object.keys(axes ?? {}).join(" × ");
  const jobs = gridJobs(base, axes);
  const mainThread = options.threads === 0;
  const threads = mainThread
    ? 0
    : Math.max(1, Math.min(options.threads ?? availableParallelism(), jobs.length));
  const useCache = options.cache !== false;
  const key = useCache ? gridCacheKey(title, jobs) : "";
  if (options.show === "heatmap" && Object.keys(axes).length !== 2) {
    throw new Error(
      `grid: show: "heatmap" needs two axes (this grid has ${Object.keys(axes).length}); use show: "table".`,
    );
  }
  const progress = gridProgress(
    title,
    axes,
    jobs.map((j) => j.params),
    options,
  );

  if (useCache && !options.recompute) {
    const saved = readGridCache(key);
    if (saved) {
      progress.finish(saved.rows, saved, true);
      return { ...saved, fromCache: true };
    }
  }

  progress.begin();
  const started = performance.now();
  const rows: (GridRow | undefined)[] = new Array(jobs.length);
  let done = 0;
  const record = (index: number, row: GridRow): void => {
    rows[index] = row;
    done += 1;
    progress.row(rows, done);
    options.onRow?.(row, done, jobs.length);
  };

  // Cancelling: the caller's signal, Ctrl+C in a terminal, "interrupt" in JupyterLab (tslab turns
  // it into a SIGINT of the kernel's process, as Ctrl+C does).
  const stop = new AbortController();
  setMaxListeners(jobs.length + 10, stop.signal); // piscina listens once per queued run
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener("abort", onAbort);
  if (options.signal?.aborted) stop.abort();
  // Not now: tslab runs a cell's first synchronous part with vm's breakOnSigint, and a SIGINT
  // listener added inside it is lost to Node's signal handling when that part ends (the next
  // interrupt would kill the kernel). One turn of the event loop later it is safe.
  await new Promise((resolve) => setImmediate(resolve));
  const onInterrupt = (): void => {
    // tslab ends the cell with its own "Interrupted" error, so this grid's own reason would be lost
    if (process.env.NN_COURSE_KERNEL === "1")
      console.error(cancelled(title, done, jobs.length).message);
    stop.abort();
  };
  process.on("SIGINT", onInterrupt);

  // WebGL runs in the kernel's browser, one at a time: those jobs stay in this thread
  const here = jobs.filter((j) => mainThread || j.options.backend === "tfjs-webgl");
  const away = jobs.filter((j) => !here.includes(j));
  let bundleSeconds = 0;
  let startupSeconds = 0;
  try {
    const inPool = async (): Promise<void> => {
      if (away.length === 0) return;
      const bundleStart = performance.now();
      const { file, built } = await bundleOnce({
        folder: "grid",
        name: "worker",
        entry: "grid-worker.ts",
        platform: "node",
      });
      if (built) bundleSeconds = (performance.now() - bundleStart) / 1000;
      const poolStart = performance.timeOrigin + performance.now();
      const pool = startPool(file, Math.min(threads, away.length));
      const loaded = new Map<number, number>();
      try {
        await Promise.all(
          away.map(async (job) => {
            let answer: WorkerAnswer | null = null;
            const jobStart = performance.now();
            try {
              answer = (await pool.run(job, { signal: stop.signal })) as WorkerAnswer;
            } catch (error) {
              if (stop.signal.aborted) throw cancelled(title, done, jobs.length);
              // the thread itself failed (out of memory, …): the run's row says so
              record(job.index, errorRow(job, error, (performance.now() - jobStart) / 1000));
              return;
            }
            loaded.set(answer.threadId, answer.loadedAt);
            record(job.index, answer.row);
          }),
        );
      } finally {
        await pool.destroy();
      }
      startupSeconds = Math.max(0, ...Array.from(loaded.values(), (t) => (t - poolStart) / 1000));
    };
    const inThisThread = async (): Promise<void> => {
      for (const job of here) {
        if (stop.signal.aborted) throw cancelled(title, done, jobs.length);
        record(job.index, await runGridJob(job));
        await new Promise((resolve) => setImmediate(resolve)); // let a SIGINT or the display in
      }
    };
    await Promise.all([inPool(), inThisThread()]);
    if (stop.signal.aborted) throw cancelled(title, done, jobs.length);
  } finally {
    process.removeListener("SIGINT", onInterrupt);
    options.signal?.removeEventListener("abort", onAbort);
    progress.stop();
  }

  const result: GridResult = {
    title,
    axes: Object.fromEntries(Object.entries(axes).map(([k, v]) => [k, v.slice()])),
    rows: rows as GridRow[],
    threads,
    seconds: (performance.now() - started) / 1000,
    startupSeconds,
    bundleSeconds,
    fromCache: false,
    computedAt: new Date().toISOString(),
  };
  if (useCache) writeGridCache(key, result);
  progress.finish(result.rows, result, false);
  return result;
}

function cancelled(title: string, done: number, total: number): Error {
  return new Error(
    `grid "${title}": cancelled after ${done} of ${total} runs; nothing was saved (run it again to start over).`,
  );
}

// The parts of piscina used here, typed here (see tfjs/ops.ts for why).
interface Pool {
  run(task: GridJob, options: { signal: AbortSignal }): Promise<unknown>;
  destroy(): Promise<void>;
}
type PiscinaModule = {
  Piscina: new (options: {
    filename: string;
    minThreads: number;
    maxThreads: number;
    idleTimeout: number;
  }) => Pool;
};

function startPool(filename: string, threads: number): Pool {
  const { Piscina } = projectRequire()("piscina") as PiscinaModule;
  // minThreads 0: piscina replaces a thread that ends (as an aborted run's does) to keep its
  // minimum, even after destroy() has returned; with no minimum nothing outlives the grid.
  return new Piscina({ filename, minThreads: 0, maxThreads: threads, idleTimeout: 60_000 });
}

// ---------------------------------------------------------------------------------------------
// The combinations

/** Every combination of the axes, as jobs (the first axis changes slowest); bad input throws. */
export function gridJobs(base: GridBase, axes: GridAxes): GridJob[] {
  checkBase(base);
  if (typeof axes !== "object" || axes === null || Array.isArray(axes)) {
    throw new Error(
      `grid: axes must be an object of setting → values to try, e.g. { eta: [0.1, 0.5], batchSize: [5, 10] } (got ${describe(axes)}).`,
    );
  }
  const names = Object.keys(axes);
  if (names.length === 0) {
    throw new Error("grid: give at least one axis, e.g. { eta: [0.1, 0.3, 0.5] }.");
  }
  for (const name of names) {
    if (!AXIS_NAMES.includes(name)) {
      if ((CALLBACKS as readonly string[]).includes(name)) {
        throw new Error(`grid: ${name} cannot be an axis: a function cannot vary over a grid.`);
      }
      throw Object.assign(unknownName("grid axis", name, AXIS_NAMES), {
        message: `grid: ${unknownName("grid axis", name, AXIS_NAMES).message}`,
      });
    }
    const values = axes[name];
    if (!Array.isArray(values) || values.length === 0) {
      throw new Error(
        `grid: axis ${name} must be a non-empty list of values to try (got ${describe(values)}).`,
      );
    }
    if (name === "data") {
      for (const v of values) {
        if (typeof v !== "string" || !dataSetNames.includes(v as DataSetName)) {
          throw Object.assign(new Error(), {
            message: `grid: axis data: ${unknownName("data set", v, dataSetNames).message}`,
          });
        }
      }
    }
    if (name === "hidden") {
      for (const v of values) {
        const layers = Array.isArray(v) ? v : [v];
        if (!layers.every((h) => Number.isInteger(h) && (h as number) >= 1)) {
          throw new Error(
            `grid: axis hidden takes hidden units, a whole number ≥ 1 or a list of them for several layers (got ${JSON.stringify(v)}).`,
          );
        }
      }
    }
  }
  for (const required of ["eta", "batchSize", "maxEpoch"] as const) {
    if (!(required in axes) && base.options[required] === undefined) {
      throw new Error(
        `grid: every run needs ${required}: put it in the options ({ ${required}: … }) or make it an axis.`,
      );
    }
  }
  const combos = names.reduce<Record<string, GridValue>[]>(
    (acc, name) => acc.flatMap((c) => axes[name].map((v) => ({ ...c, [name]: v }))),
    [{}],
  );
  const savedBase = saveNetwork(base.net);
  const dataByName = new Map<string, DataSet>();
  const shared = new Map<DataSet, DataSet>();
  return combos.map((params, index) => {
    const dataName = params.data as string | undefined;
    if (dataName !== undefined && !dataByName.has(dataName)) {
      dataByName.set(dataName, loadDataSet(dataName as DataSetName).train);
    }
    const data = dataName === undefined ? base.data : (dataByName.get(dataName) as DataSet);
    const rebuild = "hidden" in params || "netSeed" in params || dataName !== undefined;
    const net = rebuild ? saveNetwork(rebuiltNet(base.net, params, data)) : savedBase;
    // (null on an axis leaves that option out: train's default, e.g. decay: [null, { … }])
    const trainParams = Object.fromEntries(
      Object.entries(params).filter(
        ([k, v]) => !(MODEL_AXES as readonly string[]).includes(k) && v !== null,
      ),
    );
    const options = { ...base.options, ...trainParams } as GridTrainOptions;
    options.backend = options.backend ?? backendInUse();
    if (options.backend === "auto") {
      // auto's pick, made here: a worker thread never starts a browser of its own
      options.backend = autoBackend(
        rebuild ? rebuiltNet(base.net, params, data) : base.net,
        options.batchSize,
        webglUnavailable(),
      ).name;
    }
    if (!shared.has(data)) shared.set(data, sharedDataSet(data));
    return { index, params, net, data: shared.get(data) as DataSet, options };
  });
}

/** The base net with another hidden size, starting seed or data set's inputs and outputs. */
function rebuiltNet(base: Network, params: Record<string, GridValue>, data: DataSet): Network {
  const layers = base.sizes.length - 1;
  const hidden =
    params.hidden === undefined
      ? base.sizes.slice(1, -1)
      : Array.isArray(params.hidden)
        ? (params.hidden as number[])
        : [params.hidden as number];
  const sizes = [data.X.cols, ...hidden, data.Y.cols];
  return mlp(sizes, {
    ...(layers > 1 ? { hidden: base.activations[0] } : {}),
    output: base.activations[layers - 1],
    seed: (params.netSeed as number | undefined) ?? 1,
    ...(base.bias === false ? { bias: false } : {}),
  });
}

/** The data in shared memory: every worker reads the same bytes, none copies them. */
function sharedDataSet(data: DataSet): DataSet {
  const share = (M: DataSet["X"]): DataSet["X"] => {
    const copy = new Float64Array(new SharedArrayBuffer(M.data.length * 8));
    copy.set(M.data);
    return { rows: M.rows, cols: M.cols, data: copy };
  };
  return { X: share(data.X), Y: share(data.Y) };
}

function checkBase(base: GridBase): void {
  if (typeof base !== "object" || base === null) {
    throw new Error(
      `grid: the first argument is what every run shares, { net, data, options } (got ${describe(base)}).`,
    );
  }
  for (const key of ["net", "data", "options"] as const) {
    if (typeof base[key] !== "object" || base[key] === null) {
      throw new Error(
        `grid: the first argument needs ${key} ({ net: mlp([1, 4, 1]), data: cobra.train, options: { maxEpoch: 1000 } }); got ${describe(base[key])} for it.`,
      );
    }
  }
  for (const [name, value] of Object.entries(base.options)) {
    if (typeof value === "function") {
      throw new Error(
        `grid: options.${name} is a function, which cannot go to a worker thread; a grid shows its own progress (use the grid's onRow option to follow the runs).`,
      );
    }
  }
  if (typeof base.options.loss === "object" && base.options.loss !== null) {
    throw new Error(
      "grid: a loss of your own cannot go to a worker thread; name one of the lib's losses.",
    );
  }
}
