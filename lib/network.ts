// The multi-layer perceptron (MLP): layers of Z = A_prev·W + B followed by A = f(Z).
//
// Indices in code start at 0 but the lecture's names start at 1: W[0] is W1 (inputs×hidden),
// B[0] is B1 (1×hidden), Z[0] is Z1, A[0] is A1, and so on. `params(net)`, `forward(…).Z1` and
// `backward(…).dW1` give the same matrices under the lecture's names.

import {
  type Activation,
  type ActivationName,
  type ActivationSpec,
  activation,
  elu,
  identity,
  leakyRelu,
  sigmoid,
} from "./activations";
import { initNames, type InitName, initWeights } from "./init";
import {
  checkLossFits,
  defaultLoss,
  halfMse,
  type Loss,
  loss as lossByName,
  type LossSpec,
} from "./losses";
import * as matrixOps from "./matrix";
import { assertFinite, copy, emptyMatrix, isMatrix, type Matrix, shapeOf } from "./matrix";
import { createRng, seedRule } from "./rng";
import { checkNumber, checkOptionNames, describe, unknownName } from "./validate";

// The training loop's matrix operations as module-local constants. Some loaders (tsx, vitest)
// compile every call of an imported function into a getter call on the other module, which V8
// does not always inline; a local constant is called directly.
const { affine, matMulABt, matMulAtB, sub, sumColumns } = matrixOps;

export interface Network {
  /** Units per layer, inputs first: [1, 4, 1] is the lecture's 1-4-1 net. */
  sizes: number[];
  /** One activation per layer of weights (length sizes.length − 1). */
  activations: Activation[];
  /** W[l] is sizes[l]×sizes[l+1]: W[0] is the lecture's W1. */
  W: Matrix[];
  /** B[l] is 1×sizes[l+1]: B[0] is the lecture's B1. */
  B: Matrix[];
}

export interface MlpOptions {
  /** One activation per layer (length sizes.length − 1); overrides `hidden` and `output`. */
  activations?: ActivationSpec[];
  /** The activation of every hidden layer (default "sigmoid"). */
  hidden?: ActivationSpec;
  /** The activation of the output layer (default "identity": regression). */
  output?: ActivationSpec;
  /** How W starts (default "xavier"); B starts at 0. */
  init?: InitName;
  /** Seed for the initial weights (default 1): same sizes, init and seed ⇒ identical weights. */
  seed?: number;
}

const mlpOptionNames = ["activations", "hidden", "output", "init", "seed"] as const;

/**
 * A fully connected network. `mlp([1, 4, 1])` is the lecture's 1-4-1 net: one input, 4 sigmoid
 * hidden units, one identity (linear) output, Xavier-initialised with seed 1.
 */
export function mlp(sizes: number[], options: MlpOptions = {}): Network {
  checkOptionNames("mlp", options, mlpOptionNames);
  checkSizes("mlp", sizes);
  const layers = sizes.length - 1;
  let specs: ActivationSpec[];
  if (options.activations !== undefined) {
    if (!Array.isArray(options.activations) || options.activations.length !== layers) {
      throw new Error(
        `mlp: activations must give one activation per layer: ${layers} for sizes ` +
          `[${sizes.join(", ")}] (got ${describe(options.activations)}).`,
      );
    }
    specs = options.activations;
  } else {
    const hidden = options.hidden ?? "sigmoid";
    specs = sizes
      .slice(1)
      .map((_, l) => (l === layers - 1 ? (options.output ?? "identity") : hidden));
  }
  const activations = specs.map((s) => activation(s));
  checkSoftmax("mlp", sizes, activations);
  const init = options.init ?? "xavier";
  if (!initNames.includes(init)) throw unknownName("init", init, initNames);
  const seed = checkNumber("mlp", "seed", options.seed ?? 1, seedRule, "Use e.g. 1 or 2024.");
  const rng = createRng(seed);
  const W: Matrix[] = [];
  const B: Matrix[] = [];
  for (let l = 0; l < layers; l++) {
    W.push(initWeights(emptyMatrix(sizes[l], sizes[l + 1]), init, rng));
    B.push(emptyMatrix(1, sizes[l + 1]));
  }
  return { sizes: sizes.slice(), activations, W, B };
}

