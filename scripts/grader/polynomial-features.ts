// A check shared by exercises 04.1 and 05.2: a function of the learner's that turns an n×1 X into
// the polynomial features [x, x², …, x^degree], against the powers of x, with a diagnosis of the
// usual slips (a column of ones, powers from x⁰, the order reversed, transposed).

import type { Matrix } from "../../lib";
import { expectClose, fail, formatNumber, isClose, show } from "./expect";

function column(values: number[]): Matrix {
  return { rows: values.length, cols: 1, data: Float64Array.from(values) };
}

/** Fails unless `features(column(xs))` is the xs.length×degree matrix of the powers x¹ … x^degree. */
export function checkPolynomialFeatures(
  call: string,
  features: (X: Matrix) => unknown,
  xs: number[],
  degree: number,
): void {
  const what = `${call} for X = ${show(xs)}`;
  const F = features(column(xs));
  const want = `a ${xs.length}×${degree} matrix [x, x², …, x^${degree}] per row`;
  if (typeof F !== "object" || F === null || !("data" in F) || !("rows" in F) || !("cols" in F)) {
    fail(what, want, show(F), "return a Matrix { rows, cols, data }, e.g. from matrix(rows, cols)");
  }
  const got = F as Matrix;
  if (got.rows !== xs.length || got.cols !== degree) {
    const hint =
      got.rows === degree && got.cols === xs.length
        ? "that is transposed: one row per sample, one column per power"
        : got.cols === degree + 1
          ? "one column too many: start at x¹ (no column of ones — the bias does that job)"
          : "one row per sample (n rows) and one column per power x¹ … x^degree";
    fail(what, want, `${got.rows}×${got.cols}`, hint);
  }
  for (let i = 0; i < xs.length; i++) {
    for (let k = 0; k < degree; k++) {
      const expected = xs[i] ** (k + 1);
      const value = got.data[i * degree + k];
      expectClose(`${what}: row ${i}, column ${k} (x = ${formatNumber(xs[i])})`, value, expected, {
        abs: 1e-12,
        rel: 1e-12,
        about: `(x^${k + 1})`,
        diagnose: (g) =>
          isClose(g, xs[i] ** k, { abs: 1e-12, rel: 1e-12 })
            ? `that is x^${k}: column k holds x^(k+1) — the first column is x itself`
            : isClose(g, xs[i] ** (degree - k), { abs: 1e-12, rel: 1e-12 })
              ? "the powers are in reverse order: x first, x^degree last"
              : undefined,
        hint: "row i is [x, x², …, x^degree] for that row's x",
      });
    }
  }
}
