// The numbers notebooks/07-digits.ipynb states in its text that are not read from a table it
// prints: the output sizes of a convolution, the CNN's share of the MLP's weights, the book's
// network as the notes describe it, and backquery's rescaling. (The trained nets'
// claims — the book's rule against the gradient, the modern net, the CNN against the MLP, the
// backends — are read from the executed notebook in test/notebooks/notebooks.test.ts, so that they
// train once per suite.)
import { describe, expect, it } from "vitest";
import {
  backquery,
  bookNet,
  cnnParameterCount,
  convOutputSize,
  layersCnn,
  loadDigits,
  mlp,
  parameterCount,
} from "../../lib";

describe("07 · convolution", () => {
  it("a 3×3 kernel on a 28×28 digit gives 26×26, 13×13 with stride 2, 9×9 with stride 3", () => {
    expect(convOutputSize(28, 3)).toBe(26);
    expect(convOutputSize(28, 3, 2)).toBe(13);
    expect(convOutputSize(28, 3, 3)).toBe(9);
  });

  it("the CNN (8 kernels 5×5, pool 2×2, dense softmax) has about a seventh of the MLP's weights", () => {
    const cnn = cnnParameterCount(layersCnn({ filters: 8, kernel: 5, pool: 2 }));
    // 8·(25 + 1) in the kernels, 12·12·8·10 + 10 in the dense layer
    expect(cnn).toBe(8 * 26 + 12 * 12 * 8 * 10 + 10);
    const mlpWeights = parameterCount(mlp([784, 100, 10]));
    expect(mlpWeights).toBe(784 * 100 + 100 + 100 * 10 + 10);
    expect(Math.round(mlpWeights / cnn)).toBe(7);
  });
});

describe("07 · the book's network", () => {
  it("has no biases, sigmoid layers, weights N(0, 1/n_in); the data are 8,000 digits, 60,000/7.5", () => {
    const net = bookNet([784, 200, 10], 1);
    expect(net.bias).toBe(false);
    expect(net.activations.map((f) => f.name)).toEqual(["sigmoid", "sigmoid"]);
    const w = Array.from(net.W[0].data);
    const sd = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(sd).toBeCloseTo(1 / Math.sqrt(784), 3);
    const digits = loadDigits({ scaling: "book" });
    expect(digits.train.X.rows * 7.5).toBe(60_000);
    const pixels = digits.train.X.data;
    expect(pixels.reduce((m, v) => Math.min(m, v), Infinity)).toBeCloseTo(0.01, 12);
    // the book's grey·0.99 + 0.01 reaches 1.00 for a full-ink pixel (its notes say "0.01 to 0.99")
    expect(pixels.reduce((m, v) => Math.max(m, v), -Infinity)).toBeCloseTo(1, 12);
  });

  it("backquery gives an image rescaled into the sigmoid's range, 0.01 … 0.99, both ends reached", () => {
    const image = backquery(bookNet([784, 30, 10], 2), 3);
    expect(image).toHaveLength(784);
    expect(Math.min(...image)).toBeCloseTo(0.01, 12);
    expect(Math.max(...image)).toBeCloseTo(0.99, 12);
  });
});
