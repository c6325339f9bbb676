// Exercises 04 · Polynomial vs. two-layer network 正弦曲线拟合
//
// Taught in notebooks/04-sine-fit.ipynb. Write each function below: replace every `todo(…)` with
// your code and keep the names and signatures (the notebook and the grader call them). Save, then
// check your work with any of
//   npm run grade -- 04        a score table, with what failed and why
//   npm run watch              re-grades this file every time you save it
//   await grade("04")          in the notebook (import { grade } from "./scripts/grader/notebook")
// Stuck? `npm run hint -- 04.3` shows a hint for exercise 04.3; run it again for the next one.
//
// Matrices are the course library's `Matrix` ({ rows, cols, data }, row-major: element (i, j) is
// data[i * cols + j]); networks are what `mlp` and `train` return. Import what you need from
// "../lib" (mlp, train, loadDataSet, polynomialFeatures, evaluate, sigmoid, matrix, …).
//
// What the grader checks: your features against x, x², x³, … at many points; your polynomial
// network on the sine's test set; your hidden size by training the networks around it again with
// the settings below; your contributions against the network's own prediction on random networks.

import { type Matrix, type Network } from "../lib";
import { todo } from "../scripts/grader/todo";

// ---- 04.1 Polynomial features 多项式特征 -------------------------------------------------------
// X is n×1 (one x per row). Return the n×degree matrix whose row i is [x, x², x³, …, x^degree]
// (no column of ones: the network's bias plays that part). Build a new matrix; don't change X.

export function polyFeatures(X: Matrix, degree: number): Matrix {
  return todo("implement polyFeatures(X, degree)");
}

// ---- 04.2 A degree-3 polynomial for the sine 三次多项式拟合 ------------------------------------
// Train polynomial regression of degree 3 on the sine's training set, loadDataSet("sine").train:
// a one-layer network mlp([3, 1]) on the features [x, x², x³], and return the trained network.
// The grader computes its loss on the sine's test set (features from the library's
// polynomialFeatures(test.X, 3)); it must be at most 0.005 (the lecture's eps).

export function fitSinePolynomial(): Network {
  return todo("implement fitSinePolynomial()");
}

// ---- 04.3 How many hidden units does the cobra curve need? 隐层神经元数 --------------------------
// Return the smallest hidden size H for which the two-layer net 1-H-1 fits the cobra curve to a
// test R² of at least 0.95, when trained exactly like this (the lecture's settings):
//   const data = loadDataSet("cobra");
//   const result = train(mlp([1, H, 1]), data.train,
//                        { eta: 0.5, batchSize: 10, maxEpoch: 10000, eps: 0.001, checkEvery: 50 });
//   const r2 = evaluate(result.net, data.test).accuracy;      // R² on the test set
// The grader trains the sizes around your answer again and checks that yours reaches 0.95 and
// the next smaller one does not. Find it by experiment (a loop over H in the notebook).

export function smallestHiddenSize(): number {
  return todo("implement smallestHiddenSize()");
}

// ---- 04.4 Explain by numbers: each hidden unit's share 每个隐层神经元的贡献 ---------------------
// For a trained 1-H-1 net (one input, H sigmoid hidden units, one linear output) return, for the
// input x, the H numbers c_j = w2_j · sigmoid(x·w1_j + b1_j): unit j's contribution to the
// output. They add up to the prediction: c_1 + … + c_H + b2 = the network's output at x.
// (w1_j is W1's entry (0, j), b1_j is B1's (0, j), w2_j is W2's (j, 0).)

export function hiddenContributions(net: Network, x: number): number[] {
  return todo("implement hiddenContributions(net, x)");
}
