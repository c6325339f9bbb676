// Checks for exercises/05-hyperparameters.ts: the lecture's in-class assignment (作业二), a 4×4
// table of training runs on the cobra curve. Each filled-in cell is compared with the same run
// done with the lib (same data, same initial weights, same seed); one point per cell (partial
// credit). The 16 runs are done once, by `tsx scripts/grader/cli.ts expected 05`, and committed in
// 05-hyperparameters.expected.json; test/grading/expected.test.ts redoes them and fails when a
// change to lib/ or data/ changes them.

import { loadDataSet, mlp, train } from "../../../lib";
import { committedExpected } from "../expected";
import { defineExercises, tableExercise } from "../define";
import { fail, formatNumber, isClose, show } from "../expect";
import type * as Hyperparameters from "../../../solutions/05-hyperparameters";

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

interface CellResult {
  epochs: number;
  loss: number;
  accuracy: number;
  status: string;
}

/** One cell's training run, exactly as the exercise file tells the learner to run it. */
function runCell(batchSize: number, eta: number): CellResult {
  const data = loadDataSet(SETTINGS.dataSet);
  const net = mlp([1, SETTINGS.hidden, 1]);
  const result = train(net, data.train, {
    eta,
    batchSize,
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

export interface Expected {
  settings: typeof SETTINGS & { batchSizes: number[]; etas: number[] };
  /** cells[row][col]: batchSizes[row] with etas[col]. */
  cells: CellResult[][];
}

/** The expected table: all 16 runs (what `cli.ts expected 05` writes to the JSON file). */
export function computeExpected(): Expected {
  return {
    settings: { ...SETTINGS, batchSizes, etas },
    cells: batchSizes.map((batchSize) => etas.map((eta) => runCell(batchSize, eta))),
  };
}

const expected = committedExpected<Expected>("05-hyperparameters");

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
      expected: (row, col) => expected().cells[row][col],
      timeoutMs: 300_000,
      gradeCell: (got, expected, where) => {
        const cell = (typeof got === "object" && got !== null ? got : {}) as Record<
          string,
          unknown
        >;
        const { epochs, loss, accuracy } = cell;
        // (written so that NaN fails too: NaN > 50 is false, but NaN ≤ 50 is false as well)
        if (
          typeof epochs !== "number" ||
          !(Math.abs(epochs - expected.epochs) <= SETTINGS.checkEvery)
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
