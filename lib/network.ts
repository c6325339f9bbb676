// The multi-layer perceptron (MLP) 多层神经网络: layers of Z = A_prev·W + B followed by A = f(Z),
// its forward pass 前向计算 and back-propagation 反向传播. Taught in notebooks/03-backprop.ipynb
// (the matrix form of the lecture's two-layer net; notebook 01 builds the first one by hand).
//
// Indices in code start at 0 but the lecture's names start at 1: W[0] is W1 (inputs×hidden),
// B[0] is B1 (1×hidden), Z[0] is Z1, A[0] is A1, and so on. `params(net)`, `forward(…).Z1` and
// `backward(…).dW1` give the same matrices under the lecture's names.
//
// Where things are: the checks that a net, X and Y fit together are in validate-network.ts;
// saving and loading weights in saved-network.ts; the fused step train takes for the lecture's own
// 1-H-1 net in lecture-net.ts.

import { type Activation, type ActivationSpec, activation } from "./activations";
import { initNames, type InitName, initWeights } from "./init";
import { checkLossFits, defaultLoss, type Loss, loss as lossByName, type LossSpec } from "./losses";
import * as hyperparameters from "./hyperparameters";
import * as matrixOps from "./matrix";
import { copy, emptyMatrix, isMatrix, type Matrix } from "./matrix";
import { createRng, seedRule } from "./rng";
import {
  checkInput,
  checkNetwork,
  checkSizes,
  checkSoftmax,
  checkTargets,
  checkWeights,
} from "./validate-network";
import { checkNumber, checkOptionNames, describe, unknownName } from "./validate";

// The training loop's matrix operations (and the index of λ) as module-local constants. Some
// loaders (tsx, vitest) compile every use of an import into a getter call on the other module,
// which V8 does not always inline; a local constant is used directly.
const { affine, matMulABt, matMulAtB, sub, sumColumns } = matrixOps;
const { LAMBDA } = hyperparameters; // the index of λ in h (see hyperparameters.ts)

export interface Network {
  /** Units per layer, inputs first: [1, 4, 1] is the lecture's 1-4-1 net. */
  sizes: number[];
  /** One activation per layer of weights (length sizes.length − 1). */
  activations: Activation[];
  /** W[l] is sizes[l]×sizes[l+1]: W[0] is the lecture's W1. */
  W: Matrix[];
  /** B[l] is 1×sizes[l+1]: B[0] is the lecture's B1. */
  B: Matrix[];
  /** false for a net without biases (the LEGO XOR article's, the MNIST book's): B stays 0 and
   * training never changes it. Absent means true. */
  bias?: boolean;
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
  /** false: no biases, z = x·W only (default true). */
  bias?: boolean;
}

const mlpOptionNames = ["activations", "hidden", "output", "init", "seed", "bias"] as const;

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
  const bias = options.bias ?? true;
  if (typeof bias !== "boolean") {
    throw new Error(`mlp: bias must be true or false (got ${describe(bias)}).`);
  }
  const rng = createRng(seed);
  const W: Matrix[] = [];
  const B: Matrix[] = [];
  for (let l = 0; l < layers; l++) {
    W.push(initWeights(emptyMatrix(sizes[l], sizes[l + 1]), init, rng));
    B.push(emptyMatrix(1, sizes[l + 1]));
  }
  const net: Network = { sizes: sizes.slice(), activations, W, B };
  if (!bias) net.bias = false;
  return net;
}

/** The weights under the lecture's names: `{ W1, B1, W2, B2, … }` (the same matrices, not copies;
 * no B for a net without biases). */
export function params(net: Network): { [name: `W${number}` | `B${number}`]: Matrix } {
  checkNetwork("params", net);
  const named: { [name: `W${number}` | `B${number}`]: Matrix } = {};
  for (let l = 0; l < net.W.length; l++) {
    named[`W${l + 1}` as const] = net.W[l];
    if (net.bias !== false) named[`B${l + 1}` as const] = net.B[l];
  }
  return named;
}

/** How many numbers training adjusts: 1-2-1 → 7, 1-3-1 → 10. */
export function parameterCount(net: Network): number {
  let n = 0;
  for (let l = 0; l < net.W.length; l++) {
    n += net.W[l].data.length + (net.bias === false ? 0 : net.B[l].data.length);
  }
  return n;
}

/** A deep copy: training the copy leaves the original untouched. */
export function copyNetwork(net: Network): Network {
  checkNetwork("copyNetwork", net);
  const twin: Network = {
    sizes: net.sizes.slice(),
    activations: net.activations.slice(),
    W: net.W.map(copy),
    B: net.B.map(copy),
  };
  if (net.bias === false) twin.bias = false;
  return twin;
}

