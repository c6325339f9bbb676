// Activation functions 激活函数: each is a function and its derivative, kept together.
//
// `f(z)` is the activation of one number and `df(z, a)` its slope, given both z and a = f(z) so
// that sigmoid can use the lecture's a(1 − a). `forward` and `backward` apply them to a whole
// matrix: A = f(Z) and dZ = dA ⊙ f′(Z). They are written as plain loops (no callbacks) because the
// training loop spends most of its time in them.
//
// Taught in notebooks/02-activations.ipynb.

import { exp as fastExp } from "./exp";
import { type Matrix, shapeOf, zerosLike } from "./matrix";
import { checkNumber, unknownName } from "./validate";

export interface Activation {
  /** The name used by `activation(name)` and in saved networks. */
  name: ActivationName;
  /** The parameter of leakyRelu and elu. */
  alpha?: number;
  /** a = f(z) */
  f(z: number): number;
  /** f′(z), given z and a = f(z). */
  df(z: number, a: number): number;
  /** A = f(Z), element by element (softmax: row by row). */
  forward(Z: Matrix, out?: Matrix): Matrix;
  /** dZ = dA ⊙ f′(Z) (softmax: the full Jacobian of each row times dA). */
  backward(Z: Matrix, A: Matrix, dA: Matrix, out?: Matrix): Matrix;
}

export type ActivationName =
  "sigmoid" | "tanh" | "relu" | "leakyRelu" | "elu" | "softplus" | "step" | "identity" | "softmax";

export type ActivationSpec = ActivationName | Activation;

export const activationNames: readonly ActivationName[] = [
  "sigmoid",
  "tanh",
  "relu",
  "leakyRelu",
  "elu",
  "softplus",
  "step",
  "identity",
  "softmax",
];

// ---------------------------------------------------------------------------------------------

// A module-local name for e^x: some loaders (tsx, vitest) turn every call of an imported function
// into a property lookup on the other module; the sigmoid calls it once per element.
const exp = fastExp;

/** sigmoid(z) = 1 / (1 + e^(−z)), between 0 and 1; slope a(1 − a), at most 0.25 (at z = 0).
 * No NaN for any z: e^(−z) overflows to Infinity for z < −709 and 1 / Infinity is 0. */
function sigmoidF(z: number): number {
  return 1 / (1 + exp(-z));
}

export const sigmoid: Activation = {
  name: "sigmoid",
  f: sigmoidF,
  df: (_z, a) => a * (1 - a),
  forward(Z, out) {
    const A = output("sigmoid.forward", Z, out);
    const z = Z.data;
    const a = A.data;
    for (let i = 0; i < z.length; i++) a[i] = sigmoidF(z[i]);
    return A;
  },
  backward(Z, A, dA, out) {
    const dZ = backwardOutput("sigmoid.backward", Z, A, dA, out);
    const a = A.data;
    const da = dA.data;
    const dz = dZ.data;
    // dZ = dA ⊙ A ⊙ (1 − A)
    for (let i = 0; i < a.length; i++) dz[i] = da[i] * a[i] * (1 - a[i]);
    return dZ;
  },
};

/** tanh(z), between −1 and 1, zero-centred; slope 1 − a², which is 1 at z = 0. */
export const tanh: Activation = {
  name: "tanh",
  f: Math.tanh,
  df: (_z, a) => 1 - a * a,
  forward(Z, out) {
    const A = output("tanh.forward", Z, out);
    const z = Z.data;
    const a = A.data;
    for (let i = 0; i < z.length; i++) a[i] = Math.tanh(z[i]);
    return A;
  },
  backward(Z, A, dA, out) {
    const dZ = backwardOutput("tanh.backward", Z, A, dA, out);
    const a = A.data;
    const da = dA.data;
    const dz = dZ.data;
    for (let i = 0; i < a.length; i++) dz[i] = da[i] * (1 - a[i] * a[i]);
    return dZ;
  },
};

