// A small convolutional network 卷积神经网络 for the digits, from TensorFlow.js's layers: a
// convolution (`filters` kernels of kernel×kernel, relu) → max pooling (pool×pool) → a dense softmax
// over the 10 digits. Each kernel slides over the image as conv2d does (convolution.ts) and learns
// its own weights. Trained by the same loop as the tfjs recurrent nets (fitLayers), with train's
// options and result shape; the same budget as an MLP makes the comparison fair. Taught in
// notebooks/07-digits.ipynb.

import { startBackend, tfjs } from "../backend";
import type { DataSet } from "../data";
import { softmaxCrossEntropy } from "../losses";
import { classificationAccuracy } from "../metrics";
import { type Matrix, matrix } from "../matrix";
import { fitLayers, type LayersModel } from "../rnn/tfjs-layers";
import { pairedLoss } from "../rnn/tfjs-rnn";
import {
  resolveRnnOptions,
  rnnTrainOptionNames,
  type RnnTrainOptions,
  type RnnTrainResult,
} from "../rnn/train-rnn";
import type { Tensor, TfOps } from "../tfjs/ops";
import { checkNumber, checkOptionNames, describe } from "../validate";
import { DIGIT_PIXELS, DIGIT_SIDE } from "./digits";

export interface LayersCnn {
  kind: "cnn";
  filters: number;
  kernel: number;
  pool: number;
  seed: number;
  /** The tfjs model (read it through predictCnn and trainCnn). */
  model: LayersModel;
}

export interface CnnOptions {
  /** Kernels in the convolution (default 8). */
  filters?: number;
  /** Their size, kernel×kernel (default 5). */
  kernel?: number;
  /** Max pooling over pool×pool (default 2). */
  pool?: number;
  /** Seed of the initial weights (default 1). */
  seed?: number;
}

/** The CNN: conv (relu) → max pool → dense softmax, seeded. */
export function layersCnn(options: CnnOptions = {}): LayersCnn {
  checkOptionNames("layersCnn", options, ["filters", "kernel", "pool", "seed"]);
  const spec = {
    kind: "cnn" as const,
    filters: checkNumber("layersCnn", "filters", options.filters ?? 8, { min: 1, integer: true }),
    kernel: checkNumber("layersCnn", "kernel", options.kernel ?? 5, {
      min: 1,
      max: DIGIT_SIDE,
      integer: true,
    }),
    pool: checkNumber("layersCnn", "pool", options.pool ?? 2, { min: 1, integer: true }),
    seed: checkNumber("layersCnn", "seed", options.seed ?? 1, { integer: true }),
  };
  return { ...spec, model: buildCnn(spec) };
}

/** Parameters to learn: filters·(kernel² + 1) in the convolution, the dense layer's the rest. */
export function cnnParameterCount(net: LayersCnn): number {
  return net.model.countParams();
}

/** Trains a copy of the CNN on digits (X n×784, one-hot Y), with trainRnn's options (less
 * truncate) and a validation DataSet, on tfjs-wasm (with the kernel gradient tfjs/wasm-conv-filter.ts
 * adds) or, on request, tfjs-cpu. */
