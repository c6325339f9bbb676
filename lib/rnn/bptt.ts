// Back-propagation through time (BPTT) 随时间反向传播: the RNN unrolled over its T steps is one deep
// network whose layers share U, W and V, so its gradient is the MLP's back-propagation run from
// the last step to the first, adding up each step's share. Taught in notebooks/06-rnn.ipynb.
//
// The loss is the mean over the n sequences and over the outputs read (T of them, or 1 with
// targets "last"). With δo_t = (o_t − y_t) / (n·outputs) (the paired output and loss, rnn.ts):
//
//   for t = T … 1:
//     δs_t = δo_t·Vᵀ + δz_{t+1}·Wᵀ          (the state feeds the output and the next step)
//     δz_t = δs_t ⊙ f′(s_t)
//     dV += s_tᵀ·δo_t   dc += Σ δo_t
//     dU += x_tᵀ·δz_t   dW += s_{t−1}ᵀ·δz_t   db += Σ δz_t
//
// Truncated to k steps (`truncate: k`), each output's error flows back through at most k steps
// (d2l's "regular truncation"): cheaper and steadier, blind to dependencies longer than k.
// Clipping by norm rescales the whole gradient when its length exceeds a limit.

import { type Matrix, zeros } from "../matrix";
import * as rnnOps from "./rnn";
import { type Rnn, type RnnPass, rnnForwardInto, rnnPass, type SequenceSet } from "./rnn";

// Module-local names for what the hot loops read (under tsx an imported constant is a getter
// call at every use; see the note in train.ts)
const { SIGMOID, stateCode, TANH } = rnnOps;

export interface RnnGradients {
  dU: Matrix;
  dW: Matrix;
  dV: Matrix;
  db: Matrix;
  dc: Matrix;
}

/** Zeroed gradients shaped like the net's parameters. */
export function rnnGradientBuffers(net: Rnn): RnnGradients {
  return {
    dU: zeros(net.U.rows, net.U.cols),
    dW: zeros(net.W.rows, net.W.cols),
    dV: zeros(net.V.rows, net.V.cols),
    db: zeros(1, net.b.cols),
    dc: zeros(1, net.c.cols),
  };
}

/** Scratch rows for the backward pass (allocated once per run). */
export interface BpttWork {
  dS: Float64Array;
  dZ: Float64Array;
  dO: Float64Array;
}

export function bpttWork(net: Rnn, rows: number): BpttWork {
  return {
    dS: new Float64Array(rows * net.sizes.hidden),
    dZ: new Float64Array(rows * net.sizes.hidden),
    dO: new Float64Array(rows * net.sizes.outputs),
  };
}

/**
 * BPTT into `grads` (overwritten) for the first `rows` sequences, after rnnForwardInto filled
 * `pass`. `truncate` = k limits each output's error to its last k steps (0: the full sequence).
 * Allocates nothing.
 */
export function bpttInto(
  net: Rnn,
  X: Matrix[],
  Y: Matrix[],
  pass: RnnPass,
  grads: RnnGradients,
  rows: number,
  truncate: number,
  work: BpttWork,
): void {
  // (one fill per array: a list of them would be an allocation per step)
  grads.dU.data.fill(0);
  grads.dW.data.fill(0);
  grads.dV.data.fill(0);
  grads.db.data.fill(0);
  grads.dc.data.fill(0);
  const T = X.length;
  const every = pass.O.length === T;
  const count = rows * pass.O.length; // δo_t = (o_t − y_t) / count
  if (truncate <= 0 || truncate >= T) {
    // Full BPTT: one sweep from T down to 1, carrying δz_{t+1}·Wᵀ into step t.
    work.dS.fill(0, 0, rows * net.sizes.hidden);
    for (let t = T; t >= 1; t--) {
      if (every || t === T) outputError(net, pass, Y, t, every, rows, count, grads, work);
      stepBack(net, X, pass, t, rows, grads, work);
    }
    return;
  }
  // Truncated: each output's error goes back at most `truncate` steps on its own.
  for (let t = T; t >= 1; t--) {
    if (!every && t !== T) continue;
    work.dS.fill(0, 0, rows * net.sizes.hidden);
    outputError(net, pass, Y, t, every, rows, count, grads, work);
    for (let j = t; j >= 1 && j > t - truncate; j--) stepBack(net, X, pass, j, rows, grads, work);
  }
}

