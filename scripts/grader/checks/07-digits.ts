// Checks for exercises/07-digits.ts (notebook 07 · Handwritten digits 手写数字).
// They test behaviour only: softmax against the formula, its cross-entropy gradient against
// central finite differences of the loss, accuracy and the confusion matrix against counting by
// hand, the convolution against TensorFlow.js's conv2d, and the classifier by training with the
// learner's settings. (Arguments left unchanged: wrap.ts.)

import { classificationAccuracy, loadDigits, mlp, predict, trainAsync } from "../../../lib";
import * as path from "path";
import { projectRoot } from "../../../lib/project";
import { startBackend, tfjs } from "../../../lib/backend";
import { defineExercises } from "../define";
import { expectClose, fail, formatNumber, seededRandom, show, readVector } from "../expect";
import { readSettings } from "../settings";
import { trainedOnce } from "../trained";
import type * as Digit from "../../../solutions/07-digits";

type M = typeof Digit;

const SECTION_SOFTMAX = "07 · The modern way: softmax and cross-entropy 软最大与交叉熵";
const SECTION_WRONG = "07 · What went wrong: the confusion matrix 混淆矩阵";
const SECTION_CONV = "07 · Convolution 卷积";
const SECTION_BUDGET = "07 · A classifier of your own 你的分类器";

// ---------------------------------------------------------------------------------------------
// 07.1 softmax and the cross-entropy gradient

/** log Σ e^{z_j}, without overflow. */
function logSumExp(z: readonly number[]): number {
  const top = Math.max(...z);
  return top + Math.log(z.reduce((s, v) => s + Math.exp(v - top), 0));
}

const softmaxOf = (z: readonly number[]): number[] => {
  const lse = logSumExp(z);
  return z.map((v) => Math.exp(v - lse));
};

/** L(z) = −Σ y_k log softmax(z)_k, computed as Σ y_k (logΣe^z − z_k). */
const crossEntropy = (z: readonly number[], y: readonly number[]): number => {
  const lse = logSumExp(z);
  return z.reduce((s, zk, k) => s + y[k] * (lse - zk), 0);
};

function scoreCases(): { label: string; z: number[] }[] {
  const next = seededRandom(71);
  const random = (n: number, scale: number): number[] =>
    Array.from({ length: n }, () => scale * (2 * next() - 1));
  return [
    { label: "one score", z: [0.3] },
    { label: "three scores", z: [1, 2, 3] },
    { label: "ten random scores", z: random(10, 3) },
    { label: "ten equal scores", z: new Array<number>(10).fill(2.5) },
    { label: "large scores", z: [1000, 1001, 999] },
    { label: "very negative scores", z: [-1000, -1002, -1001, -999] },
    { label: "scores far apart", z: [-1000, 0, 1000] },
  ];
}

function checkSoftmax(m: M): void {
  for (const c of scoreCases()) {
    const what = `softmax(${show(c.z)})`;
    const got = readVector(
      what,
      m.softmax(c.z),
      c.z.length,
      "return one probability per score (z.length of them)",
    );
    const want = softmaxOf(c.z);
    if (
      got.some((v) => typeof v === "number" && !Number.isFinite(v)) &&
      c.z.some((v) => Math.abs(v) > 700)
    ) {
      fail(
        what,
        show(want),
        show(got),
        "Math.exp of a score near 1000 is Infinity, and Infinity/Infinity is NaN: subtract the largest score from every score before exp (it cancels in the fraction; any other constant can leave a score above 709)",
      );
    }
    got.forEach((value, k) =>
      expectClose(`${what}[${k}] (${c.label})`, value, want[k], {
        abs: 1e-12,
        rel: 1e-9,
        about: "(e^{z_k} / Σ_j e^{z_j})",
        hint: "softmax(z)[k] = e^{z_k − max} / Σ_j e^{z_j − max}",
      }),
    );
  }
}