/** The weights under the lecture's names: `{ W1, B1, W2, B2, … }` (the same matrices, not copies). */
export function params(net: Network): { [name: `W${number}` | `B${number}`]: Matrix } {
  checkNetwork("params", net);
  const named: { [name: `W${number}` | `B${number}`]: Matrix } = {};
  for (let l = 0; l < net.W.length; l++) {
    named[`W${l + 1}` as const] = net.W[l];
    named[`B${l + 1}` as const] = net.B[l];
  }
  return named;
}

/** How many numbers training adjusts: 1-2-1 → 7, 1-3-1 → 10. */
export function parameterCount(net: Network): number {
  let n = 0;
  for (let l = 0; l < net.W.length; l++) n += net.W[l].data.length + net.B[l].data.length;
  return n;
}

/** A deep copy: training the copy leaves the original untouched. */
export function copyNetwork(net: Network): Network {
  checkNetwork("copyNetwork", net);
  return {
    sizes: net.sizes.slice(),
    activations: net.activations.slice(),
    W: net.W.map(copy),
    B: net.B.map(copy),
  };
}

/** A network as plain JSON data (the course's saved initial weights, `create_new = False`). */
export interface SavedNetwork {
  sizes: number[];
  activations: { name: ActivationName; alpha?: number }[];
  /** W[l] as rows. */
  W: number[][][];
  /** B[l] as one row. */
  B: number[][];
}

export function saveNetwork(net: Network): SavedNetwork {
  checkNetwork("saveNetwork", net);
  const rowsOf = (M: Matrix): number[][] =>
    Array.from({ length: M.rows }, (_, i) =>
      Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)),
    );
  return {
    sizes: net.sizes.slice(),
    activations: net.activations.map((f) =>
      f.alpha === undefined ? { name: f.name } : { name: f.name, alpha: f.alpha },
    ),
    W: net.W.map(rowsOf),
    B: net.B.map((b) => Array.from(b.data)),
  };
}

/** The network saved by `saveNetwork` (or its JSON.parse'd text). */
export function loadNetwork(saved: SavedNetwork): Network {
  const bad = (why: string): Error =>
    new Error(`loadNetwork: ${why}; pass what saveNetwork returned.`);
  if (typeof saved !== "object" || saved === null) throw bad(`got ${describe(saved)}`);
  const { sizes } = saved;
  if (!Array.isArray(sizes) || sizes.length < 2) throw bad("sizes is missing");
  checkSizes("loadNetwork", sizes);
  const layers = sizes.length - 1;
  for (const key of ["activations", "W", "B"] as const) {
    if (!Array.isArray(saved[key]) || saved[key].length !== layers) {
      throw bad(`${key} must have ${layers} entries`);
    }
  }
  const activations = saved.activations.map((entry, l) => {
    if (typeof entry !== "object" || entry === null || typeof entry.name !== "string") {
      throw bad(`activation ${l + 1} must be { name } (got ${describe(entry)})`);
    }
    const { name, alpha } = entry;
    if (name === "leakyRelu" && alpha !== undefined) return leakyRelu(alpha);
    if (name === "elu" && alpha !== undefined) return elu(alpha);
    return activation(name);
  });
  checkSoftmax("loadNetwork", sizes, activations);
  const W = saved.W.map((rows, l) => {
    const M = emptyMatrix(sizes[l], sizes[l + 1]);
    if (!Array.isArray(rows) || rows.length !== sizes[l])
      throw bad(`W${l + 1} must have ${sizes[l]} rows`);
    rows.forEach((r, i) => {
      if (!Array.isArray(r) || r.length !== sizes[l + 1]) {
        throw bad(`row ${i} of W${l + 1} must have ${sizes[l + 1]} values`);
      }
      if (!r.every(isFiniteNumber)) throw bad(`row ${i} of W${l + 1} holds a non-finite value`);
      M.data.set(r, i * sizes[l + 1]);
    });
    return M;
  });
  const B = saved.B.map((r, l) => {
    if (!Array.isArray(r) || r.length !== sizes[l + 1])
      throw bad(`B${l + 1} must have ${sizes[l + 1]} values`);
    if (!r.every(isFiniteNumber)) throw bad(`B${l + 1} holds a non-finite value`);
    const M = emptyMatrix(1, sizes[l + 1]);
    M.data.set(r);
    return M;
  });
  const net: Network = { sizes: sizes.slice(), activations, W, B };
  checkNetwork("loadNetwork", net);
  return net;
}

