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
