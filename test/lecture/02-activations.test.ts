// The numbers notebooks/02-activations.ipynb reproduces, computed with lib/ and solutions/.
// Lecture numbers first; then the comparisons the notebook labels as ours.
import { describe, expect, it } from "vitest";
import { linspace, relu, sigmoid, tanh } from "../../lib";
import * as solution from "../../solutions/02-activations";

const slope = (act: { f(z: number): number; df(z: number, a: number): number }) => (z: number) =>
  act.df(z, act.f(z));

describe("course lecture 24: the sigmoid's slope", () => {
  it("is at most 0.25, at z = 0", () => {
    const slopes = linspace(-7, 7, 1401).map(slope(sigmoid));
    expect(Math.max(...slopes)).toBe(0.25);
    expect(slope(sigmoid)(0)).toBe(0.25);
    expect(solution.sigmoidDerivative(0)).toBe(0.25);
  });

  it("is tiny beyond |z| ≈ 4 ('0.00几'): saturation", () => {
    expect(slope(sigmoid)(4)).toBeCloseTo(0.0177, 4);
    expect(slope(sigmoid)(5)).toBeLessThan(0.01);
    expect(sigmoid.f(4)).toBeGreaterThan(0.98);
  });

  it("a gradient of 10: ReLU passes back 10, the sigmoid at most 2.5", () => {
    expect(10 * slope(relu)(1)).toBe(10);
    expect(10 * slope(sigmoid)(0)).toBe(2.5);
    expect(10 * solution.reluDerivative(3)).toBe(10);
  });
});

describe("course lecture 24 / ai-edu §8.1: the 67 steps", () => {
  it("from a = 0.9 (z = ln 9), z ← z − 0.2·a(1 − a) until a ≤ 0.5 takes 67 steps", () => {
    let z = Math.log(9);
    let steps = 0;
    const a: number[] = [];
    while (sigmoid.f(z) > 0.5) {
      z -= 0.2 * slope(sigmoid)(z);
      steps++;
      a.push(sigmoid.f(z));
    }
    expect(steps).toBe(67);
    expect(a[0]).toBeCloseTo(0.898368, 6); // the book's first step
    expect(solution.stepsToTarget(solution.sigmoid, solution.sigmoidDerivative, Math.log(9))).toBe(
      67,
    );
    expect(solution.stepsToTarget(sigmoid.f, slope(sigmoid), Math.log(9))).toBe(67);
  });

  it("our comparison (not the lecture's): tanh 14, ReLU 2, step never", () => {
    expect(solution.stepsToTarget(tanh.f, slope(tanh), Math.atanh(0.9))).toBe(14);
    expect(solution.stepsToTarget(relu.f, slope(relu), 0.9)).toBe(2);
    expect(solution.stepsToTarget(solution.step, solution.stepDerivative, 0.9)).toBe(Infinity);
  });

  it("things to try: from a = 0.99 it takes 543 steps; with η = 1, 14", () => {
    expect(solution.stepsToTarget(sigmoid.f, slope(sigmoid), Math.log(99))).toBe(543);
    expect(solution.stepsToTarget(sigmoid.f, slope(sigmoid), Math.log(9), 0.5, 1)).toBe(14);
  });
});