/** δo_t = (o_t − y_t) / count; dV, dc from it; δs_t += δo_t·Vᵀ. (`count` is a whole number: a
 * fraction passed to a function that is not inlined would be allocated.) */
function outputError(
  net: Rnn,
  pass: RnnPass,
  Y: Matrix[],
  t: number,
  every: boolean,
  rows: number,
  count: number,
  grads: RnnGradients,
  work: BpttWork,
): void {
  const { hidden: H, outputs: O } = net.sizes;
  const o = pass.O[every ? t - 1 : 0].data;
  const y = Y[every ? t - 1 : 0].data;
  const s = pass.S[t].data;
  const V = net.V.data;
  const dV = grads.dV.data;
  const dc = grads.dc.data;
  const { dO, dS } = work;
  for (let i = 0; i < rows * O; i++) dO[i] = (o[i] - y[i]) / count;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < O; j++) {
      const d = dO[r * O + j];
      dc[j] += d;
      for (let k = 0; k < H; k++) {
        dV[k * O + j] += s[r * H + k] * d;
        dS[r * H + k] += d * V[k * O + j];
      }
    }
  }
}

/** From δs_t: δz_t, its shares of dU, dW, db, and δs_{t−1} = δz_t·Wᵀ (left in work.dS). */
function stepBack(
  net: Rnn,
  X: Matrix[],
  pass: RnnPass,
  t: number,
  rows: number,
  grads: RnnGradients,
  work: BpttWork,
): void {
  const { inputs: I, hidden: H } = net.sizes;
  const x = X[t - 1].data;
  const s = pass.S[t].data;
  const sPrev = pass.S[t - 1].data;
  const W = net.W.data;
  const dU = grads.dU.data;
  const dW = grads.dW.data;
  const db = grads.db.data;
  const { dS, dZ } = work;
  const f = stateCode(net.state);
  // δz = δs ⊙ f′, with f′ written from s = f(z): tanh 1 − s², sigmoid s(1 − s), relu [s > 0]
  for (let i = 0; i < rows * H; i++) {
    const si = s[i];
    dZ[i] = dS[i] * (f === TANH ? 1 - si * si : f === SIGMOID ? si * (1 - si) : si > 0 ? 1 : 0);
  }
  for (let r = 0; r < rows; r++) {
    // dU += x_tᵀ·δz_t, dW += s_{t−1}ᵀ·δz_t, db += δz_t, row by row (inner loops in memory order)
    const at = r * H;
    for (let j = 0; j < H; j++) db[j] += dZ[at + j];
    for (let i = 0; i < I; i++) {
      const xi = x[r * I + i];
      if (xi === 0) continue;
      for (let j = 0; j < H; j++) dU[i * H + j] += xi * dZ[at + j];
    }
    for (let k = 0; k < H; k++) {
      const sk = sPrev[at + k];
      for (let j = 0; j < H; j++) dW[k * H + j] += sk * dZ[at + j];
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < H; k++) {
      let sum = 0;
      for (let j = 0; j < H; j++) sum += dZ[r * H + j] * W[k * H + j];
      dS[r * H + k] = sum;
    }
  }
}

/** The length of the whole gradient, √(Σ dU² + Σ dW² + Σ dV² + Σ db² + Σ dc²). */
export function gradientNorm(grads: RnnGradients): number {
  let sum = 0;
  for (const M of [grads.dU, grads.dW, grads.dV, grads.db, grads.dc]) {
    const d = M.data;
    for (let i = 0; i < d.length; i++) sum += d[i] * d[i];
  }
  return Math.sqrt(sum);
}

