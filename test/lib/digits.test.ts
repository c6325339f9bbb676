// The digits of the mnist package as data sets (lib/digits/): the split is stratified, seeded
// and disjoint, the scalings are the book's and the unit one, and the picture grid places every
// image and label where it should be.
import { describe, expect, it } from "vitest";
import { digitCounts, digitLabels, digitsPlot, loadDigits, matrix } from "../../lib";

/** An image's fingerprint (two weighted sums), to compare images between sets quickly. */
const key = (X: { data: Float64Array; cols: number }, r: number): string => {
  let a = 0;
  let b = 0;
  for (let p = 0; p < X.cols; p++) {
    const v = X.data[r * X.cols + p];
    a += v * (p + 1);
    b += v * v * ((p * 7919) % 1013);
  }
  return `${a.toFixed(6)}:${b.toFixed(6)}`;
};

describe("loadDigits", () => {
  const digits = loadDigits();

  it("has the package's 10,000 digits: 200 per digit to test, the other 8,000 to train", () => {
    expect(digitCounts()).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    expect(digits.train.X.rows).toBe(8000);
    expect(digits.train.X.cols).toBe(784);
    expect(digits.test.X.rows).toBe(2000);
    const perDigit = (labels: number[]): number[] =>
      Array.from({ length: 10 }, (_, d) => labels.filter((l) => l === d).length);
    expect(perDigit(digits.testLabels)).toEqual(new Array(10).fill(200));
    expect(perDigit(digits.trainLabels)).toEqual(digitCounts().map((n) => n - 200));
    expect(digitLabels(digits.train.Y)).toEqual(digits.trainLabels);
  });

  it("never puts an image in both sets, and the same seed gives the same split", () => {
    const train = new Set(Array.from({ length: 8000 }, (_, r) => key(digits.train.X, r)));
    let shared = 0;
    for (let r = 0; r < 2000; r++) if (train.has(key(digits.test.X, r))) shared++;
    // (a handful of MNIST images are exact duplicates of others; none is split by the loader)
    expect(shared).toBeLessThan(5);
    const again = loadDigits();
    // (compared as bytes: a deep equality over 1.5 million numbers takes seconds)
    expect(
      Buffer.compare(Buffer.from(again.test.X.data.buffer), Buffer.from(digits.test.X.data.buffer)),
    ).toBe(0);
    expect(loadDigits({ seed: 8 }).testLabels).not.toEqual(digits.testLabels);
  });

  it("scales as asked: grey levels in [0, 1] with 0/1 targets, or the book's 0.01–1.00 and 0.01/0.99", () => {
    const max = (d: Float64Array): number => d.reduce((m, v) => (v > m ? v : m), -Infinity);
    const min = (d: Float64Array): number => d.reduce((m, v) => (v < m ? v : m), Infinity);
    expect([min(digits.test.X.data), max(digits.test.X.data)]).toEqual([0, 1]);
    expect(new Set(digits.test.Y.data)).toEqual(new Set([0, 1]));
    const book = loadDigits({ scaling: "book" });
    expect(min(book.test.X.data)).toBeCloseTo(0.01, 12);
    expect(max(book.test.X.data)).toBeCloseTo(1, 12);
    expect(new Set(book.test.Y.data)).toEqual(new Set([0.01, 0.99]));
    expect(book.test.X.data[300]).toBeCloseTo(digits.test.X.data[300] * 0.99 + 0.01, 12);
  });

  it("chooses fewer training images with the same share of every digit", () => {
    const small = loadDigits({ train: 1000 });
    expect(small.train.X.rows).toBe(1000);
    const fives = small.trainLabels.filter((l) => l === 5).length;
    expect(fives).toBeGreaterThanOrEqual(82); // 663 of 8,000 → 82.9 of 1,000
    expect(fives).toBeLessThanOrEqual(83);
    expect(small.testLabels).toEqual(digits.testLabels); // the test set does not change
  });

  it("names the problem and the fix", () => {
    expect(() => loadDigits({ testPerDigit: 900 })).toThrow(
      /testPerDigit must be ≤ 862 \(got 900\)\. The package has 863 images of its rarest digit/,
    );
    expect(() => loadDigits({ train: 9000 })).toThrow(
      /train must be ≤ 8000 .* 8000 are left to train on/,
    );
    expect(() => loadDigits({ scaling: "0-1" as never })).toThrow(
      /scaling must be 'unit' or 'book'/,
    );
    expect(() => loadDigits({ seeds: 1 } as never)).toThrow(/did you mean 'seed'/);
  });
});

describe("digitsPlot", () => {
  it("tiles 28×28 images with a gap and a label above each, ink dark", () => {
    const X = matrix(3, 784);
    X.data[0] = 1; // top-left pixel of image 0
    X.data[784 + 27] = 0.5; // top-right pixel of image 1
    X.data[2 * 784 + 783] = 0.25; // bottom-right pixel of image 2
    const figure = digitsPlot(X, { rows: [0, 1, 2], labels: ["a", "b", "c"], columns: 2 });
    const trace = figure.data[0] as { z: (number | null)[][]; reversescale: boolean };
    expect(trace.reversescale).toBe(true);
    expect(trace.z).toHaveLength(2 * 36);
    expect(trace.z[0]).toHaveLength(2 * 30);
    expect(trace.z[6][0]).toBe(1);
    expect(trace.z[6][27]).toBe(0);
    expect(trace.z[6][30 + 27]).toBe(0.5);
    expect(trace.z[36 + 6 + 27][27]).toBe(0.25);
    expect(trace.z[36 + 6 + 27][30 + 27]).toBeNull(); // no fourth image
    expect(figure.layout.annotations?.map((a) => [a.text, a.x, a.y])).toEqual([
      ["a", 14, 3],
      ["b", 44, 3],
      ["c", 14, 39],
    ]);
    expect(() => digitsPlot(matrix(2, 10))).toThrow(/784 columns/);
    expect(() => digitsPlot(X, { rows: [5] })).toThrow(/row 5 is not a row of X/);
    expect(() => digitsPlot(X, { rows: [0, 1], labels: ["a"] })).toThrow(/one label per image/);
  });
});
