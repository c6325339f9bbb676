// LSTM and GRU (and a SimpleRNN) from TensorFlow.js's layers, wrapped so that a notebook trains
// them with the same call as the hand-written RNN — `trainRecurrent(net, data, options)` — and
// gets the same result: history of checks, final, timings, and the same loss numbers (the loss
// paired with the output, averaged as trainRnn averages it). Taught in notebooks/06-rnn.ipynb.
//
// The gates are TensorFlow.js's own (no need to write them by hand): LSTM keeps a cell state c_t
// beside s_t, with a forget gate f_t that decides what to keep; GRU merges them into an update and
// a reset gate. The LSTM's forget gate starts open (bias 1, `unitForgetBias`), as Keras does.
// tfjs computes in float32; it runs on tfjs-wasm by default (tfjs-cpu on request).

import { type BackendName, startBackend, tfjs } from "../backend";
import * as hyperparameters from "../hyperparameters";
import { type Matrix, matrix } from "../matrix";
import { type OptimizerName, optimizerState } from "../optimizers";
import { type RngState, seedState, shuffleInPlace } from "../rng";
import type { Tensor, TfOps } from "../tfjs/ops";
import { pairedLoss } from "./tfjs-rnn";
import { checkNumber, checkOptionNames, describe } from "../validate";
import { type Rnn, type SequenceSet } from "./rnn";
import {
  checkSequences,
  evaluateRnn,
  measureOutputs,
  resolveRnnOptions,
  rnnTrainOptionNames,
  type RnnCheck,
  type RnnTrainOptions,
  type RnnTrainResult,
  trainRnnAsync,
  verdict,
} from "./train-rnn";

export type CellName = "lstm" | "gru" | "simpleRNN";
export const cellNames: readonly CellName[] = ["lstm", "gru", "simpleRNN"];

/** A recurrent network from tfjs layers: the cell, then a dense output layer. */
export interface LayersRnn {
  cell: CellName;
  sizes: { inputs: number; hidden: number; outputs: number };
  output: Rnn["output"];
  targets: "every" | "last";
  seed: number;
  /** The tfjs model (read it through predictRecurrent and trainRecurrent). */
  model: LayersModel;
}

/** A recurrent network of tfjs layers, seeded: `layersRnn("lstm", [4, 16, 1], { output:
 * "sigmoid", targets: "last" })`. */
export function layersRnn(
  cell: CellName,
  sizes: [number, number, number],
  options: { output?: Rnn["output"]; targets?: "every" | "last"; seed?: number } = {},
): LayersRnn {
  if (!cellNames.includes(cell)) {
    throw new Error(
      `layersRnn: cell must be 'lstm', 'gru' or 'simpleRNN' (got ${describe(cell)}).`,
    );
  }
  checkOptionNames("layersRnn", options, ["output", "targets", "seed"]);
  const [I, H, O] = sizes.map((n, k) =>
    checkNumber("layersRnn", ["inputs", "hidden", "outputs"][k], n, { min: 1, integer: true }),
  );
  const spec = {
    cell,
    sizes: { inputs: I, hidden: H, outputs: O },
    output: options.output ?? "identity",
    targets: options.targets ?? "every",
    seed: checkNumber("layersRnn", "seed", options.seed ?? 1, { integer: true }),
  };
  return { ...spec, model: buildModel(spec) };
}

/** True for a LayersRnn (false for the hand-written Rnn). */
export function isLayersRnn(net: unknown): net is LayersRnn {
  return typeof net === "object" && net !== null && "cell" in net && "model" in net;
}

/** Trains the hand-written RNN (trainRnnAsync) or a tfjs one (on tfjs-wasm, or `backend`), with
 * the same options and the same result. */
export async function trainRecurrent(
  net: Rnn,
  data: SequenceSet,
  options: RnnTrainOptions,
): Promise<RnnTrainResult>;
export async function trainRecurrent(
  net: LayersRnn,
  data: SequenceSet,
  options: RnnTrainOptions & { backend?: "tfjs-cpu" | "tfjs-wasm" },
): Promise<RnnTrainResult<LayersRnn>>;
export async function trainRecurrent(
  net: Rnn | LayersRnn,
  data: SequenceSet,
  options: RnnTrainOptions & { backend?: "tfjs-cpu" | "tfjs-wasm" },
): Promise<RnnTrainResult<Rnn> | RnnTrainResult<LayersRnn>> {
  if (!isLayersRnn(net)) {
    if (options?.backend !== undefined) {
      throw new Error(
        "trainRecurrent: the hand-written RNN trains on the plain backend; leave out backend.",
      );
    }
    return trainRnnAsync(net, data, options);
  }
  return trainLayers(net, data, options);
}

