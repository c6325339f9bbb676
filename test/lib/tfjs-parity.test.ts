// The library's gradients and training step against TensorFlow.js autodiff: an independent
// implementation (float32 on tfjs's cpu backend), so the tolerances are float32-sized.
import * as tf from "@tensorflow/tfjs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  activation,
  type ActivationName,
  backward,
  copyNetwork,
  createRng,
  forward,
  type Matrix,
  mlp,
  type Network,
  train,
} from "../../lib";
import {
  expectMatrixClose,
  randomCase,
  randomDistributions,
  randomLossCases,
  randomMatrix,
} from "./helpers";

beforeAll(async () => {
  await tf.setBackend("cpu");
  expect(tf.getBackend()).toBe("cpu");
});

/** M as a float32 tensor (tfjs takes no Float64Array). */
const toTensor = (M: Matrix): tf.Tensor2D =>
  tf.tensor2d(Float32Array.from(M.data), [M.rows, M.cols], "float32");
let variableCount = 0;

/** The activations written with tfjs ops (tfjs's elu has no alpha, so elu is spelt out). */
function tfActivation(
  name: ActivationName,
  alpha: number | undefined,
  z: tf.Tensor2D,
): tf.Tensor2D {
  switch (name) {
    case "sigmoid":
      return tf.sigmoid(z);
    case "tanh":
      return tf.tanh(z);
    case "relu":
      return tf.relu(z);
    case "leakyRelu":
      return tf.leakyRelu(z, alpha);
    case "elu":
      // relu(z) + alpha·(e^min(z, 0) − 1): z for z > 0, alpha·(e^z − 1) otherwise
      return tf.add(tf.relu(z), tf.mul(alpha ?? 1, tf.sub(tf.exp(tf.minimum(z, 0)), 1)));
    case "softplus":
      return tf.softplus(z);
    case "step":
      return tf.step(z);
    case "identity":
      return z;
    case "softmax":
      return tf.softmax(z);
  }
}

/** The losses written with tfjs ops. */
function tfLoss(name: string, A: tf.Tensor2D, Y: tf.Tensor2D): tf.Scalar {
  const m = A.shape[0];
  if (name === "halfMse") return tf.div(tf.sum(tf.square(tf.sub(A, Y))), 2 * m);
  if (name === "binaryCrossEntropy") {
    const terms = tf.add(tf.mul(Y, tf.log(A)), tf.mul(tf.sub(1, Y), tf.log(tf.sub(1, A))));
    return tf.div(tf.neg(tf.sum(terms)), m);
  }
  return tf.div(tf.neg(tf.sum(tf.mul(Y, tf.log(A)))), m);
}

/** The network's loss as a tfjs function of its weights (as variables). */
function tfNetwork(net: Network, lossName: string, X: Matrix, Y: Matrix) {
  const W = net.W.map((M, l) => tf.variable(toTensor(M), true, `W${l}-${variableCount++}`));
  const B = net.B.map((M, l) => tf.variable(toTensor(M), true, `B${l}-${variableCount++}`));
  const lossOf = (): tf.Scalar => {
    let a: tf.Tensor2D = toTensor(X);
    net.activations.forEach((f, l) => {
      a = tfActivation(f.name, f.alpha, tf.add(tf.matMul(a, W[l]), B[l]));
    });
    return tfLoss(lossName, a, toTensor(Y));
  };
  return { W, B, lossOf, dispose: () => [...W, ...B].forEach((v) => v.dispose()) };
}

