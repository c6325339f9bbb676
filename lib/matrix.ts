// A small matrix type: the only data structure of the library.
//
// Rows are samples, as in the lecture's NumPy code: X is n×inputs (one sample per row), W1 is
// inputs×hidden, B1 is 1×hidden, and Z1 = X·W1 + B1 is n×hidden.
//
// Every operation takes an optional `out` to write its result into, so the training loop can
// allocate all its buffers once and then run without creating a single object. Shapes are always
// checked: a mismatch throws an error that names both shapes.
//
// Taught in notebooks/01-perceptron.ipynb (a layer as y = x·W + b) and 03-backprop.ipynb
// (the lecture's matrix form).

import { formatNumber } from "./format";
import { checkNumber, describe } from "./validate";

/** A rows×cols matrix stored row-major: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

// ---------------------------------------------------------------------------------------------
// Construction

/** A rows×cols matrix filled with `values` (row by row), or with zeros. */
export function matrix(rows: number, cols: number, values?: ArrayLike<number>): Matrix {
  checkDimension("matrix", "rows", rows);
  checkDimension("matrix", "cols", cols);
  const M = emptyMatrix(rows, cols);
  if (values !== undefined) {
    if (values.length !== rows * cols) {
      throw new Error(
        `matrix: a ${rows}×${cols} matrix needs ${rows * cols} values but got ${values.length}.`,
      );
    }
    checkValues("matrix", values);
    M.data.set(values);
  }
  return M;
}

/** A matrix from an array of rows: `fromRows([[1, 2], [3, 4]])` is 2×2. */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new Error("fromRows: no rows given (empty data). Pass e.g. [[0, 1], [1, 0]].");
  }
  const first = rows[0];
  if (!Array.isArray(first) || first.length === 0) {
    throw new Error("fromRows: row 0 is empty or not an array; each row must list the columns.");
  }
  const cols = first.length;
  const M = emptyMatrix(rows.length, cols);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!Array.isArray(r) || r.length !== cols) {
      const got = Array.isArray(r) ? `${r.length} values` : "not an array";
      throw new Error(`fromRows: row ${i} has ${got} but row 0 has ${cols}; rows must be equal.`);
    }
    checkValues(`fromRows: row ${i}`, r);
    for (let j = 0; j < cols; j++) M.data[i * cols + j] = r[j];
  }
  return M;
}

/** An n×1 column: one value per row, the shape of a single input x or a single target y. */
export function column(values: ArrayLike<number>): Matrix {
  if (values.length === 0) throw new Error("column: no values given (empty data).");
  return matrix(values.length, 1, values);
}

/** A 1×n row, e.g. a bias B1. */
export function row(values: ArrayLike<number>): Matrix {
  if (values.length === 0) throw new Error("row: no values given (empty data).");
  return matrix(1, values.length, values);
}

export function zeros(rows: number, cols: number): Matrix {
  return matrix(rows, cols);
}

export function filled(rows: number, cols: number, value: number): Matrix {
  const M = matrix(rows, cols);
  M.data.fill(value);
  return M;
}

export function copy(M: Matrix): Matrix {
  return { rows: M.rows, cols: M.cols, data: Float64Array.from(M.data) };
}

/** The rows `start … end − 1` of M, copied (used for the validation split). */
export function sliceRows(M: Matrix, start: number, end: number): Matrix {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end)) {
    throw new Error(`sliceRows: need whole numbers 0 ≤ start < end (got ${start}, ${end}).`);
  }
  if (end > M.rows) {
    throw new Error(`sliceRows: end ${end} is past the last row of a ${shapeOf(M)} matrix.`);
  }
  const out = emptyMatrix(end - start, M.cols);
  out.data.set(M.data.subarray(start * M.cols, end * M.cols));
  return out;
}

export function toRows(M: Matrix): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < M.rows; i++)
    rows.push(Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
  return rows;
}

export function get(M: Matrix, i: number, j: number): number {
  checkIndex("get", M, i, j);
  return M.data[i * M.cols + j];
}

export function set(M: Matrix, i: number, j: number, value: number): void {
  checkIndex("set", M, i, j);
  M.data[i * M.cols + j] = value;
}

