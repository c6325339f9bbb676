// Reference solution for exercises/05-hyperparameters.ts (notebook 05 · Hyper-parameters 超参数).
// Try the exercise first: `npm run grade -- 05` grades your table, `npm run hint -- 05.1` helps.
//
// Produced with the lib by
//   const data = loadDataSet("cobra");
//   for (const batchSize of batchSizes) for (const eta of etas) {
//     const result = train(mlp([1, 4, 1]), data.train, { eta, batchSize, maxEpoch: 10000, eps: 0.001, checkEvery: 50 });
//     console.log(batchSize, eta, result.epochs, result.final.validationLoss, result.final.validationAccuracy);
//   }
// What it shows, as in the lecture: too small an η crawls (and with larger batches never gets
// there in 10,000 epochs); larger batches need a larger η.

import { matrix, type Matrix } from "../lib";

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
    { epochs: 5700, loss: 0.000967343, accuracy: 0.942847 }, // eta = 0.1
    { epochs: 3600, loss: 0.000891585, accuracy: 0.947323 }, // eta = 0.3
    { epochs: 2950, loss: 0.000732939, accuracy: 0.956696 }, // eta = 0.5
    { epochs: 3750, loss: 0.000777091, accuracy: 0.954088 }, // eta = 0.7
  ],
  // batchSize = 5
  [
    { epochs: 10000, loss: 0.00454442, accuracy: 0.731506 }, // eta = 0.1
    { epochs: 5100, loss: 0.000929435, accuracy: 0.945087 }, // eta = 0.3
    { epochs: 4000, loss: 0.000726545, accuracy: 0.957074 }, // eta = 0.5
    { epochs: 4100, loss: 0.000995462, accuracy: 0.941186 }, // eta = 0.7
  ],
  // batchSize = 10
  [
    { epochs: 10000, loss: 0.0064319, accuracy: 0.619989 }, // eta = 0.1
    { epochs: 8300, loss: 0.000998185, accuracy: 0.941025 }, // eta = 0.3
    { epochs: 5950, loss: 0.000992002, accuracy: 0.94139 }, // eta = 0.5
    { epochs: 5250, loss: 0.000998865, accuracy: 0.940985 }, // eta = 0.7
  ],
  // batchSize = 15
  [
    { epochs: 10000, loss: 0.00671604, accuracy: 0.603202 }, // eta = 0.1
    { epochs: 10000, loss: 0.00499949, accuracy: 0.704619 }, // eta = 0.3
    { epochs: 8800, loss: 0.000994514, accuracy: 0.941242 }, // eta = 0.5
    { epochs: 6650, loss: 0.000966627, accuracy: 0.94289 }, // eta = 0.7
  ],
];

// ---- 05.2 A 5th-degree polynomial for the cobra curve 五次多项式 ----------------------------------
// [x, x², x³, x⁴, x⁵] per row. Settings: a large η that shrinks to a hundredth of itself over the
// run (1,000 samples in batches of 10 are 100 steps an epoch: 500,000 steps in 5,000 epochs) —
// big steps first, then small ones that settle at the bottom. Test loss 0.00427; the best a
// degree-5 polynomial can do is 0.00425 (least squares), no better than degree 4 (0.00426, least squares too):
// the cobra is nearly symmetric, and its next bend needs x⁶.

export function cobraFeatures5(X: Matrix): Matrix {
  const F = matrix(X.rows, 5);
  for (let i = 0; i < X.rows; i++) {
    let power = X.data[i];
    for (let k = 0; k < 5; k++) {
      F.data[i * 5 + k] = power;
      power *= X.data[i];
    }
  }
  return F;
}

export interface FifthDegreeSettings {
  eta: number | null;
  batchSize: number | null;
  maxEpoch: number | null;
  decay?: { rate: number; steps: number } | null;
}

export const fifthDegree: FifthDegreeSettings = {
  eta: 1,
  batchSize: 10,
  maxEpoch: 5000,
  decay: { rate: 0.01, steps: 500_000 },
};
