// How good is the fit? The course reports an "accuracy" for both regression and classification.
//
// Taught in notebooks/04-sine-fit.ipynb (R² as the regression's "accuracy") and 03-backprop.ipynb
// (classification accuracy on XOR).

import type { ActivationName } from "./activations";
import { type Matrix, shapeOf } from "./matrix";

/** The course's regression accuracy: R² = 1 − MSE / var(Y) (1 is a perfect fit, 0 is no better
 * than always predicting the mean of Y). With several output columns, each column is measured
 * against its own mean. */
export function r2Accuracy(A: Matrix, Y: Matrix): number {
  checkPair("r2Accuracy", A, Y);
  const m = Y.rows;
  const p = Y.cols;
  let residual = 0; // Σ (a − y)²
  let total = 0; // Σ (y − mean of its column)²
  for (let j = 0; j < p; j++) {
    let meanY = 0;
    for (let i = 0; i < m; i++) meanY += Y.data[i * p + j];
    meanY /= m;
    for (let i = 0; i < m; i++) {
      const y = Y.data[i * p + j];
      const e = A.data[i * p + j] - y;
      residual += e * e;
      total += (y - meanY) * (y - meanY);
    }
  }
  if (total === 0) {
    throw new Error(
      `r2Accuracy: every target in Y (${shapeOf(Y)}) is the same, so var(Y) = 0 and R² is ` +
        `undefined; use a data set whose targets vary, or compare the loss instead.`,
    );
  }
  return 1 - residual / total;
}

/** The fraction of samples classified correctly: with one output column, a ≥ 0.5 means class 1;
 * with several, the class is the column with the largest value (arg-max), in A and in Y — one
 * class per sample, as with one-hot targets (several independent yes/no outputs are not scored
 * this way). NaN when an output is NaN: a diverged net has no accuracy (NaN ≥ 0.5 is false, which
 * would otherwise count as class 0). */
export function classificationAccuracy(A: Matrix, Y: Matrix): number {
  checkPair("classificationAccuracy", A, Y);
  const m = Y.rows;
  const p = Y.cols;
  for (let k = 0; k < A.data.length; k++) if (Number.isNaN(A.data[k])) return NaN;
  let correct = 0;
  for (let i = 0; i < m; i++) {
    if (p === 1) {
      if (A.data[i] >= 0.5 === Y.data[i] >= 0.5) correct++;
    } else if (argMax(A.data, i * p, p) === argMax(Y.data, i * p, p)) {
      correct++;
    }
  }
  return correct / m;
}

function argMax(d: Float64Array, start: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (d[start + j] > d[start + best]) best = j;
  return best;
}

function checkPair(where: string, A: Matrix, Y: Matrix): void {
  if (A.rows !== Y.rows || A.cols !== Y.cols) {
    throw new Error(
      `${where}: the output A is ${shapeOf(A)} but Y is ${shapeOf(Y)}; they must match.`,
    );
  }
}

/** How the training loop measures accuracy for a network with this output activation:
 * classification accuracy after sigmoid, softmax or step, R² otherwise. */
export function accuracyKind(output: ActivationName): {
  name: "r2" | "classification";
  measure: (A: Matrix, Y: Matrix) => number;
} {
  return output === "sigmoid" || output === "softmax" || output === "step"
    ? { name: "classification", measure: classificationAccuracy }
    : { name: "r2", measure: r2Accuracy };
}

/** The confusion matrix 混淆矩阵: counts[actual][predicted] over the samples (rows the true class,
 * columns what the net said; the diagonal is what it got right). Taught in
 * notebooks/07-digits.ipynb. */
export function confusionMatrix(
  predicted: readonly number[],
  actual: readonly number[],
  classes: number,
): number[][] {
  if (predicted.length !== actual.length) {
    throw new Error(
      `confusionMatrix: ${predicted.length} predictions for ${actual.length} labels; they must pair up.`,
    );
  }
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  predicted.forEach((p, i) => {
    const a = actual[i];
    if (
      !Number.isInteger(p) ||
      !Number.isInteger(a) ||
      p < 0 ||
      a < 0 ||
      p >= classes ||
      a >= classes
    ) {
      throw new Error(
        `confusionMatrix: sample ${i} has prediction ${p} and label ${a}; both must be classes 0 … ${classes - 1}.`,
      );
    }
    counts[a][p]++;
  });
  return counts;
}
