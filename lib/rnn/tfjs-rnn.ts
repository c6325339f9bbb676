// The same vanilla RNN written with TensorFlow.js ops: the forward pass over every step, unrolled,
// and its loss. TensorFlow.js differentiates it by itself (autodiff), which checks the hand-written
// BPTT (test/lib/rnn.test.ts), and `npm run bench -- rnn` times it against the plain loops.
// Taught beside the plain RNN in notebooks/06-rnn.ipynb.

import type { Matrix } from "../matrix";
import type { Tensor, TfOps } from "../tfjs/ops";
import type { Rnn } from "./rnn";

/** The net's parameters as tensors, in the order U, W, V, b, c. */
export function rnnTensors(tf: TfOps, net: Rnn): Tensor[] {
  return [net.U, net.W, net.V, net.b, net.c].map((M) => matrixTensor(tf, M));
}

export function matrixTensor(tf: TfOps, M: Matrix): Tensor {
  return tf.tensor2d(Float32Array.from(M.data), [M.rows, M.cols], "float32");
}

/**
 * The loss of the unrolled RNN — s_t = f(x_t·U + s_{t−1}·W + b), o_t = g(s_t·V + c) — as one
 * tfjs expression of the parameters [U, W, V, b, c]: the mean over the sequences and the outputs
 * read of the loss paired with g (half squared error, binary or softmax cross-entropy), the same
 * number trainRnn reports.
 */
export function tfjsRnnLoss(
  tf: TfOps,
  net: Pick<Rnn, "state" | "output">,
  params: Tensor[],
  X: Tensor[],
  Y: Tensor[],
  targets: "every" | "last",
): Tensor {
  const [U, W, V, b, c] = params;
  const n = X[0].shape[0];
  const T = X.length;
  const f = (z: Tensor): Tensor =>
    net.state === "tanh" ? tf.tanh(z) : net.state === "sigmoid" ? tf.sigmoid(z) : tf.relu(z);
  let s = tf.zeros([n, U.shape[1]]);
  const losses: Tensor[] = [];
  for (let t = 0; t < T; t++) {
    s = f(tf.add(tf.add(tf.matMul(X[t], U), tf.matMul(s, W)), b));
    if (targets === "every" || t === T - 1) {
      const z = tf.add(tf.matMul(s, V), c);
      losses.push(pairedLoss(tf, net.output, z, Y[targets === "every" ? t : 0]));
    }
  }
  return tf.div(tf.addN(losses), n * losses.length);
}

/** Σ over the batch of the loss paired with the output activation, from z = s·V + c (also the
 * tfjs recurrent nets' and the CNN's loss, tfjs-layers.ts and digits/cnn.ts). */
export function pairedLoss(tf: TfOps, output: Rnn["output"], z: Tensor, y: Tensor): Tensor {
  if (output === "identity") return tf.div(tf.sum(tf.square(tf.sub(z, y))), 2);
  if (output === "sigmoid") {
    const o = tf.sigmoid(z);
    const yes = tf.mul(y, tf.log(o));
    const no = tf.mul(tf.sub(1, y), tf.log(tf.sub(1, o)));
    return tf.neg(tf.sum(tf.add(yes, no)));
  }
  return tf.neg(tf.sum(tf.mul(y, tf.log(tf.softmax(z)))));
}
