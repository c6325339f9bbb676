// Exercises 06 · Recurrent networks 循环神经网络
//
// Taught in notebooks/06-rnn.ipynb. Write each function below: replace every `todo(…)` with your
// code and keep the names and signatures (the notebook and the grader call them). Save, then check
// your work with any of
//   npm run grade -- 06        a score table, with what failed and why
//   npm run watch              re-grades this file every time you save it
//   await grade("06")          in the notebook (import { grade } from "./scripts/grader/notebook")
// Stuck? `npm run hint -- 06.2` shows a hint for exercise 06.2; run it again for the next one.
//
// The lecture's recurrence, with rows as vectors (x·U where the lecture writes U·x):
//   s_t = tanh(x_t·U + s_{t−1}·W + b)      o_t = s_t·V + c
// x_t has I numbers, s_t has H; U is I×H (U[i][j]), W is H×H (W[k][j]), b has H numbers.
// Plain arrays here (number[] and number[][], row by row), no library needed.
//
// What the grader checks: values against the formulas on random inputs of several sizes,
// gradients against central finite differences of the loss (not against our code), that nothing
// you are given is modified, and, for 06.5, a forecast trained with your settings.

import { todo } from "../scripts/grader/todo";

// ---- 06.1 One RNN step 一步 -------------------------------------------------------------------
// s = tanh(x·U + sPrev·W + b): s[j] = tanh(Σ_i x[i]·U[i][j] + Σ_k sPrev[k]·W[k][j] + b[j]).
// Return a new array of H numbers; leave x, sPrev, U, W and b as they are.

export function rnnStep(
  x: number[],
  sPrev: number[],
  U: number[][],
  W: number[][],
  b: number[],
): number[] {
  return todo("implement rnnStep(x, sPrev, U, W, b)");
}

// ---- 06.2 Back-propagation through time 随时间反向传播 ------------------------------------------
// A one-unit RNN (every quantity a plain number), over a sequence xs with targets ys:
//   s_0 = 0,   s_t = tanh(u·x_t + w·s_{t−1}),   o_t = v·s_t,   L = Σ_t ½(o_t − y_t)²
// Return the gradient { du: ∂L/∂u, dw: ∂L/∂w, dv: ∂L/∂v }. Every step uses the same u, w, v, so
// each derivative adds up a share from every step — and w's reaches back through all the states.

export function bpttScalar(
  xs: number[],
  ys: number[],
  u: number,
  w: number,
  v: number,
): { du: number; dw: number; dv: number } {
  return todo("implement bpttScalar(xs, ys, u, w, v)");
}

// ---- 06.3 Gradient clipping 梯度裁剪 -----------------------------------------------------------
// grads holds every gradient array of a network (e.g. [dU, dW, dV] flattened). Their joint length
// is ‖g‖ = √(Σ over all arrays of Σ g²). When ‖g‖ > maxNorm, return copies scaled by maxNorm/‖g‖
// (the same direction, length maxNorm); otherwise return copies unchanged. Leave grads as it is.

export function clipByNorm(grads: number[][], maxNorm: number): number[][] {
  return todo("implement clipByNorm(grads, maxNorm)");
}

// ---- 06.4 Binary subtraction: the encoder and decoder 二进制减法 ---------------------------------
// The RNN subtracts 4-bit numbers bit by bit, least-significant bit first, carrying the borrow in
// its state. encodeSubtraction(a, b) for 0 ≤ a, b ≤ 15 gives the 4 steps of input x_t = [a_t, b_t]
// (the t-th bits, t = 0 the lowest) and the target bits y_t of (a − b) mod 16 (when b > a, the
// 4-bit two's complement: 3 − 5 → 14). decodeBits turns the net's 4 outputs (probabilities, least
// significant first) back into a number: a bit is 1 when its output is ≥ 0.5.
//   encodeSubtraction(6, 3) → { x: [[0, 1], [1, 1], [1, 0], [0, 0]], y: [1, 1, 0, 0] }   (6 − 3 = 3)
//   decodeBits([0.9, 0.2, 0.7, 0.1]) → 5

export function encodeSubtraction(a: number, b: number): { x: number[][]; y: number[] } {
  return todo("implement encodeSubtraction(a, b)");
}

export function decodeBits(outputs: number[]): number {
  return todo("implement decodeBits(outputs)");
}

// ---- 06.5 A forecast that beats "tomorrow = today" 预测 ----------------------------------------
// Choose the settings with which the grader trains the notebook's forecaster on the noisy sine:
//   const f = forecastData(noisySine(), { window });
//   const result = trainRnn(rnn([1, hidden, 1]), f.train, { eta, batchSize, maxEpoch, optimizer });
// Its mean squared error on the test windows must be at most half the naive forecast's (each
// window's last value). Ranges (the grader's time budget): window 2 … 30, hidden 1 … 16,
// batchSize 1 … 100, maxEpoch 1 … 100, optimizer 'sgd', 'momentum', 'rmsprop' or 'adam'.
// Replace the nulls.

export interface ForecastSettings {
  window: number | null;
  hidden: number | null;
  eta: number | null;
  batchSize: number | null;
  maxEpoch: number | null;
  optimizer: "sgd" | "momentum" | "rmsprop" | "adam" | null;
}

export const forecastSettings: ForecastSettings = {
  window: null,
  hidden: null,
  eta: null,
  batchSize: null,
  maxEpoch: null,
  optimizer: null,
};
