// Sequence data sets 序列数据 for the RNN, generated from seeds on load (they are tiny; the
// character corpus is committed as data/corpus.json). Formulas in data/README.md. Taught in
// notebooks/06-rnn.ipynb.
//
// A set is { X, Y, targets } (rnn.ts): X[t] is n×I, one row per sequence, at step t.

import corpusJson from "../../data/corpus.json";
import { type Matrix, matrix, zeros } from "../matrix";
import { createRng } from "../rng";
import { checkNumber } from "../validate";
import type { SequenceSet } from "./rnn";

/** n sequences of T steps from per-sequence arrays: x[i][t] (I numbers), y[i][t] (O numbers). */
export function sequenceSet(
  x: readonly (readonly (readonly number[])[])[],
  y: readonly (readonly (readonly number[])[])[],
  targets: "every" | "last",
): SequenceSet {
  const n = x.length;
  const T = x[0].length;
  const steps = targets === "every" ? T : 1;
  const I = x[0][0].length;
  const O = y[0][0].length;
  const X = Array.from({ length: T }, (_, t) =>
    matrix(
      n,
      I,
      x.flatMap((seq) => seq[t]),
    ),
  );
  const Y = Array.from({ length: steps }, (_, t) =>
    matrix(
      n,
      O,
      y.flatMap((seq) => seq[t]),
    ),
  );
  return { X, Y, targets };
}

/** Sequences i of a set (e.g. a split), in the order given. */
export function pickSequences(data: SequenceSet, rows: readonly number[]): SequenceSet {
  const pick = (M: Matrix): Matrix => {
    const out = zeros(rows.length, M.cols);
    rows.forEach((i, r) => out.data.set(M.data.subarray(i * M.cols, (i + 1) * M.cols), r * M.cols));
    return out;
  };
  return { X: data.X.map(pick), Y: data.Y.map(pick), targets: data.targets };
}

// ---------------------------------------------------------------------------------------------
// (1) Echo 回声: output the previous step's input.

/** x_t ∈ {0, 1} at random (p = ½); y_t = x_{t−1}, y_1 = 0. Many-to-many. */
export function echoData(options: { n?: number; T?: number; seed?: number } = {}): SequenceSet {
  const n = options.n ?? 200;
  const T = options.T ?? 10;
  const rng = createRng(options.seed ?? 11);
  const x = Array.from({ length: n }, () =>
    Array.from({ length: T }, () => [rng.next() < 0.5 ? 1 : 0]),
  );
  const y = x.map((seq) => seq.map((_, t) => [t === 0 ? 0 : seq[t - 1][0]]));
  return sequenceSet(x, y, "every");
}

// ---------------------------------------------------------------------------------------------
// (2) Binary subtraction 二进制减法, bit by bit, least-significant bit first.

/** The `bits` bits of k (0 ≤ k < 2^bits), least-significant first: 6 → [0, 1, 1, 0]. */
export function toBits(k: number, bits = 4): number[] {
  return Array.from({ length: bits }, (_, i) => (k >> i) & 1);
}

/** The number whose bits (least-significant first) are ≥ 0.5: [0, 1, 1, 0] → 6. */
export function fromBits(bits: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < bits.length; i++) if (bits[i] >= 0.5) k += 2 ** i;
  return k;
}

export interface SubtractionData {
  train: SequenceSet;
  test: SequenceSet;
  /** The pairs (a, b) of each set, in order. */
  trainPairs: { a: number; b: number }[];
  testPairs: { a: number; b: number }[];
}

/** Every pair a, b of `bits`-bit numbers: input x_t = [a_t, b_t], target y_t = the t-th bit of
 * a − b mod 2^bits (two's complement when b > a), least-significant bit first. A seeded quarter
 * of the pairs is held out as the test set. */
export function subtractionData(options: { bits?: number; seed?: number } = {}): SubtractionData {
  const bits = checkNumber("subtractionData", "bits", options.bits ?? 4, {
    min: 1,
    max: 12,
    integer: true,
  });
  const size = 2 ** bits;
  const pairs: { a: number; b: number }[] = [];
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) pairs.push({ a, b });
  createRng(options.seed ?? 12).shuffle(pairs);
  const nTest = Math.round(pairs.length / 4);
  const set = (ps: { a: number; b: number }[]): SequenceSet => {
    const x = ps.map(({ a, b }) => toBits(a, bits).map((ai, t) => [ai, toBits(b, bits)[t]]));
    const y = ps.map(({ a, b }) => toBits((a - b + size) % size, bits).map((d) => [d]));
    return sequenceSet(x, y, "every");
  };
  const testPairs = pairs.slice(0, nTest);
  const trainPairs = pairs.slice(nTest);
  return { train: set(trainPairs), test: set(testPairs), trainPairs, testPairs };
}

// ---------------------------------------------------------------------------------------------
// (3) Time series 时间序列 for forecasting.

/** A synthetic daily price: log p_t = log p_{t−1} + μ + σ·ε_t + A·(sin(2πt/P) − sin(2π(t−1)/P)),
 * p_0 = 100, ε_t ~ N(0, 1): geometric Brownian motion with a seasonal term (μ = 0.0003, σ = 0.01,
 * A = 0.05, P = 20 trading days). */
export function priceSeries(options: { length?: number; seed?: number } = {}): number[] {
  const length = options.length ?? 600;
  const rng = createRng(options.seed ?? 13);
  const mu = 0.0003;
  const sigma = 0.01;
  const A = 0.05;
  const P = 20;
  const prices = [100];
  let logP = Math.log(100);
  for (let t = 1; t < length; t++) {
    const season = A * (Math.sin((2 * Math.PI * t) / P) - Math.sin((2 * Math.PI * (t - 1)) / P));
    logP += mu + sigma * rng.normal() + season;
    prices.push(Math.exp(logP));
  }
  return prices;
}

