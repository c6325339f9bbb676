// The lecture's own network, fast: the 1-H-1 regression net (one input, H sigmoid hidden units,
// one linear output, halfMse) that notebooks 04 and 05 train thousands of times. `train` takes
// this path for it (see isLectureNet); every other network takes forwardInto + backwardInto in
// network.ts. The arithmetic is the same operations in the same order as those two, so the
// results are the same bits (test/lib/lecture-net.test.ts); only the loops are fused, so that
// Z1, dA1 and dZ1 live in registers instead of matrices. Read network.ts for the formulas; this
// file is how they are made fast. Taught (as "why the lib is fast") in bench/README.md; the net
// itself in notebooks/04-sine-fit.ipynb.

import { identity, sigmoid } from "./activations";
import * as hyperparameters from "./hyperparameters";
import { halfMse, type Loss } from "./losses";
import { type Matrix } from "./matrix";
import { type BatchBuffers, type Network } from "./network";

// The indices into h as module-local constants: some loaders (tsx, vitest) compile each use of an
// imported constant into a getter call, which counts against V8's inlining budget in the hot loop.
const { LAMBDA } = hyperparameters;

const sigmoidF = sigmoid.f; // a = 1 / (1 + e^(−z)), the function sigmoid.forward applies

/** True for the lecture's regression net: `mlp([1, H, 1])` (one input, H sigmoid hidden units, one
 * identity output) trained with halfMse — the case `lectureNetGradients` computes. */
export function isLectureNet(net: Network, loss: Loss): boolean {
  return (
    net.sizes.length === 3 &&
    net.sizes[0] === 1 &&
    net.sizes[2] === 1 &&
    net.activations[0] === sigmoid &&
    net.activations[1] === identity &&
    loss === halfMse &&
    net.bias !== false
  );
}

/**
 * forwardInto for the lecture's 1-H-1 net (see isLectureNet) on m samples x (one input each):
 *   Z1_ij = B1_j + x_i·W1_j,  A1_ij = sigmoid(Z1_ij),  Z2_i = B2 + Σ_j A1_ij·W2_j   (A2 = Z2)
 * into A1 (m × H, row-major) and Z2 (m). The same floating-point operations in the same order as
 * forwardInto, so the same bits, but Z1 never passes through memory, and the hidden units are
 * taken two per pass over the samples (the last one alone when H is odd): their weights stay in
 * registers, the two e^x overlap, and Z2 is read and written once for both — about 1.4× as fast
 * as one unit per pass. Each Z2_i still adds its terms in the order B2, j = 0, 1, …, H − 1.
 */
export function lectureNetForward(
  net: Network,
  x: Float64Array,
  m: number,
  A1: Float64Array,
  Z2: Float64Array,
): void {
  const H = net.sizes[1];
  const W1 = net.W[0].data;
  const B1 = net.B[0].data;
  const W2 = net.W[1].data;
  const b2 = net.B[1].data[0];
  for (let i = 0; i < m; i++) Z2[i] = b2;
  let j = 0;
  for (; j + 1 < H; j += 2) {
    const w1 = W1[j];
    const b1 = B1[j];
    const w2 = W2[j];
    const w1Next = W1[j + 1]; // unit j + 1, the next one
    const b1Next = B1[j + 1];
    const w2Next = W2[j + 1];
    for (let i = 0; i < m; i++) {
      const a = sigmoidF(b1 + x[i] * w1); // A1_ij = sigmoid(Z1_ij)
      const aNext = sigmoidF(b1Next + x[i] * w1Next);
      A1[i * H + j] = a;
      A1[i * H + j + 1] = aNext;
      Z2[i] = Z2[i] + a * w2 + aNext * w2Next;
    }
  }
  if (j < H) {
    const w1 = W1[j];
    const b1 = B1[j];
    const w2 = W2[j];
    for (let i = 0; i < m; i++) {
      const a = sigmoidF(b1 + x[i] * w1);
      A1[i * H + j] = a;
      Z2[i] += a * w2;
    }
  }
}

