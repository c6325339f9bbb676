import { describe, expect, it } from "vitest";
import { createOptimizer, decayedEta, fromRows, type Matrix, mlp, type Network } from "../../lib";

type Grads = { dW: Matrix[]; dB: Matrix[] };

/** A 1-1 net with W = 0.5 and B = −0.2, and gradients dW = 2, dB = −1 (then 1, 3 on a second step). */
function tiny(): { net: Network; g1: Grads; g2: Grads } {
  const net = mlp([1, 1], { output: "identity" });
  net.W[0].data[0] = 0.5;
  net.B[0].data[0] = -0.2;
  return {
    net,
    g1: { dW: [fromRows([[2]])], dB: [fromRows([[-1]])] },
    g2: { dW: [fromRows([[1]])], dB: [fromRows([[3]])] },
  };
}

const w = (net: Network): number => net.W[0].data[0];
const b = (net: Network): number => net.B[0].data[0];

describe("optimizers, step by step against hand-computed values", () => {
  it("sgd: W ← W − η·dW", () => {
    const { net, g1 } = tiny();
    createOptimizer("sgd", net).step(net, g1, 0.1);
    expect(w(net)).toBeCloseTo(0.5 - 0.1 * 2, 15);
    expect(b(net)).toBeCloseTo(-0.2 + 0.1 * 1, 15);
  });

  it("momentum: v ← β·v − η·dW, W ← W + v", () => {
    const { net, g1, g2 } = tiny();
    const opt = createOptimizer({ name: "momentum", beta: 0.8 }, net);
    opt.step(net, g1, 0.1); // v = −0.2, W = 0.3
    opt.step(net, g2, 0.1); // v = 0.8·(−0.2) − 0.1·1 = −0.26, W = 0.04
    expect(w(net)).toBeCloseTo(0.04, 15);
    // B: v = 0.1 → B = −0.1; v = 0.8·0.1 − 0.3 = −0.22 → B = −0.32
    expect(b(net)).toBeCloseTo(-0.32, 15);
    expect(createOptimizer("momentum", net).settings).toEqual({ beta: 0.9 });
  });

  it("rmsprop: s ← β·s + (1 − β)·dW², W ← W − η·dW/(√s + ε)", () => {
    const { net, g1, g2 } = tiny();
    const opt = createOptimizer({ name: "rmsprop", beta: 0.9, epsilon: 1e-6 }, net);
    opt.step(net, g1, 0.01);
    const s1 = 0.1 * 4;
    const w1 = 0.5 - (0.01 * 2) / (Math.sqrt(s1) + 1e-6);
    expect(w(net)).toBeCloseTo(w1, 15);
    opt.step(net, g2, 0.01);
    const s2 = 0.9 * s1 + 0.1 * 1;
    expect(w(net)).toBeCloseTo(w1 - (0.01 * 1) / (Math.sqrt(s2) + 1e-6), 15);
  });

  it("adam: bias-corrected first and second moments", () => {
    const { net, g1, g2 } = tiny();
    const opt = createOptimizer("adam", net);
    expect(opt.settings).toEqual({ beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    opt.step(net, g1, 0.001);
    // first step: m̂ = g, v̂ = g², so the step is η·g/(|g| + ε) ≈ η·sign(g)
    const w1 = 0.5 - (0.001 * 2) / (2 + 1e-8);
    expect(w(net)).toBeCloseTo(w1, 15);
    expect(b(net)).toBeCloseTo(-0.2 + 0.001 / (1 + 1e-8), 15);
    opt.step(net, g2, 0.001);
    const m = 0.9 * 0.1 * 2 + 0.1 * 1;
    const v = 0.999 * 0.001 * 4 + 0.001 * 1;
    const mHat = m / (1 - 0.9 ** 2);
    const vHat = v / (1 - 0.999 ** 2);
    expect(w(net)).toBeCloseTo(w1 - (0.001 * mHat) / (Math.sqrt(vHat) + 1e-8), 15);
  });

  it("uses the eta it was created with when step gets none", () => {
    const a = tiny();
    const c = tiny();
    createOptimizer("sgd", a.net, 0.3).step(a.net, a.g1);
    createOptimizer("sgd", c.net).step(c.net, c.g1, 0.3);
    expect(w(a.net)).toBe(w(c.net));
    expect(() => createOptimizer("sgd", tiny().net).step(tiny().net, tiny().g1)).toThrow(
      /eta must be a finite number > 0/,
    );
  });

  it("rejects unknown names, bad settings and mismatched networks", () => {
    const { net, g1 } = tiny();
    expect(() => createOptimizer("adamw" as never, net)).toThrow(
      /unknown optimizer 'adamw' \(did you mean 'adam'\?\): choose one of sgd, momentum, rmsprop, adam/,
    );
    expect(() => createOptimizer({ name: "momentum", beta: 1.5 }, net)).toThrow(/beta must be < 1/);
    expect(() => createOptimizer({ name: "adam", beta: 0.9 } as never, net)).toThrow(
      /unknown option 'beta'/,
    );
    expect(() => createOptimizer("sgd", net).step(net, g1, 0)).toThrow(
      /eta must be a finite number > 0/,
    );
    expect(() => createOptimizer("sgd", net).step(mlp([1, 2, 1]), g1, 0.1)).toThrow(
      /do not match the net the optimizer was made for/,
    );
    // a dB of the wrong size would otherwise make NaN biases silently
    const wrongDB = { dW: g1.dW, dB: [fromRows([[1, 2]])] };
    expect(() => createOptimizer("momentum", net).step(net, wrongDB, 0.1)).toThrow(
      /B1 or dB1 does not match the net the optimizer was made for/,
    );
  });
});

describe("decayedEta", () => {
  it("is eta0 · decayRate^(step / decaySteps)", () => {
    expect(decayedEta(0.5, 0.1, 0, 100)).toBe(0.5);
    expect(decayedEta(0.5, 0.1, 100, 100)).toBeCloseTo(0.05, 15);
    expect(decayedEta(0.5, 0.1, 50, 100)).toBeCloseTo(0.5 * Math.sqrt(0.1), 15);
    expect(decayedEta(0.5, 0.1, 300, 100)).toBeCloseTo(0.0005, 15);
  });
});
