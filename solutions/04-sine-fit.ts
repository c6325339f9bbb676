// Reference solutions for exercises/04-sine-fit.ts (notebook 04 · Polynomial vs. two-layer
// network 正弦曲线拟合).

import { loadDataSet, matrix, type Matrix, mlp, type Network, sigmoid, train } from "../lib";

// ---- 04.1 ----
export function polyFeatures(X: Matrix, degree: number): Matrix {
  const F = matrix(X.rows, degree);
  for (let i = 0; i < X.rows; i++) {
    let power = 1;
    for (let k = 0; k < degree; k++) {
      power *= X.data[i]; // x^(k+1)
      F.data[i * degree + k] = power;
    }
  }
  return F;
}

// ---- 04.2 ----
export function fitSinePolynomial(): Network {
  // The lecture's settings: eta 0.2, batch 10, stop when the loss on the training set ≤ 0.005.
  const { train: sine } = loadDataSet("sine");
  const data = { X: polyFeatures(sine.X, 3), Y: sine.Y };
  const net = mlp([3, 1], { init: "zeros" });
  return train(net, data, {
    eta: 0.2,
    batchSize: 10,
    maxEpoch: 10000,
    eps: 0.005,
    checkEvery: 10,
    validation: 0,
  }).net;
}

// ---- 04.3 ----
export function smallestHiddenSize(): number {
  // 1-2-1 stops at 10000 epochs with test R² ≈ 0.82; 1-3-1 reaches eps at epoch 6700, R² ≈ 0.97.
  return 3;
}

// ---- 04.4 ----
export function hiddenContributions(net: Network, x: number): number[] {
  const [W1, W2] = net.W;
  const B1 = net.B[0];
  const H = W1.cols;
  const contributions: number[] = [];
  for (let j = 0; j < H; j++) {
    const z = x * W1.data[j] + B1.data[j]; // z_j = x·w1_j + b1_j: a line in x
    contributions.push(W2.data[j] * sigmoid.f(z)); // w2_j · a_j
  }
  return contributions;
}