/**
 * forwardInto + backwardInto for the lecture's 1-H-1 net (see isLectureNet), fused: the forward
 * pass is lectureNetForward, the backward pass keeps dA1 and dZ1 in local variables instead of
 * matrices. The same floating-point operations in the same order, so the gradients are
 * bit-identical (test/lib/lecture-net.test.ts checks it); training runs about 2.4× as fast
 * (bench/README.md). λ of L2 is h[LAMBDA] (see hyperparameters.ts). Only A1 and dZ2 are stored (in the batch's buffers). For a batch of m samples:
 *   forward:            A1 and Z2 as in lectureNetForward, then dZ2_i = Z2_i − y_i
 *   backward, unit j:   dW2_j = Σ_i A1_ij·dZ2_i / m,
 *                       dZ1_ij = dZ2_i·W2_j ⊙ A1_ij·(1 − A1_ij),
 *                       dW1_j = Σ_i x_i·dZ1_ij / m,  dB1_j = Σ_i dZ1_ij / m
 *                       dB2 = Σ_i dZ2_i / m   (+ λ/m·W on dW1 and dW2 with L2)
 * The backward pass also takes the hidden units two at a time (dZ2 read once for both).
 */
export function lectureNetGradients(
  net: Network,
  batch: BatchBuffers,
  h: Float64Array,
  grads: { dW: Matrix[]; dB: Matrix[] },
): void {
  const m = batch.X.rows;
  const H = net.sizes[1];
  const x = batch.X.data;
  const y = batch.Y.data;
  const A1 = batch.A[0].data;
  const dZ2 = batch.dZ[1].data;
  const W1 = net.W[0].data;
  const W2 = net.W[1].data;
  const dW1 = grads.dW[0].data;
  const dB1 = grads.dB[0].data;
  const dW2 = grads.dW[1].data;
  const lambda = h[LAMBDA];
  const k = lambda / m;
  lectureNetForward(net, x, m, A1, dZ2); // Z2 into dZ2's buffer
  let sumDZ2 = 0;
  for (let i = 0; i < m; i++) {
    dZ2[i] -= y[i]; // dZ2 = Z2 − Y
    sumDZ2 += dZ2[i];
  }
  grads.dB[1].data[0] = sumDZ2 / m;
  // dA1 = dZ2·W2ᵀ, then dZ1 = dA1 ⊙ A1 ⊙ (1 − A1). (matMulABt computes dA1 as 0 + dZ2·W2, which
  // can only turn −0 into +0; the sums below start at +0 and cannot tell them apart.) Two units per
  // pass; when H is odd the last pass takes unit j twice and writes it once.
  for (let j = 0; j < H; j += 2) {
    const pair = j + 1 < H;
    const jNext = pair ? j + 1 : j;
    const w2 = W2[j];
    const w2Next = W2[jNext];
    let sumW2 = 0;
    let sumW1 = 0;
    let sumB1 = 0;
    let sumW2Next = 0; // the same three sums for unit jNext
    let sumW1Next = 0;
    let sumB1Next = 0;
    for (let i = 0; i < m; i++) {
      const a = A1[i * H + j];
      const aNext = A1[i * H + jNext];
      const d = dZ2[i];
      const dZ1 = d * w2 * a * (1 - a);
      const dZ1Next = d * w2Next * aNext * (1 - aNext);
      sumW2 += a * d;
      sumW2Next += aNext * d;
      sumW1 += x[i] * dZ1;
      sumW1Next += x[i] * dZ1Next;
      sumB1 += dZ1;
      sumB1Next += dZ1Next;
    }
    dW1[j] = lambda > 0 ? sumW1 / m + k * W1[j] : sumW1 / m;
    dB1[j] = sumB1 / m;
    dW2[j] = lambda > 0 ? sumW2 / m + k * w2 : sumW2 / m;
    if (pair) {
      dW1[jNext] = lambda > 0 ? sumW1Next / m + k * W1[jNext] : sumW1Next / m;
      dB1[jNext] = sumB1Next / m;
      dW2[jNext] = lambda > 0 ? sumW2Next / m + k * w2Next : sumW2Next / m;
    }
  }
}