/** relu(z) = max(0, z): passes a gradient unchanged where z > 0 and kills it where z ≤ 0. */
export const relu: Activation = {
  name: "relu",
  f: (z) => (z > 0 ? z : 0),
  df: (z) => (z > 0 ? 1 : 0),
  forward(Z, out) {
    const A = output("relu.forward", Z, out);
    const z = Z.data;
    const a = A.data;
    for (let i = 0; i < z.length; i++) a[i] = z[i] > 0 ? z[i] : 0;
    return A;
  },
  backward(Z, A, dA, out) {
    const dZ = backwardOutput("relu.backward", Z, A, dA, out);
    const z = Z.data;
    const da = dA.data;
    const dz = dZ.data;
    for (let i = 0; i < z.length; i++) dz[i] = z[i] > 0 ? da[i] : 0;
    return dZ;
  },
};

/** leakyRelu(z) = z for z > 0, alpha·z otherwise: a small slope keeps "dead" units learning. */
export function leakyRelu(alpha = 0.01): Activation {
  checkNumber("leakyRelu", "alpha", alpha, { min: 0 }, "Typical values are 0.01 to 0.3.");
  return {
    name: "leakyRelu",
    alpha,
    f: (z) => (z > 0 ? z : alpha * z),
    df: (z) => (z > 0 ? 1 : alpha),
    forward(Z, out) {
      const A = output("leakyRelu.forward", Z, out);
      const z = Z.data;
      const a = A.data;
      for (let i = 0; i < z.length; i++) a[i] = z[i] > 0 ? z[i] : alpha * z[i];
      return A;
    },
    backward(Z, A, dA, out) {
      const dZ = backwardOutput("leakyRelu.backward", Z, A, dA, out);
      const z = Z.data;
      const da = dA.data;
      const dz = dZ.data;
      for (let i = 0; i < z.length; i++) dz[i] = z[i] > 0 ? da[i] : alpha * da[i];
      return dZ;
    },
  };
}

/** elu(z) = z for z > 0, alpha·(e^z − 1) otherwise: smooth, and negative outputs down to −alpha.
 * For z ≤ 0 the slope alpha·e^z equals a + alpha. */
export function elu(alpha = 1): Activation {
  checkNumber("elu", "alpha", alpha, { min: 0 }, "The usual value is 1.");
  return {
    name: "elu",
    alpha,
    f: (z) => (z > 0 ? z : alpha * Math.expm1(z)),
    df: (z, a) => (z > 0 ? 1 : a + alpha),
    forward(Z, out) {
      const A = output("elu.forward", Z, out);
      const z = Z.data;
      const a = A.data;
      for (let i = 0; i < z.length; i++) a[i] = z[i] > 0 ? z[i] : alpha * Math.expm1(z[i]);
      return A;
    },
    backward(Z, A, dA, out) {
      const dZ = backwardOutput("elu.backward", Z, A, dA, out);
      const z = Z.data;
      const a = A.data;
      const da = dA.data;
      const dz = dZ.data;
      for (let i = 0; i < z.length; i++) dz[i] = z[i] > 0 ? da[i] : da[i] * (a[i] + alpha);
      return dZ;
    },
  };
}

/** softplus(z) = ln(1 + e^z), a smooth relu; its slope is sigmoid(z).
 * Written as max(z, 0) + ln(1 + e^(−|z|)) so that e^z never overflows. */
