// Checks for exercises/04-sine-fit.ts (notebook 04 · Polynomial vs. two-layer network 正弦曲线拟合).
// They test behaviour only: features against the powers of x, the learner's polynomial network by
// its loss on the sine's test set, the hidden size against the runs of 1-H-1 for H = 1 … 8 (done
// once by `tsx scripts/grader/cli.ts expected 04`, committed in 04-sine-fit.expected.json, redone
// by test/grading/expected.test.ts), and contributions against the network's own prediction on
// random networks.

import {
  column,
  evaluate,
  loadDataSet,
  mlp,
  type Network,
  polynomialFeatures,
  predict,
  train,
} from "../../../lib";
import { committedExpected } from "../expected";
import { checkPolynomialFeatures } from "../polynomial-features";
import { defineExercises } from "../define";
import { expectClose, fail, formatNumber, isClose, seededRandom, show } from "../expect";
import type * as SineFit from "../../../solutions/04-sine-fit";

type M = typeof SineFit;

const SECTION_POLY = "04 · Polynomial regression 多项式回归";
const SECTION_NET = "04 · Why it works 万能近似定理";

// ---------------------------------------------------------------------------------------------
// 04.1

function checkFeatures(m: M, xs: number[], degree: number): void {
  checkPolynomialFeatures(
    `polyFeatures(X, ${degree})`,
    (X) => m.polyFeatures(X, degree),
    xs,
    degree,
  );
}

// ---------------------------------------------------------------------------------------------
// 04.2

const SINE_TEST_LOSS = 0.005;

function checkSinePolynomial(net: Network): void {
  if (typeof net !== "object" || net === null || !Array.isArray((net as Network).sizes)) {
    fail("fitSinePolynomial()", "a trained Network (result.net)", show(net), "return train(…).net");
  }
  if (net.sizes.length !== 2 || net.sizes[0] !== 3 || net.sizes[1] !== 1) {
    fail(
      "fitSinePolynomial()",
      "a one-layer network with sizes [3, 1] (inputs x, x², x³; one output)",
      `sizes [${net.sizes.join(", ")}]`,
      "polynomial regression of degree 3 is mlp([3, 1]) on the features [x, x², x³]",
    );
  }
  const output = net.activations[0]?.name;
  if (output !== "identity") {
    fail(
      "fitSinePolynomial()",
      "a linear (identity) output",
      `${String(output)}`,
      "regression has no output activation: mlp([3, 1]) gives identity by default",
    );
  }
  const { test } = loadDataSet("sine");
  const loss = evaluate(net, { X: polynomialFeatures(test.X, 3), Y: test.Y }).loss;
  if (!(loss <= SINE_TEST_LOSS)) {
    fail(
      "your polynomial's loss on the sine's test set",
      `≤ ${SINE_TEST_LOSS}`,
      formatNumber(loss),
      "train until the training loss is below 0.005: eta 0.2, batchSize 10, eps 0.005, maxEpoch 10000 (it takes about 2000 epochs); features in the order [x, x², x³]",
    );
  }
}

// ---------------------------------------------------------------------------------------------
// 04.3: the lecture's settings, exactly as the exercise file states them

const COBRA = {
  eta: 0.5,
  batchSize: 10,
  maxEpoch: 10_000,
  eps: 0.001,
  checkEvery: 50,
} as const;
const R2_NEEDED = 0.95;

interface HiddenRun {
  hidden: number;
  r2: number;
  epochs: number;
}

/** The hidden sizes whose runs are committed: the answer is among them. */
const HIDDEN_SIZES = [1, 2, 3, 4, 5, 6, 7, 8];

/** One 1-H-1 run on the cobra curve, as the exercise file tells the learner to run it. */
function runHidden(hidden: number): HiddenRun {
  const data = loadDataSet("cobra");
  const result = train(mlp([1, hidden, 1]), data.train, { ...COBRA });
  return { hidden, r2: evaluate(result.net, data.test).accuracy, epochs: result.epochs };
}

export interface Expected {
  settings: typeof COBRA;
  runs: HiddenRun[];
}