// ---------------------------------------------------------------------------------------------
// Forward and backward

/** Every intermediate of a forward pass: Z[l] and A[l] (also as Z1, A1, Z2, A2, …). */
export interface ForwardPass {
  /** The input the pass started from. */
  X: Matrix;
  /** Z[l] = A[l−1]·W[l] + B[l] (A[−1] is X): the weighted sums. */
  Z: Matrix[];
  /** A[l] = f_l(Z[l]): the activations. */
  A: Matrix[];
  /** The network's output: the last A. */
  output: Matrix;
  [name: `Z${number}` | `A${number}`]: Matrix;
}

/** The gradients of the loss, layer by layer (also as dZ1, dW1, dB1, dZ2, …). */
export interface Gradients {
  /** m·∂loss/∂Z[l]: each sample's error at layer l (the lecture's dZ). */
  dZ: Matrix[];
  /** ∂loss/∂W[l] = A[l−1]ᵀ·dZ[l] / m. */
  dW: Matrix[];
  /** ∂loss/∂B[l] = (sum of dZ[l]'s rows) / m. */
  dB: Matrix[];
  [name: `dZ${number}` | `dW${number}` | `dB${number}`]: Matrix;
}

/**
 * The forward pass 前向计算: for the course's 1-H-1 net
 *   Z1 = X·W1 + B1,  A1 = sigmoid(Z1),  Z2 = A1·W2 + B2,  A2 = Z2.
 */
export function forward(net: Network, X: Matrix): ForwardPass {
  checkNetwork("forward", net);
  checkInput("forward", net, X, "X");
  const Z = net.W.map((W) => emptyMatrix(X.rows, W.cols));
  const A = net.W.map((W) => emptyMatrix(X.rows, W.cols));
  forwardInto(net, X, Z, A);
  const pass: ForwardPass = { X, Z, A, output: A[A.length - 1] };
  for (let l = 0; l < Z.length; l++) {
    pass[`Z${l + 1}` as const] = Z[l];
    pass[`A${l + 1}` as const] = A[l];
  }
  return pass;
}

/** The network's output for X: `forward(net, X).output`. */
export function predict(net: Network, X: Matrix): Matrix {
  return forward(net, X).output;
}

/**
 * Back-propagation 反向传播 from a forward pass and the targets Y. `loss` defaults to the one that
 * goes with the output activation (identity → halfMse, sigmoid → binaryCrossEntropy, softmax →
 * softmaxCrossEntropy). `l2` (λ) adds the gradient λ/m·W of the L2 penalty λ/(2m)·ΣW².
 */