function targetCases(): { label: string; z: number[]; y: number[] }[] {
  const next = seededRandom(72);
  const random = (n: number, scale: number): number[] =>
    Array.from({ length: n }, () => scale * (2 * next() - 1));
  const oneHot = (k: number): number[] => Array.from({ length: 10 }, (_, i) => (i === k ? 1 : 0));
  const soft = random(4, 1).map((v) => Math.exp(v));
  const sum = soft.reduce((s, v) => s + v, 0);
  return [
    { label: "a one-hot target", z: random(10, 2), y: oneHot(3) },
    { label: "another one-hot target", z: random(10, 4), y: oneHot(9) },
    { label: "target probabilities", z: random(4, 2), y: soft.map((v) => v / sum) },
    { label: "the book's targets 0.01/0.99, renormalised", z: random(3, 1), y: [0.98, 0.01, 0.01] },
  ];
}

function checkGradient(m: M): void {
  for (const c of targetCases()) {
    const what = `softmaxCrossEntropyGradient(z, y) (${c.label})`;
    const got = readVector(
      what,
      m.softmaxCrossEntropyGradient(c.z, c.y),
      c.z.length,
      "return ∂L/∂z_k for every score: z.length numbers",
    );
    const p = softmaxOf(c.z);
    c.z.forEach((_, k) => {
      const h = 1e-5;
      const at = (delta: number): number =>
        crossEntropy(
          c.z.map((v, j) => (j === k ? v + delta : v)),
          c.y,
        );
      const slope = (at(h) - at(-h)) / (2 * h);
      expectClose(`${what}[${k}]`, got[k], slope, {
        abs: 1e-7,
        rel: 1e-5,
        about: `(∂L/∂z_${k} by central finite differences)`,
        hint: "∂L/∂z_k = softmax(z)_k − y_k",
        diagnose: (value) =>
          Math.abs(value - (c.y[k] - p[k])) < 1e-9
            ? "the sign is flipped: ∂L/∂z_k = p_k − y_k (the loss grows when z_k grows past its target)"
            : Math.abs(value - (c.z[k] - c.y[k])) < 1e-9
              ? "that is z − y: the gradient subtracts the target from the probabilities p = softmax(z), not from the scores"
              : undefined,
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 07.2 predicted digit, accuracy, confusion matrix

function checkPredictedDigit(m: M): void {
  const cases: [number[], number][] = [
    [[0.1, 0.7, 0.2], 1],
    [[0.9, 0.05, 0.05], 0],
    [[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 0],
    [[0.05, 0.4, 0.1, 0.4, 0.05], 1],
    [[-3, -1, -2], 1],
    [[0.01, 0.02, 0.01, 0.02, 0.01, 0.02, 0.01, 0.02, 0.01, 0.88], 9],
  ];
  for (const [p, want] of cases) {
    const got = m.predictedDigit(p);
    const last = p.lastIndexOf(Math.max(...p));
    expectClose(`predictedDigit(${show(p)})`, got, want, {
      abs: 0,
      rel: 0,
      hint: "the index of the largest number; on a tie the first of them",
      diagnose: (value) =>
        value === last && last !== want
          ? "on a tie take the first largest (compare with >, not ≥)"
          : value === Math.max(...p)
            ? "that is the largest probability itself: return its index (the digit)"
            : undefined,
    });
  }
}

function randomPredictions(seed: number, n: number, classes: number) {
  const next = seededRandom(seed);
  const labels = Array.from({ length: n }, () => Math.floor(next() * classes));
  const P = labels.map((label) => {
    const p = Array.from({ length: classes }, () => next());
    if (next() < 0.6) p[label] += 1; // right about 60% of the time, and more by chance
    const sum = p.reduce((s, v) => s + v, 0);
    return p.map((v) => v / sum);
  });
  return { P, labels };
}

function checkAccuracy(m: M): void {
  for (const [seed, n] of [
    [73, 1],
    [74, 7],
    [75, 200],
  ] as const) {
    const { P, labels } = randomPredictions(seed, n, 10);
    const right = P.filter((p, i) => p.indexOf(Math.max(...p)) === labels[i]).length;
    expectClose(
      `accuracy(P, labels) on ${n} random predictions`,
      m.accuracy(P, labels),
      right / n,
      {
        abs: 1e-12,
        rel: 0,
        about: "(the fraction of rows whose largest probability is at the label)",
        hint: "count the rows whose predicted digit equals the label, then divide by the number of rows",
        diagnose: (value) =>
          value === right && n > 1
            ? "that is how many were right: accuracy is a fraction from 0 to 1 — divide by the number of rows"
            : Math.abs(value - (100 * right) / n) < 1e-9 && right > 0
              ? "that is a percentage: return the fraction (0 … 1)"
              : undefined,
      },
    );
  }
}

function checkConfusion(m: M): void {
  const cases: [number[], number[], number][] = [
    [[1, 1, 0], [1, 0, 0], 2],
    [[0, 2, 2, 1, 2], [0, 1, 2, 1, 0], 3],
  ];
  const { P, labels } = randomPredictions(76, 300, 10);
  cases.push([P.map((p) => p.indexOf(Math.max(...p))), labels, 10]);
  for (const [predicted, actual, classes] of cases) {
    const what = `confusion(predicted, actual, ${classes}) for ${predicted.length} samples`;
    const got = m.confusion(predicted, actual, classes) as unknown;
    const want = Array.from({ length: classes }, (_, a) =>
      Array.from(
        { length: classes },
        (_, p) => predicted.filter((q, i) => q === p && actual[i] === a).length,
      ),
    );
    const rows = Array.isArray(got) ? (got as unknown[]) : [];
    if (rows.length !== classes || rows.some((r) => !Array.isArray(r) || r.length !== classes)) {
      fail(
        what,
        `${classes} rows of ${classes} counts`,
        show(got),
        "one row per true class, one column per predicted class",
      );
    }
    const same = (x: unknown, y: number[][]): boolean => JSON.stringify(x) === JSON.stringify(y);
    if (!same(got, want)) {
      const transposed = want[0].map((_, p) => want.map((row) => row[p]));
      fail(
        what,
        show(want),
        show(got),
        same(got, transposed)
          ? "rows and columns are swapped: counts[actual][predicted] — the row is the true digit"
          : "counts[a][p] += 1 for every sample, a its true class and p the predicted one",
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 07.3 convolution with a stride, against TensorFlow.js

interface ConvApi {
  tidy<R>(fn: () => R): R;
  tensor4d(values: number[], shape: [number, number, number, number]): unknown;
  conv2d(
    x: unknown,
    filter: unknown,
    strides: number,
    pad: "valid",
  ): { shape: number[]; dataSync(): Float32Array };
}

async function tfjsConv(
  image: number[][],
  kernel: number[][],
  stride: number,
): Promise<number[][]> {
  await startBackend("tfjs-cpu");
  const tf = tfjs() as unknown as ConvApi;
  const [H, W, k, l] = [image.length, image[0].length, kernel.length, kernel[0].length];
  return tf.tidy(() => {
    const out = tf.conv2d(
      tf.tensor4d(image.flat(), [1, H, W, 1]),
      tf.tensor4d(kernel.flat(), [k, l, 1, 1]),
      stride,
      "valid",
    );
    const [, rows, cols] = out.shape;
    const values = Array.from(out.dataSync());
    return Array.from({ length: rows }, (_, i) => values.slice(i * cols, (i + 1) * cols));
  });
}

function convCases(): { image: number[][]; kernel: number[][]; stride: number }[] {
  const next = seededRandom(77);
  const rows = (r: number, c: number): number[][] =>
    Array.from({ length: r }, () =>
      Array.from({ length: c }, () => Math.round(20 * next() - 10) / 4),
    );
  return [
    { image: rows(5, 5), kernel: rows(3, 3), stride: 1 },
    { image: rows(7, 7), kernel: rows(3, 3), stride: 2 },
    { image: rows(8, 6), kernel: rows(3, 2), stride: 2 },
    { image: rows(10, 9), kernel: rows(4, 3), stride: 3 },
    { image: rows(28, 28), kernel: rows(5, 5), stride: 4 },
    { image: rows(4, 4), kernel: rows(4, 4), stride: 2 },
  ];
}

async function checkConvolve(m: M): Promise<void> {
  for (const c of convCases()) {
    const [H, W, k, l] = [c.image.length, c.image[0].length, c.kernel.length, c.kernel[0].length];
    const what = `convolve(a ${H}×${W} image, a ${k}×${l} kernel, stride ${c.stride})`;
    const want = await tfjsConv(c.image, c.kernel, c.stride);
    const got = m.convolve(c.image, c.kernel, c.stride) as unknown;
    const [rows, cols] = [want.length, want[0].length];
    const shape = Array.isArray(got)
      ? `${got.length}×${Array.isArray(got[0]) ? (got[0] as unknown[]).length : "?"}`
      : show(got);
    if (
      !Array.isArray(got) ||
      got.length !== rows ||
      got.some((r) => !Array.isArray(r) || r.length !== cols)
    ) {
      const ceil = `${Math.ceil((H - k) / c.stride) + 1}×${Math.ceil((W - l) / c.stride) + 1}`;
      fail(
        what,
        `a ${rows}×${cols} array (⌊(H − k)/stride⌋ + 1 rows, ⌊(W − l)/stride⌋ + 1 columns)`,
        shape,
        shape === ceil
          ? "round down: a last step that would run past the image's edge is not taken (Math.floor)"
          : shape === `${H - k + 1}×${W - l + 1}`
            ? "that is the size for stride 1: with stride s the kernel moves s pixels at a time"
            : "rows = Math.floor((image.length − kernel.length) / stride) + 1, and the same for columns",
      );
    }
    const flipped = c.kernel.map((r) => [...r].reverse()).reverse();
    const byHand = (kernel: number[][], i: number, j: number, s: number): number => {
      let sum = 0;
      kernel.forEach((r, a) => r.forEach((w, b) => (sum += c.image[i * s + a]?.[j * s + b] * w)));
      return sum;
    };
    want.forEach((row, i) =>
      row.forEach((value, j) =>
        expectClose(`${what}[${i}][${j}]`, (got as number[][])[i][j], value, {
          abs: 1e-4,
          rel: 1e-5,
          about: "(TensorFlow.js's conv2d, float32)",
          hint: "out[i][j] = Σ_a Σ_b image[i·stride + a][j·stride + b] · kernel[a][b]",
          diagnose: (v) =>
            Math.abs(v - byHand(flipped, i, j, c.stride)) < 1e-9 && Math.abs(v - value) > 1e-3
              ? "the kernel is flipped (the mathematicians' convolution): the libraries do not flip it — kernel[a][b] multiplies image[i·stride + a][j·stride + b]"
              : undefined,
        }),
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// 07.4 a classifier of your own, trained with the learner's settings

const BUDGET = {
  goal: 0.93,
  settings: {
    hidden: { whole: [1, 100], note: "the grader's training budget" },
    activation: { oneOf: ["sigmoid", "tanh", "relu"], kind: "activations" },
    eta: { rate: true },
    batchSize: { whole: [16, 500] },
    epochs: { whole: [1, 5], note: "the grader's training budget" },
    optimizer: { oneOf: ["sgd", "momentum", "rmsprop", "adam"], kind: "optimizers" },
  },
} as const;

const CHECKS_FILE = path.join(projectRoot(), "scripts", "grader", "checks", "07-digits.ts");

async function checkClassifier(m: M): Promise<void> {
  const { hidden, activation, eta, batchSize, epochs, optimizer } =
    readSettings<Digit.DigitSettings>("digitSettings", m.digitSettings, BUDGET.settings);

  const settings = { hidden, activation, eta, batchSize, epochs, optimizer };
  // seconds of training: measured once per settings and lib (trained.ts)
  const { status, reason, accuracy } = await trainedOnce(
    "07.4",
    CHECKS_FILE,
    settings,
    async () => {
      const digits = loadDigits();
      const result = await trainAsync(
        mlp([784, hidden, 10], { hidden: activation, output: "softmax" }),
        digits.train,
        {
          eta,
          batchSize,
          maxEpoch: epochs,
          checkEvery: epochs,
          validation: 0,
          optimizer,
          backend: "tfjs-wasm",
        },
      );
      const P = predict(result.net, digits.test.X);
      return {
        status: result.status,
        reason: result.reason,
        accuracy: classificationAccuracy(P, digits.test.Y),
      };
    },
  );
  if (status === "diverged") {
    fail(
      "training with digitSettings",
      "a run that converges",
      `it diverged: ${reason}`,
      "η is too large: try 0.001–0.01 with adam, or 0.1 with sgd",
    );
  }
  if (!(accuracy >= BUDGET.goal)) {
    fail(
      "the test accuracy of the classifier trained with digitSettings",
      `≥ ${formatNumber(100 * BUDGET.goal)}% of the 2,000 test digits`,
      `${formatNumber(100 * accuracy)}%`,
      accuracy < 0.85
        ? "far off: is η right for the optimizer (adam wants about 0.001–0.01, sgd about 0.1)? and at least 64 hidden units"
        : "close: all 5 epochs, adam, 100 hidden units",
    );
  }
}

// ---------------------------------------------------------------------------------------------

export const checks = defineExercises<M>({
  file: "07-digits",
  title: "Handwritten digits 手写数字",
  notebook: "notebooks/07-digits.ipynb",
  exercises: [
    {
      id: "07.1",
      title: "softmax and its cross-entropy gradient",
      section: SECTION_SOFTMAX,
      hints: [
        "softmax: exponentiate every score and divide by their sum. To keep e^z finite, subtract the largest score from every score first — the fraction does not change.",
        "The gradient needs no loop over the loss: with p = softmax(z), ∂L/∂z_k = p_k − y_k (the targets sum to 1).",
        "const top = Math.max(...z); const e = z.map((v) => Math.exp(v − top)); const sum = …; return e.map((v) => v / sum); — and the gradient: softmax(z).map((p, k) => p − y[k]).",
      ],
      checks: [
        { name: "softmax on seven score vectors, large ones included", run: checkSoftmax },
        {
          name: "the gradient matches finite differences of the cross-entropy",
          points: 2,
          run: checkGradient,
        },
      ],
    },
    {
      id: "07.2",
      title: "accuracy and the confusion matrix",
      section: SECTION_WRONG,
      hints: [
        "predictedDigit: walk the probabilities and keep the index of the largest so far; replace it only when a later one is strictly larger.",
        "accuracy: the number of rows with predictedDigit(P[i]) === labels[i], divided by P.length. confusion: start from classes × classes zeros and add one at [actual[i]][predicted[i]] for every sample.",
        "const counts = Array.from({ length: classes }, () => new Array(classes).fill(0)); predicted.forEach((p, i) => counts[actual[i]][p]++); return counts;",
      ],
      checks: [
        { name: "predictedDigit, ties included", run: checkPredictedDigit },
        { name: "accuracy on random predictions", run: checkAccuracy },
        {
          name: "the confusion matrix: rows the truth, columns the prediction",
          run: checkConfusion,
        },
      ],
    },
    {
      id: "07.3",
      title: "a convolution with a stride",
      section: SECTION_CONV,
      hints: [
        "First the output's size: ⌊(H − k)/stride⌋ + 1 rows and ⌊(W − l)/stride⌋ + 1 columns. Then one number per output position.",
        "Output (i, j) covers the patch whose top-left pixel is (i·stride, j·stride): out[i][j] = Σ_a Σ_b image[i·stride + a][j·stride + b]·kernel[a][b].",
        "Four loops: i over the output rows, j over its columns, a over the kernel's rows, b over its columns. Do not flip the kernel.",
      ],
      checks: [
        {
          name: "convolve on six images, strides 1 to 4, against TensorFlow.js's conv2d",
          points: 2,
          timeoutMs: 20_000,
          run: checkConvolve,
        },
      ],
    },
    {
      id: "07.4",
      title: `a classifier with ≥ ${100 * BUDGET.goal}% test accuracy within the budget`,
      section: SECTION_BUDGET,
      hints: [
        "Start from the notebook's softmax cell: it prints the test accuracy of a 784-100-10 net for its settings. Try yours there first.",
        "adam with η around 0.003–0.01 learns the digits quickly; 100 hidden units; mini-batches of 32–100; all 5 epochs.",
        "hidden 100, activation 'relu', eta 0.005, batchSize 100, epochs 5, optimizer 'adam' reaches about 94% (in about 10 s).",
      ],
      checks: [
        {
          name: `the classifier's test accuracy is at least ${100 * BUDGET.goal}%`,
          points: 2,
          timeoutMs: 120_000,
          run: checkClassifier,
        },
      ],
    },
  ],
});
