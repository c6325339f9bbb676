// The network of Make Your Own Neural Network (Tariq Rashid; 自己动手用Python编写神经网络): one
// sigmoid hidden layer, sigmoid outputs, no biases, trained one sample at a time — written as the
// book writes it, so that a learner can read the two side by side. Taught in
// notebooks/07-digits.ipynb.
//
// The book (its names; the lib stores W1 = wihᵀ and W2 = whoᵀ, rows as inputs):
//   hidden_outputs = σ(wih · inputs)          final_outputs = σ(who · hidden_outputs)
//   output_errors  = targets − final_outputs  hidden_errors = whoᵀ · output_errors
//   who += lr · (output_errors ⊙ o(1 − o)) · hidden_outputsᵀ
//   wih += lr · (hidden_errors ⊙ h(1 − h)) · inputsᵀ
// Careful: the book's hidden_errors leave out the output layer's o(1 − o) — the true gradient of
// ½Σ(t − o)² sends whoᵀ · (output_errors ⊙ o(1 − o)) back. `rule: "book"` trains the book's way,
// `rule: "gradient"` the true gradient (what `train` does with loss "halfMse" and batch size 1).
// Its weights start N(0, 1/n_in) ("pow(self.inodes, -0.5)" as the standard deviation).

import { type DataSet } from "../data";
import { matrix } from "../matrix";
import { type Network } from "../network";
import { mlp } from "../network";
import { createRng } from "../rng";
import { checkNumber, checkOptionNames, describe } from "../validate";

/** The book's network with H hidden units: `mlp([784, H, 10], { bias: false, hidden: "sigmoid",
 * output: "sigmoid" })` with the book's initial weights. */
export function bookNet(sizes: [number, number, number], seed = 1): Network {
  const net = mlp(sizes, { bias: false, hidden: "sigmoid", output: "sigmoid" });
  const rng = createRng(checkNumber("bookNet", "seed", seed, { integer: true }));
  for (const W of net.W) {
    const std = 1 / Math.sqrt(W.rows); // rows are the layer's inputs
    for (let i = 0; i < W.data.length; i++) W.data[i] = rng.normal(0, std);
  }
  return net;
}

export interface BookTrainOptions {
  /** The learning rate (the book: 0.1). */
  eta?: number;
  /** Passes over the data, in its order (the book: 5). */
  epochs?: number;
  /** "book" (default): the book's hidden errors; "gradient": the true gradient. */
  rule?: "book" | "gradient";
  /** Called after every epoch. */
  onEpoch?: (epoch: number, net: Network) => void;
}

/** Trains a copy of a two-layer net without biases one sample at a time, the book's way (or by
 * the true gradient), in the data's order. */