export function backward(
  net: Network,
  pass: ForwardPass,
  Y: Matrix,
  loss?: LossSpec,
  options: { l2?: number } = {},
): Gradients {
  checkNetwork("backward", net);
  checkOptionNames("backward", options, ["l2"]);
  const l2 = checkNumber("backward", "l2", options.l2 ?? 0, { min: 0 });
  const lossFn = loss === undefined ? defaultLoss(outputActivation(net).name) : lossByName(loss);
  if (
    typeof pass !== "object" ||
    pass === null ||
    !isMatrix(pass.X) ||
    !Array.isArray(pass.Z) ||
    !Array.isArray(pass.A)
  ) {
    throw new Error("backward: pass must be what forward(net, X) returned.");
  }
  const m = pass.X.rows;
  net.W.forEach((W, l) => {
    for (const [name, M] of [
      [`Z${l + 1}`, pass.Z[l]],
      [`A${l + 1}`, pass.A[l]],
    ] as const) {
      if (!isMatrix(M) || M.rows !== m || M.cols !== W.cols) {
        throw new Error(
          `backward: pass.${name} should be ${m}×${W.cols} for this network: ` +
            `was the pass made by forward() with this net?`,
        );
      }
    }
  });
  checkTargets("backward", net, Y, m);
  checkLossFits("backward", lossFn, outputActivation(net).name, Y);
  const dA = net.W.map((W) => emptyMatrix(m, W.cols));
  const dZ = net.W.map((W) => emptyMatrix(m, W.cols));
  const dW = net.W.map((W) => emptyMatrix(W.rows, W.cols));
  const dB = net.B.map((B) => emptyMatrix(1, B.cols));
  const lambda = new Float64Array([l2]);
  backwardInto(net, { X: pass.X, Y, Z: pass.Z, A: pass.A, dA, dZ }, lossFn, lambda, { dW, dB });
  const grads: Gradients = { dZ, dW, dB };
  for (let l = 0; l < dW.length; l++) {
    grads[`dZ${l + 1}` as const] = dZ[l];
    grads[`dW${l + 1}` as const] = dW[l];
    grads[`dB${l + 1}` as const] = dB[l];
  }
  return grads;
}

/** A batch and the buffers back-propagation works in: X and Y (m rows), and per layer Z, A
 * (from the forward pass), dA (scratch) and dZ (m × the layer's width). */
export interface BatchBuffers {
  X: Matrix;
  Y: Matrix;
  Z: Matrix[];
  A: Matrix[];
  dA: Matrix[];
  dZ: Matrix[];
}

/**
 * The forward pass into buffers the caller owns (the training loop allocates them once):
 * Z[l] = A[l−1]·W[l] + B[l] and A[l] = f_l(Z[l]), with A[−1] = X.
 */
export function forwardInto(net: Network, X: Matrix, Z: Matrix[], A: Matrix[]): void {
  let input = X; // the layer's input: X for layer 1, A1 for layer 2, …
  for (let l = 0; l < net.W.length; l++) {
    affine(input, net.W[l], net.B[l], Z[l]); // Z1 = X·W1 + B1
    net.activations[l].forward(Z[l], A[l]); // A1 = f(Z1)
    input = A[l];
  }
}

/**
 * Back-propagation into buffers the caller owns (the training loop allocates them once). Fills
 * dZ[l], dW[l] and dB[l] for every layer (dA is scratch space). For the course's 2-layer
 * regression net (sigmoid hidden layer, identity output, halfMse) the loop computes exactly
 *   dZ2 = A2 − Y                          (= Z2 − Y: the output is linear)
 *   dW2 = A1ᵀ·dZ2 / m                     (the lecture's dW2 = A1ᵀ(Z − Y), averaged over the batch)
 *   dB2 = (sum of dZ2's rows) / m
 *   dA1 = dZ2·W2ᵀ
 *   dZ1 = dA1 ⊙ A1 ⊙ (1 − A1)             (sigmoid's slope a(1 − a))
 *   dW1 = Xᵀ·dZ1 / m,  dB1 = (sum of dZ1's rows) / m
 */