/** The committed runs (what `cli.ts expected 04` writes to the JSON file). */
export function computeExpected(): Expected {
  return { settings: COBRA, runs: HIDDEN_SIZES.map(runHidden) };
}

const expected = committedExpected<Expected>("04-sine-fit");

function checkHiddenSize(answer: unknown): void {
  const what = "smallestHiddenSize()";
  if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 1 || answer > 32) {
    fail(
      what,
      "a whole number of hidden units between 1 and 32",
      show(answer),
      "return the H you found, e.g. return 5;",
    );
  }
  const runOf = (H: number): HiddenRun | undefined => expected().runs.find((r) => r.hidden === H);
  const mine = runOf(answer);
  const largest = expected().runs[expected().runs.length - 1];
  if (!mine) {
    // Beyond the committed runs, which already include a size that reaches the target.
    fail(
      what,
      "the smallest H that reaches the target",
      `${answer}, but 1-${largest.hidden}-1 also reaches R² ≥ ${R2_NEEDED}`,
      "try smaller H as well: the lecture's point is how few units are enough",
    );
  }
  const smaller = answer > 1 ? runOf(answer - 1) : undefined;
  if (!(mine.r2 >= R2_NEEDED)) {
    fail(
      `1-${answer}-1 on the cobra curve`,
      `a test R² ≥ ${R2_NEEDED}`,
      `R² = ${mine.r2.toFixed(3)} (after ${mine.epochs} epochs)`,
      "too few hidden units: try larger H (train each H with exactly the settings in the exercise file)",
    );
  }
  if (smaller && smaller.r2 >= R2_NEEDED) {
    fail(
      what,
      "the smallest H that reaches the target",
      `${answer}, but 1-${answer - 1}-1 also reaches R² ≥ ${R2_NEEDED}`,
      "try smaller H as well: the lecture's point is how few units are enough",
    );
  }
}

// ---------------------------------------------------------------------------------------------
// 04.4

function randomNet(next: () => number, hidden: number, seed: number): Network {
  const net = mlp([1, hidden, 1], { seed });
  // Trained nets have biases and large weights: give the random ones some too.
  for (let j = 0; j < hidden; j++) {
    net.W[0].data[j] = 12 * (2 * next() - 1);
    net.B[0].data[j] = 6 * (2 * next() - 1);
    net.W[1].data[j] = 3 * (2 * next() - 1);
  }
  net.B[1].data[0] = 2 * next() - 1;
  return net;
}

function checkContributions(m: M): void {
  const next = seededRandom(44);
  const sig = (z: number): number => 1 / (1 + Math.exp(-z));
  [1, 2, 3, 5].forEach((hidden, n) => {
    const net = randomNet(next, hidden, 10 + n);
    const xs = [0, 1, 0.5, next(), next(), -0.3, 1.4];
    const prediction = predict(net, column(xs));
    const b2 = net.B[1].data[0];
    xs.forEach((x, i) => {
      const what = `hiddenContributions(a random 1-${hidden}-1 net, ${formatNumber(x)})`;
      const c = m.hiddenContributions(net, x) as unknown;
      if (!Array.isArray(c) || c.length !== hidden || c.some((v) => typeof v !== "number")) {
        fail(
          what,
          `${hidden} numbers, one per hidden unit`,
          show(c),
          "return an array with one contribution per hidden unit (W1.cols of them)",
        );
      }
      const values = c as number[];
      values.forEach((v, j) => {
        const a = sig(x * net.W[0].data[j] + net.B[0].data[j]);
        expectClose(`${what}[${j}]`, v, net.W[1].data[j] * a, {
          abs: 1e-9,
          rel: 1e-9,
          about: `(w2_${j} · sigmoid(x·w1_${j} + b1_${j}))`,
          diagnose: (got) =>
            isClose(got, a, { abs: 1e-9, rel: 1e-9 })
              ? "that is the unit's activation a_j alone: multiply it by its output weight w2_j"
              : isClose(got - b2 / hidden, net.W[1].data[j] * a, { abs: 1e-9, rel: 1e-9 })
                ? "that includes a share of the output bias b2: leave b2 out of the contributions"
                : undefined,
          hint: "unit j's share of the output: its activation times its weight in W2",
        });
      });
      const total = values.reduce((s, v) => s + v, 0) + b2;
      expectClose(`${what}: the contributions + b2`, total, prediction.data[i], {
        abs: 1e-9,
        rel: 1e-9,
        about: "(the network's own prediction at x)",
        diagnose: (got) =>
          isClose(got - b2, prediction.data[i], { abs: 1e-9, rel: 1e-9 })
            ? "the contributions already include b2: leave the output bias out of them"
            : undefined,
        hint: "c_j = w2_j · sigmoid(x·w1_j + b1_j); together with b2 they must add up to predict(net, x)",
      });
    });
  });
}

