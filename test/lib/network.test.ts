import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backward,
  column,
  copyNetwork,
  createRng,
  forward,
  fromRows,
  loadNetwork,
  loss,
  matMul,
  mlp,
  parameterCount,
  params,
  polynomialFeatures,
  predict,
  saveNetwork,
  toRows,
  zeros,
} from "../../lib";
import {
  expectClose,
  finiteDifferences,
  randomCase,
  randomMatrix,
  sameBits,
  totalLoss,
} from "./helpers";

describe("mlp", () => {
  it("builds the lecture's 1-4-1 net: sigmoid hidden, identity output, Xavier, B = 0", () => {
    const net = mlp([1, 4, 1]);
    expect(net.sizes).toEqual([1, 4, 1]);
    expect(net.activations.map((f) => f.name)).toEqual(["sigmoid", "identity"]);
    expect(net.W.map((W) => [W.rows, W.cols])).toEqual([
      [1, 4],
      [4, 1],
    ]);
    expect(net.B.map((B) => [B.rows, B.cols])).toEqual([
      [1, 4],
      [1, 1],
    ]);
    expect(net.B.every((B) => B.data.every((b) => b === 0))).toBe(true);
    const limit = Math.sqrt(6 / (1 + 4));
    expect(net.W[0].data.every((w) => Math.abs(w) < limit && w !== 0)).toBe(true);
  });

  it("same sizes, init and seed give bit-identical weights; another seed does not", () => {
    const a = mlp([2, 5, 3], { seed: 7 });
    const b = mlp([2, 5, 3], { seed: 7 });
    const c = mlp([2, 5, 3], { seed: 8 });
    a.W.forEach((W, l) => expect(sameBits(W.data, b.W[l].data)).toBe(true));
    expect(sameBits(a.W[0].data, c.W[0].data)).toBe(false);
    expect(sameBits(mlp([1, 4, 1]).W[0].data, mlp([1, 4, 1], { seed: 1 }).W[0].data)).toBe(true);
  });

  it("initialises W as documented for xavier, normal, he and zeros", () => {
    const big = (init: "xavier" | "normal" | "he" | "zeros") =>
      mlp([50, 200], { init, output: "identity" }).W[0].data;
    const stats = (w: Float64Array) => {
      const mean = w.reduce((a, b) => a + b, 0) / w.length;
      return { mean, std: Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length) };
    };
    const limit = Math.sqrt(6 / 250);
    const xavier = big("xavier");
    expect(Math.max(...xavier.map(Math.abs))).toBeLessThan(limit);
    expect(Math.abs(stats(xavier).std - limit / Math.sqrt(3))).toBeLessThan(0.01); // U(±L) has std L/√3
    expect(Math.abs(stats(big("normal")).std - 1)).toBeLessThan(0.03);
    expect(Math.abs(stats(big("he")).std - Math.sqrt(2 / 50))).toBeLessThan(0.01);
    expect(big("zeros").every((w) => w === 0)).toBe(true);
  });

  it("takes per-layer activations, and names the weights as in the lecture", () => {
    const net = mlp([2, 3, 3, 2], { activations: ["tanh", "relu", "softmax"] });
    expect(net.activations.map((f) => f.name)).toEqual(["tanh", "relu", "softmax"]);
    const p = params(net);
    expect(Object.keys(p)).toEqual(["W1", "B1", "W2", "B2", "W3", "B3"]);
    expect(p.W2).toBe(net.W[1]);
    expect(p.B3).toBe(net.B[2]);
    expect(parameterCount(mlp([1, 2, 1]))).toBe(7);
    expect(parameterCount(mlp([1, 3, 1]))).toBe(10);
  });

  it("copies, saves and loads networks exactly (the course's create_new = False)", () => {
    const net = mlp([2, 3, 1], { activations: ["leakyRelu", "sigmoid"], seed: 3 });
    const copy = copyNetwork(net);
    copy.W[0].data[0] += 1;
    expect(copy.W[0].data[0]).not.toBe(net.W[0].data[0]);
    const text = JSON.stringify(saveNetwork(net));
    const loaded = loadNetwork(JSON.parse(text));
    expect(loaded.sizes).toEqual(net.sizes);
    expect(loaded.activations.map((f) => [f.name, f.alpha])).toEqual([
      ["leakyRelu", 0.01],
      ["sigmoid", undefined],
    ]);
    loaded.W.forEach((W, l) => expect(sameBits(W.data, net.W[l].data)).toBe(true));
    const custom = saveNetwork(mlp([1, 2, 1], { activations: ["elu", "identity"] }));
    custom.activations[0].alpha = 0.3;
    expect(loadNetwork(custom).activations[0].alpha).toBe(0.3);
    expect(() => loadNetwork({ ...custom, W: [] })).toThrow(/W must have 2 entries/);
  });

  it("loadNetwork rejects bad sizes and non-finite weights instead of loading them", () => {
    const saved = saveNetwork(mlp([1, 2, 1]));
    expect(() => loadNetwork({ ...saved, sizes: [1, 0, 1] })).toThrow(
      /loadNetwork: sizes\[1\] must be ≥ 1 \(got 0\)/,
    );
    expect(() => loadNetwork({ ...saved, sizes: [1, 1.5, 1] })).toThrow(
      /loadNetwork: sizes\[1\] must be a whole number/,
    );
    // JSON.stringify writes NaN as null: loading it must not turn it into a silent 0
    const diverged = JSON.parse(JSON.stringify({ ...saved, W: [[[NaN, 1]], saved.W[1]] }));
    expect(() => loadNetwork(diverged)).toThrow(/row 0 of W1 holds a non-finite value/);
    expect(() => loadNetwork({ ...saved, B: [[0, Infinity], saved.B[1]] })).toThrow(
      /B1 holds a non-finite value/,
    );
  });

  it("rejects bad sizes, activation lists, inits and options", () => {
    expect(() => mlp([3])).toThrow(/sizes must list at least the inputs and the outputs/);
    expect(() => mlp([1, 0, 1])).toThrow(/sizes\[1\] must be ≥ 1/);
    expect(() => mlp([1, 2.5, 1])).toThrow(/sizes\[1\] must be a whole number/);
    expect(() => mlp([1, 4, 1], { activations: ["sigmoid"] })).toThrow(
      /one activation per layer: 2/,
    );
    expect(() => mlp([1, 4, 1], { hidden: "sigmod" as never })).toThrow(
      /unknown activation 'sigmod' \(did you mean 'sigmoid'\?\)/,
    );
    expect(() => mlp([1, 4, 1], { init: "glorot" as never })).toThrow(/unknown init 'glorot'/);
    expect(() => mlp([1, 3, 2], { activations: ["softmax", "identity"] })).toThrow(
      /softmax can only be the output layer/,
    );
    expect(() => mlp([1, 4, 1], { hiden: "tanh" } as never)).toThrow(
      /unknown option 'hiden': did you mean 'hidden'\?/,
    );
    expect(() => mlp([2, 3, 1], { output: "softmax" })).toThrow(
      /mlp: softmax over 1 output is always 1/,
    );
    expect(() => mlp([1, 2, 1], { seed: 1.5 })).toThrow(/^mlp: seed must be a whole number/);
    expect(() => mlp([1, 2, 1], { seed: 2 ** 60 })).toThrow(/^mlp: seed must be ≤/);
  });

  it("loadNetwork checks each activation entry and where softmax may go", () => {
    const saved = saveNetwork(mlp([1, 2, 2], { output: "softmax" }));
    expect(loadNetwork(saved).activations[1].name).toBe("softmax");
    expect(() =>
      loadNetwork({ ...saved, activations: [null, saved.activations[1]] } as never),
    ).toThrow(/loadNetwork: activation 1 must be \{ name \} \(got null\)/);
    const hiddenSoftmax = { ...saved, activations: [saved.activations[1], saved.activations[1]] };
    expect(() => loadNetwork(hiddenSoftmax)).toThrow(
      /loadNetwork: softmax can only be the output layer/,
    );
    const one = saveNetwork(mlp([1, 2, 1]));
    expect(() =>
      loadNetwork({ ...one, activations: [one.activations[0], { name: "softmax" }] }),
    ).toThrow(/softmax over 1 output is always 1/);
  });
});

