// The perceptron 感知器: one neuron whose activation is the step function, and its learning rule.
// Taught in notebooks/01-perceptron.ipynb, which draws the decision line moving as samples are
// presented (the figures are in perceptron-plot.ts).
//
//   z = w·x + b             the weighted sum of the inputs plus the bias
//   y = step(z)             1 when z ≥ 0, else 0 (the same convention as `step` in activations.ts)
//   w ← w + η·(t − y)·x     t is the target: a right answer (t = y) changes nothing
//   b ← b + η·(t − y)
//
// Samples are plain arrays here (X[i] is one sample's inputs, T[i] its target 0 or 1): the
// perceptron is trained one sample at a time, in order, so no matrices are needed.

import { formatNumber } from "./format";
import { checkNumber, checkOptionNames, describe } from "./validate";

/** One sample presented to the perceptron during training, and what it did. */
export interface PerceptronStep {
  /** The pass over the samples, counting from 1. */
  epoch: number;
  /** Which sample: X[sample]. */
  sample: number;
  x: number[];
  /** The target (0 or 1). */
  t: number;
  /** w·x + b before the update. */
  z: number;
  /** The perceptron's answer before the update: step(z). */
  y: number;
  /** True when the answer was wrong, so w and b changed. */
  updated: boolean;
  /** The weights and bias after this sample. */
  w: number[];
  b: number;
}

/** The result of `trainPerceptron`. */
export interface PerceptronRun {
  /** The final weights and bias. */
  w: number[];
  b: number;
  /** Passes made over the samples, including the final error-free one when it converged. */
  epochs: number;
  /** True when a whole pass made no mistake (then every sample is classified correctly). */
  converged: boolean;
  /** Mistakes (= updates) in each pass. */
  errorsPerEpoch: number[];
  /** Every sample presented, in order: (epochs × samples) entries. */
  steps: PerceptronStep[];
}

/** z = w·x + b: the weighted sum of a neuron's inputs plus its bias. */
export function weightedSum(x: readonly number[], w: readonly number[], b: number): number {
  if (!Array.isArray(x) || !Array.isArray(w) || x.length !== w.length) {
    throw new Error(
      `weightedSum: x has ${lengthOf(x)} but w has ${lengthOf(w)}; a neuron needs one weight per input.`,
    );
  }
  let z = b;
  for (let i = 0; i < x.length; i++) z += w[i] * x[i];
  return z;
}

/** The perceptron's answer: 1 when w·x + b ≥ 0, else 0 (step of the weighted sum). */
export function perceptronOutput(x: readonly number[], w: readonly number[], b: number): number {
  return weightedSum(x, w, b) >= 0 ? 1 : 0;
}

/**
 * One application of the learning rule to sample x with target t: y = step(w·x + b), then
 * w ← w + η(t − y)x and b ← b + η(t − y). Returns new arrays; w is not changed.
 */
export function perceptronUpdate(
  x: readonly number[],
  t: number,
  w: readonly number[],
  b: number,
  eta: number,
): { w: number[]; b: number; y: number } {
  const y = perceptronOutput(x, w, b);
  const error = t - y; // −1, 0 or 1
  return { w: w.map((wi, i) => wi + eta * error * x[i]), b: b + eta * error, y };
}

const trainOptionNames = ["eta", "maxEpoch", "w", "b"] as const;

/**
 * Trains a perceptron: passes over the samples in order (X[0], X[1], …), applying the learning
 * rule after each one, until a pass makes no mistake or `maxEpoch` passes are done. Starts from
 * w = 0, b = 0 unless `w` and `b` are given.
 */