export function trainBook(net0: Network, data: DataSet, options: BookTrainOptions = {}): Network {
  checkOptionNames("trainBook", options, ["eta", "epochs", "rule", "onEpoch"]);
  if (net0.W.length !== 2 || net0.bias !== false) {
    throw new Error(
      "trainBook: the net must be the book's — two layers of weights, no biases (bookNet([784, H, 10])).",
    );
  }
  const eta = checkNumber("trainBook", "eta", options.eta ?? 0.1, { above: 0 });
  const epochs = checkNumber("trainBook", "epochs", options.epochs ?? 1, { min: 1, integer: true });
  const rule = options.rule ?? "book";
  if (rule !== "book" && rule !== "gradient") {
    throw new Error(`trainBook: rule must be 'book' or 'gradient' (got ${describe(rule)}).`);
  }
  const [I, H] = [net0.W[0].rows, net0.W[0].cols];
  const O = net0.W[1].cols;
  if (data.X.cols !== I || data.Y.cols !== O) {
    throw new Error(
      `trainBook: the net takes ${I} inputs and gives ${O} outputs, but X is ${data.X.rows}×${data.X.cols} and Y is ${data.Y.rows}×${data.Y.cols}.`,
    );
  }
  const W1 = matrix(I, H, net0.W[0].data); // wihᵀ
  const W2 = matrix(H, O, net0.W[1].data); // whoᵀ
  const net: Network = { ...net0, W: [W1, W2], B: net0.B.map((B) => matrix(B.rows, B.cols)) };
  const w1 = W1.data;
  const w2 = W2.data;
  const h = new Float64Array(H);
  const o = new Float64Array(O);
  const dOut = new Float64Array(O); // output_errors ⊙ o(1 − o)
  const hiddenErrors = new Float64Array(H);
  const book = rule === "book";
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let n = 0; n < data.X.rows; n++) {
      const x = n * I;
      // forward: h = σ(x·W1), o = σ(h·W2)
      for (let j = 0; j < H; j++) h[j] = 0;
      for (let i = 0; i < I; i++) {
        const xi = data.X.data[x + i];
        for (let j = 0; j < H; j++) h[j] += xi * w1[i * H + j];
      }
      for (let j = 0; j < H; j++) h[j] = 1 / (1 + Math.exp(-h[j]));
      for (let k = 0; k < O; k++) {
        let z = 0;
        for (let j = 0; j < H; j++) z += h[j] * w2[j * O + k];
        o[k] = 1 / (1 + Math.exp(-z));
      }
      // errors: output_errors = t − o; hidden_errors = whoᵀ · output_errors (book) or
      // whoᵀ · (output_errors ⊙ o(1 − o)) (gradient)
      for (let k = 0; k < O; k++) {
        const e = data.Y.data[n * O + k] - o[k];
        dOut[k] = e * o[k] * (1 - o[k]);
        o[k] = e; // o now holds output_errors
      }
      for (let j = 0; j < H; j++) {
        let s = 0;
        for (let k = 0; k < O; k++) s += w2[j * O + k] * (book ? o[k] : dOut[k]);
        hiddenErrors[j] = s;
      }
      // updates (the book's order: who first, with the errors computed before either update)
      for (let j = 0; j < H; j++) {
        for (let k = 0; k < O; k++) w2[j * O + k] += eta * dOut[k] * h[j];
      }
      for (let j = 0; j < H; j++) hiddenErrors[j] *= h[j] * (1 - h[j]);
      for (let i = 0; i < I; i++) {
        const xi = data.X.data[x + i];
        if (xi === 0) continue;
        for (let j = 0; j < H; j++) w1[i * H + j] += eta * hiddenErrors[j] * xi;
      }
    }
    options.onEpoch?.(epoch, net);
  }
  return net;
}

/** The book's "backquery": run the net backwards from a label to an image — the output the label
 * wants (0.99 for it, 0.01 elsewhere) through the inverse sigmoid and Wᵀ, layer by layer, each
 * layer rescaled into 0.01–0.99 (the sigmoid's range) before its inverse. What the net "thinks"
 * the digit looks like. Returns the 784 numbers, in 0.01–0.99. */
export function backquery(net: Network, label: number): Float64Array {
  if (net.W.length !== 2) throw new Error("backquery: the net must have two layers of weights.");
  const O = net.W[1].cols;
  checkNumber("backquery", "label", label, { min: 0, max: O - 1, integer: true });
  const logit = (y: number): number => Math.log(y / (1 - y));
  let signal = Float64Array.from({ length: O }, (_, k) => logit(k === label ? 0.99 : 0.01));
  for (let l = 1; l >= 0; l--) {
    const W = net.W[l]; // rows: the layer's inputs, cols: its outputs
    const back = new Float64Array(W.rows);
    for (let i = 0; i < W.rows; i++) {
      let s = 0;
      for (let j = 0; j < W.cols; j++) s += W.data[i * W.cols + j] * signal[j];
      back[i] = s;
    }
    // rescale into 0.01 … 0.99 as the book does
    let min = Infinity;
    let max = -Infinity;
    for (const v of back) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const span = max - min || 1;
    for (let i = 0; i < back.length; i++) back[i] = ((back[i] - min) / span) * 0.98 + 0.01;
    signal = l === 0 ? back : back.map(logit);
  }
  return signal;
}
