// The course's data sets, generated from the lecture's formulas with the seeded RNG, and the
// input-scaling helpers. The generated sets are committed under data/ (see data/README.md);
// `loadDataSet(name)` in datasets.ts reads those copies and `npm run data` regenerates them
// byte for byte with `dataSetJson` below.
//
// Taught in notebooks/04-sine-fit.ipynb (the sine and cobra curves), 01-perceptron.ipynb (AND, OR,
// XOR) and 03-backprop.ipynb (scaling inputs to 0.01–0.99).

import { assertFinite, emptyMatrix, isMatrix, type Matrix, shapeOf } from "./matrix";
import { createRng } from "./rng";
import { checkNumber, describe } from "./validate";

export type DataSetName = "sine" | "cobra" | "xor" | "and" | "or";
export const dataSetNames: readonly DataSetName[] = ["sine", "cobra", "xor", "and", "or"];

/** Inputs and targets: X is n×inputs, Y is n×outputs (one row per sample). */
export interface DataSet {
  X: Matrix;
  Y: Matrix;
}

export interface CourseDataSet {
  name: DataSetName;
  /** The RNG seed it was generated with (null for the fixed logic tables). */
  seed: number | null;
  /** How it was made, in words and symbols. */
  formula: string;
  /** Column names of X and of Y. */
  inputs: string[];
  outputs: string[];
  train: DataSet;
  test: DataSet;
}

/** The seeds of the committed copies in data/. */
export const defaultSeeds = { sine: 1, cobra: 2 } as const;

/**
 * The lecture's sine: x ~ U[0, 1), y = sin(2πx) + U(−0.1, 0.1), 500 training samples;
 * test: x = linspace(0, 1, 100), y = sin(2πx) without noise. Draws all 500 x, then all 500 noises.
 */
export function sineData(seed: number = defaultSeeds.sine): CourseDataSet {
  return curve(
    "sine",
    seed,
    (x) => Math.sin(2 * Math.PI * x),
    0.1,
    500,
    100,
    "y = sin(2πx) + U(−0.1, 0.1), x ~ U[0, 1); test: x = linspace(0, 1, 100), no noise",
  );
}

/**
 * The lecture's "cobra" (眼镜蛇) curve: y = 0.4x² + 0.3x·sin(15x) + 0.01·cos(50x) − 0.3 with noise
 * U(−0.05, 0.05), x ~ U[0, 1), 1000 training samples; test: x = linspace(0, 1, 200), no noise.
 */
export function cobraData(seed: number = defaultSeeds.cobra): CourseDataSet {
  return curve(
    "cobra",
    seed,
    (x) => 0.4 * x * x + 0.3 * x * Math.sin(15 * x) + 0.01 * Math.cos(50 * x) - 0.3,
    0.05,
    1000,
    200,
    "y = 0.4x² + 0.3x·sin(15x) + 0.01·cos(50x) − 0.3 + U(−0.05, 0.05), x ~ U[0, 1); " +
      "test: x = linspace(0, 1, 200), no noise",
  );
}

/** XOR 异或: y = 1 when exactly one input is 1 — not separable by one straight line. */
export function xorData(): CourseDataSet {
  return logic("xor", (a, b) => (a !== b ? 1 : 0), "y = x1 XOR x2");
}

/** AND: y = 1 only when both inputs are 1. */
export function andData(): CourseDataSet {
  return logic("and", (a, b) => (a === 1 && b === 1 ? 1 : 0), "y = x1 AND x2");
}

/** OR: y = 1 when at least one input is 1. */
export function orData(): CourseDataSet {
  return logic("or", (a, b) => (a === 1 || b === 1 ? 1 : 0), "y = x1 OR x2");
}

/** A data set by name, generated afresh with its default seed. */
export function generateDataSet(name: DataSetName): CourseDataSet {
  switch (name) {
    case "sine":
      return sineData();
    case "cobra":
      return cobraData();
    case "xor":
      return xorData();
    case "and":
      return andData();
    case "or":
      return orData();
  }
  throw new Error(
    `generateDataSet: unknown data set ${describe(name)}: choose one of ${dataSetNames.join(", ")}`,
  );
}

/** n evenly spaced points from start to stop, both included (NumPy's linspace). */
export function linspace(start: number, stop: number, n: number): number[] {
  checkNumber("linspace", "n", n, { integer: true, min: 2 });
  return Array.from({ length: n }, (_, i) =>
    i === n - 1 ? stop : start + ((stop - start) * i) / (n - 1),
  );
}

