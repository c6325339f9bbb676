// Checks for exercises/03-backprop.ts (notebook 03 · Back-propagation 反向传播).
// They test behaviour only: the forward pass against its formulas (written here as plain loops),
// every gradient against central finite differences of the loss, one step against
// W − η·(finite-difference gradient), arguments left unchanged, and a trained XOR network by its
// answers on the four points.

import { type Matrix, type Network, predict, xorOneHot } from "../../../lib";
import { defineExercises } from "../define";
import { fail, formatNumber, isClose, seededRandom, show } from "../expect";
import type * as Backprop from "../../../solutions/03-backprop";

type M = typeof Backprop;
type Rows = number[][];

const SECTION_MATRIX = "03 · The matrix form 矩阵形式";
const NAMES = ["W1", "B1", "W2", "B2"] as const;
type Name = (typeof NAMES)[number];

// ---------------------------------------------------------------------------------------------
// The definitions, as plain loops over arrays of rows.

const sig = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));

function mul(A: Rows, B: Rows): Rows {
  return A.map((r) => B[0].map((_, j) => r.reduce((s, a, k) => s + a * B[k][j], 0)));
}

function plusRow(A: Rows, b: Rows): Rows {
  return A.map((r) => r.map((v, j) => v + b[0][j]));
}

interface Net {
  W1: Rows;
  B1: Rows;
  W2: Rows;
  B2: Rows;
}

function forwardRef(p: Net, X: Rows): { Z1: Rows; A1: Rows; Z2: Rows } {
  const Z1 = plusRow(mul(X, p.W1), p.B1);
  const A1 = Z1.map((r) => r.map(sig));
  const Z2 = plusRow(mul(A1, p.W2), p.B2);
  return { Z1, A1, Z2 };
}

function lossRef(p: Net, X: Rows, Y: Rows): number {
  const { Z2 } = forwardRef(p, X);
  let s = 0;
  Z2.forEach((r, i) => r.forEach((z, j) => (s += (z - Y[i][j]) ** 2)));
  return s / (2 * X.length);
}

