// Optimizers 优化器: how a gradient becomes a change of the weights. Taught in
// notebooks/05-hyperparameters.ipynb (SGD, and decay) and used by notebooks 02 and 03; momentum,
// RMSProp and Adam are the popular-science notes' later chapter.
//
//   sgd:       W ← W − η·dW
//   momentum:  v ← β·v − η·dW;  W ← W + v                                      (β = 0.9)
//   rmsprop:   s ← β·s + (1 − β)·dW²;  W ← W − η·dW / (√s + ε)                (β = 0.9, ε = 1e-6)
//   adam:      t ← t + 1;  m ← β1·m + (1 − β1)·dW;  v ← β2·v + (1 − β2)·dW²;
//              W ← W − η·m̂ / (√v̂ + ε) with m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ)
//                                                                  (β1 = 0.9, β2 = 0.999, ε = 1e-8)
// (dW² and the division are element by element; the same rules update B with dB.)
//
// Each rule is one small loop over one weight array, reading η, β and ε from the run's array `h`
// (see hyperparameters.ts). Its state (velocities, running averages) is allocated once.

import * as hyperparameters from "./hyperparameters";
import { type Matrix } from "./matrix";
import { type Network } from "./network";
import { checkNetwork } from "./validate-network";
import { checkNumber, checkOptionNames, describe, unknownName } from "./validate";

// The indices into h as module-local constants: some loaders (tsx, vitest) compile each use of an
// imported constant into a getter call, which counts against V8's inlining budget in the hot loop.
const { BETA1, BETA2, CORRECTION1, CORRECTION2, EPSILON, ETA, stepNumbers } = hyperparameters;

export type OptimizerName = "sgd" | "momentum" | "rmsprop" | "adam";
export const optimizerNames: readonly OptimizerName[] = ["sgd", "momentum", "rmsprop", "adam"];

export type OptimizerSpec =
  | OptimizerName
  | { name: OptimizerName; beta?: number; beta1?: number; beta2?: number; epsilon?: number };

type Settings = { beta?: number; beta1?: number; beta2?: number; epsilon?: number };

/** Changes one weight array w in place from its gradient dw, with the rule's state s1 and s2 (one
 * slot per weight; empty when the rule keeps none) and the step's numbers h. */
type Update = (
  w: Float64Array,
  dw: Float64Array,
  s1: Float64Array,
  s2: Float64Array,
  h: Float64Array,
) => void;

interface UpdateRule {
  /** The settings the rule reads, with their usual values. */
  defaults: Settings;
  /** State arrays it keeps per weight array: momentum's v and RMSProp's s (1), Adam's m, v (2). */
  stateArrays: 0 | 1 | 2;
  /** Adam: the bias corrections 1 − βᵗ are written into h before every step. */
  biasCorrection: boolean;
  update: Update;
}

/** The four optimizers as a table of update rules (formulas at the top of the file). */
const updateRules: Record<OptimizerName, UpdateRule> = {
  sgd: { defaults: {}, stateArrays: 0, biasCorrection: false, update: sgdUpdate },
  momentum: {
    defaults: { beta: 0.9 },
    stateArrays: 1,
    biasCorrection: false,
    update: momentumUpdate,
  },
  rmsprop: {
    defaults: { beta: 0.9, epsilon: 1e-6 },
    stateArrays: 1,
    biasCorrection: false,
    update: rmspropUpdate,
  },
  adam: {
    defaults: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    stateArrays: 2,
    biasCorrection: true,
    update: adamUpdate,
  },
};

/** W ← W − η·dW */
function sgdUpdate(
  w: Float64Array,
  dw: Float64Array,
  _s1: Float64Array,
  _s2: Float64Array,
  h: Float64Array,
): void {
  const eta = h[ETA];
  for (let i = 0; i < w.length; i++) w[i] -= eta * dw[i];
}

