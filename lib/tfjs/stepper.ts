// The training steps written with TensorFlow.js ops: the same mini-batches in the same order, the
// same forward pass, back-propagation by hand (the lecture's formulas, as in network.ts), L2,
// learning-rate decay and update rules (optimizers.ts) as the plain backend — in float32, on
// tfjs's cpu, wasm or webgl backend. train.ts runs the epochs and the checks (on the weights
// pulled back into the float64 Network), so a run's result has the same shape on every backend.
// Taught in notebooks/00-start-here.ipynb (the backend switch) and 07 (the GPU).
//
// Written the fast way for tfjs: gradients by hand inside one tf.tidy per step, weights as
// tf.Variables updated with assign (measured while planning: ~2× faster than tf.variableGrads,
// 4–7× faster than model.fit for small nets). Transposes are explicit (tf.transpose), never
// matMul's transpose flags: on webgl in tfjs 4.22 matMul(a, b, false, true) with a variable went
// wrong from the third step.

import { activationNames } from "../activations";
import type { DataSet } from "../data";
import { decayedEta } from "../hyperparameters";
import type { Loss } from "../losses";
import type { Network } from "../network";
import type { Matrix } from "../matrix";
import type { OptimizerState } from "../optimizers";
import type { ResolvedTrainOptions } from "../train-options";
import type { Tensor, TfOps, Variable } from "./ops";

type T2 = Tensor;

/** One epoch at a time, as train.ts's trainEpoch does it, on a tfjs backend. */
export interface Stepper {
  /** One epoch's mini-batches in `order`, the first being step `iteration`. `onBatch` is told
   * each batch's first sample position and size. */
  epoch(order: Int32Array, iteration: number, onBatch?: (start: number, m: number) => void): void;
  /** The sum of every weight and bias: NaN or ±Infinity as soon as one is. */
  weightSum(): number;
  /** Copies the trained weights into `net` (float64). */
  pull(net: Network): void;
  /** The output layer's A for every row of `set.X`, computed on this backend with `from`'s weights
   * (the checks' forward pass: on the plain backend, a check of the digits' 784-256-10 net over
   * 8,000 rows took longer than the epoch it checked), written into `into` (float64). */
  outputs(from: Network, set: DataSet, into: Matrix): void;
  /** Frees every tensor the stepper made. */
  dispose(): void;
}

/** The activations the tfjs steps know: the lib's built-ins, by name. */
const KNOWN: readonly string[] = activationNames;

/** Throws unless the net and loss can be trained with tfjs ops: built-in activations and a
 * named loss (functions of your own run on the plain backend only). */
export function checkTfjsCanTrain(where: string, net: Network, lossFn: Loss): void {
  net.activations.forEach((f, l) => {
    if (!KNOWN.includes(f.name)) {
      throw new Error(
        `${where}: activation ${l + 1} ('${f.name}') is one of your own: the tfjs backends know ` +
          `only the lib's (${KNOWN.join(", ")}); train it with backend "plain".`,
      );
    }
  });
  if (!["halfMse", "binaryCrossEntropy", "softmaxCrossEntropy"].includes(lossFn.name)) {
    throw new Error(
      `${where}: the loss '${lossFn.name}' is one of your own: the tfjs backends know halfMse, ` +
        `binaryCrossEntropy and softmaxCrossEntropy; train it with backend "plain".`,
    );
  }
}

