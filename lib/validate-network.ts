// Checks 检查 that a network, its input and its targets fit together, shared by forward, backward,
// train and the optimizers. Every error names the function, the shapes and the likely fix ("did
// you transpose X?"), so a learner sees what to change instead of a NaN ten cells later. Taught
// with the network in notebooks/03-backprop.ipynb.

import { type Activation } from "./activations";
import { assertFinite, isMatrix, type Matrix, shapeOf } from "./matrix";
import type { DataSet } from "./data";
import type { Network } from "./network";
import { checkNumber, describe } from "./validate";

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

/** Throws unless every weight and bias is a finite number, naming the first that is not: a
 * network with NaN in it gives NaN everywhere, so it is stopped where it goes in. */
export function checkWeights(where: string, net: Network): void {
  for (let l = 0; l < net.W.length; l++) {
    for (const [name, M] of [
      [`W${l + 1}`, net.W[l]],
      [`B${l + 1}`, net.B[l]],
    ] as const) {
      const d = M.data;
      for (let i = 0; i < d.length; i++) {
        if (!Number.isFinite(d[i])) {
          throw new Error(
            `${where}: the network's weights hold ${d[i]}: ${name} row ${Math.floor(i / M.cols)}, ` +
              `column ${i % M.cols} — it was broken before this call (a run that diverged?); ` +
              `start from its \`initial\` copy or a fresh mlp(…).`,
          );
        }
      }
    }
  }
}

/** Softmax only as the output layer, and over at least two units (over one it is always 1). */
export function checkSoftmax(
  where: string,
  sizes: readonly number[],
  activations: Activation[],
): void {
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

/** Throws unless sizes lists ≥ 2 layers, each a whole number of units ≥ 1. */
export function checkSizes(where: string, sizes: number[]): void {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new Error(
      `${where}: sizes must list at least the inputs and the outputs, e.g. [1, 4, 1] (got ${describe(sizes)}).`,
    );
  }
  sizes.forEach((n, l) =>
    checkNumber(where, `sizes[${l}]`, n, { integer: true, min: 1 }, "Each layer needs ≥ 1 unit."),
  );
}

/** Throws unless data is { X, Y } with one row per sample, fitting the network. */
export function checkDataSet(where: string, net: Network, data: DataSet, name: string): void {
  if (typeof data !== "object" || data === null) {
    throw new Error(
      `${where}: ${name} must be { X, Y } with X and Y matrices (got ${describe(data)}).`,
    );
  }
  for (const part of ["X", "Y"] as const) {
    if (!isMatrix(data[part])) {
      const got = part in data ? describe(data[part]) : "nothing: there is no " + part;
      throw new Error(
        `${where}: ${name}.${part} must be a Matrix (got ${got}); build it with matrix(), ` +
          `fromRows([[…], …]) or column([…]).`,
      );
    }
  }
  if (data.X.rows === 0) throw new Error(`${where}: ${name} is empty (0 samples).`);
  checkInput(where, net, data.X, `${name}.X`);
  checkTargets(where, net, data.Y, data.X.rows, `${name}.Y`);
}