export function backwardInto(
  net: Network,
  batch: BatchBuffers,
  loss: Loss,
  l2: Float64Array,
  grads: { dW: Matrix[]; dB: Matrix[] },
): void {
  const { X, Y, Z, A, dA, dZ } = batch;
  const { dW, dB } = grads;
  const L = net.W.length - 1; // the output layer
  const m = X.rows; // samples in the batch
  const f = net.activations[L];
  if (loss.pairedWith === f.name) {
    // identity + halfMse, sigmoid + binaryCrossEntropy, softmax + softmaxCrossEntropy: dZ = A − Y
    sub(A[L], Y, dZ[L]);
  } else {
    // any other pair: dZ = dA ⊙ f′(Z) with dA = m·∂loss/∂A
    loss.dA(A[L], Y, dA[L]);
    f.backward(Z[L], A[L], dA[L], dZ[L]);
  }
  for (let l = L; l >= 0; l--) {
    const Aprev = l > 0 ? A[l - 1] : X; // the layer's input: A1 for layer 2, X for layer 1
    // dW = A_prevᵀ·dZ / m   (dW2 = A1ᵀ·dZ2 / m)
    matMulAtB(Aprev, dZ[l], dW[l]);
    divideInPlace(dW[l], m);
    if (l2[0] > 0) addL2Gradient(dW[l], l2, m, net.W[l]); // + λ/m·W, the L2 penalty's gradient
    // dB = (sum of dZ's rows) / m
    sumColumns(dZ[l], dB[l]);
    divideInPlace(dB[l], m);
    if (l > 0) {
      // dA_prev = dZ·Wᵀ   (dA1 = dZ2·W2ᵀ)
      matMulABt(dZ[l], net.W[l], dA[l - 1]);
      // dZ_prev = dA_prev ⊙ f′(Z_prev)   (dZ1 = dA1 ⊙ A1 ⊙ (1 − A1) for sigmoid)
      net.activations[l - 1].backward(Z[l - 1], A[l - 1], dA[l - 1], dZ[l - 1]);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A fast path for the lecture's net

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
    loss === halfMse
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
 * (bench/README.md). Only A1 and dZ2 are stored (in the batch's buffers). For a batch of m samples:
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
  l2: Float64Array,
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
  const lambda = l2[0];
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

/** λ/(2m)·ΣW²: the L2 penalty added to the loss (biases are not penalised). */
export function l2Penalty(net: Network, l2: number, m: number): number {
  if (l2 === 0) return 0;
  let s = 0;
  for (const W of net.W) for (let i = 0; i < W.data.length; i++) s += W.data[i] * W.data[i];
  return (l2 / (2 * m)) * s;
}

// ---------------------------------------------------------------------------------------------
// Checks used by forward, backward and train

/** Throws unless net is a consistent Network (sizes, W and B shapes, activations). */
export function checkNetwork(where: string, net: Network): void {
  if (
    typeof net !== "object" ||
    net === null ||
    !Array.isArray(net.sizes) ||
    !Array.isArray(net.W) ||
    !Array.isArray(net.B) ||
    !Array.isArray(net.activations)
  ) {
    throw new Error(`${where}: net must be a Network, e.g. mlp([1, 4, 1]) (got ${describe(net)}).`);
  }
  const layers = net.sizes.length - 1;
  if (net.W.length !== layers || net.B.length !== layers || net.activations.length !== layers) {
    throw new Error(
      `${where}: the network has sizes [${net.sizes.join(", ")}] so it needs ${layers} W, B and ` +
        `activations, but has ${net.W.length}, ${net.B.length} and ${net.activations.length}.`,
    );
  }
  for (let l = 0; l < layers; l++) {
    const [nIn, nOut] = [net.sizes[l], net.sizes[l + 1]];
    if (!isMatrix(net.W[l]) || net.W[l].rows !== nIn || net.W[l].cols !== nOut) {
      const got = isMatrix(net.W[l]) ? shapeOf(net.W[l]) : describe(net.W[l]);
      throw new Error(
        `${where}: W${l + 1} is ${got} but must be ${nIn}×${nOut} (sizes [${net.sizes.join(", ")}]).`,
      );
    }
    if (!isMatrix(net.B[l]) || net.B[l].rows !== 1 || net.B[l].cols !== nOut) {
      const got = isMatrix(net.B[l]) ? shapeOf(net.B[l]) : describe(net.B[l]);
      throw new Error(`${where}: B${l + 1} is ${got} but must be 1×${nOut}.`);
    }
    const f = net.activations[l];
    if (typeof f !== "object" || f === null || typeof f.forward !== "function") {
      throw new Error(
        `${where}: activation ${l + 1} is not an Activation; build the net with mlp().`,
      );
    }
  }
}

/** Softmax only as the output layer, and over at least two units (over one it is always 1). */
function checkSoftmax(where: string, sizes: readonly number[], activations: Activation[]): void {
  const layers = sizes.length - 1;
  activations.forEach((f, l) => {
    if (f.name !== "softmax") return;
    if (l !== layers - 1) {
      throw new Error(
        `${where}: softmax can only be the output layer (it is layer ${l + 1} of ${layers}); ` +
          `use sigmoid, tanh or relu for hidden layers.`,
      );
    }
    if (sizes[layers] < 2) {
      throw new Error(
        `${where}: softmax over 1 output is always 1, so nothing can be learned; use sigmoid ` +
          `for one yes/no output, or one softmax output per class (at least 2).`,
      );
    }
  });
}

/** Throws unless X has one column per network input and finite values. */
export function checkInput(where: string, net: Network, X: Matrix, name: string): void {
  if (!isMatrix(X)) {
    throw new Error(
      `${where}: ${name} must be a Matrix (got ${describe(X)}); build it with column([...]) for one ` +
        `input per sample, or fromRows([[...], ...]).`,
    );
  }
  if (X.cols !== net.sizes[0]) {
    throw new Error(
      `${where}: ${name} is ${shapeOf(X)} but W1 is ${shapeOf(net.W[0])} — ${name} needs ` +
        `${net.sizes[0]} column(s), one per network input (one row per sample); did you transpose ${name}?`,
    );
  }
  assertFinite(X, `${where}: ${name}`);
}

/** Throws unless Y is m × outputs with finite values. */
export function checkTargets(where: string, net: Network, Y: Matrix, m: number, name = "Y"): void {
  const outputs = net.sizes[net.sizes.length - 1];
  if (!isMatrix(Y)) throw new Error(`${where}: ${name} must be a Matrix (got ${describe(Y)}).`);
  if (Y.rows !== m || Y.cols !== outputs) {
    throw new Error(
      `${where}: ${name} is ${shapeOf(Y)} but must be ${m}×${outputs}: one row per sample ` +
        `(X has ${m}) and one column per network output (${outputs}).`,
    );
  }
  assertFinite(Y, `${where}: ${name}`);
}

export function outputActivation(net: Network): Activation {
  return net.activations[net.activations.length - 1];
}

// ---------------------------------------------------------------------------------------------

/** Throws unless sizes lists ≥ 2 layers, each a whole number of units ≥ 1. */
function checkSizes(where: string, sizes: number[]): void {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new Error(
      `${where}: sizes must list at least the inputs and the outputs, e.g. [1, 4, 1] (got ${describe(sizes)}).`,
    );
  }
  sizes.forEach((n, l) =>
    checkNumber(where, `sizes[${l}]`, n, { integer: true, min: 1 }, "Each layer needs ≥ 1 unit."),
  );
}

function isFiniteNumber(v: unknown): boolean {
  return typeof v === "number" && Number.isFinite(v);
}

/** M = M / m (m is a whole number: passing it, unlike 1 / m, never makes V8 box a double) */
function divideInPlace(M: Matrix, m: number): void {
  for (let i = 0; i < M.data.length; i++) M.data[i] /= m;
}

/** M += k·W */
/** dW += λ/m·W with λ = l2[0]. */
function addL2Gradient(dW: Matrix, l2: Float64Array, m: number, W: Matrix): void {
  const k = l2[0] / m;
  for (let i = 0; i < dW.data.length; i++) dW.data[i] += k * W.data[i];
}
