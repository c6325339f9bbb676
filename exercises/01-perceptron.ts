// Exercises 01 · The perceptron 感知器
//
// Taught in notebooks/01-perceptron.ipynb. Write each function below: replace every `todo(…)`
// with your code and keep the names and signatures (the notebook and the grader call them). Save,
// then check your work with any of
//   npm run grade -- 01        a score table, with what failed and why
//   npm run watch              re-grades this file every time you save it
//   await grade("01")          in the notebook (import { grade } from "./scripts/grader/notebook")
// Stuck? `npm run hint -- 01.2` shows a hint for exercise 01.2; run it again for the next one.
//
// The rules every function here follows (the grader holds you to exactly these):
// - A sample x is an array of inputs (x[0] is x1, x[1] is x2, …), w holds one weight per input,
//   b is the bias. X is a list of samples and T their targets, 0 or 1, in the same order.
// - The perceptron answers 1 when w·x + b ≥ 0 and 0 otherwise: step(w·x + b), with step(0) = 1
//   (the same step as exercise 02.1 and lib's `step`).
// - Training starts from w = 0 (all zeros) and b = 0, presents the samples in the order given
//   (X[0], X[1], …) and applies the learning rule after each sample. One pass over all samples is
//   one epoch.
// - Don't modify the arrays you are given: return new ones.

import { todo } from "../scripts/grader/todo";

// ---- 01.1 A neuron 神经元 ------------------------------------------------------------------------
// A neuron adds up its inputs, each times its weight, adds its bias, and passes the sum through
// its activation function f:  z = w1·x1 + w2·x2 + … + wn·xn + b,  output = f(z).
// weightedSum returns z; neuron returns f(z). Any number of inputs.

export function weightedSum(x: number[], w: number[], b: number): number {
  return todo("implement weightedSum(x, w, b)");
}

export function neuron(x: number[], w: number[], b: number, f: (z: number) => number): number {
  return todo("implement neuron(x, w, b, f)");
}

// ---- 01.2 The perceptron's answer and its learning rule 感知器学习规则 ------------------------------
// perceptronOutput: 1 when w·x + b ≥ 0, else 0.
// perceptronUpdate: present one sample x with target t. Let y = perceptronOutput(x, w, b); then
//   w_i ← w_i + eta·(t − y)·x_i   for every i,     b ← b + eta·(t − y).
// Return the new { w, b } (a right answer, t = y, returns the same values). Leave w unchanged.

export function perceptronOutput(x: number[], w: number[], b: number): number {
  return todo("implement perceptronOutput(x, w, b)");
}

export function perceptronUpdate(
  x: number[],
  t: number,
  w: number[],
  b: number,
  eta: number,
): { w: number[]; b: number } {
  return todo("implement perceptronUpdate(x, t, w, b, eta)");
}

// ---- 01.3 Train until an epoch without mistakes 训练到没有错误 ---------------------------------------
// Start from w = 0, b = 0. Repeat epochs (passes over X in order, updating after each sample)
// until an epoch in which no sample was answered wrongly, or until maxEpoch epochs are done.
// Return the final w and b, and `epochs`: the number of passes made, counting the last, error-free
// one. (Stopping at maxEpoch without an error-free epoch returns epochs = maxEpoch.)

export function trainPerceptron(
  X: number[][],
  T: number[],
  eta = 1,
  maxEpoch = 100,
): { w: number[]; b: number; epochs: number } {
  return todo("implement trainPerceptron(X, T, eta, maxEpoch)");
}

// ---- 01.4 When training never ends: XOR 异或 ---------------------------------------------------
// Train exactly as in 01.3, but for at most `budget` epochs, and report how it went:
//   converged       true when an epoch made no mistake (within the budget)
//   epochs          the passes made (the error-free one included; `budget` when it never converged)
//   errorsPerEpoch  how many samples each pass answered wrongly, one entry per pass
// On AND and OR it converges; on XOR no line separates the classes, so it never does.

export function convergenceReport(
  X: number[][],
  T: number[],
  budget: number,
  eta = 1,
): { converged: boolean; epochs: number; errorsPerEpoch: number[] } {
  return todo("implement convergenceReport(X, T, budget, eta)");
}