/** v ← β·v − η·dW;  W ← W + v */
function momentumUpdate(
  w: Float64Array,
  dw: Float64Array,
  v: Float64Array,
  _s2: Float64Array,
  h: Float64Array,
): void {
  const eta = h[ETA];
  const beta = h[BETA1];
  for (let i = 0; i < w.length; i++) {
    v[i] = beta * v[i] - eta * dw[i];
    w[i] += v[i];
  }
}

/** s ← β·s + (1 − β)·dW²;  W ← W − η·dW / (√s + ε) */
function rmspropUpdate(
  w: Float64Array,
  dw: Float64Array,
  s: Float64Array,
  _s2: Float64Array,
  h: Float64Array,
): void {
  const eta = h[ETA];
  const beta = h[BETA1];
  const epsilon = h[EPSILON];
  for (let i = 0; i < w.length; i++) {
    s[i] = beta * s[i] + (1 - beta) * dw[i] * dw[i];
    w[i] -= (eta * dw[i]) / (Math.sqrt(s[i]) + epsilon);
  }
}

/** m ← β1·m + (1 − β1)·dW;  v ← β2·v + (1 − β2)·dW²;  W ← W − η·m̂ / (√v̂ + ε) */
function adamUpdate(
  w: Float64Array,
  dw: Float64Array,
  m: Float64Array,
  v: Float64Array,
  h: Float64Array,
): void {
  const eta = h[ETA];
  const beta1 = h[BETA1];
  const beta2 = h[BETA2];
  const epsilon = h[EPSILON];
  const c1 = h[CORRECTION1];
  const c2 = h[CORRECTION2];
  for (let i = 0; i < w.length; i++) {
    m[i] = beta1 * m[i] + (1 - beta1) * dw[i];
    v[i] = beta2 * v[i] + (1 - beta2) * dw[i] * dw[i];
    w[i] -= (eta * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
  }
}

// ---------------------------------------------------------------------------------------------

/** An optimizer's rule, its settings (defaults filled in) and its state for one network. */
export interface OptimizerState {
  name: OptimizerName;
  settings: Settings;
  rule: UpdateRule;
  /** The rule's state per weight matrix and per bias (empty arrays when it keeps none). */
  s1W: Float64Array[];
  s2W: Float64Array[];
  s1B: Float64Array[];
  s2B: Float64Array[];
  /** Weights per matrix of the net it was made for. */
  sizes: { W: number[]; B: number[] };
  /** Steps taken (Adam's t). */
  t: number;
}

/** Checks an optimizer's spec and sets up its state for `net` (train calls this once per run). */
export function optimizerState(
  spec: OptimizerSpec,
  net: Pick<Network, "W" | "B">,
  where: string,
): OptimizerState {
  const options = typeof spec === "string" ? { name: spec } : spec;
  if (typeof options !== "object" || options === null) {
    throw unknownName("optimizer", spec, optimizerNames);
  }
  const { name } = options;
  if (!optimizerNames.includes(name)) throw unknownName("optimizer", name, optimizerNames);
  const rule = updateRules[name];
  const label =
    where === "createOptimizer" ? `${where}('${name}')` : `${where}: optimizer '${name}'`;
  checkOptionNames(label, options, ["name", ...Object.keys(rule.defaults)]);
  const settings: Settings = {};
  for (const [key, usual] of Object.entries(rule.defaults) as [keyof Settings, number][]) {
    const rangeRule = key === "epsilon" ? { above: 0 } : { min: 0, below: 1 };
    const value = (options as Settings)[key] ?? usual;
    settings[key] = checkNumber(
      `optimizer '${name}'`,
      key,
      value,
      rangeRule,
      `The usual value is ${usual}.`,
    );
  }
  const arrays = (k: number, from: Matrix[]): Float64Array[] =>
    from.map((M) => (rule.stateArrays >= k ? new Float64Array(M.data.length) : NONE));
  return {
    name,
    settings,
    rule,
    s1W: arrays(1, net.W),
    s2W: arrays(2, net.W),
    s1B: arrays(1, net.B),
    s2B: arrays(2, net.B),
    sizes: { W: net.W.map((M) => M.data.length), B: net.B.map((M) => M.data.length) },
    t: 0,
  };
}

const NONE = new Float64Array(0);

/** The numbers of `h` an optimizer's settings fill: β (or β1), β2, ε. */
export function optimizerNumbers(state: OptimizerState): {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
} {
  const { beta, beta1, beta2, epsilon } = state.settings;
  return { beta1: beta ?? beta1, beta2, epsilon };
}

/** One optimizer step: every W (and B, unless the net has no biases) from its gradient, with the
 * step's numbers in h. No checks: train checked everything before the first epoch. */
export function applyUpdate(
  state: OptimizerState,
  net: Pick<Network, "W" | "B" | "bias">,
  grads: { dW: Matrix[]; dB: Matrix[] },
  h: Float64Array,
): void {
  const { rule } = state;
  state.t++;
  if (rule.biasCorrection) {
    h[CORRECTION1] = 1 - Math.pow(h[BETA1], state.t);
    h[CORRECTION2] = 1 - Math.pow(h[BETA2], state.t);
  }
  const update = rule.update;
  const bias = net.bias !== false;
  for (let l = 0; l < net.W.length; l++) {
    update(net.W[l].data, grads.dW[l].data, state.s1W[l], state.s2W[l], h);
    if (bias) update(net.B[l].data, grads.dB[l].data, state.s1B[l], state.s2B[l], h);
  }
}

// ---------------------------------------------------------------------------------------------
// The optimizer as an object, for notebooks that take steps by hand

export interface Optimizer {
  name: OptimizerName;
  /** The settings in use (defaults filled in). */
  settings: Settings;
  /** Updates net.W and net.B in place from the gradients, with learning rate eta (default: the
   * one given to createOptimizer). */
  step(net: Network, grads: { dW: Matrix[]; dB: Matrix[] }, eta?: number): void;
  /** The step's numbers (η, β, ε; see hyperparameters.ts). */
  h: Float64Array;
}

/** An optimizer for `net` (its state has one slot per weight of the net). `eta` is the learning
 * rate `step` uses when it is called without one. */
export function createOptimizer(spec: OptimizerSpec, net: Network, eta?: number): Optimizer {
  checkNetwork("createOptimizer", net);
  if (eta !== undefined) checkNumber("createOptimizer", "eta", eta, { above: 0 });
  const state = optimizerState(spec, net, "createOptimizer");
  const h = stepNumbers({ eta: eta ?? NaN, ...optimizerNumbers(state) });
  const where = `optimizer '${state.name}'`;
  return {
    name: state.name,
    settings: state.settings,
    h,
    step(target, grads, stepEta) {
      h[ETA] = stepEta ?? eta ?? NaN;
      if (!(h[ETA] > 0) || !Number.isFinite(h[ETA])) {
        throw new Error(
          `${where}: eta must be a finite number > 0 (got ${describe(h[ETA])}); pass it to step() or createOptimizer().`,
        );
      }
      checkFits(where, state, target, grads);
      applyUpdate(state, target, grads, h);
    },
  };
}

/** Throws unless net and grads have the shapes of the net the optimizer was made for. */
function checkFits(
  where: string,
  state: OptimizerState,
  net: Network,
  grads: { dW: Matrix[]; dB: Matrix[] },
): void {
  const layers = state.sizes.W.length;
  if (net.W.length !== layers || grads.dW.length !== layers) {
    throw new Error(
      `${where}: the network or gradients do not match the net the optimizer was made for.`,
    );
  }
  for (let l = 0; l < layers; l++) {
    const size = (M: Matrix | undefined): number => M?.data.length ?? -1;
    if (size(net.W[l]) !== size(grads.dW[l]) || size(net.W[l]) !== state.sizes.W[l]) {
      throw new Error(
        `${where}: W${l + 1} or dW${l + 1} does not match the net the optimizer was made for.`,
      );
    }
    if (size(net.B[l]) !== size(grads.dB[l]) || size(net.B[l]) !== state.sizes.B[l]) {
      throw new Error(
        `${where}: B${l + 1} or dB${l + 1} does not match the net the optimizer was made for.`,
      );
    }
  }
}
