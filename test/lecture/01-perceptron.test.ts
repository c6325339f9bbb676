// The numbers notebooks/01-perceptron.ipynb reproduces, computed with lib/ and solutions/.
// Lecture numbers first; then the notebook's own runs, which it labels as ours.
import { describe, expect, it } from "vitest";
import {
  andData,
  orData,
  sigmoid,
  step,
  trainPerceptron,
  toRows,
  weightedSum,
  xorData,
} from "../../lib";
import * as solution from "../../solutions/01-perceptron";

const X = toRows(andData().train.X);
const AND = Array.from(andData().train.Y.data);
const OR = Array.from(orData().train.Y.data);
const XOR = Array.from(xorData().train.Y.data);

describe("the Bilibili lecture's worked forward pass (lesson 23)", () => {
  it("z1 = 0.1·0.5 + 0.2·(−0.3) + 0.01 = 0 and a1 = sigmoid(z1) = 0.5", () => {
    const z1 = weightedSum([0.5, -0.3], [0.1, 0.2], 0.01);
    expect(Math.abs(z1)).toBeLessThan(1e-15);
    expect(sigmoid.f(z1)).toBeCloseTo(0.5, 12);
    expect(solution.neuron([0.5, -0.3], [0.1, 0.2], 0.01, sigmoid.f)).toBeCloseTo(0.5, 12);
    expect(step.f(z1)).toBe(1); // the notebook prints step(z1) = 1: z1 rounds to +6.9e−18
  });

  it("the output 0.5·a1 + 1·a2 + b with the notebook's illustrative a2 and b", () => {
    const a1 = sigmoid.f(weightedSum([0.5, -0.3], [0.1, 0.2], 0.01));
    const a2 = sigmoid.f(weightedSum([0.5, -0.3], [-0.4, 0.6], 0)); // illustrative, not the lecture's
    expect(a2).toBeCloseTo(0.4061, 4);
    expect(weightedSum([a1, a2], [0.5, 1], 0.1)).toBeCloseTo(0.7561, 4);
  });
});

describe("the moderated slope of the Make Your Own Neural Network notes (the book's example)", () => {
  // y = k·x from k = 0.25; ladybird x = 3.0 → t = 1.1, caterpillar x = 1.0 → t = 2.9; Δk = L·E/x.
  const slopes = (L: number): number[] => {
    let k = 0.25;
    return [
      [3.0, 1.1],
      [1.0, 2.9],
    ].map(([x, t]) => (k += (L * (t - k * x)) / x));
  };

  it("with L = 0.5: k = 0.3083, then 1.6042 (the book's numbers)", () => {
    const [k1, k2] = slopes(0.5);
    expect(k1).toBeCloseTo(0.3083, 4);
    expect(k2).toBeCloseTo(1.6042, 4);
  });

  it("without moderation the last sample wins: k = 0.3667, then 2.9", () => {
    const [k1, k2] = slopes(1);
    expect(k1).toBeCloseTo(0.3667, 4);
    expect(k2).toBeCloseTo(2.9, 12);
  });
});

describe("the LEGO XOR article: XOR has no separating line", () => {
  it("the perceptron never converges on XOR: it loops from epoch 2 on", () => {
    const run = trainPerceptron(X, XOR, { maxEpoch: 1000 });
    expect(run.converged).toBe(false);
    expect(run.errorsPerEpoch).toHaveLength(1000);
    expect(run.errorsPerEpoch.every((e) => e > 0)).toBe(true);
    expect(solution.convergenceReport(X, XOR, 20)).toEqual({
      converged: false,
      epochs: 20,
      errorsPerEpoch: [3, 3, ...new Array(18).fill(4)],
    });
  });
});

describe("the notebook's own runs (labelled as ours)", () => {
  it("AND in 6 epochs (11 mistakes) ending on x2 = −2·x1 + 3; OR in 4 (5 mistakes)", () => {
    const and = trainPerceptron(X, AND);
    expect([and.epochs, and.w, and.b]).toEqual([6, [2, 1], -3]);
    expect(and.steps.filter((s) => s.updated)).toHaveLength(11);
    const or = trainPerceptron(X, OR);
    expect([or.epochs, or.w, or.b]).toEqual([4, [1, 1], -1]);
    expect(or.errorsPerEpoch).toEqual([2, 2, 1, 0]);
    expect(solution.trainPerceptron(X, AND)).toEqual({ w: [2, 1], b: -3, epochs: 6 });
  });

  it("things to try: η = 0.1 gives 4 epochs (rounding), reversed order 8, a non-zero start 4", () => {
    expect(trainPerceptron(X, AND, { eta: 0.1 }).epochs).toBe(4);
    for (const eta of [0.3, 0.5, 2]) expect(trainPerceptron(X, AND, { eta }).epochs).toBe(6);
    expect(trainPerceptron([...X].reverse(), [...AND].reverse()).epochs).toBe(8);
    expect(trainPerceptron(X, AND, { w: [0.5, -0.5], b: 0.2 }).epochs).toBe(4);
    expect(trainPerceptron(X, [1, 0, 0, 0]).converged).toBe(true); // NOR
    expect(trainPerceptron(X, [1, 0, 0, 1], { maxEpoch: 1000 }).converged).toBe(false); // XNOR
  });
});