/** "3×4" */
export function shapeOf(M: Matrix): string {
  return `${M.rows}×${M.cols}`;
}

/** The matrix as aligned text, e.g. for a notebook cell's output (`digits` significant digits). */
export function formatMatrix(M: Matrix, digits = 4): string {
  const cells = toRows(M).map((r) => r.map((v) => formatNumber(v, digits)));
  const width = Math.max(...cells.map((r) => Math.max(...r.map((c) => c.length))));
  const lines = cells.map((r) => "  " + r.map((c) => c.padStart(width)).join("  "));
  return `${shapeOf(M)}\n${lines.join("\n")}`;
}

// ---------------------------------------------------------------------------------------------
// Products. These three cover every product of forward and backward without ever transposing.

/** C = A·B. */
export function matMul(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.rows) {
    throw new Error(
      `matMul: A is ${shapeOf(A)} but B is ${shapeOf(B)} — A's columns (${A.cols}) must equal ` +
        `B's rows (${B.rows}); did you mean to transpose?`,
    );
  }
  const C = result("matMul", out, A.rows, B.cols, A, B);
  const n = A.rows;
  const k = A.cols;
  const p = B.cols;
  const a = A.data;
  const b = B.data;
  const c = C.data;
  // c_ij = Σ_t a_it·b_tj, summed in the order t = 0, 1, …. The two loop orders below give
  // bit-identical results; the second keeps the innermost loop long when A has few columns.
  if (k >= p) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let t = 0; t < k; t++) s += a[i * k + t] * b[t * p + j];
        c[i * p + j] = s;
      }
    }
  } else {
    for (let t = 0; t < c.length; t++) c[t] = 0; // (a loop: faster than fill() for tiny matrices)
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < k; t++) {
        const ait = a[i * k + t];
        for (let j = 0; j < p; j++) c[i * p + j] += ait * b[t * p + j];
      }
    }
  }
  return C;
}

/** Z = X·W + B, with the 1×cols row B added to every row: a dense layer's weighted sum. */
export function affine(X: Matrix, W: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (X.cols !== W.rows) {
    throw new Error(
      `affine: X is ${shapeOf(X)} but W is ${shapeOf(W)} — X's columns (${X.cols}) must equal ` +
        `W's rows (${W.rows}); did you mean to transpose?`,
    );
  }
  if (B.rows !== 1 || B.cols !== W.cols) {
    throw new Error(
      `affine: B is ${shapeOf(B)} but must be 1×${W.cols} (one bias per column of W).`,
    );
  }
  const Z = result("affine", out, X.rows, W.cols, X, W);
  const n = X.rows;
  const k = X.cols;
  const p = W.cols;
  const x = X.data;
  const w = W.data;
  const b = B.data;
  const z = Z.data;
  // z_ij = b_j + Σ_t x_it·w_tj, summed in the order t = 0, 1, …
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let s = b[j];
      for (let t = 0; t < k; t++) s += x[i * k + t] * w[t * p + j];
      z[i * p + j] = s;
    }
  }
  return Z;
}

/** C = Aᵀ·B without forming Aᵀ (A is m×n, B is m×p, C is n×p): e.g. dW2 = A1ᵀ·dZ2 (before / m). */
export function matMulAtB(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.rows !== B.rows) {
    throw new Error(
      `matMulAtB: A is ${shapeOf(A)} but B is ${shapeOf(B)} — for Aᵀ·B both need the same number ` +
        `of rows (${A.rows} ≠ ${B.rows}).`,
    );
  }
  const C = result("matMulAtB", out, A.cols, B.cols, A, B);
  const m = A.rows;
  const n = A.cols;
  const p = B.cols;
  const a = A.data;
  const b = B.data;
  const c = C.data;
  // c_jl = Σ_i a_ij·b_il, summed in the order i = 0, 1, …
  for (let j = 0; j < n; j++) {
    for (let l = 0; l < p; l++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += a[i * n + j] * b[i * p + l];
      c[j * p + l] = s;
    }
  }
  return C;
}