/** The outputs of a tfjs recurrent net, as trainRnn's nets give them: o_1 … o_T, or [o_T]. */
export function predictRecurrent(net: LayersRnn, X: Matrix[]): Matrix[] {
  const tf = tfjs();
  return tf.tidy(() =>
    outputsOf(net, net.model.predict(sequenceTensor(tf, X)), X[0].rows, X.length),
  );
}

/** Loss and accuracy of either kind of net on sequences (the numbers a check reports). */
export function evaluateRecurrent(
  net: Rnn | LayersRnn,
  data: SequenceSet,
): { loss: number; accuracy: number } {
  if (!isLayersRnn(net)) return evaluateRnn(net, data);
  checkSequences("evaluateRecurrent", net, data, "data");
  return measureOutputs(net, predictRecurrent(net, data.X), data.Y);
}

// ---------------------------------------------------------------------------------------------

const { decayedEta } = hyperparameters;

async function trainLayers(
  net0: LayersRnn,
  data: SequenceSet,
  options: RnnTrainOptions & { backend?: "tfjs-cpu" | "tfjs-wasm" },
): Promise<RnnTrainResult<LayersRnn>> {
  const where = "trainRecurrent";
  if (!options || typeof options !== "object")
    throw new Error(`${where}: options must be an object.`);
  checkOptionNames(where, options, [...rnnTrainOptionNames, "backend"]);
  checkSequences(where, net0, data, "data");
  if ((data.targets === "every") !== (net0.targets === "every")) {
    throw new Error(
      `${where}: the net reads targets '${net0.targets}' but the data has '${data.targets}': make the net with layersRnn(…, { targets: '${data.targets}' }).`,
    );
  }
  if (options.truncate) {
    throw new Error(
      `${where}: truncate is for the hand-written RNN; tfjs back-propagates through every step.`,
    );
  }
  const backend: BackendName = options.backend ?? "tfjs-wasm";
  if (backend !== "tfjs-cpu" && backend !== "tfjs-wasm") {
    throw new Error(
      `${where}: backend must be 'tfjs-cpu' or 'tfjs-wasm' (got ${describe(backend)}).`,
    );
  }
  const used = await startBackend(backend);
  const tf = tfjs();
  const n = data.X[0].rows;
  const T = data.X.length;
  const resolved = resolveRnnOptions(where, options, n);
  const net: LayersRnn = { ...net0, model: buildModel(net0) };
  net.model.setWeights(net0.model.getWeights()); // train a copy: net0 stays as it was
  const X = sequenceTensor(tf, data.X);
  const Y = targetTensor(tf, data.Y, data.targets);
  const validation = options.validation ?? null;
  try {
    const run = await fitLayers(where, {
      model: net.model,
      X,
      Y,
      n,
      options: resolved,
      optimizer: options.optimizer,
      onCheck: options.onCheck,
      batchLoss: (out, y, rows) => batchLoss(tf, net, out, y, rows, T),
      measure: () => ({
        train: measureOutputs(net, predictRecurrent(net, data.X), data.Y),
        validation: validation
          ? measureOutputs(net, predictRecurrent(net, validation.X), validation.Y)
          : null,
      }),
    });
    return {
      ...run,
      net,
      initial: net0,
      options: { ...resolved, truncate: 0 },
      backend: { name: used.name as "tfjs-cpu" | "tfjs-wasm", detail: used.detail },
    };
  } finally {
    tf.dispose([X, Y]);
  }
}

/** What fitLayers trains: a tfjs model on data already in tensors. */
export interface LayersFit {
  model: LayersModel;
  X: Tensor;
  Y: Tensor;
  /** Samples (rows of X and Y). */
  n: number;
  /** As resolveRnnOptions gives them. */
  options: RnnTrainResult["options"];
  optimizer: RnnTrainOptions["optimizer"];
  onCheck: RnnTrainOptions["onCheck"];
  /** The mean loss of a batch, from the model's output (before g) and the targets. */
  batchLoss(out: Tensor, y: Tensor, rows: number): Tensor;
  /** Loss and accuracy on the training (and validation) set, with the current weights. */
  measure(): {
    train: { loss: number; accuracy: number };
    validation: { loss: number; accuracy: number } | null;
  };
}

/**
 * The training loop for tfjs models (the recurrent nets here, the CNN of notebook 07): seeded
 * shuffling and mini-batches as trainRnn's, the lib's optimizers' settings on tfjs's optimizers,
 * decay, clipping by norm, checks and the stopping rule — the result without net and options.
 */
