// Exercises 07 · Handwritten digits 手写数字
//
// Taught in notebooks/07-digits.ipynb. Write each function below: replace every `todo(…)` with your
// code and keep the names and signatures (the notebook and the grader call them). Save, then check
// your work with any of
//   npm run grade -- 07        a score table, with what failed and why
//   npm run watch              re-grades this file every time you save it
//   await grade("07")          in the notebook (import { grade } from "./scripts/grader/notebook")
// Stuck? `npm run hint -- 07.1` shows a hint for exercise 07.1; run it again for the next one.
//
// Plain arrays here (number[] and number[][], row by row), no library needed.
//
// What the grader checks: softmax and its gradient against the formula and central finite
// differences of the loss (not against our code), accuracy and the confusion matrix on random
// predictions, the convolution against TensorFlow.js's conv2d, that nothing you are given is
// modified, and, for 07.4, a digit classifier trained with your settings.

import { todo } from "../scripts/grader/todo";

// ---- 07.1 Softmax and its cross-entropy gradient 软最大与交叉熵 --------------------------------
// softmax(z)[k] = e^{z_k} / Σ_j e^{z_j}: ten scores z in, ten probabilities out (each > 0, sum 1).
// Large scores must not overflow: e^{1000} is Infinity, but softmax([1000, 1001]) is fine —
// subtract the largest score first (it cancels in the fraction).
// The loss of one sample with target y (one-hot, or any probabilities summing to 1) is
//   L(z) = −Σ_k y_k · log softmax(z)_k
// and softmaxCrossEntropyGradient(z, y) returns ∂L/∂z_k for every k (ten numbers).

export function softmax(z: number[]): number[] {
  return todo("implement softmax(z)");
}

export function softmaxCrossEntropyGradient(z: number[], y: number[]): number[] {
  return todo("implement softmaxCrossEntropyGradient(z, y)");
}

// ---- 07.2 Accuracy and the confusion matrix 准确率与混淆矩阵 ------------------------------------
// P holds one row of ten probabilities per test digit; labels the true digits.
// predictedDigit(p): the index of the largest probability (the first one on a tie).
// accuracy(P, labels): the fraction (0 … 1) of rows whose predicted digit is the label.
// confusion(predicted, actual, classes): counts[a][p] = how many samples of true class a were
// predicted as p — rows the truth, columns the prediction, so the diagonal is what was right.
//   confusion([1, 1, 0], [1, 0, 0], 2) → [[1, 1], [0, 1]]

export function predictedDigit(p: number[]): number {
  return todo("implement predictedDigit(p)");
}

export function accuracy(P: number[][], labels: number[]): number {
  return todo("implement accuracy(P, labels)");
}

export function confusion(predicted: number[], actual: number[], classes: number): number[][] {
  return todo("implement confusion(predicted, actual, classes)");
}

// ---- 07.3 A convolution with a stride 步长卷积 -------------------------------------------------
// Slide the kernel (k×l) over the image (H×W) in steps of `stride`, no padding: the output has
// ⌊(H − k)/stride⌋ + 1 rows and ⌊(W − l)/stride⌋ + 1 columns, and
//   out[i][j] = Σ_a Σ_b image[i·stride + a][j·stride + b] · kernel[a][b]
// (not flipped — what deep-learning libraries call convolution). Return a new array.

export function convolve(image: number[][], kernel: number[][], stride: number): number[][] {
  return todo("implement convolve(image, kernel, stride)");
}

// ---- 07.4 A digit classifier of your own 你的手写数字分类器 -------------------------------------
// Choose the settings with which the grader trains a classifier on the notebook's digits:
//   const digits = loadDigits();   // 8,000 training digits, 2,000 test digits, pixels 0 … 1
//   const net = mlp([784, hidden, 10], { hidden: activation, output: "softmax" });
//   const result = await trainAsync(net, digits.train,
//     { eta, batchSize, maxEpoch: epochs, optimizer, validation: 0, backend: "tfjs-wasm" });
// Its accuracy on the 2,000 test digits must be at least 93%. The budget: hidden 1 … 100,
// epochs 1 … 5, batchSize 16 … 500; activation 'sigmoid', 'tanh' or 'relu'; optimizer 'sgd',
// 'momentum', 'rmsprop' or 'adam'. Replace the nulls.

export interface DigitSettings {
  hidden: number | null;
  activation: "sigmoid" | "tanh" | "relu" | null;
  eta: number | null;
  batchSize: number | null;
  epochs: number | null;
  optimizer: "sgd" | "momentum" | "rmsprop" | "adam" | null;
}

export const digitSettings: DigitSettings = {
  hidden: null,
  activation: null,
  eta: null,
  batchSize: null,
  epochs: null,
  optimizer: null,
};
