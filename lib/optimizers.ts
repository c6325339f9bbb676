// Optimizers 优化器: how a gradient becomes a change of the weights. Each one updates W and B in
// place; its state (velocities, running averages) is allocated once, when it is created.
//
//   sgd:       W ← W − η·dW
//   momentum:  v ← β·v − η·dW;  W ← W + v                                      (β = 0.9)
//   rmsprop:   s ← β·s + (1 − β)·dW²;  W ← W − η·dW / (√s + ε)                (β = 0.9, ε = 1e-6)
//   adam:      t ← t + 1;  m ← β1·m + (1 − β1)·dW;  v ← β2·v + (1 − β2)·dW²;
//              W ← W − η·m̂ / (√v̂ + ε) with m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ)
//                                                                  (β1 = 0.9, β2 = 0.999, ε = 1e-8)
// (dW² and the division are element by element; the same rules update B with dB.)

import { type Matrix } from "./matrix";
import { checkNetwork, type Network } from "./network";
import { checkNumber, checkOptionNames, describe, unknownName } from "./validate";

export type OptimizerName = "sgd" | "momentum" | "rmsprop" | "adam";
export const optimizerNames: readonly OptimizerName[] = ["sgd", "momentum", "rmsprop", "adam"];

export type OptimizerSpec =
  | OptimizerName
  | { name: OptimizerName; beta?: number; beta1?: number; beta2?: number; epsilon?: number };

export interface Optimizer {
  name: OptimizerName;
  /** The settings in use (defaults filled in). */
  settings: { beta?: number; beta1?: number; beta2?: number; epsilon?: number };
  /** Updates net.W and net.B in place from the gradients, with learning rate eta (default:
   * `eta[0]`). */
  step(net: Network, grads: { dW: Matrix[]; dB: Matrix[] }, eta?: number): void;
  /** The learning rate `step` uses when called without one: createOptimizer's eta, or NaN. The
   * training loop writes a decayed rate here rather than passing it as an argument, because a
   * number passed to a function V8 does not inline is boxed: one allocation per step. */
  eta: Float64Array;
}

/** An optimizer for `net` (its state has one slot per weight of the net). `eta` is the learning
 * rate `step` uses when it is called without one. */
export function createOptimizer(spec: OptimizerSpec, net: Network, eta?: number): Optimizer {
  checkNetwork("createOptimizer", net);
  if (eta !== undefined) checkNumber("createOptimizer", "eta", eta, { above: 0 });
  const options = typeof spec === "string" ? { name: spec } : spec;
  if (typeof options !== "object" || options === null)
    throw unknownName("optimizer", spec, optimizerNames);
  const { name } = options;
  if (!optimizerNames.includes(name)) throw unknownName("optimizer", name, optimizerNames);
  const known: Record<OptimizerName, string[]> = {
    sgd: ["name"],
    momentum: ["name", "beta"],
    rmsprop: ["name", "beta", "epsilon"],
    adam: ["name", "beta1", "beta2", "epsilon"],
  };
  checkOptionNames(`createOptimizer('${name}')`, options, known[name]);
  const where = `optimizer '${name}'`;
  const fraction = (key: string, value: number | undefined, fallback: number): number =>
    checkNumber(
      where,
      key,
      value ?? fallback,
      { min: 0, below: 1 },
      `The usual value is ${fallback}.`,
    );
  const positive = (key: string, value: number | undefined, fallback: number): number =>
    checkNumber(where, key, value ?? fallback, { above: 0 }, `The usual value is ${fallback}.`);

  // One state array per weight matrix and per bias, matching net.W[l] / net.B[l].
  const state = (): { W: Float64Array[]; B: Float64Array[] } => ({
    W: net.W.map((W) => new Float64Array(W.data.length)),
    B: net.B.map((B) => new Float64Array(B.data.length)),
  });
  const shapes = net.W.map((W) => W.data.length);
  const biasShapes = net.B.map((B) => B.data.length);
  const defaultEta = new Float64Array([eta ?? NaN]);
  // Checks the learning rate in h[0] and that net and grads fit the state.
  const check = (target: Network, grads: { dW: Matrix[]; dB: Matrix[] }, h: Float64Array): void => {
    const rate = h[0];
    if (!(rate > 0) || !Number.isFinite(rate)) {
      throw new Error(
        `${where}: eta must be a finite number > 0 (got ${describe(rate)}); pass it to step() or createOptimizer().`,
      );
    }
    if (target.W.length !== shapes.length || grads.dW.length !== shapes.length) {
      throw new Error(
        `${where}: the network or gradients do not match the net the optimizer was made for.`,
      );
    }
    for (let l = 0; l < shapes.length; l++) {
      if (target.W[l].data.length !== shapes[l] || grads.dW[l].data.length !== shapes[l]) {
        throw new Error(
          `${where}: W${l + 1} or dW${l + 1} does not match the net the optimizer was made for.`,
        );
      }
      if (target.B[l].data.length !== biasShapes[l] || grads.dB[l].data.length !== biasShapes[l]) {
        throw new Error(
          `${where}: B${l + 1} or dB${l + 1} does not match the net the optimizer was made for.`,
        );
      }
    }
  };

  // The hyper-parameters of one step travel in a Float64Array h (h[0] = η, then β, ε, …): a number
  // passed to a function that V8 does not inline is boxed — an allocation on every step.
  switch (name) {
    case "sgd": {
      const h = new Float64Array(1); // η
      return {
        name,
        eta: defaultEta,
        settings: {},
        step(target, grads, stepEta) {
          etaInto(h, stepEta, defaultEta);
          check(target, grads, h);
          for (let l = 0; l < target.W.length; l++) {
            sgdUpdate(target.W[l].data, grads.dW[l].data, h);
            sgdUpdate(target.B[l].data, grads.dB[l].data, h);
          }
        },
      };
    }
    case "momentum": {
      const beta = fraction("beta", "beta" in options ? options.beta : undefined, 0.9);
      const v = state();
      const h = new Float64Array([NaN, beta]); // η, β
      return {
        name,
        eta: defaultEta,
        settings: { beta },
        step(target, grads, stepEta) {
          etaInto(h, stepEta, defaultEta);
          check(target, grads, h);
          for (let l = 0; l < target.W.length; l++) {
            momentumUpdate(target.W[l].data, grads.dW[l].data, v.W[l], h);
            momentumUpdate(target.B[l].data, grads.dB[l].data, v.B[l], h);
          }
        },
      };
    }
    case "rmsprop": {
      const beta = fraction("beta", "beta" in options ? options.beta : undefined, 0.9);
      const epsilon = positive("epsilon", "epsilon" in options ? options.epsilon : undefined, 1e-6);
      const s = state();
      const h = new Float64Array([NaN, beta, epsilon]); // η, β, ε
      return {
        name,
        eta: defaultEta,
        settings: { beta, epsilon },
        step(target, grads, stepEta) {
          etaInto(h, stepEta, defaultEta);
          check(target, grads, h);
          for (let l = 0; l < target.W.length; l++) {
            rmspropUpdate(target.W[l].data, grads.dW[l].data, s.W[l], h);
            rmspropUpdate(target.B[l].data, grads.dB[l].data, s.B[l], h);
          }
        },
      };
    }
    case "adam": {
      const beta1 = fraction("beta1", "beta1" in options ? options.beta1 : undefined, 0.9);
      const beta2 = fraction("beta2", "beta2" in options ? options.beta2 : undefined, 0.999);
      const epsilon = positive("epsilon", "epsilon" in options ? options.epsilon : undefined, 1e-8);
      const m = state();
      const v = state();
      let t = 0;
      const h = new Float64Array([NaN, beta1, beta2, epsilon, NaN, NaN]); // η, β1, β2, ε, c1, c2
      return {
        name,
        eta: defaultEta,
        settings: { beta1, beta2, epsilon },
        step(target, grads, stepEta) {
          etaInto(h, stepEta, defaultEta);
          check(target, grads, h);
          t++;
          h[4] = 1 - Math.pow(beta1, t); // bias corrections
          h[5] = 1 - Math.pow(beta2, t);
          for (let l = 0; l < target.W.length; l++) {
            adamUpdate(target.W[l].data, grads.dW[l].data, m.W[l], v.W[l], h);
            adamUpdate(target.B[l].data, grads.dB[l].data, m.B[l], v.B[l], h);
          }
        },
      };
    }
  }
}

