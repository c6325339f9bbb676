// Reference solutions for exercises/03-backprop.ts (notebook 03 · Back-propagation 反向传播).

import {
  addRowVector,
  copy,
  map,
  matMul,
  matMulABt,
  matMulAtB,
  type Matrix,
  mlp,
  type Network,
  scale,
  sigmoid,
  sub,
  sumColumns,
  train,
  xorOneHot,
} from "../lib";

export interface Params2 {
  W1: Matrix;
  B1: Matrix;
  W2: Matrix;
  B2: Matrix;
}

export interface Pass2 {
  Z1: Matrix;
  A1: Matrix;
  Z2: Matrix;
}

export interface Grads2 {
  dW1: Matrix;
  dB1: Matrix;
  dW2: Matrix;
  dB2: Matrix;
}

// ---- 03.1 ----
export function forward2(params: Params2, X: Matrix): Pass2 {
  const { W1, B1, W2, B2 } = params;
  const Z1 = addRowVector(matMul(X, W1), B1); // Z1 = X·W1 + B1
  const A1 = map(Z1, (z) => sigmoid.f(z)); // A1 = sigmoid(Z1)
  const Z2 = addRowVector(matMul(A1, W2), B2); // Z2 = A1·W2 + B2 (no activation: regression)
  return { Z1, A1, Z2 };
}

// ---- 03.2 ----
export function backward2(params: Params2, X: Matrix, Y: Matrix, pass: Pass2): Grads2 {
  const m = X.rows;
  const { A1, Z2 } = pass;
  const dZ2 = sub(Z2, Y); // dZ2 = Z2 − Y
  const dW2 = scale(matMulAtB(A1, dZ2), 1 / m); // dW2 = A1ᵀ·dZ2 / m
  const dB2 = scale(sumColumns(dZ2), 1 / m);
  const dA1 = matMulABt(dZ2, params.W2); // dZ2·W2ᵀ
  const dZ1 = map(dA1, (d, i, j) => {
    const a = A1.data[i * A1.cols + j];
    return d * a * (1 - a); // ⊙ A1 ⊙ (1 − A1)
  });
  const dW1 = scale(matMulAtB(X, dZ1), 1 / m); // dW1 = Xᵀ·dZ1 / m
  const dB1 = scale(sumColumns(dZ1), 1 / m);
  return { dW1, dB1, dW2, dB2 };
}

// ---- 03.3 ----
export function trainStep(params: Params2, X: Matrix, Y: Matrix, eta: number): Params2 {
  const grads = backward2(params, X, Y, forward2(params, X));
  const step = (W: Matrix, dW: Matrix): Matrix =>
    map(copy(W), (w, i, j) => w - eta * dW.data[i * dW.cols + j]);
  return {
    W1: step(params.W1, grads.dW1),
    B1: step(params.B1, grads.dB1),
    W2: step(params.W2, grads.dW2),
    B2: step(params.B2, grads.dB2),
  };
}

// ---- 03.4 ----
export function trainXor(): Network {
  // The notebook's 2-3-2 sigmoid net on the lecture's one-hot XOR, squared error with a little L2.
  const data = xorOneHot();
  const net = mlp([2, 3, 2], { output: "sigmoid" });
  const result = train(net, data, {
    eta: 5,
    batchSize: 4,
    maxEpoch: 2000,
    validation: 0,
    loss: "halfMse",
    l2: 0.001,
  });
  return result.net;
}