// ---------------------------------------------------------------------------------------------
// Scaling 归一化

/** Fitted scaling: `apply` scales new data (e.g. the test set) the same way; `invert` undoes it. */
export interface Scaling {
  apply(M: Matrix): Matrix;
  invert(M: Matrix): Matrix;
}

/**
 * Scales every column of X linearly into [low, high] (default 0.01–0.99, as in Make Your Own
 * Neural Network: inputs away from 0 and 1, where sigmoid units saturate). Returns the scaled X and
 * the fitted per-column min and max. A constant column maps to the middle of [low, high].
 */
export function scaleTo(
  X: Matrix,
  low = 0.01,
  high = 0.99,
): { X: Matrix; min: number[]; max: number[]; low: number; high: number } & Scaling {
  checkMatrix("scaleTo", X);
  checkNumber("scaleTo", "low", low, {});
  checkNumber("scaleTo", "high", high, { above: low }, "high must be greater than low.");
  const min: number[] = [];
  const max: number[] = [];
  for (let j = 0; j < X.cols; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < X.rows; i++) {
      const v = X.data[i * X.cols + j];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min.push(lo);
    max.push(hi);
  }
  const apply = (M: Matrix): Matrix =>
    columnwise("scaleTo.apply", M, X.cols, (v, j) =>
      max[j] === min[j]
        ? (low + high) / 2
        : low + ((v - min[j]) * (high - low)) / (max[j] - min[j]),
    );
  const invert = (M: Matrix): Matrix =>
    columnwise("scaleTo.invert", M, X.cols, (v, j) =>
      max[j] === min[j] ? min[j] : min[j] + ((v - low) * (max[j] - min[j])) / (high - low),
    );
  return { X: apply(X), min, max, low, high, apply, invert };
}

/** Shifts and scales every column of X to mean 0 and standard deviation 1. Returns the result and
 * the fitted per-column mean and std (a constant column is only shifted). */
export function normalize(X: Matrix): { X: Matrix; mean: number[]; std: number[] } & Scaling {
  checkMatrix("normalize", X);
  const mean: number[] = [];
  const std: number[] = [];
  for (let j = 0; j < X.cols; j++) {
    let s = 0;
    for (let i = 0; i < X.rows; i++) s += X.data[i * X.cols + j];
    const mu = s / X.rows;
    let v = 0;
    for (let i = 0; i < X.rows; i++) v += (X.data[i * X.cols + j] - mu) ** 2;
    const sigma = Math.sqrt(v / X.rows);
    mean.push(mu);
    std.push(sigma > 0 ? sigma : 1);
  }
  const apply = (M: Matrix): Matrix =>
    columnwise("normalize.apply", M, X.cols, (v, j) => (v - mean[j]) / std[j]);
  const invert = (M: Matrix): Matrix =>
    columnwise("normalize.invert", M, X.cols, (v, j) => v * std[j] + mean[j]);
  return { X: apply(X), mean, std, apply, invert };
}

// ---------------------------------------------------------------------------------------------
// The committed copies: data/NAME.json

/** The JSON form of a data set: each column a named array (`x`, `y`; `x1`, `x2`, `y`). */
export interface DataSetJson {
  name: string;
  seed: number | null;
  formula: string;
  inputs: string[];
  outputs: string[];
  train: Record<string, number[]>;
  test: Record<string, number[]>;
}

/** The exact text of data/NAME.json: numbers in JavaScript's shortest round-trip form, so they
 * read back bit for bit; one line per column. */
export function dataSetJson(set: CourseDataSet): string {
  const part = (data: DataSet): string => {
    const columns = [
      ...set.inputs.map((name, j) => [name, columnOf(data.X, j)] as const),
      ...set.outputs.map((name, j) => [name, columnOf(data.Y, j)] as const),
    ];
    const lines = columns.map(
      ([name, values]) => `    ${JSON.stringify(name)}: ${JSON.stringify(values)}`,
    );
    return `{\n${lines.join(",\n")}\n  }`;
  };
  return (
    [
      "{",
      `  "name": ${JSON.stringify(set.name)},`,
      `  "seed": ${JSON.stringify(set.seed)},`,
      `  "formula": ${JSON.stringify(set.formula)},`,
      `  "inputs": ${JSON.stringify(set.inputs)},`,
      `  "outputs": ${JSON.stringify(set.outputs)},`,
      `  "train": ${part(set.train)},`,
      `  "test": ${part(set.test)}`,
      "}",
    ].join("\n") + "\n"
  );
}