/** h[0] = the step's eta, or the optimizer's own when none was passed. Two stores, not
 * `h[0] = stepEta ?? fallback[0]`: merging the loaded double with the maybe-undefined argument
 * made V8 box it first — one allocation per step, in some runs (test/lib/allocation.test.ts). */
function etaInto(h: Float64Array, stepEta: number | undefined, fallback: Float64Array): void {
  if (stepEta === undefined) h[0] = fallback[0];
  else h[0] = stepEta;
}

/** Learning-rate decay: eta = eta0 · decayRate^(step / decaySteps). */
export function decayedEta(
  eta0: number,
  decayRate: number,
  step: number,
  decaySteps: number,
): number {
  return eta0 * Math.pow(decayRate, step / decaySteps);
}

// ---------------------------------------------------------------------------------------------

// Each reads its hyper-parameters from h into locals first (see createOptimizer on boxing).

/** W ← W − η·dW, with h = [η]. */
function sgdUpdate(w: Float64Array, dw: Float64Array, h: Float64Array): void {
  const eta = h[0];
  for (let i = 0; i < w.length; i++) w[i] -= eta * dw[i];
}

/** v ← β·v − η·dW; W ← W + v, with h = [η, β]. */
function momentumUpdate(w: Float64Array, dw: Float64Array, v: Float64Array, h: Float64Array): void {
  const eta = h[0];
  const beta = h[1];
  for (let i = 0; i < w.length; i++) {
    v[i] = beta * v[i] - eta * dw[i];
    w[i] += v[i];
  }
}

/** s ← β·s + (1 − β)·dW²; W ← W − η·dW / (√s + ε), with h = [η, β, ε]. */
function rmspropUpdate(w: Float64Array, dw: Float64Array, s: Float64Array, h: Float64Array): void {
  const eta = h[0];
  const beta = h[1];
  const epsilon = h[2];
  for (let i = 0; i < w.length; i++) {
    s[i] = beta * s[i] + (1 - beta) * dw[i] * dw[i];
    w[i] -= (eta * dw[i]) / (Math.sqrt(s[i]) + epsilon);
  }
}

/** Adam's update with h = [η, β1, β2, ε, c1, c2] (c1, c2: the bias corrections 1 − βᵗ). */
function adamUpdate(
  w: Float64Array,
  dw: Float64Array,
  m: Float64Array,
  v: Float64Array,
  h: Float64Array,
): void {
  const eta = h[0];
  const beta1 = h[1];
  const beta2 = h[2];
  const epsilon = h[3];
  const c1 = h[4];
  const c2 = h[5];
  for (let i = 0; i < w.length; i++) {
    m[i] = beta1 * m[i] + (1 - beta1) * dw[i];
    v[i] = beta2 * v[i] + (1 - beta2) * dw[i] * dw[i];
    w[i] -= (eta * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
  }
}