/** C = A·Bᵀ without forming Bᵀ (A is m×k, B is n×k, C is m×n): e.g. dA1 = dZ2·W2ᵀ. */
export function matMulABt(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.cols) {
    throw new Error(
      `matMulABt: A is ${shapeOf(A)} but B is ${shapeOf(B)} — for A·Bᵀ both need the same number ` +
        `of columns (${A.cols} ≠ ${B.cols}).`,
    );
  }
  const C = result("matMulABt", out, A.rows, B.rows, A, B);
  const m = A.rows;
  const k = A.cols;
  const n = B.rows;
  const a = A.data;
  const b = B.data;
  const c = C.data;
  // c_ij = Σ_t a_it·b_jt, summed in the order t = 0, 1, … (both loop orders give the same bits)
  if (k >= n) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < k; t++) s += a[i * k + t] * b[j * k + t];
        c[i * n + j] = s;
      }
    }
  } else {
    for (let t = 0; t < c.length; t++) c[t] = 0;
    for (let i = 0; i < m; i++) {
      for (let t = 0; t < k; t++) {
        const ait = a[i * k + t];
        for (let j = 0; j < n; j++) c[i * n + j] += ait * b[j * k + t];
      }
    }
  }
  return C;
}

export function transpose(A: Matrix, out?: Matrix): Matrix {
  const T = result("transpose", out, A.cols, A.rows, A, A);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) T.data[j * A.rows + i] = A.data[i * A.cols + j];
  }
  return T;
}

// ---------------------------------------------------------------------------------------------
// Element-wise operations (out may be one of the inputs).

export function add(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  sameShape("add", A, B);
  const C = elementwiseResult("add", out, A);
  for (let i = 0; i < A.data.length; i++) C.data[i] = A.data[i] + B.data[i];
  return C;
}

export function sub(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  sameShape("sub", A, B);
  const C = elementwiseResult("sub", out, A);
  for (let i = 0; i < A.data.length; i++) C.data[i] = A.data[i] - B.data[i];
  return C;
}

/** A ⊙ B: the element-wise product. */
export function hadamard(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  sameShape("hadamard", A, B);
  const C = elementwiseResult("hadamard", out, A);
  for (let i = 0; i < A.data.length; i++) C.data[i] = A.data[i] * B.data[i];
  return C;
}

/** k·A */
export function scale(A: Matrix, k: number, out?: Matrix): Matrix {
  const C = elementwiseResult("scale", out, A);
  for (let i = 0; i < A.data.length; i++) C.data[i] = k * A.data[i];
  return C;
}

/** A + b with the 1×cols row b added to every row of A (the bias broadcast of Z1 = X·W1 + B1). */
export function addRowVector(A: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (b.rows !== 1 || b.cols !== A.cols) {
    throw new Error(
      `addRowVector: A is ${shapeOf(A)} so b must be 1×${A.cols}, but b is ${shapeOf(b)}.`,
    );
  }
  const C = elementwiseResult("addRowVector", out, A);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) C.data[i * A.cols + j] = A.data[i * A.cols + j] + b.data[j];
  }
  return C;
}

/** f applied to every element. */
export function map(
  A: Matrix,
  f: (value: number, i: number, j: number) => number,
  out?: Matrix,
): Matrix {
  const C = elementwiseResult("map", out, A);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) C.data[i * A.cols + j] = f(A.data[i * A.cols + j], i, j);
  }
  return C;
}

// ---------------------------------------------------------------------------------------------
// Reductions

/** The 1×cols row of column sums (Σ over the rows): e.g. dB = sumColumns(dZ) / m. */
export function sumColumns(A: Matrix, out?: Matrix): Matrix {
  const S = result("sumColumns", out, 1, A.cols, A, A);
  const a = A.data;
  const s = S.data;
  const p = A.cols;
  // s_j = Σ_i a_ij, summed in the order i = 0, 1, …
  for (let j = 0; j < p; j++) {
    let total = 0;
    for (let i = 0; i < A.rows; i++) total += a[i * p + j];
    s[j] = total;
  }
  return S;
}

export function sum(A: Matrix): number {
  let s = 0;
  for (let i = 0; i < A.data.length; i++) s += A.data[i];
  return s;
}

export function mean(A: Matrix): number {
  return sum(A) / A.data.length;
}