/** A CourseDataSet from its JSON form (checked, with fresh matrices). */
export function dataSetFromJson(json: DataSetJson): CourseDataSet {
  const bad = (why: string): Error =>
    new Error(`dataSetFromJson: ${why}; regenerate data/ with npm run data.`);
  if (typeof json !== "object" || json === null) throw bad(`got ${describe(json)}`);
  if (!dataSetNames.includes(json.name as DataSetName))
    throw bad(`unknown name ${describe(json.name)}`);
  if (!Array.isArray(json.inputs) || !Array.isArray(json.outputs))
    throw bad("inputs/outputs missing");
  const part = (which: "train" | "test"): DataSet => {
    const columns = json[which];
    if (typeof columns !== "object" || columns === null) throw bad(`${which} is missing`);
    const build = (names: string[]): Matrix => {
      const cols = names.map((name) => {
        const values = columns[name];
        if (!Array.isArray(values) || values.length === 0)
          throw bad(`${which}.${name} is missing or empty`);
        return values;
      });
      const n = cols[0].length;
      const M = emptyMatrix(n, cols.length);
      cols.forEach((values, j) => {
        if (values.length !== n)
          throw bad(`${which}.${names[j]} has ${values.length} values, not ${n}`);
        values.forEach((v, i) => {
          if (typeof v !== "number" || !Number.isFinite(v))
            throw bad(`${which}.${names[j]}[${i}] is not a finite number`);
          M.data[i * cols.length + j] = v;
        });
      });
      return M;
    };
    const X = build(json.inputs);
    const Y = build(json.outputs);
    if (X.rows !== Y.rows) throw bad(`${which} has ${X.rows} inputs but ${Y.rows} targets`);
    return { X, Y };
  };
  return {
    name: json.name as DataSetName,
    seed: json.seed,
    formula: json.formula,
    inputs: json.inputs.slice(),
    outputs: json.outputs.slice(),
    train: part("train"),
    test: part("test"),
  };
}

// ---------------------------------------------------------------------------------------------

function curve(
  name: DataSetName,
  seed: number,
  f: (x: number) => number,
  noise: number,
  nTrain: number,
  nTest: number,
  formula: string,
): CourseDataSet {
  checkNumber(`${name}Data`, "seed", seed, { integer: true });
  const rng = createRng(seed);
  const x: number[] = [];
  for (let i = 0; i < nTrain; i++) x.push(rng.next()); // x ~ U[0, 1)
  const y = x.map((xi) => f(xi) + rng.uniform(-noise, noise)); // then one noise draw per sample
  const xTest = linspace(0, 1, nTest);
  return {
    name,
    seed,
    formula,
    inputs: ["x"],
    outputs: ["y"],
    train: { X: columnMatrix(x), Y: columnMatrix(y) },
    test: { X: columnMatrix(xTest), Y: columnMatrix(xTest.map(f)) },
  };
}

function logic(
  name: DataSetName,
  f: (a: number, b: number) => number,
  formula: string,
): CourseDataSet {
  const rows = [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ];
  const make = (): DataSet => ({
    X: { rows: 4, cols: 2, data: Float64Array.from(rows.flat()) },
    Y: columnMatrix(rows.map(([a, b]) => f(a, b))),
  });
  return {
    name,
    seed: null,
    formula: `${formula}; all four input pairs (test = train)`,
    inputs: ["x1", "x2"],
    outputs: ["y"],
    train: make(),
    test: make(),
  };
}

function columnMatrix(values: number[]): Matrix {
  return { rows: values.length, cols: 1, data: Float64Array.from(values) };
}

function columnOf(M: Matrix, j: number): number[] {
  return Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);
}

function checkMatrix(where: string, X: Matrix): void {
  if (!isMatrix(X) || X.rows === 0)
    throw new Error(`${where}: X must be a non-empty Matrix (got ${describe(X)}).`);
  assertFinite(X, `${where}: X`); // one NaN would make its whole column's min/max or mean NaN
}

function columnwise(
  where: string,
  M: Matrix,
  cols: number,
  f: (v: number, j: number) => number,
): Matrix {
  if (!isMatrix(M)) throw new Error(`${where}: expected a Matrix (got ${describe(M)}).`);
  assertFinite(M, where);
  if (M.cols !== cols) {
    throw new Error(
      `${where}: the scaling was fitted on ${cols} column(s) but this matrix is ${shapeOf(M)}.`,
    );
  }
  const out = emptyMatrix(M.rows, cols);
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < cols; j++) out.data[i * cols + j] = f(M.data[i * cols + j], j);
  }
  return out;
}
