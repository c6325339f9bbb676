// Exercises 05 · Hyper-parameters 超参数 — the lecture's in-class assignment (作业二)
//
// Taught in notebooks/05-hyperparameters.ipynb. With 4 hidden units fixed, how do the batch size
// and the learning rate η change how long the 1-4-1 net needs to fit the cobra curve? Run the
// 16 experiments and fill in the table below: replace each cell's nulls with your numbers.
// Check your work with `npm run grade -- 05` (or `await grade("05")` in the notebook): every
// filled-in cell is re-run by the grader and is worth one point. Stuck? `npm run hint -- 05.1`.
//
// Each run (the settings the grader uses; change nothing else):
//   import { loadDataSet, mlp, train } from "./lib";
//   const data = loadDataSet("cobra");
//   const net = mlp([1, 4, 1]); // the same initial weights for every run (seed 1)
//   const result = train(net, data.train, { eta, batchSize, maxEpoch: 10000, eps: 0.001, checkEvery: 50 });
// and a cell holds
//   epochs:   result.epochs — the epochs needed to reach eps (10000 when it never does)
//   loss:     result.final.validationLoss
//   accuracy: result.final.validationAccuracy
// Keep the layout: rows are the batch sizes, columns the learning rates, in the order listed.
// (05.2, the 5th-degree polynomial, is at the end of this file.)

import type { Matrix } from "../lib";
import { todo } from "../scripts/grader/todo";

export const batchSizes = [2, 5, 10, 15];
export const etas = [0.1, 0.3, 0.5, 0.7];

export interface Cell {
  epochs: number | null;
  loss: number | null;
  accuracy: number | null;
}

export const table: Cell[][] = [
  // batchSize = 2
  [
    { epochs: null, loss: null, accuracy: null }, // eta = 0.1
    { epochs: null, loss: null, accuracy: null }, // eta = 0.3
    { epochs: null, loss: null, accuracy: null }, // eta = 0.5
    { epochs: null, loss: null, accuracy: null }, // eta = 0.7
  ],
  // batchSize = 5
  [
    { epochs: null, loss: null, accuracy: null }, // eta = 0.1
    { epochs: null, loss: null, accuracy: null }, // eta = 0.3
    { epochs: null, loss: null, accuracy: null }, // eta = 0.5
    { epochs: null, loss: null, accuracy: null }, // eta = 0.7
  ],
  // batchSize = 10
  [
    { epochs: null, loss: null, accuracy: null }, // eta = 0.1
    { epochs: null, loss: null, accuracy: null }, // eta = 0.3
    { epochs: null, loss: null, accuracy: null }, // eta = 0.5
    { epochs: null, loss: null, accuracy: null }, // eta = 0.7
  ],
  // batchSize = 15
  [
    { epochs: null, loss: null, accuracy: null }, // eta = 0.1
    { epochs: null, loss: null, accuracy: null }, // eta = 0.3
    { epochs: null, loss: null, accuracy: null }, // eta = 0.5
    { epochs: null, loss: null, accuracy: null }, // eta = 0.7
  ],
];

// ---- 05.2 The lecture's next assignment: a 5th-degree polynomial 五次多项式 ----------------------
// "改成五次方" — fit the cobra curve with polynomial regression of degree 5 (notebook 04 fitted
// degrees 4, 6 and 8), and reach a loss on the cobra TEST set of at most 0.0044: within 4% of the
// best any degree-5 polynomial can do there (0.00425, the least-squares fit).
//   1. cobraFeatures5(X): the n×5 features [x, x², x³, x⁴, x⁵] of an n×1 X (a new matrix; don't
//      change X). Notebook 04's polyFeatures, for degree 5.
//   2. fifthDegree: the settings the grader trains with, exactly
//        const data = loadDataSet("cobra");
//        const result = train(mlp([5, 1]), { X: polynomialFeatures(data.train.X, 5), Y: data.train.Y },
//                             { ...fifthDegree, checkEvery: fifthDegree.maxEpoch, validation: 0 });
//        evaluate(result.net, { X: polynomialFeatures(data.test.X, 5), Y: data.test.Y }).loss  // ≤ 0.0044
//      eta (> 0), batchSize (1 … 1000), maxEpoch (1 … 20,000) and, if you like, decay
//      ({ rate, steps }, counted in mini-batch steps). Replace the nulls.
// Plain SGD with a fixed η stops wherever its last noisy step left it; the learning-rate decay of
// this notebook is one way to land close to the bottom. A grid (notebook 05) finds settings fast.

export function cobraFeatures5(X: Matrix): Matrix {
  return todo("implement cobraFeatures5(X)");
}

export interface FifthDegreeSettings {
  eta: number | null;
  batchSize: number | null;
  maxEpoch: number | null;
  decay?: { rate: number; steps: number } | null;
}

export const fifthDegree: FifthDegreeSettings = { eta: null, batchSize: null, maxEpoch: null };