/** ∂loss/∂p[name][i][j] for every entry, by central finite differences. */
function numericGradient(p: Net, X: Rows, Y: Rows, name: Name, h = 1e-6): Rows {
  return p[name].map((r, i) =>
    r.map((_, j) => {
      const at = (delta: number): number => {
        const q: Net = { W1: p.W1, B1: p.B1, W2: p.W2, B2: p.B2 };
        q[name] = p[name].map((row, a) => row.map((v, b) => (a === i && b === j ? v + delta : v)));
        return lossRef(q, X, Y);
      };
      return (at(h) - at(-h)) / (2 * h);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Random problems of several shapes, as the learner's Matrix type

function toMatrix(rows: Rows): Matrix {
  return { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) };
}

function randomRows(next: () => number, rows: number, cols: number, scale: number): Rows {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => scale * (2 * next() - 1)),
  );
}

interface Problem {
  label: string;
  net: Net;
  X: Rows;
  Y: Rows;
}

function problems(seed: number): Problem[] {
  const next = seededRandom(seed);
  const shapes: [number, number, number, number][] = [
    // m samples, n inputs, h hidden, k outputs
    [5, 1, 3, 1], // the lecture's 1-3-1 regression net
    [4, 2, 3, 2], // XOR-sized 2-3-2
    [7, 3, 4, 2],
    [1, 2, 2, 1], // a single sample
  ];
  return shapes.map(([m, n, h, k]) => ({
    label: `a ${n}-${h}-${k} net on ${m} sample${m === 1 ? "" : "s"}`,
    net: {
      W1: randomRows(next, n, h, 1.5),
      B1: randomRows(next, 1, h, 0.5),
      W2: randomRows(next, h, k, 1.5),
      B2: randomRows(next, 1, k, 0.5),
    },
    X: randomRows(next, m, n, 1),
    Y: randomRows(next, m, k, 1),
  }));
}

function asParams(net: Net): Backprop.Params2 {
  return { W1: toMatrix(net.W1), B1: toMatrix(net.B1), W2: toMatrix(net.W2), B2: toMatrix(net.B2) };
}

// ---------------------------------------------------------------------------------------------
// Reading what the learner returned

/** The learner's matrix as rows: a Matrix { rows, cols, data } or an array of rows, of the right shape. */
function readMatrix(what: string, value: unknown, rows: number, cols: number, hint: string): Rows {
  const want = `a ${rows}×${cols} matrix`;
  if (value === undefined) fail(what, want, "undefined", "did you forget to return it?");
  if (Array.isArray(value) && value.every((r) => Array.isArray(r))) {
    const got = value as unknown[][];
    if (got.length !== rows || got.some((r) => r.length !== cols)) {
      fail(what, want, `${got.length}×${(got[0] ?? []).length} rows`, hint);
    }
    return got.map((r) => r.map((v) => v as number));
  }
  const M = value as Partial<Matrix> | null;
  if (
    typeof M !== "object" ||
    M === null ||
    typeof M.rows !== "number" ||
    typeof M.cols !== "number" ||
    !M.data ||
    typeof (M.data as ArrayLike<number>).length !== "number"
  ) {
    fail(what, want, show(value), "return a Matrix { rows, cols, data } from the course library");
  }
  const mat = M as Matrix;
  if (mat.rows !== rows || mat.cols !== cols) {
    fail(what, want, `${mat.rows}×${mat.cols}`, hint);
  }
  if (mat.data.length !== rows * cols) {
    fail(
      what,
      `${rows * cols} values in data`,
      String(mat.data.length),
      "data must hold rows·cols values, row by row",
    );
  }
  return Array.from({ length: rows }, (_, i) =>
    Array.from(mat.data.subarray(i * cols, (i + 1) * cols)),
  );
}

/** Every entry of `got` must be close to `expected`; reports the first that is not. */
function expectRowsClose(
  what: string,
  got: Rows,
  expected: Rows,
  tol: { abs: number; rel: number },
  about: string,
  diagnose: (i: number, j: number) => string | undefined,
  hint: string,
): void {
  for (let i = 0; i < expected.length; i++) {
    for (let j = 0; j < expected[i].length; j++) {
      const g = got[i][j];
      const e = expected[i][j];
      if (typeof g !== "number" || Number.isNaN(g)) {
        fail(`${what}[${i}][${j}]`, `≈ ${formatNumber(e)} ${about}`, show(g), hint);
      }
      if (!isClose(g, e, tol)) {
        fail(
          `${what}[${i}][${j}]`,
          `≈ ${formatNumber(e)} ${about}`,
          formatNumber(g),
          diagnose(i, j) ?? hint,
        );
      }
    }
  }
}

const shapeHint = (name: string, rule: string): string =>
  `${name} has the shape ${rule}; check which matrix comes first in the product (and whether one needs a transpose)`;

// ---------------------------------------------------------------------------------------------

function checkForward(m: M, p: Problem): void {
  const { Z1, A1, Z2 } = forwardRef(p.net, p.X);
  const rows = p.X.length;
  const h = p.net.W1[0].length;
  const k = p.net.W2[0].length;
  const pass = m.forward2(asParams(p.net), toMatrix(p.X));
  if (typeof pass !== "object" || pass === null) {
    fail(
      `forward2 on ${p.label}`,
      "{ Z1, A1, Z2 }",
      show(pass),
      "return an object with Z1, A1 and Z2",
    );
  }
  const gotZ1 = readMatrix(
    `Z1 (${p.label})`,
    pass.Z1,
    rows,
    h,
    shapeHint("Z1 = X·W1 + B1", "samples × hidden units"),
  );
  expectRowsClose(
    `Z1 (${p.label})`,
    gotZ1,
    Z1,
    { abs: 1e-9, rel: 1e-9 },
    "(X·W1 + B1)",
    (i, j) =>
      isClose(gotZ1[i][j], Z1[i][j] - p.net.B1[0][j], { abs: 1e-9, rel: 1e-9 })
        ? "add the bias B1 to every row of X·W1"
        : undefined,
    "Z1 = X·W1 + B1, with B1 added to every row",
  );
  const gotA1 = readMatrix(`A1 (${p.label})`, pass.A1, rows, h, "A1 = sigmoid(Z1) has Z1's shape");
  expectRowsClose(
    `A1 (${p.label})`,
    gotA1,
    A1,
    { abs: 1e-9, rel: 1e-9 },
    "(sigmoid of Z1)",
    () => undefined,
    "A1 = sigmoid(Z1), element by element: 1 / (1 + e^(−z))",
  );
  const gotZ2 = readMatrix(
    `Z2 (${p.label})`,
    pass.Z2,
    rows,
    k,
    shapeHint("Z2 = A1·W2 + B2", "samples × outputs"),
  );
  expectRowsClose(
    `Z2 (${p.label})`,
    gotZ2,
    Z2,
    { abs: 1e-9, rel: 1e-9 },
    "(A1·W2 + B2)",
    (i, j) =>
      isClose(gotZ2[i][j], sig(Z2[i][j]), { abs: 1e-9, rel: 1e-9 })
        ? "that is sigmoid(A1·W2 + B2): the output layer of the regression net has no activation, the prediction is Z2 itself"
        : isClose(gotZ2[i][j], Z2[i][j] - p.net.B2[0][j], { abs: 1e-9, rel: 1e-9 })
          ? "add the bias B2 to every row of A1·W2"
          : undefined,
    "Z2 = A1·W2 + B2 uses A1 (not Z1) and no activation",
  );
}

function gradientDiagnosis(
  key: string,
  got: number,
  expected: number,
  m: number,
): string | undefined {
  if (Math.abs(expected) < 1e-6) return undefined;
  const ratio = got / expected;
  if (Math.abs(ratio - m) < 1e-3 * m && m > 1)
    return `that is ${m}× too large: divide by m = ${m}, the number of samples (the loss is an average)`;
  if (Math.abs(ratio + 1) < 1e-4)
    return "the sign is flipped: dZ2 = Z2 − Y (prediction minus target), not Y − Z2";
  if (key === "dW1" || key === "dB1") {
    return "dZ1 = (dZ2·W2ᵀ) ⊙ A1 ⊙ (1 − A1): the error sent back through W2ᵀ, times the sigmoid's slope a(1 − a) — a, not z";
  }
  return undefined;
}

function checkBackward(m: M, p: Problem): void {
  const rows = p.X.length;
  const pass = forwardRef(p.net, p.X);
  const grads = m.backward2(asParams(p.net), toMatrix(p.X), toMatrix(p.Y), {
    Z1: toMatrix(pass.Z1),
    A1: toMatrix(pass.A1),
    Z2: toMatrix(pass.Z2),
  });
  if (typeof grads !== "object" || grads === null) {
    fail(
      `backward2 on ${p.label}`,
      "{ dW1, dB1, dW2, dB2 }",
      show(grads),
      "return an object with dW1, dB1, dW2 and dB2",
    );
  }
  // Output layer first: its gradients are the simpler ones.
  for (const name of ["W2", "B2", "W1", "B1"] as const) {
    const key = `d${name}` as const;
    const W = p.net[name];
    const expected = numericGradient(p.net, p.X, p.Y, name);
    const got = readMatrix(
      `${key} (${p.label})`,
      (grads as unknown as Record<string, unknown>)[key],
      W.length,
      W[0].length,
      `${key} must have ${name}'s shape (${W.length}×${W[0].length}); ${name === "W2" ? "dW2 = A1ᵀ·dZ2" : name === "W1" ? "dW1 = Xᵀ·dZ1" : "dB sums dZ over the rows (samples)"}`,
    );
    expectRowsClose(
      `${key} (${p.label})`,
      got,
      expected,
      { abs: 1e-6, rel: 1e-5 },
      "(∂loss/∂" + name + ", by central finite differences)",
      (i, j) => gradientDiagnosis(key, got[i][j], expected[i][j], rows),
      name === "W2" || name === "B2"
        ? "dZ2 = Z2 − Y; dW2 = A1ᵀ·dZ2 / m and dB2 = (sum of dZ2's rows) / m"
        : "dZ1 = (dZ2·W2ᵀ) ⊙ A1 ⊙ (1 − A1); dW1 = Xᵀ·dZ1 / m and dB1 = (sum of dZ1's rows) / m",
    );
  }
}

function checkStep(m: M, p: Problem, eta: number): void {
  const next = m.trainStep(asParams(p.net), toMatrix(p.X), toMatrix(p.Y), eta);
  if (typeof next !== "object" || next === null) {
    fail(
      `trainStep on ${p.label}`,
      "new params { W1, B1, W2, B2 }",
      show(next),
      "return the updated params",
    );
  }
  for (const name of NAMES) {
    const W = p.net[name];
    const grad = numericGradient(p.net, p.X, p.Y, name);
    const expected = W.map((r, i) => r.map((w, j) => w - eta * grad[i][j]));
    const got = readMatrix(
      `new ${name} (${p.label}, eta ${eta})`,
      (next as unknown as Record<string, unknown>)[name],
      W.length,
      W[0].length,
      `the new ${name} has the old one's shape`,
    );
    expectRowsClose(
      `new ${name} (${p.label}, eta ${eta})`,
      got,
      expected,
      { abs: 1e-6, rel: 1e-6 },
      `(${name} − eta·d${name})`,
      (i, j) => {
        const delta = got[i][j] - W[i][j];
        const want = expected[i][j] - W[i][j];
        if (Math.abs(want) > 1e-6 && Math.abs(delta / want + 1) < 1e-3)
          return "step against the gradient: W − eta·dW, not W + eta·dW";
        if (Math.abs(delta) < 1e-12 && Math.abs(want) > 1e-9)
          return `${name} did not change: update every matrix`;
        return undefined;
      },
      `one step of gradient descent: ${name} − eta·d${name}, with the gradients of this params on this X and Y`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

function checkXor(net: Network): void {
  const data = xorOneHot();
  const wanted = [0, 1, 1, 0];
  if (typeof net !== "object" || net === null || !Array.isArray((net as Network).sizes)) {
    fail(
      "trainXor()",
      "a Network (what mlp and train return: result.net)",
      show(net),
      "return result.net from train(…)",
    );
  }
  if (net.sizes[0] !== 2) {
    fail(
      "trainXor()",
      "a network with 2 inputs",
      `sizes [${net.sizes.join(", ")}]`,
      "XOR has two inputs: mlp([2, …])",
    );
  }
  const outputs = net.sizes[net.sizes.length - 1];
  if (outputs !== 1 && outputs !== 2) {
    fail(
      "trainXor()",
      "1 output (XOR as 0/1) or 2 outputs (the lecture's one-hot code)",
      `${outputs} outputs`,
      "end the sizes with 1 or 2",
    );
  }
  let A: Matrix;
  try {
    A = predict(net, data.X);
  } catch (error) {
    fail(
      "predict(net, X) on your network",
      "four predictions",
      `an error: ${(error as Error).message.split("\n")[0]}`,
      "return the trained network itself (result.net)",
    );
  }
  const answers = wanted.map((_, i) =>
    outputs === 1 ? (A.data[i] >= 0.5 ? 1 : 0) : A.data[2 * i] > A.data[2 * i + 1] ? 1 : 0,
  );
  const inputs = ["(0,0)", "(0,1)", "(1,0)", "(1,1)"];
  const wrong = answers
    .map((a, i) => (a === wanted[i] ? null : i))
    .filter((i): i is number => i !== null);
  if (wrong.length > 0) {
    const i = wrong[0];
    const raw =
      outputs === 1
        ? formatNumber(A.data[i])
        : `[${formatNumber(A.data[2 * i])}, ${formatNumber(A.data[2 * i + 1])}]`;
    fail(
      `XOR${inputs[i]} from your network`,
      `${wanted[i]} (all four right)`,
      `${answers[i]} (output ${raw}; ${4 - wrong.length} of 4 right)`,
      outputs === 2
        ? "with two outputs, column 0 must be the larger one exactly for XOR = 1 (the lecture's y2 = [1, 0]); train longer, or with a larger eta, until the accuracy is 1"
        : "train until the accuracy is 1: more epochs, a larger eta, or more hidden units (XOR needs at least 2)",
    );
  }
}

export const checks = defineExercises<M>({
  file: "03-backprop",
  title: "Back-propagation 反向传播",
  notebook: "notebooks/03-backprop.ipynb",
  exercises: [
    {
      id: "03.1",
      title: "the forward pass of the two-layer net",
      section: SECTION_MATRIX,
      hints: [
        "Three lines, one per formula: Z1 = X·W1 + B1, then A1 = sigmoid(Z1), then Z2 = A1·W2 + B2. Return { Z1, A1, Z2 }.",
        "With the library: addRowVector(matMul(X, W1), B1) is X·W1 + B1 (B1 added to every row), and map(Z1, (z) => sigmoid.f(z)) applies the sigmoid to every element.",
        "The output layer has no activation (it is a regression net): Z2 itself is the prediction. And the second layer starts from A1, not Z1.",
      ],
      checks: [
        {
          name: "Z1, A1 and Z2 on random nets of four shapes",
          points: 2,
          run: (m) => problems(31).forEach((p) => checkForward(m, p)),
        },
      ],
    },
    {
      id: "03.2",
      title: "the backward pass: dW1, dB1, dW2, dB2",
      section: SECTION_MATRIX,
      hints: [
        "Start at the output: dZ2 = Z2 − Y (m×k). Then dW2 = A1ᵀ·dZ2 / m and dB2 = the column sums of dZ2, divided by m. matMulAtB(A1, dZ2) computes A1ᵀ·dZ2 without transposing.",
        "Send the error back through W2: dZ2·W2ᵀ (matMulABt(dZ2, W2)) is m×h. Multiply it element by element by the sigmoid's slope A1 ⊙ (1 − A1) to get dZ1.",
        "Then the first layer mirrors the second: dW1 = Xᵀ·dZ1 / m and dB1 = (sum of dZ1's rows) / m. Every gradient has the shape of its matrix — a quick check.",
      ],
      checks: [
        {
          name: "dW2 and dB2, dW1 and dB1 match finite differences of the loss",
          points: 3,
          run: (m) => problems(32).forEach((p) => checkBackward(m, p)),
        },
      ],
    },
    {
      id: "03.3",
      title: "one training step (new params, inputs unchanged)",
      section: SECTION_MATRIX,
      hints: [
        "forward2, then backward2, then W − eta·dW for each of W1, B1, W2, B2. Return a new { W1, B1, W2, B2 }.",
        "Don't write into params.W1.data: build new matrices, e.g. map(params.W1, (w, i, j) => w - eta * dW1.data[i * dW1.cols + j]) or sub(W1, scale(dW1, eta)) — both return a new Matrix.",
      ],
      checks: [
        {
          name: "W − eta·dW for all four matrices, with params and data left unchanged",
          points: 2,
          run: (m) => {
            const [a, b, c] = problems(33);
            checkStep(m, a, 0.5);
            checkStep(m, b, 0.1);
            checkStep(m, c, 2);
          },
        },
      ],
    },
    {
      id: "03.4",
      title: "train a network that gets XOR right",
      section: "03 · XOR with a hidden layer 异或",
      hints: [
        'Copy the notebook\'s XOR cell: const data = xorOneHot(); const net = mlp([2, 3, 2], { output: "sigmoid" }); return train(net, data, { … }).net;',
        "If it gets 2 or 3 points right, it has not finished learning: raise maxEpoch or eta. On four samples use batchSize: 4 and validation: 0.",
        'Settings that work: eta 5, batchSize 4, maxEpoch 2000, validation 0, loss "halfMse" (the lecture\'s squared error), l2 0.001. Check in the notebook that result.final.trainAccuracy is 1.',
      ],
      checks: [
        {
          name: "all four XOR points classified correctly",
          points: 2,
          timeoutMs: 15_000,
          run: (m) => checkXor(m.trainXor()),
        },
      ],
    },
  ],
});
