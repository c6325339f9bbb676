// Wrong (05.2): features [1, x, x², x³, x⁴] — a column of ones first and x⁵ missing.
import { matrix, type Matrix } from "../../../lib";

export { batchSizes, etas, table, fifthDegree } from "./05-hyperparameters.alt";

export function cobraFeatures5(X: Matrix): Matrix {
  const F = matrix(X.rows, 5);
  for (let i = 0; i < X.rows; i++) {
    for (let k = 0; k < 5; k++) F.data[i * 5 + k] = X.data[i] ** k;
  }
  return F;
}