describe("against TensorFlow.js autodiff", () => {
  it("every activation's backward (dZ = dA ⊙ f′(Z)) matches tf.grad", () => {
    const names: ActivationName[] = [
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
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 10 ** 6 }),
        (m, n, seed) => {
          const rng = createRng(seed);
          const Z = randomMatrix(rng, m, n, -4, 4);
          // keep z away from the kinks at 0, where float32 and float64 may pick different sides
          for (let i = 0; i < Z.data.length; i++) if (Math.abs(Z.data[i]) < 0.01) Z.data[i] = 0.5;
          const dA = randomMatrix(rng, m, n);
          for (const name of names) {
            const f = activation(name);
            const ours = f.backward(Z, f.forward(Z), dA);
            const grad = tf.tidy(() =>
              tf
                .grad((z: tf.Tensor) =>
                  tf.sum(tf.mul(tfActivation(name, f.alpha, z as tf.Tensor2D), toTensor(dA))),
                )(toTensor(Z))
                .dataSync(),
            );
            // f′ ≤ 1 and |dA| ≤ 1, so the scale is 1: float32's 1 − a² loses digits where tanh saturates
            expectMatrixClose(ours, grad, 1e-5, `${name} dZ`, 1);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("every loss's dA (m·∂loss/∂A) matches tf.grad", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 10 ** 6 }),
        (m, n, seed) => {
          const rng = createRng(seed);
          for (const { f, A, Y } of randomLossCases(rng, m, n)) {
            const grad = tf.tidy(() =>
              tf
                .grad((a: tf.Tensor) => tf.mul(m, tfLoss(f.name, a as tf.Tensor2D, toTensor(Y))))(
                  toTensor(A),
                )
                .dataSync(),
            );
            expectMatrixClose(f.dA(A, Y), grad, 1e-4, `${f.name} dA`);
            const value = tf.tidy(() => tfLoss(f.name, toTensor(A), toTensor(Y)).dataSync()[0]);
            expect(Math.abs(f.value(A, Y) - value)).toBeLessThan(
              1e-5 * Math.max(1, Math.abs(value)),
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("every layer's dW and dB match tf.variableGrads (random nets, activations, losses)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 6 }),
        (seed, caseIndex, depth, m) => {
          const { net, X, Y, loss } = randomCase(seed, caseIndex, depth, m);
          const g = backward(net, forward(net, X), Y, loss);
          const model = tfNetwork(net, loss, X, Y);
          try {
            const { grads } = tf.variableGrads(model.lossOf);
            net.W.forEach((_, l) => {
              // (over 3000 random cases float32 stayed within 7e-5 of the largest gradient)
              expectMatrixClose(g.dW[l], grads[model.W[l].name].dataSync(), 5e-4, `dW${l + 1}`);
              expectMatrixClose(g.dB[l], grads[model.B[l].name].dataSync(), 5e-4, `dB${l + 1}`);
            });
            Object.values(grads).forEach((t) => t.dispose());
          } finally {
            model.dispose();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("one full training step (forward, backward, SGD update) equals the same step in tfjs within 1e-5", () => {
    const cases: { sizes: number[]; activations: ActivationName[]; seed: number }[] = [
      { sizes: [1, 4, 1], activations: ["sigmoid", "identity"], seed: 1 }, // the lecture's net
      { sizes: [2, 5, 3, 1], activations: ["tanh", "relu", "sigmoid"], seed: 2 },
      { sizes: [3, 4, 3], activations: ["elu", "softmax"], seed: 3 },
    ];
    for (const { sizes, activations, seed } of cases) {
      const rng = createRng(100 + seed);
      const net = mlp(sizes, { activations, seed });
      const m = 12;
      const X = randomMatrix(rng, m, sizes[0], -1, 1);
      const outputs = sizes[sizes.length - 1];
      const out = activations[activations.length - 1];
      const Y =
        out === "softmax"
          ? randomDistributions(rng, m, outputs)
          : out === "sigmoid"
            ? randomMatrix(rng, m, outputs, 0, 1)
            : randomMatrix(rng, m, outputs, -1, 1);
      const eta = 0.5;
      // one epoch of one batch holding every sample, in order: exactly one step
      const result = train(
        net,
        { X, Y },
        { eta, batchSize: m, maxEpoch: 1, validation: 0, shuffle: false },
      );
      expect(result.iterations).toBe(1);
      const lossName = result.options.loss;
      const model = tfNetwork(copyNetwork(net), lossName, X, Y);
      const { grads } = tf.variableGrads(model.lossOf);
      net.W.forEach((_, l) => {
        const W = model.W[l];
        const B = model.B[l];
        const newW = tf.tidy(() => tf.sub(W, tf.mul(eta, grads[W.name])).dataSync());
        const newB = tf.tidy(() => tf.sub(B, tf.mul(eta, grads[B.name])).dataSync());
        expectMatrixClose(result.net.W[l], newW, 1e-5, `${sizes.join("-")} W${l + 1}`);
        expectMatrixClose(result.net.B[l], newB, 1e-5, `${sizes.join("-")} B${l + 1}`);
      });
      // and the step really moved the weights
      expect(result.net.W[0].data).not.toEqual(net.W[0].data);
      Object.values(grads).forEach((t) => t.dispose());
      model.dispose();
    }
  });
});
