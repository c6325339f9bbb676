// Polynomial regression 多项式回归, the lecture's baseline before the two-layer net: expand x into
// the features x, x², …, xᵏ, then fit them with a one-layer linear net,
// `mlp([degree, 1], { output: "identity" })` — z = x·w1 + x²·w2 + … + xᵏ·wk + b.
//
// Taught in notebooks/04-sine-fit.ipynb.

import { emptyMatrix, isMatrix, type Matrix, shapeOf } from "./matrix";
import { checkNumber, describe } from "./validate";

/** n×1 → n×degree: row i becomes [x, x², …, x^degree]. */
export function polynomialFeatures(X: Matrix, degree: number): Matrix {
  if (!isMatrix(X)) throw new Error(`polynomialFeatures: X must be a Matrix (got ${describe(X)}).`);
  checkNumber(
    "polynomialFeatures",
    "degree",
    degree,
    { integer: true, min: 1 },
    "The lecture uses 2 to 8.",
  );
  if (X.cols !== 1) {
    throw new Error(
      `polynomialFeatures: X must be n×1 (one input x per row) but is ${shapeOf(X)}; ` +
        `pass a single column, e.g. column(x).`,
    );
  }
  const out = emptyMatrix(X.rows, degree);
  for (let i = 0; i < X.rows; i++) {
    const x = X.data[i];
    let power = x;
    for (let k = 0; k < degree; k++) {
      out.data[i * degree + k] = power; // x^(k+1)
      power *= x;
    }
  }
  return out;
}
