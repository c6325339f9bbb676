// Initial weights 初始化. W must not start at zero (every hidden unit would stay identical: the
// symmetry is never broken), and should not be large (sigmoid units would start saturated).
// B starts at 0.
//
// Taught in notebooks/03-backprop.ipynb (small random non-zero weights, Xavier).

import { type Matrix } from "./matrix";
import { type Rng } from "./rng";
import { unknownName } from "./validate";

/**
 * - `"xavier"`: W ~ U(−√(6/(nIn + nOut)), +√(6/(nIn + nOut))), the course's default (Glorot & Bengio 2010).
 * - `"normal"`: W ~ N(0, 1), the course code's InitialMethod.Normal (large: sigmoid units saturate).
 * - `"he"`: W ~ N(0, 2/nIn), for relu layers (He et al. 2015).
 * - `"zeros"`: W = 0, to see why that fails.
 */
export type InitName = "xavier" | "normal" | "he" | "zeros";
export const initNames: readonly InitName[] = ["xavier", "normal", "he", "zeros"];

/** Fills W (nIn×nOut) in place, row by row, with draws from rng. */
export function initWeights(W: Matrix, init: InitName, rng: Rng): Matrix {
  const nIn = W.rows;
  const nOut = W.cols;
  const w = W.data;
  switch (init) {
    case "xavier": {
      const limit = Math.sqrt(6 / (nIn + nOut));
      for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-limit, limit);
      return W;
    }
    case "normal":
      for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, 1);
      return W;
    case "he": {
      const std = Math.sqrt(2 / nIn);
      for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, std);
      return W;
    }
    case "zeros":
      w.fill(0);
      return W;
  }
  throw unknownName("init", init, initNames);
}