/** y_t = sin(2πt/P) + noise·ε_t, ε_t ~ N(0, 1) (P = 25, noise = 0.1). */
export function noisySine(
  options: { length?: number; period?: number; noise?: number; seed?: number } = {},
): number[] {
  const length = options.length ?? 400;
  const P = options.period ?? 25;
  const noise = options.noise ?? 0.1;
  const rng = createRng(options.seed ?? 14);
  return Array.from({ length }, (_, t) => Math.sin((2 * Math.PI * t) / P) + noise * rng.normal());
}

export interface ForecastData {
  /** Windows of `window` values → the next value, scaled: (v − mean) / std of the training part. */
  train: SequenceSet;
  test: SequenceSet;
  mean: number;
  std: number;
  /** Index in the series of the value each test window predicts. */
  testStart: number;
}

/** One-step-ahead windows over a series, split in time: the first `trainFraction` of the series
 * trains, the windows predicting the rest test (no window of the test part is seen in training). */
export function forecastData(
  series: readonly number[],
  options: { window?: number; trainFraction?: number } = {},
): ForecastData {
  const T = checkNumber("forecastData", "window", options.window ?? 10, { min: 1, integer: true });
  const fraction = options.trainFraction ?? 0.75;
  const split = Math.round(series.length * fraction);
  if (split <= T || series.length - split < 1) {
    throw new Error(
      `forecastData: a series of ${series.length} values is too short for windows of ${T}.`,
    );
  }
  const head = series.slice(0, split);
  const mean = head.reduce((s, v) => s + v, 0) / head.length;
  const std = Math.sqrt(head.reduce((s, v) => s + (v - mean) ** 2, 0) / head.length) || 1;
  const z = series.map((v) => (v - mean) / std);
  const windows = (from: number, to: number): SequenceSet => {
    const x: number[][][] = [];
    const y: number[][][] = [];
    for (let k = from; k < to; k++) {
      x.push(z.slice(k - T, k).map((v) => [v]));
      y.push([[z[k]]]);
    }
    return sequenceSet(x, y, "last");
  };
  return {
    train: windows(T, split),
    test: windows(split, series.length),
    mean,
    std,
    testStart: split,
  };
}

/** Mean squared error of predictions against the targets of a "last" set. */
export function meanSquaredError(predicted: Matrix, target: Matrix): number {
  let s = 0;
  for (let i = 0; i < target.data.length; i++) s += (predicted.data[i] - target.data[i]) ** 2;
  return s / target.data.length;
}

/** The naive forecast "tomorrow = today": each window's last value. */
export function naiveForecast(data: SequenceSet): Matrix {
  return data.X[data.X.length - 1];
}

// ---------------------------------------------------------------------------------------------
// (4) Characters 字符: next-character prediction on a small corpus written for the project.

/** The corpus (data/corpus.json): a few kB of lowercase text. */
export function corpusText(): string {
  return corpusJson.text;
}

export interface CharData {
  data: SequenceSet;
  /** The characters, sorted; character k is one-hot unit k. */
  vocab: string;
}

/** Non-overlapping chunks of T + 1 characters: inputs one-hot characters 1 … T, targets
 * characters 2 … T + 1 (many-to-many). */
export function charData(text: string, T = 25): CharData {
  const vocab = [...new Set(text)].sort().join("");
  const V = vocab.length;
  const oneHot = (ch: string): number[] => {
    const v = new Array<number>(V).fill(0);
    v[vocab.indexOf(ch)] = 1;
    return v;
  };
  const x: number[][][] = [];
  const y: number[][][] = [];
  for (let k = 0; k + T + 1 <= text.length; k += T) {
    const chunk = text.slice(k, k + T + 1);
    x.push([...chunk.slice(0, T)].map(oneHot));
    y.push([...chunk.slice(1)].map(oneHot));
  }
  return { data: sequenceSet(x, y, "every"), vocab };
}

// ---------------------------------------------------------------------------------------------
// (5) A long-range dependency 长程依赖: remember the first symbol through noise.

/** Inputs of 6 numbers: x_1 = [1, 0, 0, 0, 0, 0] (symbol A) or [0, 1, 0, 0, 0, 0] (symbol B),
 * alternately; then x_2 … x_T = [0, 0, 2ε₁, 2ε₂, 2ε₃, 2ε₄] with ε ~ N(0, 1) — noise the state must
 * not let wash the first symbol away. The target after the last step is 1 for A, 0 for B
 * (many-to-one); guessing scores 50%. */
export function firstSymbolData(
  options: { n?: number; T?: number; seed?: number } = {},
): SequenceSet {
  const n = options.n ?? 256;
  const T = checkNumber("firstSymbolData", "T", options.T ?? 10, { min: 2, integer: true });
  const rng = createRng(options.seed ?? 15);
  const x: number[][][] = [];
  const y: number[][][] = [];
  for (let i = 0; i < n; i++) {
    const first = i % 2; // balanced: A, B, A, B, …
    const seq = [first === 0 ? [1, 0, 0, 0, 0, 0] : [0, 1, 0, 0, 0, 0]];
    for (let t = 1; t < T; t++) seq.push([0, 0, ...[0, 1, 2, 3].map(() => 2 * rng.normal())]);
    x.push(seq);
    y.push([[first === 0 ? 1 : 0]]);
  }
  return sequenceSet(x, y, "last");
}