export async function trainCnn(
  net0: LayersCnn,
  data: DataSet,
  options: Omit<RnnTrainOptions, "validation" | "truncate"> & {
    validation?: DataSet;
    backend?: "tfjs-cpu" | "tfjs-wasm";
  },
): Promise<RnnTrainResult<LayersCnn>> {
  const where = "trainCnn";
  if (!options || typeof options !== "object") {
    throw new Error(
      `${where}: options must be an object, e.g. { eta: 0.01, batchSize: 32, maxEpoch: 2, optimizer: "adam" }.`,
    );
  }
  checkOptionNames(
    where,
    options,
    [...rnnTrainOptionNames, "backend"].filter((name) => name !== "truncate"),
  );
  checkDigitSet(where, data, "data");
  if (options.validation) checkDigitSet(where, options.validation, "validation");
  const backend = options.backend ?? "tfjs-wasm";
  if (backend !== "tfjs-cpu" && backend !== "tfjs-wasm") {
    throw new Error(
      `${where}: backend must be 'tfjs-wasm' (the default) or 'tfjs-cpu' (got ${describe(backend)}).`,
    );
  }
  const used = await startBackend(backend);
  const tf = tfjs();
  const resolved = resolveRnnOptions(where, { ...options, validation: undefined }, data.X.rows);
  resolved.validation = options.validation !== undefined;
  const net: LayersCnn = { ...net0, model: buildCnn(net0) };
  net.model.setWeights(net0.model.getWeights()); // train a copy
  const X = imageTensor(tf, data.X);
  const Y = tf.tensor(Float32Array.from(data.Y.data), [data.Y.rows, 10], "float32");
  const validation = options.validation ?? null;
  try {
    const run = await fitLayers(where, {
      model: net.model,
      X,
      Y,
      n: data.X.rows,
      options: resolved,
      optimizer: options.optimizer,
      onCheck: options.onCheck,
      batchLoss: (out, y, rows) => tf.div(pairedLoss(tf, "softmax", out, y), rows),
      measure: () => ({
        train: evaluateCnn(net, data),
        validation: validation ? evaluateCnn(net, validation) : null,
      }),
    });
    return {
      ...run,
      net,
      initial: net0,
      options: resolved,
      backend: { name: backend, detail: used.detail },
    };
  } finally {
    tf.dispose([X, Y]);
  }
}

/** The CNN's probabilities for each row of X (n×784) → n×10. */
export function predictCnn(net: LayersCnn, X: Matrix): Matrix {
  const tf = tfjs();
  const values = tf.tidy(() => tf.softmax(net.model.predict(imageTensor(tf, X))).dataSync());
  return matrix(X.rows, 10, Float64Array.from(values));
}

/** Cross-entropy and accuracy on a digit set (the numbers a check reports). */
export function evaluateCnn(net: LayersCnn, data: DataSet): { loss: number; accuracy: number } {
  const P = predictCnn(net, data.X);
  return {
    loss: softmaxCrossEntropy.value(P, data.Y),
    accuracy: classificationAccuracy(P, data.Y),
  };
}

function checkDigitSet(where: string, data: DataSet, name: string): void {
  if (
    !data?.X ||
    !data?.Y ||
    data.X.cols !== DIGIT_PIXELS ||
    data.Y.cols !== 10 ||
    data.X.rows !== data.Y.rows
  ) {
    throw new Error(
      `${where}: ${name} must be digits as loadDigits gives them — X n×784 and one-hot Y n×10 (got X ${data?.X?.rows}×${data?.X?.cols}, Y ${data?.Y?.rows}×${data?.Y?.cols}).`,
    );
  }
}

/** [n, 28, 28, 1] from X (n×784). */
function imageTensor(tf: TfOps, X: Matrix): Tensor {
  return tf.tensor(Float32Array.from(X.data), [X.rows, DIGIT_SIDE, DIGIT_SIDE, 1], "float32");
}

function buildCnn(spec: Omit<LayersCnn, "model">): LayersModel {
  const tf = tfjs() as unknown as CnnApi;
  const model = tf.sequential();
  model.add(
    tf.layers.conv2d({
      inputShape: [DIGIT_SIDE, DIGIT_SIDE, 1],
      filters: spec.filters,
      kernelSize: spec.kernel,
      activation: "relu",
      kernelInitializer: tf.initializers.heNormal({ seed: spec.seed }),
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: spec.pool }));
  model.add(tf.layers.flatten());
  model.add(
    tf.layers.dense({
      units: 10,
      kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed + 1 }),
    }),
  );
  return model;
}

/** The part of tfjs's layers API the CNN uses (see tfjs/ops.ts for why not tfjs's own types). */
interface CnnApi {
  sequential(): LayersModel;
  layers: {
    conv2d(config: object): unknown;
    maxPooling2d(config: object): unknown;
    flatten(): unknown;
    dense(config: object): unknown;
  };
  initializers: {
    heNormal(config: { seed: number }): unknown;
    glorotUniform(config: { seed: number }): unknown;
  };
}
