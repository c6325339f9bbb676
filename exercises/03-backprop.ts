// Exercises 03 · Back-propagation 反向传播
//
// Taught in notebooks/03-backprop.ipynb (sections "The matrix form" and "XOR"). Write each
// function below: replace every `todo(…)` with your code and keep the names and signatures (the
// notebook and the grader call them). Save, then check your work with any of
//   npm run grade -- 03        a score table, with what failed and why
//   npm run watch              re-grades this file every time you save it
//   await grade("03")          in the notebook (import { grade } from "./scripts/grader/notebook")
// Stuck? `npm run hint -- 03.2` shows a hint for exercise 03.2; run it again for the next one.
//
// The network of 03.1–03.3 is the lecture's two-layer regression net: sigmoid hidden units and a
// linear output (no activation), with the lecture's names. For m samples (one per row of X):
//   Z1 = X·W1 + B1      A1 = sigmoid(Z1)      Z2 = A1·W2 + B2      loss = Σ(Z2 − Y)² / (2m)
// Shapes: X is m×n, W1 is n×h, B1 is 1×h, W2 is h×k, B2 is 1×k, Y and Z2 are m×k.
// Matrices are the course library's `Matrix` ({ rows, cols, data }, row-major). Handy helpers
// from "../lib": matMul, matMulAtB (Aᵀ·B), matMulABt (A·Bᵀ), addRowVector, sub, hadamard, scale,
// map, sumColumns, copy, and `sigmoid.f(z)`. Plain loops over `M.data` are fine too.
//
// What the grader checks: values against the formulas on random networks of several shapes,
// every gradient against central finite differences of the loss (not against our code), that
// nothing you are given is modified, and that your XOR network classifies all four points.

import { type Matrix, type Network } from "../lib";
import { todo } from "../scripts/grader/todo";

/** The weights of a two-layer net under the lecture's names. */
export interface Params2 {
  W1: Matrix;
  B1: Matrix;
  W2: Matrix;
  B2: Matrix;
}

/** What the forward pass computes (the lecture keeps these for the backward pass). */
export interface Pass2 {
  Z1: Matrix;
  A1: Matrix;
  Z2: Matrix;
}

/** The gradients of the loss, one per weight matrix, each the same shape as its matrix. */
export interface Grads2 {
  dW1: Matrix;
  dB1: Matrix;
  dW2: Matrix;
  dB2: Matrix;
}

// ---- 03.1 The forward pass 前向计算 -----------------------------------------------------------
// Z1 = X·W1 + B1 (B1 is added to every row), A1 = sigmoid(Z1), Z2 = A1·W2 + B2.
// The output layer of this regression net has no activation: the prediction is Z2 itself.

export function forward2(params: Params2, X: Matrix): Pass2 {
  return todo("implement forward2(params, X)");
}

// ---- 03.2 The backward pass 反向传播 ----------------------------------------------------------
// The gradients of loss = Σ(Z2 − Y)² / (2m) with respect to W1, B1, W2 and B2, given the forward
// pass `pass` of these params on X. In the lecture's matrix form:
//   dZ2 = Z2 − Y                   dW2 = A1ᵀ·dZ2 / m        dB2 = (sum of dZ2's rows) / m
//   dZ1 = dZ2·W2ᵀ ⊙ A1 ⊙ (1 − A1)  dW1 = Xᵀ·dZ1 / m         dB1 = (sum of dZ1's rows) / m

export function backward2(params: Params2, X: Matrix, Y: Matrix, pass: Pass2): Grads2 {
  return todo("implement backward2(params, X, Y, pass)");
}

// ---- 03.3 One training step 一步梯度下降 -------------------------------------------------------
// One step of gradient descent with learning rate eta: W ← W − eta·dW for all four matrices.
// Return NEW params; leave the params you are given unchanged (the caller may still need them).

export function trainStep(params: Params2, X: Matrix, Y: Matrix, eta: number): Params2 {
  return todo("implement trainStep(params, X, Y, eta)");
}

// ---- 03.4 Train XOR 异或 ------------------------------------------------------------------------
// Return a network (built with the library: mlp, train, …) that classifies all four XOR points
// (0,0) → 0, (0,1) → 1, (1,0) → 1, (1,1) → 0. Any architecture and settings you like, within a
// few seconds. The grader runs `predict(net, X)` on the four points and reads the output as
//   one output column:  ≥ 0.5 means XOR = 1 (data: loadDataSet("xor"));
//   two output columns: the lecture's one-hot code, the larger column wins — column 0 means
//                       XOR = 1, column 1 means XOR = 0 (data: xorOneHot()).

export function trainXor(): Network {
  return todo("implement trainXor()");
}
