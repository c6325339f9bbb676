import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  binaryCrossEntropy,
  classificationAccuracy,
  createRng,
  fromRows,
  halfMse,
  identity,
  loss,
  lossNames,
  r2Accuracy,
  sigmoid,
  softmax,
  softmaxCrossEntropy,
  zeros,
} from "../../lib";
import {
  expectClose,
  finiteDifferences,
  randomDistributions,
  randomLossCases,
  randomMatrix,
} from "./helpers";

const shapes = fc.record({
  m: fc.integer({ min: 1, max: 6 }),
  n: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 10 ** 6 }),
});

describe("losses", () => {
  it("halfMse is the course's sum((A − Y)²) / (2m)", () => {
    const A = fromRows([[1], [2], [4]]);
    const Y = fromRows([[0], [2], [1]]);
    expect(halfMse.value(A, Y)).toBe((1 + 0 + 9) / (2 * 3));
    expect(Array.from(halfMse.dA(A, Y).data)).toEqual([1, 0, 3]);
  });

  it("binary and softmax cross-entropy match their formulas", () => {
    const A = fromRows([[0.9], [0.2]]);
    const Y = fromRows([[1], [0]]);
    expect(binaryCrossEntropy.value(A, Y)).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 15);
    const P = fromRows([
      [0.7, 0.2, 0.1],
      [0.1, 0.1, 0.8],
    ]);
    const onehot = fromRows([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(softmaxCrossEntropy.value(P, onehot)).toBeCloseTo(
      -(Math.log(0.7) + Math.log(0.8)) / 2,
      15,
    );
  });

  it("dA is m·∂loss/∂A (central finite differences, random shapes and values)", () => {
    fc.assert(
      fc.property(shapes, ({ m, n, seed }) => {
        const rng = createRng(seed);
        for (const { f, A, Y } of randomLossCases(rng, m, n)) {
          const numeric = finiteDifferences(A, () => m * f.value(A, Y), 1e-6);
          expectClose(f.dA(A, Y).data, numeric.data, 1e-5, 1e-2, `${f.name}.dA`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("with its paired output activation, dA ⊙ f′(Z) is exactly the lecture's A − Y", () => {
    fc.assert(
      fc.property(shapes, ({ m, n, seed }) => {
        const rng = createRng(seed);
        for (const [f, g, outputs] of [
          [halfMse, identity, n],
          [binaryCrossEntropy, sigmoid, n],
          [softmaxCrossEntropy, softmax, n + 1],
        ] as const) {
          expect(f.pairedWith).toBe(g.name);
          const Z = randomMatrix(rng, m, outputs, -3, 3);
          const A = g.forward(Z);
          const Y =
            f === softmaxCrossEntropy
              ? randomDistributions(rng, m, outputs)
              : randomMatrix(rng, m, outputs, 0, 1);
          const dZ = g.backward(Z, A, f.dA(A, Y));
          expectClose(
            dZ.data,
            Array.from(A.data, (a, i) => a - Y.data[i]),
            1e-9,
            1e-6,
            `${f.name} with ${g.name}`,
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it("cross-entropy stays finite when a probability reaches 0 or 1", () => {
    const A = fromRows([[0, 1, 1, 0]]);
    const Y = fromRows([[0, 1, 0, 1]]);
    const value = binaryCrossEntropy.value(A, Y);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(50); // two confident mistakes cost −2·ln(1e-12) ≈ 55
    expect(Array.from(binaryCrossEntropy.dA(A, Y).data).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(softmaxCrossEntropy.value(fromRows([[1, 0]]), fromRows([[0, 1]])))).toBe(
      true,
    );
  });

  it("finds losses by name, rejects unknown ones and mismatched shapes", () => {
    for (const name of lossNames) expect(loss(name).name).toBe(name);
    expect(() => loss("mse" as never)).toThrow(
      /unknown loss 'mse'.*choose one of halfMse, binaryCrossEntropy, softmaxCrossEntropy/,
    );
    expect(() => halfMse.value(zeros(3, 1), zeros(1, 3))).toThrow(
      /the output A is 3×1 but the targets Y are 1×3/,
    );
  });
});

describe("metrics", () => {
  it("r2Accuracy is the course's 1 − MSE/var(Y)", () => {
    const Y = fromRows([[1], [2], [3], [4]]);
    expect(r2Accuracy(Y, Y)).toBe(1);
    expect(r2Accuracy(fromRows([[2.5], [2.5], [2.5], [2.5]]), Y)).toBe(0); // predicting the mean
    const A = fromRows([[1.5], [2], [3], [3]]);
    const mse = (0.25 + 0 + 0 + 1) / 4;
    const variance = (2.25 + 0.25 + 0.25 + 2.25) / 4;
    expect(r2Accuracy(A, Y)).toBeCloseTo(1 - mse / variance, 15);
    expect(() => r2Accuracy(Y, fromRows([[1], [1], [1], [1]]))).toThrow(/var\(Y\) = 0/);
  });

  it("classificationAccuracy thresholds one column at 0.5 and takes the arg-max of several", () => {
    expect(
      classificationAccuracy(
        fromRows([[0.6], [0.4], [0.9], [0.1]]),
        fromRows([[1], [0], [0], [0]]),
      ),
    ).toBe(0.75);
    const A = fromRows([
      [0.1, 0.7, 0.2],
      [0.5, 0.3, 0.2],
    ]);
    expect(
      classificationAccuracy(
        A,
        fromRows([
          [0, 1, 0],
          [0, 0, 1],
        ]),
      ),
    ).toBe(0.5);
    expect(() => classificationAccuracy(A, zeros(2, 2))).toThrow(/A is 2×3 but Y is 2×2/);
    // a diverged net's NaN outputs are not "class 0"
    const nan = fromRows([[NaN], [0.9], [0.1], [0.2]]);
    expect(classificationAccuracy(nan, fromRows([[0], [1], [0], [0]]))).toBeNaN();
  });
});