export const checks = defineExercises<M>({
  file: "04-sine-fit",
  title: "Polynomial vs. two-layer network 正弦曲线拟合",
  notebook: "notebooks/04-sine-fit.ipynb",
  exercises: [
    {
      id: "04.1",
      title: "polynomial features x, x², …",
      section: SECTION_POLY,
      hints: [
        "Make an n×degree matrix (matrix(X.rows, degree) is all zeros) and fill row i with the powers of x = X.data[i].",
        "Keep a running power: start with p = x, store it in column 0, then p = p·x for column 1, and so on. Element (i, k) lives at data[i * degree + k].",
        "Column k holds x^(k+1): there is no column of ones (x⁰) — the network's bias B is the constant term.",
      ],
      checks: [
        {
          name: "values and shapes for degrees 1, 2, 3 and 8",
          points: 2,
          run: (m) => {
            const xs = [0, 1, -1, 0.5, 2, -0.37, 0.91];
            for (const degree of [1, 2, 3, 8]) checkFeatures(m, xs, degree);
            checkFeatures(m, [0.25], 4);
          },
        },
      ],
    },
    {
      id: "04.2",
      title: "a degree-3 polynomial that fits the sine",
      section: SECTION_POLY,
      hints: [
        "The notebook's degree-3 cell does this: features polyFeatures(train.X, 3) (or polynomialFeatures), a network mlp([3, 1]), train, return result.net.",
        "Use the lecture's settings: eta 0.2, batchSize 10, maxEpoch 10000, eps 0.005, checkEvery 10, and validation: 0 (the loss is checked on the whole training set).",
        "If the loss stays near 0.1, the features are probably [x, x²] only, or not in the order [x, x², x³]; the grader builds the test features with polynomialFeatures(test.X, 3).",
      ],
      checks: [
        {
          name: `its loss on the sine's test set is ≤ ${SINE_TEST_LOSS}`,
          points: 2,
          timeoutMs: 20_000,
          run: (m) => checkSinePolynomial(m.fitSinePolynomial()),
        },
      ],
    },
    {
      id: "04.3",
      title: "the smallest hidden size for the cobra curve",
      section: "04 · The cobra curve needs 1-3-1 复杂曲线",
      hints: [
        "Loop over H = 1, 2, 3, … in the notebook, train each 1-H-1 net with exactly the settings in the exercise file, and print evaluate(result.net, data.test).accuracy.",
        "The first H whose test R² is at least 0.95 is the answer; return it as a number. (A run that never reaches eps stops after 10000 epochs: that is part of the experiment.)",
      ],
      checks: [
        {
          name: "your H reaches test R² ≥ 0.95 and H − 1 does not",
          points: 2,
          timeoutMs: 120_000,
          run: (m) => checkHiddenSize(m.smallestHiddenSize()),
        },
      ],
    },
    {
      id: "04.4",
      title: "each hidden unit's contribution to the output",
      section: SECTION_NET,
      hints: [
        "For unit j: z = x·W1.data[j] + B1.data[j] (W1 is 1×H, so its entries are W1.data[0 … H−1]), a = sigmoid.f(z), and the contribution is W2.data[j]·a (W2 is H×1).",
        "Return the H contributions as an array. Leave the output bias b2 out: the grader adds it and compares with predict(net, x).",
      ],
      checks: [
        {
          name: "contributions add up to the prediction on random nets",
          points: 2,
          run: (m) => checkContributions(m),
        },
      ],
    },
  ],
});