/** clipGradients for the training loop, through an array: it reads maxNorm from clip[0] and
 * writes the length before clipping to clip[1]. (A number passed in from an object's field, or
 * returned, is allocated when the call is not inlined: once per step.) */
export function clipGradientsInto(grads: RnnGradients, clip: Float64Array): void {
  const maxNorm = clip[0];
  let sum = 0;
  sum += sumOfSquares(grads.dU.data);
  sum += sumOfSquares(grads.dW.data);
  sum += sumOfSquares(grads.dV.data);
  sum += sumOfSquares(grads.db.data);
  sum += sumOfSquares(grads.dc.data);
  const norm = Math.sqrt(sum);
  clip[1] = norm;
  if (norm > maxNorm) {
    const k = maxNorm / norm;
    scaleInPlace(grads.dU.data, k);
    scaleInPlace(grads.dW.data, k);
    scaleInPlace(grads.dV.data, k);
    scaleInPlace(grads.db.data, k);
    scaleInPlace(grads.dc.data, k);
  }
}

function sumOfSquares(d: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < d.length; i++) sum += d[i] * d[i];
  return sum;
}

function scaleInPlace(d: Float64Array, k: number): void {
  for (let i = 0; i < d.length; i++) d[i] *= k;
}

/** Clipping by norm 梯度裁剪: when the gradient is longer than maxNorm, scale all of it down to
 * length maxNorm (same direction). Returns the length before clipping. */
export function clipGradients(grads: RnnGradients, maxNorm: number): number {
  const norm = gradientNorm(grads);
  if (norm > maxNorm) {
    const k = maxNorm / norm;
    for (const M of [grads.dU, grads.dW, grads.dV, grads.db, grads.dc]) {
      const d = M.data;
      for (let i = 0; i < d.length; i++) d[i] *= k;
    }
  }
  return norm;
}

/** The gradient of the loss on `data` (all sequences at once; allocates — for checks and
 * notebooks; trainRnn uses bpttInto with buffers of its own). */
export function rnnGradients(
  net: Rnn,
  data: SequenceSet,
  options: { truncate?: number } = {},
): RnnGradients {
  const rows = data.X[0].rows;
  const pass = rnnPass(net, data.X.length, rows, data.targets);
  rnnForwardInto(net, data.X, pass, rows);
  const grads = rnnGradientBuffers(net);
  bpttInto(net, data.X, data.Y, pass, grads, rows, options.truncate ?? 0, bpttWork(net, rows));
  return grads;
}

/**
 * Why a plain RNN forgets: the length of ∂L/∂s_t, the gradient of the last output's loss with
 * respect to each earlier state, from t = T back to 1 (index 0 is s_T). Each step back multiplies
 * by Wᵀ and f′; when those shrink vectors the signal from far back vanishes, when they stretch
 * them it explodes.
 */
export function stateGradientNorms(net: Rnn, data: SequenceSet): number[] {
  const rows = data.X[0].rows;
  const T = data.X.length;
  const pass = rnnPass(net, T, rows, "last");
  rnnForwardInto(net, data.X, pass, rows);
  const work = bpttWork(net, rows);
  const scratch = rnnGradientBuffers(net);
  const Ylast = [data.Y[data.Y.length - 1]];
  outputError(net, pass, Ylast, T, false, rows, rows, scratch, work);
  const norms: number[] = [];
  const length = (d: Float64Array): number => Math.sqrt(d.reduce((s, v) => s + v * v, 0));
  for (let t = T; t >= 1; t--) {
    norms.push(length(work.dS));
    if (t > 1) stepBack(net, data.X, pass, t, rows, scratch, work);
  }
  return norms;
}
