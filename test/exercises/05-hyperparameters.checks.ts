// Checks for exercises/05-hyperparameters.ts: the lecture's in-class assignment (作业二), a 4×4
// table of training runs on the cobra curve. Each filled-in cell is recomputed with the lib (same
// data, same initial weights, same seed) and compared; one point per cell (partial credit).
// Recomputations run in parallel processes and are cached in node_modules/.cache (keyed by the
// lib's source, the data and Node's version), so a re-grade is instant.

import * as path from "path";
import { loadDataSet, mlp, train } from "../../lib";
import { cached, fingerprint } from "../../scripts/grader/cache";
import { defineExercises, tableExercise } from "../../scripts/grader/define";
import { fail, formatNumber, isClose, show } from "../../scripts/grader/expect";
import { inProcess } from "../../scripts/grader/parallel";
import { findRoot } from "../../scripts/grader/paths";
import type * as Hyperparameters from "../../solutions/05-hyperparameters";

type M = typeof Hyperparameters;

// The assignment's settings (the exercise file states them for the learner; these are the ones
// graded, whatever the learner's file says).
const batchSizes = [2, 5, 10, 15];
const etas = [0.1, 0.3, 0.5, 0.7];
const SETTINGS = {
  dataSet: "cobra",
  hidden: 4,
  maxEpoch: 10_000,
  eps: 0.001,
  checkEvery: 50,
} as const;

export interface CellResult {
  epochs: number;
  loss: number;
  accuracy: number;
  status: string;
}

/** One cell's training run, exactly as the exercise file tells the learner to run it. */
export function runCell(job: { batchSize: number; eta: number }): CellResult {
  const data = loadDataSet(SETTINGS.dataSet);
  const net = mlp([1, SETTINGS.hidden, 1]);
  const result = train(net, data.train, {
    eta: job.eta,
    batchSize: job.batchSize,
    maxEpoch: SETTINGS.maxEpoch,
    eps: SETTINGS.eps,
    checkEvery: SETTINGS.checkEvery,
  });
  return {
    epochs: result.epochs,
    loss: result.final.validationLoss ?? NaN,
    accuracy: result.final.validationAccuracy ?? NaN,
    status: result.status,
  };
}

const running = new Map<string, Promise<CellResult>>();

/** The cell's run: from the cache, or computed in a separate process (several at a time). */
export function expectedCell(row: number, col: number): Promise<CellResult> {
  const job = { batchSize: batchSizes[row], eta: etas[col] };
  const id = `${job.batchSize}/${job.eta}`;
  let promise = running.get(id);
  if (!promise) {
    const root = findRoot();
    const key = `05-hyperparameters ${fingerprint(root, ["lib", "data"])} ${JSON.stringify({ ...SETTINGS, ...job })}`;
    const checksFile = path.join(root, "test", "exercises", "05-hyperparameters.checks.ts");
    promise = cached(root, key, () => inProcess<CellResult>(root, checksFile, "runCell", job));
    promise.catch(() => undefined); // awaited (and reported) by the cell's check
    running.set(id, promise);
  }
  return promise;
}

const HOW =
  "run train with exactly the settings in the file's header (the same mlp([1, 4, 1]) for every run, eps 0.001, checkEvery 50, as in the lecture) and copy the result";

export const checks = defineExercises<M>({
  file: "05-hyperparameters",
  title: "Hyper-parameters 超参数",
  notebook: "notebooks/05-hyperparameters.ipynb",
  exercises: [
    tableExercise<M, CellResult>({
      id: "05.1",
      title: "the batch size × learning rate table (作业二)",
      section: "05 · Hyper-parameters 超参数",
      hints: [
        "Fill in one cell at a time: pick batchSize and eta, run the training cell of the notebook with them, and copy result.epochs, result.final.validationLoss and result.final.validationAccuracy.",
        'Use a fresh mlp([1, 4, 1]) for every run (it always starts from the same weights: seed 1) and train(net, data.train, { eta, batchSize, maxEpoch: 10000, eps: 0.001, checkEvery: 50 }) with data = loadDataSet("cobra"). A run that never reaches eps stops at 10000 epochs: write 10000.',
        "Rows are batch sizes (2, 5, 10, 15) from top to bottom, columns are learning rates (0.1, 0.3, 0.5, 0.7) from left to right: table[1][2] is batchSize 5 with eta 0.5. A loop over both lists that prints each result saves copying by hand.",
      ],
      rows: { name: "batchSize", values: batchSizes },
      cols: { name: "eta", values: etas },
      cells: (m) => m.table,
      isEmpty: (cell) => {
        const c = cell as Record<string, unknown>;
        return c.epochs === null && c.loss === null && c.accuracy === null;
      },
      prefetch: (filled) => filled.forEach(({ row, col }) => void expectedCell(row, col)),
      compute: expectedCell,
      timeoutMs: 300_000,
      gradeCell: (got, expected, where) => {
        const cell = (typeof got === "object" && got !== null ? got : {}) as Record<
          string,
          unknown
        >;
        const { epochs, loss, accuracy } = cell;
        if (
          typeof epochs !== "number" ||
          Math.abs(epochs - expected.epochs) > SETTINGS.checkEvery
        ) {
          fail(
            `${where}: epochs`,
            `the epochs this run needs to reach eps = ${SETTINGS.eps} (±${SETTINGS.checkEvery}; 10000 when it never does)`,
            show(epochs),
            HOW,
          );
        }
        if (typeof loss !== "number" || !isClose(loss, expected.loss, { abs: 0, rel: 0.02 })) {
          fail(`${where}: loss`, "the run's final validation loss (±2%)", show(loss), HOW);
        }
        if (
          typeof accuracy !== "number" ||
          !isClose(accuracy, expected.accuracy, { abs: 0.002, rel: 0 })
        ) {
          fail(
            `${where}: accuracy`,
            `the run's final validation accuracy (±${formatNumber(0.002)})`,
            show(accuracy),
            HOW,
          );
        }
      },
    }),
  ],
});