export function trainPerceptron(
  X: readonly (readonly number[])[],
  T: readonly number[],
  options: { eta?: number; maxEpoch?: number; w?: readonly number[]; b?: number } = {},
): PerceptronRun {
  const where = "trainPerceptron";
  checkOptionNames(where, options, trainOptionNames);
  checkSamples(where, X, T);
  const eta = checkNumber(where, "eta", options.eta ?? 1, { above: 0 }, "e.g. 1 or 0.5");
  const maxEpoch = checkNumber(where, "maxEpoch", options.maxEpoch ?? 100, {
    integer: true,
    min: 1,
  });
  const n = X[0].length;
  let w = options.w ? options.w.slice() : new Array<number>(n).fill(0);
  if (w.length !== n) {
    throw new Error(`${where}: w has ${w.length} weights but each sample has ${n} inputs.`);
  }
  let b = checkNumber(where, "b", options.b ?? 0, {});
  const errorsPerEpoch: number[] = [];
  const steps: PerceptronStep[] = [];
  for (let epoch = 1; epoch <= maxEpoch; epoch++) {
    let errors = 0;
    for (let i = 0; i < X.length; i++) {
      const z = weightedSum(X[i], w, b);
      const next = perceptronUpdate(X[i], T[i], w, b, eta);
      const updated = next.y !== T[i];
      if (updated) errors++;
      w = next.w;
      b = next.b;
      steps.push({ epoch, sample: i, x: X[i].slice(), t: T[i], z, y: next.y, updated, w, b });
    }
    errorsPerEpoch.push(errors);
    if (errors === 0) return { w, b, epochs: epoch, converged: true, errorsPerEpoch, steps };
  }
  return { w, b, epochs: maxEpoch, converged: false, errorsPerEpoch, steps };
}

/**
 * The decision line w1·x1 + w2·x2 + b = 0 of a two-input perceptron, written as the lecture's
 * line x2 = k·x1 + intercept (intercept = −b/w2: not the neuron's bias). A vertical line
 * (w2 = 0) has k = ±Infinity and `x1` set; with w = 0 there is no line at all (null): every point
 * gets the same answer.
 */
export function decisionLine(
  w: readonly number[],
  b: number,
): { k: number; intercept: number; x1?: number } | null {
  if (w.length !== 2) throw new Error(`decisionLine: needs two weights (got ${w.length}).`);
  const [w1, w2] = w;
  if (w2 !== 0) return { k: -w1 / w2 + 0, intercept: -b / w2 + 0 }; // + 0 turns −0 into 0
  if (w1 !== 0) return { k: Infinity, intercept: NaN, x1: -b / w1 + 0 };
  return null;
}

/** The decision line in words: "x2 = −2·x1 + 3", "x1 = 0.5 (vertical)" or "no line (w = 0)…". */
export function describeLine(w: readonly number[], b: number): string {
  const line = decisionLine(w, b);
  if (line === null) return `no line (w = 0): every point gets ${b >= 0 ? 1 : 0}`;
  if (line.x1 !== undefined) return `x1 = ${num(line.x1)} (vertical)`;
  const { k, intercept: c } = line;
  const slope = k === 0 ? "" : k === 1 ? "x1" : k === -1 ? "−x1" : `${num(k)}·x1`;
  if (!slope) return `x2 = ${num(c)}`;
  if (c === 0) return `x2 = ${slope}`;
  return `x2 = ${slope} ${c < 0 ? "−" : "+"} ${num(Math.abs(c))}`;
}

/** A number as formatNumber writes it, with a real minus sign. */
export function num(v: number): string {
  return formatNumber(v).replace(/^-/, "−");
}

// ---------------------------------------------------------------------------------------------

function lengthOf(v: unknown): string {
  return Array.isArray(v) ? `${v.length} values` : describe(v);
}

/** Throws unless X lists samples of equal length and T one target (0 or 1) per sample. */
export function checkSamples(
  where: string,
  X: readonly (readonly number[])[],
  T: readonly number[],
): void {
  if (!Array.isArray(X) || X.length === 0 || !Array.isArray(X[0])) {
    throw new Error(
      `${where}: X must be an array of samples, e.g. [[0, 0], [0, 1], [1, 0], [1, 1]].`,
    );
  }
  if (!Array.isArray(T) || T.length !== X.length) {
    throw new Error(
      `${where}: T must hold one target per sample: X has ${X.length}, T has ${lengthOf(T)}.`,
    );
  }
  X.forEach((x, i) => {
    if (!Array.isArray(x) || x.length !== X[0].length || x.some((v) => !Number.isFinite(v))) {
      throw new Error(`${where}: sample ${i} must be ${X[0].length} finite numbers like sample 0.`);
    }
  });
  T.forEach((t, i) => {
    if (t !== 0 && t !== 1)
      throw new Error(`${where}: target ${i} is ${describe(t)}; targets are 0 or 1.`);
  });
}
