// Shared helpers for the lib tests: random matrices and networks, finite differences, and
// tolerant comparisons.
import { expect } from "vitest";
import {
  type ActivationSpec,
  binaryCrossEntropy,
  createRng,
  forward,
  halfMse,
  l2Penalty,
  type Loss,
  type Matrix,
  matrix,
  mlp,
  type Network,
  type Rng,
  softmaxCrossEntropy,
} from "../../lib";

/** A rows×cols matrix of uniform values in [low, high). */
export function randomMatrix(rng: Rng, rows: number, cols: number, low = -1, high = 1): Matrix {
  const M = matrix(rows, cols);
  for (let i = 0; i < M.data.length; i++) M.data[i] = rng.uniform(low, high);
  return M;
}

/** Rows that are probability vectors (positive, summing to 1), e.g. soft targets for softmax. */
export function randomDistributions(rng: Rng, rows: number, cols: number): Matrix {
  const M = randomMatrix(rng, rows, cols, 0.05, 1);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += M.data[i * cols + j];
    for (let j = 0; j < cols; j++) M.data[i * cols + j] /= s;
  }
  return M;
}

/** One random (A, Y) pair for each loss, inside its domain: any A and Y for halfMse,
 * probabilities for binary cross-entropy, rows of distributions (n + 1 classes) for softmax's. */
export function randomLossCases(
  rng: Rng,
  m: number,
  n: number,
): { f: Loss; A: Matrix; Y: Matrix }[] {
  return [
    { f: halfMse, A: randomMatrix(rng, m, n, -2, 2), Y: randomMatrix(rng, m, n, -2, 2) },
    {
      f: binaryCrossEntropy,
      A: randomMatrix(rng, m, n, 0.05, 0.95),
      Y: randomMatrix(rng, m, n, 0, 1),
    },
    {
      f: softmaxCrossEntropy,
      A: randomDistributions(rng, m, n + 1),
      Y: randomDistributions(rng, m, n + 1),
    },
  ];
}

/** The pairs of output activation and loss the tests exercise; `matched` ones take the
 * dZ = A − Y shortcut in backward, the others the general dA ⊙ f′(Z) path. */
export const outputCases = [
  { output: "identity", loss: "halfMse", matched: true },
  { output: "sigmoid", loss: "binaryCrossEntropy", matched: true },
  { output: "softmax", loss: "softmaxCrossEntropy", matched: true },
  { output: "tanh", loss: "halfMse", matched: false },
  { output: "sigmoid", loss: "halfMse", matched: false },
  { output: "softplus", loss: "halfMse", matched: false },
] as const;

/** Smooth hidden activations (no kink, so finite differences are accurate everywhere). */
export const smoothHidden = ["sigmoid", "tanh", "softplus", "elu", "identity"] as const;

export interface RandomCase {
  net: Network;
  X: Matrix;
  Y: Matrix;
  loss: (typeof outputCases)[number]["loss"];
  matched: boolean;
}

/** A random network (1–3 layers of width 1–4, random smooth hidden activations), a batch X of m
 * rows and matching targets Y, all from one seed. */
export function randomCase(seed: number, caseIndex: number, depth: number, m: number): RandomCase {
  const rng = createRng(seed);
  const out = outputCases[caseIndex % outputCases.length];
  const sizes = [1 + rng.int(4)];
  for (let l = 0; l < depth - 1; l++) sizes.push(1 + rng.int(4));
  sizes.push(out.output === "softmax" ? 2 + rng.int(3) : 1 + rng.int(3));
  const activations: ActivationSpec[] = sizes
    .slice(2)
    .map(() => smoothHidden[rng.int(smoothHidden.length)]);
  activations.push(out.output);
  const net = mlp(sizes, { activations, seed: 1 + rng.int(1000) });
  // non-zero biases, so that their gradients are tested on a general point
  for (const B of net.B) for (let j = 0; j < B.data.length; j++) B.data[j] = rng.uniform(-0.5, 0.5);
  const X = randomMatrix(rng, m, sizes[0], -2, 2);
  const outputs = sizes[sizes.length - 1];
  const Y =
    out.loss === "softmaxCrossEntropy"
      ? randomDistributions(rng, m, outputs)
      : out.loss === "binaryCrossEntropy"
        ? randomMatrix(rng, m, outputs, 0, 1)
        : randomMatrix(rng, m, outputs, -1, 1);
  return { net, X, Y, loss: out.loss, matched: out.matched };
}

/** The loss a network's backward differentiates: loss.value of the output, plus the L2 penalty. */
export function totalLoss(net: Network, X: Matrix, Y: Matrix, loss: Loss, l2 = 0): number {
  return loss.value(forward(net, X).output, Y) + l2Penalty(net, l2, X.rows);
}

/** Central finite differences of f with respect to every element of M (changed and restored). */
export function finiteDifferences(M: Matrix, f: () => number, h = 1e-5): Matrix {
  const G = matrix(M.rows, M.cols);
  for (let i = 0; i < M.data.length; i++) {
    const keep = M.data[i];
    M.data[i] = keep + h;
    const up = f();
    M.data[i] = keep - h;
    const down = f();
    M.data[i] = keep;
    G.data[i] = (up - down) / (2 * h);
  }
  return G;
}

/** Expects |a − b| ≤ rel·max(|b|, floor) element-wise, naming the first element that differs. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rel: number,
  floor: number,
  what = "",
): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const b = expected[i];
    const ok = Math.abs(a - b) <= rel * Math.max(Math.abs(b), floor);
    if (!ok) {
      expect.fail(
        `${what}[${i}]: got ${a}, expected ${b} (relative tolerance ${rel}, floor ${floor})`,
      );
    }
  }
}

/** Expects the two matrices to agree within rel of the larger of their largest element and floor
 * (a norm-wise relative comparison, for float32 against float64). */
export function expectMatrixClose(
  actual: Matrix,
  expected: ArrayLike<number>,
  rel: number,
  what: string,
  floor = 1e-3,
): void {
  let scale = floor;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  expectClose(actual.data, expected, rel, scale, what);
}

/** Every byte of two Float64Arrays equal (bit-identical, NaN and −0 included). */
export function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.every((v, i) => v === y[i]);
}