/** The output layer's activation. */
export function outputActivation(net: Network): Activation {
  return net.activations[net.activations.length - 1];
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
  checkWeights("forward", net);
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
  checkWeights("backward", net);
  checkOptionNames("backward", options, ["l2"]);
  const l2 = checkNumber("backward", "l2", options.l2 ?? 0, { min: 0 });
  const lossFn = loss === undefined ? defaultLoss(outputActivation(net).name) : lossByName(loss);
  checkPass(net, pass);
  const m = pass.X.rows;
  checkTargets("backward", net, Y, m);
  checkLossFits("backward", lossFn, outputActivation(net).name, Y);
  const dA = net.W.map((W) => emptyMatrix(m, W.cols));
  const dZ = net.W.map((W) => emptyMatrix(m, W.cols));
  const dW = net.W.map((W) => emptyMatrix(W.rows, W.cols));
  const dB = net.B.map((B) => emptyMatrix(1, B.cols));
  const h = new Float64Array(LAMBDA + 1);
  h[LAMBDA] = l2;
  backwardInto(net, { X: pass.X, Y, Z: pass.Z, A: pass.A, dA, dZ }, lossFn, h, { dW, dB });
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
 * (For the lecture's own 1-H-1 net, train runs lectureNetForward in lecture-net.ts instead: the
 * same operations in the same order, fused into one loop — the same bits, faster.)
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
 * dZ[l], dW[l] and dB[l] for every layer (dA is scratch space); λ of L2 is h[LAMBDA] (see
 * hyperparameters.ts). For the course's 2-layer regression net (sigmoid hidden layer, identity
 * output, halfMse) the loop computes exactly
 *   dZ2 = A2 − Y                          (= Z2 − Y: the output is linear)
 *   dW2 = A1ᵀ·dZ2 / m                     (the lecture's dW2 = A1ᵀ(Z − Y), averaged over the batch)
 *   dB2 = (sum of dZ2's rows) / m
 *   dA1 = dZ2·W2ᵀ
 *   dZ1 = dA1 ⊙ A1 ⊙ (1 − A1)             (sigmoid's slope a(1 − a))
 *   dW1 = Xᵀ·dZ1 / m,  dB1 = (sum of dZ1's rows) / m
 * (That net is where train takes lectureNetGradients in lecture-net.ts instead: these lines fused
 * with the forward pass into one loop per pair of hidden units, bit for bit the same numbers.)
 */
export function backwardInto(
  net: Network,
  batch: BatchBuffers,
  loss: Loss,
  h: Float64Array,
  grads: { dW: Matrix[]; dB: Matrix[] },
): void {
  const { X, Y, Z, A, dA, dZ } = batch;
  const { dW, dB } = grads;
  const L = net.W.length - 1; // the output layer
  const m = X.rows; // samples in the batch
  const f = net.activations[L];
  const bias = net.bias !== false;
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
    if (h[LAMBDA] > 0) addL2Gradient(dW[l], h, m, net.W[l]); // + λ/m·W, the L2 penalty's gradient
    if (bias) {
      // dB = (sum of dZ's rows) / m
      sumColumns(dZ[l], dB[l]);
      divideInPlace(dB[l], m);
    }
    if (l > 0) {
      // dA_prev = dZ·Wᵀ   (dA1 = dZ2·W2ᵀ)
      matMulABt(dZ[l], net.W[l], dA[l - 1]);
      // dZ_prev = dA_prev ⊙ f′(Z_prev)   (dZ1 = dA1 ⊙ A1 ⊙ (1 − A1) for sigmoid)
      net.activations[l - 1].backward(Z[l - 1], A[l - 1], dA[l - 1], dZ[l - 1]);
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

/** Throws unless `pass` is what forward(net, X) returned for this net. */
function checkPass(net: Network, pass: ForwardPass): void {
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
}

/** M = M / m (m is a whole number: passing it, unlike 1 / m, never makes V8 box a double) */
function divideInPlace(M: Matrix, m: number): void {
  for (let i = 0; i < M.data.length; i++) M.data[i] /= m;
}

/** dW += λ/m·W with λ = h[LAMBDA]. */
function addL2Gradient(dW: Matrix, h: Float64Array, m: number, W: Matrix): void {
  const k = h[LAMBDA] / m;
  for (let i = 0; i < dW.data.length; i++) dW.data[i] += k * W.data[i];
}
