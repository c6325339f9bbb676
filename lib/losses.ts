// Loss functions 损失函数: how far the output A is from the targets Y.
//
// `value` is the loss averaged over the m rows (samples). `dA` is m·∂loss/∂A — each sample's own
// error signal, not yet divided by m — so that, as in the lecture, dZ = A − Y for the matched pairs
// (identity + halfMse, sigmoid + binaryCrossEntropy, softmax + softmaxCrossEntropy) and the 1/m
// appears once, in dW = A_prevᵀ·dZ / m.
//
// Taught in notebooks/03-backprop.ipynb (the squared error and its slope; cross-entropy for XOR).

import type { ActivationName } from "./activations";
import { type Matrix, shapeOf, zerosLike } from "./matrix";
import { unknownName } from "./validate";

export interface Loss {
  /** "halfMse", "binaryCrossEntropy", "softmaxCrossEntropy", or a name of your own. */
  name: string;
  /** The loss averaged over the m rows of A and Y. */
  value(A: Matrix, Y: Matrix): number;
  /** m·∂loss/∂A (one error row per sample). */
  dA(A: Matrix, Y: Matrix, out?: Matrix): Matrix;
  /** The output activation with which dZ = dA ⊙ f′(Z) simplifies to A − Y; backward then
   * computes A − Y directly (exact even where a saturated sigmoid makes dA huge). Leave it out for
   * a loss of your own, and backward uses your dA. */
  pairedWith?: ActivationName;
}

export type LossName = "halfMse" | "binaryCrossEntropy" | "softmaxCrossEntropy";
export type LossSpec = LossName | Loss;
export const lossNames: readonly LossName[] = [
  "halfMse",
  "binaryCrossEntropy",
  "softmaxCrossEntropy",
];

/** Probabilities are kept inside [CLAMP, 1 − CLAMP] so that ln(0) never turns a loss into ∞/NaN. */
const CLAMP = 1e-12;

function clampProbability(a: number): number {
  return a < CLAMP ? CLAMP : a > 1 - CLAMP ? 1 - CLAMP : a;
}

/** The course's loss for regression: sum((A − Y)²) / (2m). Its dA is simply A − Y. */
export const halfMse: Loss = {
  name: "halfMse",
  pairedWith: "identity",
  value(A, Y) {
    checkPair("halfMse", A, Y);
    let s = 0;
    for (let i = 0; i < A.data.length; i++) {
      const e = A.data[i] - Y.data[i];
      s += e * e;
    }
    return s / (2 * A.rows);
  },
  dA(A, Y, out) {
    const dA = outputFor("halfMse.dA", A, Y, out);
    for (let i = 0; i < A.data.length; i++) dA.data[i] = A.data[i] - Y.data[i];
    return dA;
  },
};

/** Binary cross-entropy for sigmoid outputs (targets 0 or 1, one column per yes/no question):
 * −Σ [y·ln a + (1 − y)·ln(1 − a)] / m. Its dA is (a − y) / (a(1 − a)). */
export const binaryCrossEntropy: Loss = {
  name: "binaryCrossEntropy",
  pairedWith: "sigmoid",
  value(A, Y) {
    checkPair("binaryCrossEntropy", A, Y);
    let s = 0;
    for (let i = 0; i < A.data.length; i++) {
      const a = clampProbability(A.data[i]);
      const y = Y.data[i];
      s -= y * Math.log(a) + (1 - y) * Math.log(1 - a);
    }
    return s / A.rows;
  },
  dA(A, Y, out) {
    const dA = outputFor("binaryCrossEntropy.dA", A, Y, out);
    for (let i = 0; i < A.data.length; i++) {
      const a = clampProbability(A.data[i]);
      dA.data[i] = (a - Y.data[i]) / (a * (1 - a));
    }
    return dA;
  },
};

/** Cross-entropy for softmax outputs (one-hot targets, one column per class):
 * −Σ y·ln a / m. Its dA is −y / a. */
export const softmaxCrossEntropy: Loss = {
  name: "softmaxCrossEntropy",
  pairedWith: "softmax",
  value(A, Y) {
    checkPair("softmaxCrossEntropy", A, Y);
    let s = 0;
    for (let i = 0; i < A.data.length; i++) {
      const y = Y.data[i];
      if (y !== 0) s -= y * Math.log(clampProbability(A.data[i]));
    }
    return s / A.rows;
  },
  dA(A, Y, out) {
    const dA = outputFor("softmaxCrossEntropy.dA", A, Y, out);
    for (let i = 0; i < A.data.length; i++) dA.data[i] = -Y.data[i] / clampProbability(A.data[i]);
    return dA;
  },
};

/** A loss by name, or the given Loss unchanged. */
export function loss(spec: LossSpec): Loss {
  if (typeof spec === "object" && spec !== null && typeof spec.value === "function") return spec;
  switch (spec) {
    case "halfMse":
      return halfMse;
    case "binaryCrossEntropy":
      return binaryCrossEntropy;
    case "softmaxCrossEntropy":
      return softmaxCrossEntropy;
  }
  throw unknownName("loss", spec, lossNames);
}

/** The loss that goes with an output activation: the one for which dZ = A − Y. */
export function defaultLoss(output: ActivationName): Loss {
  if (output === "sigmoid") return binaryCrossEntropy;
  if (output === "softmax") return softmaxCrossEntropy;
  return halfMse;
}

/**
 * Throws when a cross-entropy loss cannot apply: it needs outputs between 0 and 1 (a sigmoid or
 * softmax output layer) and targets between 0 and 1 (classes as 0/1 or one-hot). Without this a
 * sigmoid net on regression targets gets a negative loss that falls without bound, and an
 * identity output a gradient of ~1e12, with no error.
 */
export function checkLossFits(
  where: string,
  lossFn: Loss,
  output: ActivationName,
  Y: Matrix,
  name = "Y",
): void {
  if (lossFn !== binaryCrossEntropy && lossFn !== softmaxCrossEntropy) return;
  if (output !== "sigmoid" && output !== "softmax") {
    throw new Error(
      `${where}: ${lossFn.name} needs outputs between 0 and 1 (a sigmoid or softmax output layer), ` +
        `but the output layer is ${output}; for regression use halfMse.`,
    );
  }
  const k = Y.data.findIndex((y) => !(y >= 0 && y <= 1));
  if (k >= 0) {
    throw new Error(
      `${where}: ${lossFn.name} needs targets between 0 and 1 (classes as 0/1 or one-hot), but ` +
        `${name} has ${Y.data[k]} at row ${Math.floor(k / Y.cols)}, column ${k % Y.cols}; for ` +
        `regression use an identity output with halfMse (mlp's default output).`,
    );
  }
}

function checkPair(where: string, A: Matrix, Y: Matrix): void {
  if (A.rows !== Y.rows || A.cols !== Y.cols) {
    throw new Error(
      `${where}: the output A is ${shapeOf(A)} but the targets Y are ${shapeOf(Y)}; ` +
        `Y needs one row per sample and one column per output.`,
    );
  }
}

function outputFor(where: string, A: Matrix, Y: Matrix, out: Matrix | undefined): Matrix {
  checkPair(where, A, Y);
  if (out === undefined) return zerosLike(A);
  if (out.rows !== A.rows || out.cols !== A.cols) {
    throw new Error(`${where}: out is ${shapeOf(out)} but A is ${shapeOf(A)}; they must match.`);
  }
  return out;
}