export async function fitLayers(
  where: string,
  fit: LayersFit,
): Promise<Omit<RnnTrainResult<never>, "net" | "initial" | "options" | "backend">> {
  const tf = tfjs();
  const { n, options: resolved } = fit;
  const { eta: eta0, batchSize, maxEpoch, checkEvery, seed, decay } = resolved;
  const clip = resolved.clip ?? Infinity;
  // the lib's checks of the optimizer's name and settings, and its defaults
  const spec = optimizerState(fit.optimizer ?? "sgd", { W: [], B: [] }, where);
  const optimizer = makeOptimizer(spec.name, spec.settings, eta0);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng: RngState = seedState(seed);
  const history: RnnCheck[] = [];
  const started = performance.now();
  let epoch = 0;
  let iteration = 0;
  let norms = { sum: 0, max: 0, count: 0 };
  let status: RnnTrainResult["status"] | null = null;
  let reason = "";
  const check = (): void => {
    const { train: t, validation: v } = fit.measure();
    const entry: RnnCheck = {
      epoch,
      iteration,
      eta: decay
        ? decayedEta(eta0, decay.rate, iteration, decay.steps, decay.staircase === true)
        : eta0,
      trainLoss: t.loss,
      trainAccuracy: t.accuracy,
      validationLoss: v ? v.loss : null,
      validationAccuracy: v ? v.accuracy : null,
      gradientNorm: { mean: norms.count ? norms.sum / norms.count : 0, max: norms.max },
    };
    norms = { sum: 0, max: 0, count: 0 };
    history.push(entry);
    const stop = verdict(v ? v.loss : t.loss, epoch, resolved);
    if (stop) ({ status, reason } = stop);
    fit.onCheck?.(entry, {
      epoch,
      maxEpoch,
      iteration,
      elapsedMs: performance.now() - started,
    });
  };
  try {
    check();
    while (status === null) {
      shuffleInPlace(order, rng);
      for (let from = 0; from < n; from += batchSize) {
        const rows = Math.min(batchSize, n - from);
        if (decay) {
          // (tfjs's SGD and momentum keep −η as a tensor: setLearningRate renews it)
          setLearningRate(
            optimizer,
            decayedEta(eta0, decay.rate, iteration, decay.steps, decay.staircase === true),
          );
        }
        const norm = tf.tidy(() => {
          const pick = tf.tensor1d(order.slice(from, from + rows), "int32");
          const xb = tf.gather(fit.X, pick);
          const yb = tf.gather(fit.Y, pick);
          const { grads } = tf.variableGrads(() => fit.batchLoss(fit.model.apply(xb), yb, rows));
          const names = Object.keys(grads);
          // one read-back per step: the squared lengths added up on the backend
          const total = Math.sqrt(
            tf.addN(names.map((name) => tf.sum(tf.square(grads[name])))).dataSync()[0],
          );
          const k = total > clip ? clip / total : 1;
          const scaled: Record<string, Tensor> = {};
          for (const name of names) scaled[name] = k === 1 ? grads[name] : tf.mul(grads[name], k);
          optimizer.applyGradients(scaled);
          return total;
        });
        norms.sum += norm;
        norms.count++;
        if (norm > norms.max || norm !== norm) norms.max = norm;
        iteration++;
      }
      epoch++;
      if (epoch % checkEvery === 0 || epoch >= maxEpoch) {
        check();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    optimizer.dispose();
  }
  const ms = performance.now() - started;
  return {
    status: status as unknown as RnnTrainResult["status"],
    epochs: epoch,
    iterations: iteration,
    reason,
    history,
    final: history[history.length - 1],
    timings: { ms, epochsPerSecond: epoch / (ms / 1000) },
  };
}

/** The loss of a batch: the loss paired with the output, averaged over sequences and outputs read
 * (as trainRnn's). `out` holds the output layer's z = s·V + c before g. */
function batchLoss(
  tf: TfOps,
  net: LayersRnn,
  out: Tensor,
  y: Tensor,
  rows: number,
  T: number,
): Tensor {
  const steps = net.targets === "every" ? T : 1;
  return tf.div(pairedLoss(tf, net.output, out, y), rows * steps);
}

/** [n, T, I] from X[t] (n×I each). */
function sequenceTensor(tf: TfOps, X: Matrix[]): Tensor {
  const n = X[0].rows;
  const I = X[0].cols;
  const T = X.length;
  const values = new Float32Array(n * T * I);
  for (let t = 0; t < T; t++) {
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < I; i++) values[(r * T + t) * I + i] = X[t].data[r * I + i];
    }
  }
  return tf.tensor(values, [n, T, I], "float32");
}