/** The steps of one run: its weights as tf.Variables, its data as tensors, the rule's state. */
export function tfjsStepper(
  tf: TfOps,
  net: Network,
  trainSet: DataSet,
  lossFn: Loss,
  options: ResolvedTrainOptions,
  optimizer: OptimizerState,
): Stepper {
  const toTensor = (M: { rows: number; cols: number; data: Float64Array }): Tensor =>
    tf.tensor2d(Float32Array.from(M.data), [M.rows, M.cols], "float32");
  const n = trainSet.X.rows;
  const X = toTensor(trainSet.X);
  const Y = toTensor(trainSet.Y);
  // (tf.variable keeps its own reference to the data: the tensor it was made from is freed)
  const variable = (make: () => Tensor): Variable => tf.tidy(() => tf.variable(make()));
  const W = net.W.map((M) => variable(() => toTensor(M)));
  const B = net.B.map((M) => variable(() => toTensor(M)));
  const bias = net.bias !== false;
  const rule = optimizer.name;
  const zerosLike = (v: Variable): Variable => variable(() => tf.zerosLike(v));
  // the rule's state: momentum's v, RMSProp's s, Adam's m and v (as in optimizers.ts)
  const s1 = rule === "sgd" ? [] : [...W, ...B].map(zerosLike);
  const s2 = rule === "adam" ? [...W, ...B].map(zerosLike) : [];
  const settings = optimizer.settings;
  const beta = settings.beta ?? settings.beta1 ?? 0;
  const beta2 = settings.beta2 ?? 0;
  const epsilon = settings.epsilon ?? 0;
  let t = 0; // Adam's step count
  const paired = lossFn.pairedWith === net.activations[net.activations.length - 1].name;
  const { batchSize, eta, decay, l2 } = options;

  /** A = f(Z) for layer l. */
  const activate = (l: number, Z: T2): T2 => {
    const f = net.activations[l];
    const alpha = f.alpha ?? 0;
    switch (f.name) {
      case "sigmoid":
        return tf.sigmoid(Z);
      case "tanh":
        return tf.tanh(Z);
      case "relu":
        return tf.relu(Z);
      case "leakyRelu":
        return tf.leakyRelu(Z, alpha);
      case "elu": // z for z > 0, alpha·(e^z − 1) otherwise (tfjs's elu has no alpha)
        return tf.add(tf.relu(Z), tf.mul(alpha, tf.sub(tf.exp(tf.minimum(Z, 0)), 1)));
      case "softplus":
        return tf.softplus(Z);
      case "step": // 1 when z ≥ 0 (tf.step gives 0 at z = 0)
        return tf.cast(tf.greaterEqual(Z, 0), "float32");
      case "softmax":
        return tf.softmax(Z);
      default:
        return Z; // identity
    }
  };

  /** dZ = dA ⊙ f′(Z) for layer l (softmax: the row's Jacobian times dA). */
  const backActivate = (l: number, Z: T2, A: T2, dA: T2): T2 => {
    const f = net.activations[l];
    const alpha = f.alpha ?? 0;
    switch (f.name) {
      case "sigmoid": // a(1 − a)
        return tf.mul(dA, tf.mul(A, tf.sub(1, A)));
      case "tanh": // 1 − a²
        return tf.mul(dA, tf.sub(1, tf.square(A)));
      case "relu": // 1 for z > 0, else 0
        return tf.mul(dA, tf.cast(tf.greater(Z, 0), "float32"));
      case "leakyRelu": // 1 for z > 0, else alpha
        return tf.mul(dA, tf.where(tf.greater(Z, 0), tf.onesLike(Z), tf.fill(Z.shape, alpha)));
      case "elu": // 1 for z > 0, else a + alpha
        return tf.mul(dA, tf.where(tf.greater(Z, 0), tf.onesLike(Z), tf.add(A, alpha)));
      case "softplus": // sigmoid(z)
        return tf.mul(dA, tf.sigmoid(Z));
      case "step":
        return tf.zerosLike(dA);
      case "softmax": // a ⊙ (dA − Σ_k dA_k a_k)
        return tf.mul(A, tf.sub(dA, tf.sum(tf.mul(dA, A), 1, true)));
      default:
        return dA; // identity
    }
  };

  /** m·∂loss/∂A, clamped as losses.ts clamps (for a loss not paired with the output). */
  const lossDA = (A: T2, y: T2): T2 => {
    if (lossFn.name === "halfMse") return tf.sub(A, y);
    const a = tf.clipByValue(A, 1e-12, 1 - 1e-12);
    if (lossFn.name === "binaryCrossEntropy") return tf.div(tf.sub(a, y), tf.mul(a, tf.sub(1, a)));
    return tf.neg(tf.div(y, a)); // softmaxCrossEntropy
  };

  /** One optimizer update of weight v from its gradient g (state index k), as optimizers.ts. */
  const update = (v: Variable, g: Tensor, k: number, rate: number, c1: number, c2: number) => {
    if (rule === "sgd") v.assign(tf.sub(v, tf.mul(rate, g)));
    else if (rule === "momentum") {
      s1[k].assign(tf.sub(tf.mul(beta, s1[k]), tf.mul(rate, g)));
      v.assign(tf.add(v, s1[k]));
    } else if (rule === "rmsprop") {
      s1[k].assign(tf.add(tf.mul(beta, s1[k]), tf.mul(1 - beta, tf.square(g))));
      v.assign(tf.sub(v, tf.div(tf.mul(rate, g), tf.add(tf.sqrt(s1[k]), epsilon))));
    } else {
      s1[k].assign(tf.add(tf.mul(beta, s1[k]), tf.mul(1 - beta, g)));
      s2[k].assign(tf.add(tf.mul(beta2, s2[k]), tf.mul(1 - beta2, tf.square(g))));
      const mHat = tf.div(s1[k], c1);
      const vHat = tf.div(s2[k], c2);
      v.assign(tf.sub(v, tf.div(tf.mul(rate, mHat), tf.add(tf.sqrt(vHat), epsilon))));
    }
  };

  /** One mini-batch step: forward, back-propagation, the update of every W and B. */
  const step = (Xs: T2, Ys: T2, start: number, m: number, iteration: number): void => {
    tf.tidy(() => {
      const x = tf.slice(Xs, [start, 0], [m, Xs.shape[1]]);
      const y = tf.slice(Ys, [start, 0], [m, Ys.shape[1]]);
      const Zs: T2[] = [];
      const As: T2[] = [];
      let input = x;
      for (let l = 0; l < W.length; l++) {
        const Z = tf.add(tf.matMul(input, W[l]), B[l]); // Z = A_prev·W + B
        Zs.push(Z);
        As.push(activate(l, Z)); // A = f(Z)
        input = As[l];
      }
      const L = W.length - 1;
      let dZ = paired ? tf.sub(As[L], y) : backActivate(L, Zs[L], As[L], lossDA(As[L], y));
      const dW: Tensor[] = [];
      const dB: Tensor[] = [];
      for (let l = L; l >= 0; l--) {
        const Aprev = l > 0 ? As[l - 1] : x;
        let g = tf.div(tf.matMul(tf.transpose(Aprev), dZ), m); // dW = A_prevᵀ·dZ / m
        if (l2 > 0) g = tf.add(g, tf.mul(l2 / m, W[l])); // + λ/m·W
        dW[l] = g;
        dB[l] = tf.div(tf.sum(dZ, 0, true), m); // dB = (sum of dZ's rows) / m
        if (l > 0) {
          const dA = tf.matMul(dZ, tf.transpose(W[l])); // dA_prev = dZ·Wᵀ
          dZ = backActivate(l - 1, Zs[l - 1], As[l - 1], dA);
        }
      }
      const rate =
        decay === null ? eta : decayedEta(eta, decay.rate, iteration, decay.steps, decay.staircase);
      t++;
      const c1 = 1 - Math.pow(beta, t);
      const c2 = 1 - Math.pow(beta2, t);
      for (let l = 0; l < W.length; l++) {
        update(W[l], dW[l], l, rate, c1, c2);
        if (bias) update(B[l], dB[l], W.length + l, rate, c1, c2);
      }
    });
  };

  return {
    epoch(order, iteration, onBatch) {
      const [Xs, Ys] = tf.tidy(() => {
        const idx = tf.tensor1d(order, "int32");
        return [tf.gather(X, idx), tf.gather(Y, idx)];
      });
      try {
        for (let start = 0, k = 0; start < n; start += batchSize, k++) {
          const m = Math.min(batchSize, n - start);
          onBatch?.(start, m);
          step(Xs, Ys, start, m, iteration + k);
        }
      } finally {
        tf.dispose([Xs, Ys]);
      }
    },
    weightSum() {
      return tf.tidy(() => tf.addN([...W, ...B].map((v) => tf.sum(v))).dataSync()[0]);
    },
    pull(target) {
      W.forEach((v, l) => target.W[l].data.set(v.dataSync()));
      B.forEach((v, l) => target.B[l].data.set(v.dataSync()));
    },
    outputs(from, set, into) {
      const values = tf.tidy(() => {
        let A = set === trainSet ? X : toTensor(set.X);
        from.W.forEach((M, l) => {
          A = activate(l, tf.add(tf.matMul(A, toTensor(M)), toTensor(from.B[l])));
        });
        return A.dataSync();
      });
      into.data.set(values);
    },
    dispose() {
      tf.dispose([X, Y, ...W, ...B, ...s1, ...s2]);
    },
  };
}