describe("forward", () => {
  it("computes Z1 = X·W1 + B1, A1 = sigmoid(Z1), Z2 = A1·W2 + B2, A2 = Z2", () => {
    const net = mlp([1, 3, 1], { seed: 4 });
    net.B[0].data.set([0.1, -0.2, 0.3]);
    net.B[1].data[0] = 0.5;
    const X = column([0, 0.25, 1]);
    const pass = forward(net, X);
    const W1 = toRows(net.W[0])[0];
    const W2 = net.W[1].data;
    for (let i = 0; i < 3; i++) {
      const x = X.data[i];
      const a = W1.map((w, j) => 1 / (1 + Math.exp(-(x * w + net.B[0].data[j]))));
      const z2 = a.reduce((s, aj, j) => s + aj * W2[j], net.B[1].data[0]);
      expectClose(pass.A1.data.subarray(i * 3, i * 3 + 3), a, 1e-15, 1e-300, "A1");
      expect(pass.Z2.data[i]).toBeCloseTo(z2, 14);
    }
    expect(pass.A2).toBe(pass.output);
    expect(pass.Z1).toBe(pass.Z[0]);
    expect(Array.from(pass.A2.data)).toEqual(Array.from(pass.Z2.data));
    expect(predict(net, X).data).toEqual(pass.output.data);
  });

  it("names both shapes when X does not fit W1, and refuses NaN", () => {
    const net = mlp([1, 4, 1]);
    expect(() => forward(net, zeros(10, 3))).toThrow(
      /forward: X is 10×3 but W1 is 1×4 — X needs 1 column\(s\), one per network input \(one row per sample\); did you transpose X\?/,
    );
    expect(() => forward(net, fromRows([[1], [NaN]]))).toThrow(/X has NaN at row 1, column 0/);
    const broken = copyNetwork(net);
    broken.W[1] = zeros(3, 1);
    expect(() => forward(broken, column([1]))).toThrow(/W2 is 3×1 but must be 4×1/);
    const noBiases = { ...net, B: undefined };
    expect(() => forward(noBiases as never, column([1]))).toThrow(/net must be a Network/);
  });
});