/** Targets as the model's output is shaped: [n, T, O] (every step) or [n, O] (last). */
function targetTensor(tf: TfOps, Y: Matrix[], targets: "every" | "last"): Tensor {
  if (targets === "last")
    return tf.tensor(Float32Array.from(Y[0].data), [Y[0].rows, Y[0].cols], "float32");
  return sequenceTensor(tf, Y);
}

/** The model's z (before g) → the outputs after g, as Matrix[] like rnnPredict's. */
function outputsOf(net: LayersRnn, z: Tensor, n: number, T: number): Matrix[] {
  const tf = tfjs();
  const g =
    net.output === "identity" ? z : net.output === "sigmoid" ? tf.sigmoid(z) : tf.softmax(z);
  const values = g.dataSync();
  const O = net.sizes.outputs;
  if (net.targets === "last") return [matrix(n, O, Float64Array.from(values))];
  return Array.from({ length: T }, (_, t) => {
    const M = matrix(n, O);
    for (let r = 0; r < n; r++)
      for (let j = 0; j < O; j++) M.data[r * O + j] = values[(r * T + t) * O + j];
    return M;
  });
}

/** tfjs's optimizer with the lib's settings (defaults filled in by optimizerState). Its update
 * rules are tfjs's own: they match optimizers.ts except that tfjs's RMSProp divides by √(s + ε)
 * where the lib divides by √s + ε. */
function makeOptimizer(
  name: OptimizerName,
  settings: { beta?: number; beta1?: number; beta2?: number; epsilon?: number },
  eta: number,
): TfOptimizer {
  const train = layersApi().train;
  if (name === "momentum") return train.momentum(eta, settings.beta ?? 0.9);
  if (name === "rmsprop")
    return train.rmsprop(eta, settings.beta ?? 0.9, 0, settings.epsilon ?? 1e-6);
  if (name === "adam") {
    return train.adam(
      eta,
      settings.beta1 ?? 0.9,
      settings.beta2 ?? 0.999,
      settings.epsilon ?? 1e-8,
    );
  }
  return train.sgd(eta);
}

function setLearningRate(optimizer: TfOptimizer, eta: number): void {
  if (typeof optimizer.setLearningRate === "function") optimizer.setLearningRate(eta);
  else optimizer.learningRate = eta;
}

/** The cell, then a dense layer giving z = s·V + c (g is applied outside, with the loss). */
function buildModel(spec: Omit<LayersRnn, "model">): LayersModel {
  const tf = layersApi();
  const { inputs: I, hidden: H, outputs: O } = spec.sizes;
  const model = tf.sequential();
  model.add(
    tf.layers[spec.cell]({
      units: H,
      inputShape: [null, I],
      returnSequences: spec.targets === "every",
      kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: spec.seed + 1 }),
      ...(spec.cell === "lstm" ? { unitForgetBias: true } : {}),
    }),
  );
  model.add(
    tf.layers.dense({
      units: O,
      kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed + 2 }),
    }),
  );
  return model;
}

// ---------------------------------------------------------------------------------------------
// The part of tfjs's layers API used here, typed (see tfjs/ops.ts for why not tfjs's own types).

export interface LayersModel {
  add(layer: unknown): void;
  apply(x: Tensor): Tensor;
  predict(x: Tensor): Tensor;
  getWeights(): Tensor[];
  setWeights(weights: Tensor[]): void;
  countParams(): number;
}

interface TfOptimizer {
  learningRate: number;
  /** SGD and momentum only (they cache −η in a tensor). */
  setLearningRate?(eta: number): void;
  applyGradients(grads: Record<string, Tensor>): void;
  dispose(): void;
}

interface LayersApi {
  sequential(): LayersModel;
  layers: Record<CellName, (config: object) => unknown> & { dense(config: object): unknown };
  initializers: {
    glorotUniform(config: { seed: number }): unknown;
    orthogonal(config: { seed: number }): unknown;
  };
  train: {
    sgd(eta: number): TfOptimizer;
    momentum(eta: number, beta: number): TfOptimizer;
    rmsprop(eta: number, decay: number, momentum: number, epsilon: number): TfOptimizer;
    adam(eta: number, beta1: number, beta2: number, epsilon: number): TfOptimizer;
  };
}

function layersApi(): LayersApi {
  return tfjs() as unknown as LayersApi;
}
