// Reference solutions for exercises/06-rnn.ts (notebook 06 · Recurrent networks 循环神经网络).
// Try the exercises first: `npm run grade -- 06` grades them, `npm run hint -- 06.2` helps.
//
//   s_t = tanh(x_t·U + s_{t−1}·W + b)      o_t = s_t·V + c

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
  const H = b.length;
  const s = new Array<number>(H);
  for (let j = 0; j < H; j++) {
    let z = b[j];
    for (let i = 0; i < x.length; i++) z += x[i] * U[i][j];
    for (let k = 0; k < H; k++) z += sPrev[k] * W[k][j];
    s[j] = Math.tanh(z);
  }
  return s;
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
  // forward, keeping every state (s[0] = 0)
  const T = xs.length;
  const s = [0];
  for (let t = 1; t <= T; t++) s.push(Math.tanh(u * xs[t - 1] + w * s[t - 1]));
  // backward, from the last step to the first
  let du = 0;
  let dw = 0;
  let dv = 0;
  let dsNext = 0; // ∂L/∂s_t through s_{t+1}
  for (let t = T; t >= 1; t--) {
    const dO = v * s[t] - ys[t - 1];
    dv += dO * s[t];
    const ds = dO * v + dsNext;
    const dz = ds * (1 - s[t] * s[t]);
    du += dz * xs[t - 1];
    dw += dz * s[t - 1];
    dsNext = dz * w;
  }
  return { du, dw, dv };
}

// ---- 06.3 Gradient clipping 梯度裁剪 -----------------------------------------------------------
// grads holds every gradient array of a network (e.g. [dU, dW, dV] flattened). Their joint length
// is ‖g‖ = √(Σ over all arrays of Σ g²). When ‖g‖ > maxNorm, return copies scaled by maxNorm/‖g‖
// (the same direction, length maxNorm); otherwise return copies unchanged. Leave grads as it is.

export function clipByNorm(grads: number[][], maxNorm: number): number[][] {
  let sum = 0;
  for (const g of grads) for (const v of g) sum += v * v;
  const norm = Math.sqrt(sum);
  const k = norm > maxNorm ? maxNorm / norm : 1;
  return grads.map((g) => g.map((v) => v * k));
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
  const d = (a - b + 16) % 16;
  const bit = (n: number, t: number): number => (n >> t) & 1;
  const x: number[][] = [];
  const y: number[] = [];
  for (let t = 0; t < 4; t++) {
    x.push([bit(a, t), bit(b, t)]);
    y.push(bit(d, t));
  }
  return { x, y };
}

export function decodeBits(outputs: number[]): number {
  let n = 0;
  for (let t = 0; t < outputs.length; t++) if (outputs[t] >= 0.5) n += 2 ** t;
  return n;
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
  window: 10,
  hidden: 16,
  eta: 0.01,
  batchSize: 16,
  maxEpoch: 60,
  optimizer: "adam",
};
