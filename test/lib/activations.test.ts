import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  activation,
  activationNames,
  type Activation,
  createRng,
  elu,
  fromRows,
  identity,
  leakyRelu,
  matrix,
  relu,
  sigmoid,
  softmax,
  softplus,
  step,
  tanh,
  zeros,
} from "../../lib";
import { exp } from "../../lib/exp";
import { expectClose, finiteDifferences, randomMatrix } from "./helpers";

const elementwise: Activation[] = [
  sigmoid,
  tanh,
  relu,
  leakyRelu(),
  leakyRelu(0.2),
  elu(),
  elu(0.5),
  softplus,
  step,
  identity,
];

/** The mathematical definitions, written independently of lib/activations.ts. */
const definitions: Record<string, (z: number, alpha: number) => number> = {
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: (z) => (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z)),
  relu: (z) => Math.max(0, z),
  leakyRelu: (z, alpha) => (z > 0 ? z : alpha * z),
  elu: (z, alpha) => (z > 0 ? z : alpha * (Math.exp(z) - 1)),
  softplus: (z) => Math.log(1 + Math.exp(z)),
  step: (z) => (z >= 0 ? 1 : 0),
  identity: (z) => z,
};

// Values of z at least 1e-3 away from the kinks of relu, leakyRelu, elu and step at 0.
const zAwayFromZero = fc.double({ min: -8, max: 8, noNaN: true }).filter((z) => Math.abs(z) > 1e-3);

describe("exp (the sigmoid's e^x)", () => {
  it("is within 2 units in the last place of Math.exp", () => {
    const ulps = (x: number): number => {
      const e = Math.exp(x);
      const ulp = 2 ** (Math.floor(Math.log2(e)) - 52);
      return Math.abs(exp(x) - e) / ulp;
    };
    fc.assert(
      fc.property(fc.double({ min: -707.9, max: 708.9, noNaN: true }), (x) => {
        expect(ulps(x)).toBeLessThanOrEqual(2);
      }),
      { numRuns: 2000 },
    );
    const rng = createRng(1);
    let worst = 0;
    for (let i = 0; i < 100000; i++) worst = Math.max(worst, ulps(rng.uniform(-40, 40)));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it("handles the edges like Math.exp", () => {
    expect(exp(0)).toBe(1);
    expect(exp(1)).toBeCloseTo(Math.E, 15);
    for (const x of [-1000, -745.2, -708, 709, 709.7, 1000, Infinity, -Infinity])
      expect(exp(x)).toBe(Math.exp(x));
    expect(exp(NaN)).toBeNaN();
  });
});

describe("activations", () => {
  it("f matches the definition and forward applies f to every element", () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (z) => {
        for (const g of elementwise) {
          const expected = definitions[g.name](z, g.alpha ?? 0);
          expect(Math.abs(g.f(z) - expected), `${g.name}(${z})`).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(expected)),
          );
        }
      }),
      { numRuns: 300 },
    );
    const Z = randomMatrix(createRng(2), 4, 3, -5, 5);
    for (const g of elementwise) {
      expect(Array.from(g.forward(Z).data)).toEqual(Array.from(Z.data, (z) => g.f(z)));
    }
  });

  it("df(z, f(z)) equals the central finite difference of f", () => {
    fc.assert(
      fc.property(zAwayFromZero, (z) => {
        const h = 1e-6;
        for (const g of elementwise) {
          const numeric = (g.f(z + h) - g.f(z - h)) / (2 * h);
          expect(Math.abs(g.df(z, g.f(z)) - numeric), `${g.name}'(${z})`).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("backward computes dZ = dA ⊙ f′(Z)", () => {
    const rng = createRng(3);
    const Z = randomMatrix(rng, 5, 4, -4, 4);
    const dA = randomMatrix(rng, 5, 4);
    for (const g of elementwise) {
      const A = g.forward(Z);
      const dZ = g.backward(Z, A, dA);
      expectClose(
        dZ.data,
        Array.from(Z.data, (z, i) => dA.data[i] * g.df(z, A.data[i])),
        1e-15,
        1e-300,
        g.name,
      );
    }
  });

  it("softmax turns each row into probabilities, stably, and its backward is the row Jacobian", () => {
    const Z = fromRows([
      [1, 2, 3],
      [1000, 1000, -1000],
    ]);
    const A = softmax.forward(Z);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const s = e[0] + e[1] + e[2];
    expectClose(
      A.data.subarray(0, 3),
      e.map((v) => v / s),
      1e-15,
      1e-300,
      "row 0",
    );
    expect(Array.from(A.data.subarray(3))).toEqual([0.5, 0.5, 0]);
    // backward against finite differences of Σ dA ⊙ softmax(Z)
    const rng = createRng(4);
    const Z2 = randomMatrix(rng, 3, 4, -2, 2);
    const dA = randomMatrix(rng, 3, 4);
    const objective = (): number =>
      softmax.forward(Z2).data.reduce((acc, a, i) => acc + a * dA.data[i], 0);
    const numeric = finiteDifferences(Z2, objective);
    const dZ = softmax.backward(Z2, softmax.forward(Z2), dA);
    expectClose(dZ.data, numeric.data, 1e-6, 1e-3, "softmax dZ");
    expect(() => softmax.f(1)).toThrow(/whole row/);
  });

  it("sigmoid and softplus stay finite and accurate at z = ±1000", () => {
    const Z = fromRows([[-1000, 1000, -40, 40]]);
    expectClose(
      sigmoid.forward(Z).data,
      [0, 1, 1 / (1 + Math.exp(40)), 1],
      1e-15,
      1e-300,
      "sigmoid",
    );
    expect(Array.from(softplus.forward(Z).data)).toEqual([0, 1000, Math.log1p(Math.exp(-40)), 40]);
    const S = sigmoid.forward(Z);
    expect(
      Array.from(sigmoid.backward(Z, S, fromRows([[1, 1, 1, 1]])).data).every(Number.isFinite),
    ).toBe(true);
  });

  it("the lecture's facts: sigmoid's slope is at most 0.25, tanh's is 1 at 0, step's is 0", () => {
    expect(sigmoid.df(0, sigmoid.f(0))).toBe(0.25);
    const rng = createRng(5);
    for (let i = 0; i < 1000; i++) {
      const z = rng.uniform(-10, 10);
      expect(sigmoid.df(z, sigmoid.f(z))).toBeLessThanOrEqual(0.25);
    }
    expect(tanh.df(0, tanh.f(0))).toBe(1);
    expect(step.df(0.3, 1)).toBe(0);
  });

  it("finds activations by name and suggests a fix for a typo", () => {
    for (const name of activationNames) expect(activation(name).name).toBe(name);
    expect(activation(sigmoid)).toBe(sigmoid);
    expect(activation("leakyRelu").alpha).toBe(0.01);
    expect(activation("elu").alpha).toBe(1);
    expect(() => activation("sigmod" as never)).toThrow(
      "unknown activation 'sigmod' (did you mean 'sigmoid'?): choose one of sigmoid, tanh, relu, leakyRelu, elu, softplus, step, identity, softmax",
    );
    expect(() => leakyRelu(-1)).toThrow(/alpha must be ≥ 0/);
  });

  it("forward and backward check shapes", () => {
    expect(() => sigmoid.forward(zeros(2, 3), zeros(3, 2))).toThrow(/out is 3×2 but Z is 2×3/);
    expect(() => tanh.backward(zeros(2, 3), zeros(2, 3), matrix(2, 2))).toThrow(
      /dA is 2×2 but Z is 2×3/,
    );
  });
});
