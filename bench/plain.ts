// The plain library under the benchmark's workload, and a hand-fused reference loop.

import { sigmoid } from "../lib/activations";
import { exp } from "../lib/exp";
import { mlp, type Network } from "../lib/network";
import { createRng } from "../lib/rng";
import { type DataSet, train, type TrainOptions, type TrainResult } from "../lib/train";
import { BATCH_SIZE, ETA, halfMseOf, initialNet, secondsSince, type Trainer } from "./workload";

/** The course's check interval: a loss/accuracy check every 50 epochs (plus one at the end). */
export const CHECK_EVERY = 50;

/** `train` from lib/ as a notebook calls it: no validation split, SGD, checks every 50 epochs. */
export function trainPlain(
  net: Network,
  data: DataSet,
  epochs: number,
  onCheck?: TrainOptions["onCheck"],
): TrainResult {
  return train(net, data, {
    eta: ETA,
    batchSize: BATCH_SIZE,
    maxEpoch: epochs,
    validation: 0,
    checkEvery: CHECK_EVERY,
    onCheck,
  });
}

/** The plain lib's `train` (for the 1-H-1 net it takes the fused path, lectureNetGradients). */
export function plainTrainer(hidden: number, data: DataSet): Trainer {
  const net = initialNet(hidden);
  return {
    name: "plain lib",
    run(epochs) {
      const start = performance.now();
      trainPlain(net, data, epochs);
      return secondsSince(start);
    },
  };
}

/** The same net with a copy of the sigmoid: `train` cannot tell it is the lecture's net, so it runs
 * the general forwardInto/backwardInto that every other network uses. Same numbers, bit for bit. */
export function genericNet(hidden: number): Network {
  return mlp([1, hidden, 1], { hidden: { ...sigmoid } });
}

export function genericTrainer(hidden: number, data: DataSet): Trainer {
  const net = genericNet(hidden);
  return {
    name: "plain lib, general path",
    run(epochs) {
      const start = performance.now();
      trainPlain(net, data, epochs);
      return secondsSince(start);
    },
  };
}

/**
 * A reference, not the library: the 1-H-1 training loop fused by hand into one function with
 * every array preallocated, the fastest plain-JavaScript form of this workload we know. It does the
 * same arithmetic in the same order as the lib (same shuffling, same e^x), so its weights are
 * bit-identical to `train`'s; it only shows how close the lib comes to a loop written for speed.
 */
export function fusedReference(
  net: Network,
  data: DataSet,
  epochs: number,
  eta = ETA,
  batchSize = BATCH_SIZE,
  seed = 1,
): { W1: Float64Array; B1: Float64Array; W2: Float64Array; B2: Float64Array } {
  const H = net.sizes[1];
  const W1 = Float64Array.from(net.W[0].data);
  const B1 = Float64Array.from(net.B[0].data);
  const W2 = Float64Array.from(net.W[1].data);
  const B2 = Float64Array.from(net.B[1].data);
  const X = data.X.data;
  const Y = data.Y.data;
  const n = X.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = createRng(seed);
  const A1 = new Float64Array(batchSize * H);
  const dZ2 = new Float64Array(batchSize);
  const x = new Float64Array(batchSize);
  for (let epoch = 0; epoch < epochs; epoch++) {
    rng.shuffle(order);
    for (let start = 0; start < n; start += batchSize) {
      const m = Math.min(batchSize, n - start);
      // two hidden units per pass, as in lectureNetGradients; Z2 accumulates in dZ2
      const b2 = B2[0];
      for (let i = 0; i < m; i++) {
        x[i] = X[order[start + i]];
        dZ2[i] = b2;
      }
      let j = 0;
      for (; j + 1 < H; j += 2) {
        const w1 = W1[j];
        const b1 = B1[j];
        const w2 = W2[j];
        const w1Next = W1[j + 1];
        const b1Next = B1[j + 1];
        const w2Next = W2[j + 1];
        for (let i = 0; i < m; i++) {
          const a = 1 / (1 + exp(-(b1 + x[i] * w1)));
          const aNext = 1 / (1 + exp(-(b1Next + x[i] * w1Next)));
          A1[i * H + j] = a;
          A1[i * H + j + 1] = aNext;
          dZ2[i] = dZ2[i] + a * w2 + aNext * w2Next;
        }
      }
      if (j < H) {
        const w1 = W1[j];
        const b1 = B1[j];
        const w2 = W2[j];
        for (let i = 0; i < m; i++) {
          const a = 1 / (1 + exp(-(b1 + x[i] * w1)));
          A1[i * H + j] = a;
          dZ2[i] += a * w2;
        }
      }
      let sumDZ2 = 0;
      for (let i = 0; i < m; i++) {
        const d = dZ2[i] - Y[order[start + i]];
        dZ2[i] = d;
        sumDZ2 += d;
      }
      for (j = 0; j < H; j += 2) {
        const pair = j + 1 < H;
        const jNext = pair ? j + 1 : j;
        const w2 = W2[j];
        const w2Next = W2[jNext];
        let sumW2 = 0;
        let sumW1 = 0;
        let sumB1 = 0;
        let sumW2Next = 0;
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
        W1[j] -= eta * (sumW1 / m);
        B1[j] -= eta * (sumB1 / m);
        W2[j] -= eta * (sumW2 / m);
        if (pair) {
          W1[jNext] -= eta * (sumW1Next / m);
          B1[jNext] -= eta * (sumB1Next / m);
          W2[jNext] -= eta * (sumW2Next / m);
        }
      }
      B2[0] -= eta * (sumDZ2 / m);
    }
  }
  return { W1, B1, W2, B2 };
}

export function fusedReferenceTrainer(hidden: number, data: DataSet): Trainer {
  const net = initialNet(hidden);
  return {
    name: "hand-fused loop (reference)",
    run(epochs) {
      const start = performance.now();
      fusedReference(net, data, epochs);
      return secondsSince(start);
    },
  };
}

/** The half-MSE of the reference loop's weights on the data (for the sanity check). */
export function fusedReferenceLoss(hidden: number, data: DataSet, epochs: number): number {
  const w = fusedReference(initialNet(hidden), data, epochs);
  const X = data.X.data;
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) {
    let z2 = w.B2[0];
    for (let j = 0; j < hidden; j++) z2 += w.W2[j] / (1 + exp(-(w.B1[j] + X[i] * w.W1[j])));
    out[i] = z2;
  }
  return halfMseOf(out, data.Y.data);
}
