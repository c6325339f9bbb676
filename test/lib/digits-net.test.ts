// Notebook 07's building blocks: the book's network and its training rule (its "gradient" rule
// is train's halfMse step with batch size 1, to the last bit of rounding), backquery, the
// confusion matrix, and convolution against TensorFlow.js's conv2d.
import { describe, expect, it } from "vitest";
import {
  backquery,
  bookNet,
  confusionMatrix,
  conv2d,
  convOutputSize,
  digitLabels,
  kernels,
  loadDigits,
  predict,
  sliceRows,
  train,
  trainBook,
} from "../../lib";
import { tfjs } from "../../lib/backend";

const digits = loadDigits({ scaling: "book", train: 1000 });
const accuracy = (net: Parameters<typeof predict>[0], X = digits.test.X): number => {
  const labels = digitLabels(predict(net, X));
  return labels.filter((l, i) => l === digits.testLabels[i]).length / labels.length;
};

describe("the book's network", () => {
  const start = bookNet([784, 20, 10], 3);

  it("starts with weights N(0, 1/n_in), no biases", () => {
    const std = (d: Float64Array): number => Math.sqrt(d.reduce((s, v) => s + v * v, 0) / d.length);
    expect(std(start.W[0].data)).toBeCloseTo(1 / Math.sqrt(784), 2);
    expect(std(start.W[1].data)).toBeCloseTo(1 / Math.sqrt(20), 1);
    expect(start.bias).toBe(false);
  });

  it("its 'gradient' rule is train's halfMse step at batch size 1, in the data's order", () => {
    const few = { X: sliceRows(digits.train.X, 0, 50), Y: sliceRows(digits.train.Y, 0, 50) };
    const mine = trainBook(start, few, { eta: 0.1, epochs: 2, rule: "gradient" });
    const lib = train(start, few, {
      eta: 0.1,
      batchSize: 1,
      maxEpoch: 2,
      loss: "halfMse",
      shuffle: false,
      validation: 0,
    }).net;
    mine.W.forEach((W, l) => W.data.forEach((w, i) => expect(w).toBeCloseTo(lib.W[l].data[i], 12)));
    expect(start.W[0].data[0]).toBe(bookNet([784, 20, 10], 3).W[0].data[0]); // not changed
  });

  it("the book's rule differs from the gradient, and both learn the digits in three epochs", () => {
    const book = trainBook(start, digits.train, { eta: 0.1, epochs: 3 });
    const gradient = trainBook(start, digits.train, { eta: 0.1, epochs: 3, rule: "gradient" });
    expect(book.W[0].data[5000]).not.toBe(gradient.W[0].data[5000]);
    expect(accuracy(start)).toBeLessThan(0.3);
    // (1,000 training digits and 20 hidden units: seen 0.81 and 0.74)
    expect(accuracy(book)).toBeGreaterThan(0.75);
    expect(accuracy(gradient)).toBeGreaterThan(0.7);
    expect(() => trainBook(start, digits.train, { rule: "adam" as never })).toThrow(
      /rule must be 'book' or 'gradient'/,
    );
  });

  it("backquery gives a 784-pixel image in 0.01–0.99, one per label", () => {
    const net = trainBook(start, digits.train, { epochs: 1 });
    const three = backquery(net, 3);
    const seven = backquery(net, 7);
    expect(three).toHaveLength(784);
    expect(Math.min(...three)).toBeCloseTo(0.01, 12);
    expect(Math.max(...three)).toBeCloseTo(0.99, 12);
    expect(Array.from(three)).not.toEqual(Array.from(seven));
    expect(() => backquery(net, 10)).toThrow(/label must be ≤ 9/);
  });
});

describe("confusion matrix and convolution", () => {
  it("counts [actual][predicted]", () => {
    const m = confusionMatrix([0, 1, 1, 2, 2, 2], [0, 1, 2, 2, 2, 0], 3);
    expect(m).toEqual([
      [1, 0, 1],
      [0, 1, 0],
      [0, 1, 2],
    ]);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/sample 1 has prediction 3/);
  });

  it("conv2d matches TensorFlow.js's conv2d (no padding, strides 1 and 2), and the size rule", () => {
    const tf = tfjs() as unknown as {
      tidy<T>(f: () => T): T;
      tensor4d(v: number[], shape: number[]): unknown;
      conv2d(
        x: unknown,
        k: unknown,
        strides: number,
        pad: "valid",
      ): { arraySync(): number[][][][] };
    };
    const image = Array.from({ length: 28 }, (_, y) =>
      Array.from(digits.test.X.data.slice(y * 28, y * 28 + 28)),
    );
    expect(convOutputSize(28, 3)).toBe(26);
    expect(convOutputSize(28, 5, 2)).toBe(12);
    for (const [name, kernel] of Object.entries(kernels)) {
      for (const stride of [1, 2]) {
        const mine = conv2d(image, kernel, { stride });
        const theirs = tf.tidy(() =>
          tf
            .conv2d(
              tf.tensor4d(image.flat(), [1, 28, 28, 1]),
              tf.tensor4d(kernel.flat(), [3, 3, 1, 1]),
              stride,
              "valid",
            )
            .arraySync()[0]
            .map((row) => row.map((c) => c[0])),
        );
        expect(mine.length, name).toBe(theirs.length);
        mine.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(theirs[i][j], 4)));
      }
    }
    expect(() => conv2d([[1, 2]], kernels.blur)).toThrow(/kernel must be ≤ 1/);
  });
});