describe("backward", () => {
  it("is the lecture's formulas for the 1-H-1 regression net: dW2 = A1ᵀ(Z2 − Y)/m, …", () => {
    const rng = createRng(8);
    const net = mlp([1, 4, 1], { seed: 2 });
    const X = randomMatrix(rng, 6, 1);
    const Y = randomMatrix(rng, 6, 1);
    const pass = forward(net, X);
    const g = backward(net, pass, Y);
    const m = 6;
    const rows = (k: number) => Array.from({ length: k }, (_, i) => i);
    const dZ2 = rows(m).map((i) => pass.Z2.data[i] - Y.data[i]);
    const A1 = toRows(pass.A1);
    const dW2 = rows(4).map((j) => rows(m).reduce((s, i) => s + A1[i][j] * dZ2[i], 0) / m);
    const dB2 = dZ2.reduce((s, d) => s + d, 0) / m;
    const W2 = net.W[1].data;
    const dZ1 = rows(m).map((i) => rows(4).map((j) => dZ2[i] * W2[j] * A1[i][j] * (1 - A1[i][j])));
    const dW1 = rows(4).map((j) => rows(m).reduce((s, i) => s + X.data[i] * dZ1[i][j], 0) / m);
    const dB1 = rows(4).map((j) => rows(m).reduce((s, i) => s + dZ1[i][j], 0) / m);
    expectClose(g.dZ2.data, dZ2, 1e-14, 1e-12, "dZ2");
    expectClose(g.dW2.data, dW2, 1e-12, 1e-12, "dW2");
    expectClose(g.dB2.data, [dB2], 1e-12, 1e-12, "dB2");
    expectClose(g.dZ1.data, dZ1.flat(), 1e-12, 1e-12, "dZ1");
    expectClose(g.dW1.data, dW1, 1e-12, 1e-12, "dW1");
    expectClose(g.dB1.data, dB1, 1e-12, 1e-12, "dB1");
    expect(g.dW1).toBe(g.dW[0]);
  });

  it("every dW and dB equals central finite differences of the loss (random nets, activations, losses)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(0, 0.3),
        (seed, caseIndex, depth, m, l2) => {
          const { net, X, Y, loss: lossName } = randomCase(seed, caseIndex, depth, m);
          const lossFn = loss(lossName);
          const g = backward(net, forward(net, X), Y, lossName, { l2 });
          const f = () => totalLoss(net, X, Y, lossFn, l2);
          for (let l = 0; l < net.W.length; l++) {
            expectClose(
              g.dW[l].data,
              finiteDifferences(net.W[l], f).data,
              1e-5,
              1e-4,
              `dW${l + 1}`,
            );
            expectClose(
              g.dB[l].data,
              finiteDifferences(net.B[l], f).data,
              1e-5,
              1e-4,
              `dB${l + 1}`,
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("uses the loss's own dA for an unmatched output/loss pair", () => {
    const { net, X, Y } = randomCase(5, 4, 2, 4); // sigmoid output with halfMse
    const g = backward(net, forward(net, X), Y, "halfMse");
    const A = forward(net, X).output;
    const expected = Array.from(A.data, (a, i) => (a - Y.data[i]) * a * (1 - a));
    expectClose(g.dZ[g.dZ.length - 1].data, expected, 1e-12, 1e-12, "dZ");
  });

  it("checks that Y and the pass fit the network", () => {
    const net = mlp([1, 4, 1]);
    const pass = forward(net, column([1, 2, 3]));
    expect(() => backward(net, pass, column([1, 2]))).toThrow(/Y is 2×1 but must be 3×1/);
    expect(() => backward(net, pass, column([1, NaN, 2]))).toThrow(/Y has NaN/);
    expect(() => backward(mlp([1, 5, 1]), pass, column([1, 2, 3]))).toThrow(
      /pass.Z1 should be 3×5/,
    );
    expect(() => backward(net, { Z: pass.Z, A: pass.A } as never, column([1, 2, 3]))).toThrow(
      /pass must be what forward\(net, X\) returned/,
    );
    expect(() => backward(net, pass, column([1, 2, 3]), "mae" as never)).toThrow(
      /unknown loss 'mae'/,
    );
    expect(() => backward(net, pass, column([1, 2, 3]), undefined, { l2: -1 })).toThrow(
      /l2 must be ≥ 0/,
    );
  });

  it("refuses a cross-entropy loss without probabilities: an identity output or targets outside [0, 1]", () => {
    const regression = mlp([1, 4, 1]);
    const pass = forward(regression, column([1, 2, 3]));
    expect(() => backward(regression, pass, column([0, 1, 0]), "binaryCrossEntropy")).toThrow(
      /backward: binaryCrossEntropy needs outputs between 0 and 1 .* but the output layer is identity/,
    );
    const classifier = mlp([1, 4, 1], { output: "sigmoid" });
    const cpass = forward(classifier, column([1, 2, 3]));
    expect(() => backward(classifier, cpass, column([0, 2, 1]))).toThrow(
      /binaryCrossEntropy needs targets between 0 and 1 .* Y has 2 at row 1, column 0/,
    );
    expect(() => backward(classifier, cpass, column([0, 1, 1]))).not.toThrow();
  });
});

describe("polynomialFeatures", () => {
  it("expands x into [x, x², …, xᵏ] for the lecture's polynomial regression", () => {
    const P = polynomialFeatures(column([1, 2, -3]), 4);
    expect(toRows(P)).toEqual([
      [1, 1, 1, 1],
      [2, 4, 8, 16],
      [-3, 9, -27, 81],
    ]);
    // degree-3 features times the weights [2, 0, −1] give 2x − x³
    const w = fromRows([[2], [0], [-1]]);
    expect(Array.from(matMul(polynomialFeatures(column([2]), 3), w).data)).toEqual([2 * 2 - 8]);
    expect(() => polynomialFeatures(zeros(3, 2), 2)).toThrow(/X must be n×1.*but is 3×2/);
    expect(() => polynomialFeatures(column([1]), 0)).toThrow(/degree must be ≥ 1/);
  });
});