function softplusF(z: number): number {
  return (z > 0 ? z : 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

export const softplus: Activation = {
  name: "softplus",
  f: softplusF,
  df: (z) => sigmoidF(z),
  forward(Z, out) {
    const A = output("softplus.forward", Z, out);
    const z = Z.data;
    const a = A.data;
    for (let i = 0; i < z.length; i++) a[i] = softplusF(z[i]);
    return A;
  },
  backward(Z, A, dA, out) {
    const dZ = backwardOutput("softplus.backward", Z, A, dA, out);
    const z = Z.data;
    const da = dA.data;
    const dz = dZ.data;
    for (let i = 0; i < z.length; i++) dz[i] = da[i] * sigmoidF(z[i]);
    return dZ;
  },
};

/** step(z) = 1 for z ≥ 0, else 0: the perceptron's activation. Its slope is 0 wherever it exists,
 * so gradient descent cannot train through it. */
export const step: Activation = {
  name: "step",
  f: (z) => (z >= 0 ? 1 : 0),
  df: () => 0,
  forward(Z, out) {
    const A = output("step.forward", Z, out);
    const z = Z.data;
    const a = A.data;
    for (let i = 0; i < z.length; i++) a[i] = z[i] >= 0 ? 1 : 0;
    return A;
  },
  backward(Z, A, dA, out) {
    const dZ = backwardOutput("step.backward", Z, A, dA, out);
    const dz = dZ.data;
    for (let i = 0; i < dz.length; i++) dz[i] = 0;
    return dZ;
  },
};

/** identity(z) = z: the output layer of a regression net ("no activation"). */
export const identity: Activation = {
  name: "identity",
  f: (z) => z,
  df: () => 1,
  forward(Z, out) {
    const A = output("identity.forward", Z, out);
    const z = Z.data;
    const a = A.data;
    for (let i = 0; i < z.length; i++) a[i] = z[i];
    return A;
  },
  backward(Z, A, dA, out) {
    const dZ = backwardOutput("identity.backward", Z, A, dA, out);
    const da = dA.data;
    const dz = dZ.data;
    for (let i = 0; i < da.length; i++) dz[i] = da[i];
    return dZ;
  },
};

/** softmax, row by row: a_j = e^(z_j) / Σ_k e^(z_k) — each row becomes probabilities that sum
 * to 1. Only for the output layer of a classifier, with softmaxCrossEntropy. */
export const softmax: Activation = {
  name: "softmax",
  f: () => {
    throw new Error("softmax works on a whole row, not one number: use softmax.forward(Z).");
  },
  df: () => {
    throw new Error("softmax's slope depends on the whole row: use softmax.backward(Z, A, dA).");
  },
  forward(Z, out) {
    const A = output("softmax.forward", Z, out);
    const p = Z.cols;
    const z = Z.data;
    const a = A.data;
    for (let i = 0; i < Z.rows; i++) {
      let max = -Infinity;
      for (let j = 0; j < p; j++) if (z[i * p + j] > max) max = z[i * p + j];
      let total = 0;
      for (let j = 0; j < p; j++) {
        const e = Math.exp(z[i * p + j] - max); // subtracting the max keeps e^z finite
        a[i * p + j] = e;
        total += e;
      }
      for (let j = 0; j < p; j++) a[i * p + j] /= total;
    }
    return A;
  },
  backward(Z, A, dA, out) {
    const dZ = backwardOutput("softmax.backward", Z, A, dA, out);
    const p = Z.cols;
    const a = A.data;
    const da = dA.data;
    const dz = dZ.data;
    // dz_j = a_j · (da_j − Σ_k da_k a_k)
    for (let i = 0; i < Z.rows; i++) {
      let dot = 0;
      for (let j = 0; j < p; j++) dot += da[i * p + j] * a[i * p + j];
      for (let j = 0; j < p; j++) dz[i * p + j] = a[i * p + j] * (da[i * p + j] - dot);
    }
    return dZ;
  },
};

// ---------------------------------------------------------------------------------------------

/** An activation by name (`"sigmoid"`, `"relu"`, …), or the given Activation unchanged. */
export function activation(spec: ActivationSpec): Activation {
  if (typeof spec === "object" && spec !== null && typeof spec.forward === "function") return spec;
  switch (spec) {
    case "sigmoid":
      return sigmoid;
    case "tanh":
      return tanh;
    case "relu":
      return relu;
    case "leakyRelu":
      return leakyRelu();
    case "elu":
      return elu();
    case "softplus":
      return softplus;
    case "step":
      return step;
    case "identity":
      return identity;
    case "softmax":
      return softmax;
  }
  throw unknownName("activation", spec, activationNames);
}

// ---------------------------------------------------------------------------------------------

function output(where: string, Z: Matrix, out: Matrix | undefined): Matrix {
  if (out === undefined) return zerosLike(Z);
  if (out.rows !== Z.rows || out.cols !== Z.cols) {
    throw new Error(`${where}: out is ${shapeOf(out)} but Z is ${shapeOf(Z)}; they must match.`);
  }
  return out;
}

function backwardOutput(
  where: string,
  Z: Matrix,
  A: Matrix,
  dA: Matrix,
  out: Matrix | undefined,
): Matrix {
  if (A.rows !== Z.rows || A.cols !== Z.cols) {
    throw new Error(`${where}: A is ${shapeOf(A)} but Z is ${shapeOf(Z)}; they must match.`);
  }
  if (dA.rows !== Z.rows || dA.cols !== Z.cols) {
    throw new Error(`${where}: dA is ${shapeOf(dA)} but Z is ${shapeOf(Z)}; they must match.`);
  }
  return output(where, Z, out);
}
