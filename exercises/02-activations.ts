// Exercises 02 · Activation functions 激活函数
//
// Taught in notebooks/02-activations.ipynb. Write each function below: replace every
// `todo(…)` with your code and keep the names and signatures (the notebook and the grader call
// them). Save, then check your work with any of
//   npm run grade -- 02        a score table, with what failed and why
//   npm run watch              re-grades this file every time you save it
//   await grade("02")          in the notebook (import { grade } from "./scripts/grader/notebook")
// Stuck? `npm run hint -- 02.3` shows a hint for exercise 02.3; run it again for the next one.
//
// What the grader checks: values against the definitions, each derivative against the slope
// measured numerically (central finite differences) at many points away from kinks, and large
// |z| such as ±1000, where a careless formula overflows (Math.exp(1000) is Infinity, and
// Infinity / Infinity is NaN); then the lecture's 67-step demo (02.8) and dead units (02.9).
// Don't modify the arguments you are given.

import { todo } from "../scripts/grader/todo";

// ---- 02.1 Step 阶跃函数 -------------------------------------------------------------------------
// step(z) = 1 for z ≥ 0, 0 for z < 0: the perceptron's activation.
// Its derivative: what is the slope of a flat line? (At z = 0 there is none; it is not checked.)

export function step(z: number): number {
  return todo("implement step(z)");
}

export function stepDerivative(z: number): number {
  return todo("implement stepDerivative(z)");
}

// ---- 02.2 Sigmoid ------------------------------------------------------------------------------
// sigmoid(z) = 1 / (1 + e^(−z)), between 0 and 1. The lecture writes its derivative with
// a = sigmoid(z) as a·(1 − a). Both must stay finite for z = ±1000.

export function sigmoid(z: number): number {
  return todo("implement sigmoid(z)");
}

export function sigmoidDerivative(z: number): number {
  return todo("implement sigmoid's derivative");
}

// ---- 02.3 tanh ---------------------------------------------------------------------------------
// tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), between −1 and 1 and zero-centred; slope 1 at 0.

export function tanh(z: number): number {
  return todo("implement tanh(z)");
}

export function tanhDerivative(z: number): number {
  return todo("implement tanh's derivative");
}

// ---- 02.4 ReLU ---------------------------------------------------------------------------------
// relu(z) = max(0, z).

export function relu(z: number): number {
  return todo("implement relu(z)");
}

export function reluDerivative(z: number): number {
  return todo("implement relu's derivative");
}

// ---- 02.5 Leaky ReLU ---------------------------------------------------------------------------
// leakyRelu(z) = z for z > 0, alpha·z otherwise: negative inputs keep a small slope.

export function leakyRelu(z: number, alpha = 0.01): number {
  return todo("implement leakyRelu(z, alpha)");
}

export function leakyReluDerivative(z: number, alpha = 0.01): number {
  return todo("implement leakyRelu's derivative");
}

// ---- 02.6 ELU ----------------------------------------------------------------------------------
// elu(z) = z for z > 0, alpha·(e^z − 1) otherwise: smooth, and it tends to −alpha.

export function elu(z: number, alpha = 1): number {
  return todo("implement elu(z, alpha)");
}

export function eluDerivative(z: number, alpha = 1): number {
  return todo("implement elu's derivative");
}

// ---- 02.7 Softplus -----------------------------------------------------------------------------
// softplus(z) = ln(1 + e^z): a smooth ReLU. softplus(1000) must be 1000, not Infinity.

export function softplus(z: number): number {
  return todo("implement softplus(z)");
}

export function softplusDerivative(z: number): number {
  return todo("implement softplus's derivative");
}

// ---- 02.8 The lecture's 67 steps: gradient descent on a saturated unit 67步 --------------------
// The lecture's demo: a sigmoid unit outputs a = 0.9 (z = ln 9) and gradient descent pushes its
// input z down, with learning rate eta = 0.2, until the output is 0.5. One step is
//   z ← z − eta·df(z)        (df is the derivative of f, as a function of z).
// stepsToTarget(f, df, z0, target, eta, maxSteps) starts at z = z0 and counts the steps until
// f(z) ≤ target. It checks f(z) ≤ target before every step: when f(z0) ≤ target already it
// returns 0; when the target is reached right after step n it returns n. When f(z) is still above
// the target after maxSteps steps it returns Infinity (e.g. the step function: its slope is 0, so
// z never moves). The lecture's count: stepsToTarget(sigmoid, sigmoidDerivative, Math.log(9)) = 67.

export function stepsToTarget(
  f: (z: number) => number,
  df: (z: number) => number,
  z0: number,
  target = 0.5,
  eta = 0.2,
  maxSteps = 10000,
): number {
  return todo("implement stepsToTarget(f, df, z0, target, eta, maxSteps)");
}

// ---- 02.9 Dead ReLU units 死神经元 -------------------------------------------------------------
// Z holds a layer's pre-activations: one row per sample, one column per unit (Z[i][j] is unit j's
// z for sample i). A ReLU unit is dead when its z ≤ 0 for every sample: its output and its
// gradient are then 0 everywhere, so it never learns again. Return the column indices of the
// dead units (in any order; [] when none is dead).

export function deadUnits(Z: number[][]): number[] {
  return todo("implement deadUnits(Z)");
}
