// lib/perceptron.ts: the perceptron's rule, its training run, its decision line and figures.
import { describe, expect, it } from "vitest";
import {
  decisionLine,
  describeLine,
  perceptronLines,
  perceptronOutput,
  perceptronPanels,
  perceptronUpdate,
  trainPerceptron,
  weightedSum,
} from "../../lib";

const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

describe("the perceptron's rule", () => {
  it("computes w·x + b and answers 1 when it is ≥ 0", () => {
    expect(weightedSum([0.5, -0.3], [0.1, 0.2], 0.01)).toBeCloseTo(0, 15);
    expect(perceptronOutput([1, 1], [1, -1], 0)).toBe(1); // z = 0 exactly → 1, like step(0)
    expect(perceptronOutput([1, 0], [1, 1], -1.5)).toBe(0);
  });

  it("updates only on a mistake, and never changes its input", () => {
    const w = [0, 0];
    expect(perceptronUpdate([1, 1], 1, w, -1, 1)).toEqual({ w: [1, 1], b: 0, y: 0 });
    expect(perceptronUpdate([1, 0], 0, [1, 1], -0.5, 0.5)).toEqual({ w: [0.5, 1], b: -1, y: 1 });
    expect(perceptronUpdate([0, 1], 1, [0.5, 2], -1, 0.25)).toEqual({ w: [0.5, 2], b: -1, y: 1 });
    expect(w).toEqual([0, 0]);
  });

  it("rejects a weight vector of the wrong length", () => {
    expect(() => weightedSum([1, 2], [1], 0)).toThrow(/one weight per input/);
  });
});

describe("trainPerceptron", () => {
  it("learns AND and OR from zeros, and records every step", () => {
    const and = trainPerceptron(X, [0, 0, 0, 1]);
    expect(and).toMatchObject({ w: [2, 1], b: -3, epochs: 6, converged: true });
    expect(and.errorsPerEpoch).toEqual([2, 3, 3, 2, 1, 0]);
    expect(and.steps).toHaveLength(24);
    expect(and.steps.filter((s) => s.updated)).toHaveLength(11);
    const or = trainPerceptron(X, [0, 1, 1, 1], { eta: 0.5 });
    expect(or).toMatchObject({ w: [0.5, 0.5], b: -0.5, epochs: 4, converged: true });
  });

  it("never converges on XOR: from epoch 2 on every epoch ends where it started", () => {
    const xor = trainPerceptron(X, [0, 1, 1, 0], { maxEpoch: 30 });
    expect(xor.converged).toBe(false);
    expect(xor.epochs).toBe(30);
    expect(xor.errorsPerEpoch).toHaveLength(30);
    expect(xor.errorsPerEpoch.every((e) => e > 0)).toBe(true);
    const ends = xor.steps.filter((s) => s.sample === 3).map((s) => [...s.w, s.b]);
    expect(ends).toHaveLength(30); // one end-of-epoch state per epoch
    for (let e = 2; e < 30; e++) expect(ends[e]).toEqual(ends[1]);
  });

  it("checks its input", () => {
    expect(() => trainPerceptron(X, [0, 1, 1])).toThrow(/one target per sample/);
    expect(() => trainPerceptron(X, [0, 1, 2, 1])).toThrow(/targets are 0 or 1/);
    expect(() => trainPerceptron(X, [0, 1, 1, 1], { eta: 0 })).toThrow(/eta must be > 0/);
    expect(() => trainPerceptron(X, [0, 1, 1, 1], { etta: 1 } as never)).toThrow(
      /did you mean 'eta'/,
    );
  });
});

describe("the decision line", () => {
  it("is x2 = k·x1 + intercept, vertical when w2 = 0, absent when w = 0", () => {
    expect(decisionLine([2, 1], -3)).toEqual({ k: -2, intercept: 3 });
    expect(decisionLine([1, 0], -2)).toEqual({ k: Infinity, intercept: NaN, x1: 2 });
    expect(decisionLine([0, 0], 1)).toBeNull();
    expect(describeLine([2, 1], -3)).toBe("x2 = −2·x1 + 3");
    expect(describeLine([1, 1], 0)).toBe("x2 = −x1");
    expect(describeLine([0, 2], -1)).toBe("x2 = 0.5");
    expect(describeLine([1, 0], -2)).toBe("x1 = 2 (vertical)");
    expect(describeLine([0, 0], -1)).toBe("no line (w = 0): every point gets 0");
  });

  it("draws one panel per step, and several lines on one plot", () => {
    const run = trainPerceptron(X, [0, 0, 0, 1]);
    const updates = run.steps.filter((s) => s.updated);
    const panels = perceptronPanels(X, [0, 0, 0, 1], updates, { columns: 4 });
    expect(panels.layout.annotations).toHaveLength(updates.length);
    expect(panels.layout).toHaveProperty("xaxis11");
    const lines = perceptronLines(
      X,
      [0, 0, 0, 1],
      [
        { w: [1, 1], b: -1.5 },
        { w: [2, 1], b: -3 },
      ],
    );
    expect(lines.data.filter((t) => t.mode === "lines")).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(lines))).toEqual(lines); // plain JSON
  });
});
