// Checks for exercises/05-hyperparameters.ts: the lecture's in-class assignment (作业二), a 4×4
// table of training runs on the cobra curve. Each filled-in cell is compared with the same run
// done with the lib (same data, same initial weights, same seed); one point per cell (partial
// credit). The 16 runs are done once, by `tsx scripts/grader/cli.ts expected 05`, and committed in
// 05-hyperparameters.expected.json; test/grading/expected.test.ts redoes them and fails when a
// change to lib/ or data/ changes them.

import { evaluate, loadDataSet, mlp, polynomialFeatures, train } from "../../../lib";
import { committedExpected } from "../expected";
import { defineExercises, tableExercise } from "../define";
import { fail, formatNumber, isClose, show } from "../expect";
import { checkPolynomialFeatures } from "../polynomial-features";
import { readSettings } from "../settings";
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

// ---------------------------------------------------------------------------------------------
// 05.2: the grader trains with the learner's settings (at most 20,000 epochs: a few seconds) on
// the lib's own features, so that the settings are graded apart from the features.

const FIFTH = { target: 0.0044, best: 0.00425, maxEpochCap: 20_000 } as const;

function checkFifthDegreeSettings(m: M): void {
  const what = "fifthDegree";
  const s = readSettings<M["fifthDegree"]>(what, m.fifthDegree, {
    eta: { rate: true },
    batchSize: { whole: [1, 1000], note: "the cobra training set has 1000 samples" },
    maxEpoch: { whole: [1, FIFTH.maxEpochCap], note: "the grader's time budget" },
  });
  const { eta, batchSize, maxEpoch } = s;
  const decay = s.decay ?? undefined;
  const data = loadDataSet("cobra");
  let result;
  try {
    result = train(
      mlp([5, 1]),
      { X: polynomialFeatures(data.train.X, 5), Y: data.train.Y },
      {
        eta,
        batchSize,
        maxEpoch,
        ...(decay === undefined ? {} : { decay: decay as never }),
        checkEvery: maxEpoch,
        validation: 0,
      },
    );
  } catch (error) {
    fail(what, "settings train accepts", (error as Error).message, "fix the setting it names");
  }
  if (result.status === "diverged") {
    fail(
      "training with fifthDegree",
      "a run that converges",
      `it diverged: ${result.reason}`,
      "η is too large for these features: try 1 or less (with decay, the start can be larger)",
    );
  }
  const loss = evaluate(result.net, {
    X: polynomialFeatures(data.test.X, 5),
    Y: data.test.Y,
  }).loss;
  if (!(loss <= FIFTH.target)) {
    fail(
      "the cobra test loss after training with fifthDegree",
      `≤ ${FIFTH.target} (the best degree 5 can do: ${FIFTH.best})`,
      formatNumber(loss),
      decay === undefined
        ? "a fixed η leaves the weights wherever the last noisy step put them: add decay, e.g. { rate: 0.01, steps: (all the mini-batch steps of the run) }, or change η, batchSize and maxEpoch"
        : "let η shrink over the whole run (steps ≈ maxEpoch × 1000 / batchSize), and start with η about 0.5 to 1",
    );
  }
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
    {
      id: "05.2",
      title: "a 5th-degree polynomial for the cobra curve (作业)",
      section: "05 · A 5th-degree polynomial 五次多项式",
      hints: [
        "cobraFeatures5 is notebook 04's polyFeatures for degree 5: an n×5 matrix whose row i is [x, x², x³, x⁴, x⁵] (matrix(X.rows, 5) is all zeros to start).",
        "Try settings in the notebook with a small grid over eta and batchSize (the grid tool of this notebook), printing the test loss of each; 0.0044 is close to the best possible, so the last steps must be small.",
        "Learning-rate decay does it: eta 1, batchSize 10, maxEpoch 5000 and decay { rate: 0.01, steps: 500000 } (100 steps an epoch × 5000 epochs) shrink η to a hundredth by the end.",
      ],
      checks: [
        {
          name: "cobraFeatures5(X) is [x, x², x³, x⁴, x⁵] per row",
          points: 1,
          run: (m) => {
            checkPolynomialFeatures(
              "cobraFeatures5(X)",
              (X) => m.cobraFeatures5(X),
              [0, 1, -1, 0.5, 2, -0.37, 0.91],
              5,
            );
            checkPolynomialFeatures("cobraFeatures5(X)", (X) => m.cobraFeatures5(X), [0.25], 5);
          },
        },
        {
          name: `training with fifthDegree reaches a cobra test loss ≤ ${FIFTH.target}`,
          points: 2,
          timeoutMs: 30_000,
          run: (m) => checkFifthDegreeSettings(m),
        },
      ],
    },
  ],
});