/** The largest |element|. */
export function maxAbs(A: Matrix): number {
  let m = 0;
  for (let i = 0; i < A.data.length; i++) {
    const v = Math.abs(A.data[i]);
    if (v > m || v !== v) m = v; // NaN wins, so it is not hidden
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Checks

/** Throws if M holds a NaN or ±Infinity, naming the matrix and the first bad element. */
export function assertFinite(M: Matrix, name: string): void {
  const d = M.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) {
      const r = Math.floor(i / M.cols);
      const c = i % M.cols;
      throw new Error(
        `${name} has ${d[i]} at row ${r}, column ${c} (${name} is ${shapeOf(M)}): ` +
          `remove or fix the non-finite values before using it.`,
      );
    }
  }
}

/** Throws unless M is rows×cols. */
export function assertShape(M: Matrix, rows: number, cols: number, name: string): void {
  if (!isMatrix(M)) {
    throw new Error(`${name} must be a Matrix { rows, cols, data } (got ${typeof M}).`);
  }
  if (M.rows !== rows || M.cols !== cols) {
    throw new Error(`${name} is ${shapeOf(M)} but must be ${rows}×${cols}.`);
  }
}

/** True when value looks like a Matrix (rows × cols numbers in a Float64Array). */
export function isMatrix(value: unknown): value is Matrix {
  if (typeof value !== "object" || value === null) return false;
  const m = value as Partial<Matrix>;
  return (
    typeof m.rows === "number" &&
    typeof m.cols === "number" &&
    m.data instanceof Float64Array &&
    m.data.length === m.rows * m.cols
  );
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A rows×cols matrix of zeros without the argument checks, for lib code that has already checked
 * its sizes (learners use `zeros`, which names a bad size). */
export function emptyMatrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** emptyMatrix with M's shape. */
export function zerosLike(M: Matrix): Matrix {
  return emptyMatrix(M.rows, M.cols);
}

/** Throws unless every value is a number: a Float64Array would store null as 0 and undefined or
 * "3" as NaN or 3 without a word. (NaN and ±Infinity are numbers; training checks for them.) */
function checkValues(where: string, values: ArrayLike<unknown>): void {
  if (ArrayBuffer.isView(values)) return; // a typed array holds numbers only
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== "number") {
      throw new Error(
        `${where}: value ${i} is ${describe(values[i])}, not a number; fill in every value.`,
      );
    }
  }
}

function checkDimension(where: string, name: string, n: number): void {
  checkNumber(
    where,
    name,
    n,
    { integer: true, min: 1 },
    "A matrix needs at least one row and column.",
  );
}

function checkIndex(where: string, M: Matrix, i: number, j: number): void {
  if (!(
    Number.isInteger(i) &&
    Number.isInteger(j) &&
    i >= 0 &&
    j >= 0 &&
    i < M.rows &&
    j < M.cols
  )) {
    throw new Error(
      `${where}: (${i}, ${j}) is outside a ${shapeOf(M)} matrix (indices start at 0).`,
    );
  }
}

function sameShape(where: string, A: Matrix, B: Matrix): void {
  if (A.rows !== B.rows || A.cols !== B.cols) {
    throw new Error(
      `${where}: A is ${shapeOf(A)} but B is ${shapeOf(B)}; they must be the same shape.`,
    );
  }
}

/** `out` checked to be rows×cols and distinct from the inputs, or a new zero matrix. */
function result(
  where: string,
  out: Matrix | undefined,
  rows: number,
  cols: number,
  A: Matrix,
  B: Matrix,
): Matrix {
  if (out === undefined) return emptyMatrix(rows, cols);
  if (out.rows !== rows || out.cols !== cols) {
    throw new Error(`${where}: out is ${shapeOf(out)} but the result is ${rows}×${cols}.`);
  }
  if (out.data === A.data || out.data === B.data) {
    throw new Error(`${where}: out must be a different matrix from the inputs.`);
  }
  return out;
}

function elementwiseResult(where: string, out: Matrix | undefined, A: Matrix): Matrix {
  if (out === undefined) return emptyMatrix(A.rows, A.cols);
  if (out.rows !== A.rows || out.cols !== A.cols) {
    throw new Error(`${where}: out is ${shapeOf(out)} but the result is ${shapeOf(A)}.`);
  }
  return out;
}
