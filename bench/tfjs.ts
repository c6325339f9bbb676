// The workload in TensorFlow.js (cpu and wasm backends), written the fast way for tfjs: the
// gradients by hand (the same formulas as the lecture) with tf ops inside one tf.tidy per step,
// the weights as tf.Variables updated with assign. (Measured while planning: ~2× faster than
// tf.variableGrads/optimizer.minimize and 4–7× faster than model.fit for a net this small.)
// Batches: the samples gathered in the epoch's shuffled order (the same order as the plain lib's,
// from the same seeded RNG), then sliced, as the course's NumPy code does.

import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { Network } from "../lib/network";
import { createRng } from "../lib/rng";
import type { DataSet } from "../lib/train";
import { BATCH_SIZE, ETA, initialNet, secondsSince, type Trainer } from "./workload";

export type TfBackend = "cpu" | "wasm";

let wasmPathSet = false;

/** Switches tfjs to a backend and checks that it is the one in use (tfjs can fall back silently). */
export async function useBackend(name: TfBackend): Promise<void> {
  if (name === "wasm" && !wasmPathSet) {
    // In Node the wasm backend loads its .wasm files from its own dist folder in node_modules.
    const dist = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm"));
    setWasmPaths(dist + path.sep);
    wasmPathSet = true;
  }
  if (tf.getBackend() !== name) await tf.setBackend(name);
  await tf.ready();
  if (tf.getBackend() !== name) {
    throw new Error(`tfjs: asked for the ${name} backend but ${tf.getBackend()} is in use.`);
  }
}

export function tfjsVersion(): string {
  return tf.version.tfjs;
}

/** One net's weights as tf.Variables, trained with the manual-gradient step. */
export interface TfjsModel {
  /** Back to the initial weights and the initial shuffling seed. */
  reset(): void;
  /** Trains `epochs` epochs on the current backend. */
  train(epochs: number): void;
  /** Half-MSE on the whole training set with the current weights. */
  loss(): number;
  dispose(): void;
}

export function tfjsModel(
  init: Network,
  data: DataSet,
  eta = ETA,
  batchSize = BATCH_SIZE,
): TfjsModel {
  const n = data.X.rows;
  const X = tf.tensor2d(Float32Array.from(data.X.data), [n, 1]);
  const Y = tf.tensor2d(Float32Array.from(data.Y.data), [n, 1]);
  const initial = [init.W[0], init.B[0], init.W[1], init.B[1]].map((M) =>
    tf.tensor2d(Float32Array.from(M.data), [M.rows, M.cols]),
  );
  const [W1, B1, W2, B2] = initial.map((t) => tf.variable(t.clone()));
  const etaT = tf.scalar(eta);
  const one = tf.scalar(1);
  const order = new Int32Array(n);
  let rng = createRng(1);

  /** One mini-batch step: forward, the lecture's gradients, W ← W − η·dW. */
  const step = (Xs: tf.Tensor2D, Ys: tf.Tensor2D, start: number, m: number): void => {
    tf.tidy(() => {
      const x = tf.slice(Xs, [start, 0], [m, 1]); // batch_x
      const y = tf.slice(Ys, [start, 0], [m, 1]); // batch_y
      const Z1 = tf.add(tf.matMul(x, W1), B1); // Z1 = X·W1 + B1
      const A1 = tf.sigmoid(Z1); // A1 = sigmoid(Z1)
      const Z2 = tf.add(tf.matMul(A1, W2), B2); // Z2 = A1·W2 + B2 (identity output)
      const dZ2 = tf.sub(Z2, y); // dZ2 = Z2 − Y
      const dW2 = tf.div(tf.matMul(A1, dZ2, true, false), m); // dW2 = A1ᵀ·dZ2 / m
      const dB2 = tf.mean(dZ2, 0, true); // dB2 = mean of dZ2's rows
      const dA1 = tf.matMul(dZ2, W2, false, true); // dA1 = dZ2·W2ᵀ
      const dZ1 = tf.mul(tf.mul(dA1, A1), tf.sub(one, A1)); // dZ1 = dA1 ⊙ A1 ⊙ (1 − A1)
      const dW1 = tf.div(tf.matMul(x, dZ1, true, false), m); // dW1 = Xᵀ·dZ1 / m
      const dB1 = tf.mean(dZ1, 0, true);
      W1.assign(tf.sub(W1, tf.mul(etaT, dW1)));
      B1.assign(tf.sub(B1, tf.mul(etaT, dB1)));
      W2.assign(tf.sub(W2, tf.mul(etaT, dW2)));
      B2.assign(tf.sub(B2, tf.mul(etaT, dB2)));
    });
  };

  const model: TfjsModel = {
    reset() {
      [W1, B1, W2, B2].forEach((v, k) => v.assign(initial[k]));
      rng = createRng(1);
      for (let i = 0; i < n; i++) order[i] = i;
    },
    train(epochs) {
      for (let e = 0; e < epochs; e++) {
        rng.shuffle(order);
        const [Xs, Ys] = tf.tidy(() => {
          const idx = tf.tensor1d(order, "int32");
          return [tf.gather(X, idx) as tf.Tensor2D, tf.gather(Y, idx) as tf.Tensor2D];
        });
        for (let start = 0; start < n; start += batchSize) {
          step(Xs, Ys, start, Math.min(batchSize, n - start));
        }
        Xs.dispose();
        Ys.dispose();
      }
    },
    loss() {
      return tf.tidy(() => {
        const A2 = tf.add(tf.matMul(tf.sigmoid(tf.add(tf.matMul(X, W1), B1)), W2), B2);
        return tf.div(tf.sum(tf.square(tf.sub(A2, Y))), 2 * n).dataSync()[0];
      });
    },
    dispose() {
      tf.dispose([X, Y, ...initial, W1, B1, W2, B2, etaT, one]);
    },
  };
  model.reset();
  return model;
}

/** A Trainer for the side-by-side timing: switches to its backend before every run. */
export function tfjsTrainer(backend: TfBackend, hidden: number, data: DataSet): Trainer {
  let model: TfjsModel | null = null;
  return {
    name: `TensorFlow.js ${backend}`,
    async run(epochs) {
      await useBackend(backend);
      model ??= tfjsModel(initialNet(hidden), data);
      model.reset();
      const start = performance.now();
      model.train(epochs);
      return secondsSince(start);
    },
  };
}
