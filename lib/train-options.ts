// The options of a training run 训练的超参数: what `train(net, data, { eta, batchSize, maxEpoch, … })`
// accepts, each checked once with a message that names the fix, and resolved with its default
// filled in before the first epoch. Taught in notebooks/03-backprop.ipynb (the first training run)
// and notebooks/05-hyperparameters.ipynb (what each setting does). The loop itself is in train.ts.

import { type BackendName, backendInUse, checkBackendName } from "./backend";
import type { DataSet } from "./data";
import type { Decay } from "./hyperparameters";
import { checkLossFits, defaultLoss, type Loss, loss as lossByName, type LossSpec } from "./losses";
import { accuracyKind } from "./metrics";
import { type Matrix, sliceRows } from "./matrix";
import { type Network, outputActivation } from "./network";
import type { OptimizerSpec } from "./optimizers";
import { seedRule } from "./rng";
import type { Check, Progress } from "./train";
import { checkDataSet, checkNetwork, checkWeights } from "./validate-network";
import { checkNumber, checkOptionNames, describe } from "./validate";

export interface TrainOptions {
  /** The learning rate η (> 0); the lecture uses 0.1 to 0.7. */
  eta: number;
  /** Samples per mini-batch, 1 … n (n = the training samples left after the validation split). */
  batchSize: number;
  /** Stop after this many epochs (passes over the training set). */
  maxEpoch: number;
  /** Stop ("converged") when the validation loss (the training loss when there is no validation
   * set) is ≤ eps at a check; 0 (default) = never. */
  eps?: number;
  /** Epochs between checks (default 1; the course's curves use 50). */
  checkEvery?: number;
  /** The fraction of the training set, from its start, held out for validation (default 0.1, as in
   * the course; 0 when the set has fewer than 20 samples, where a tenth would be a single sample), or
   * a separate DataSet; 0 = none. */
  validation?: number | DataSet;
  /** Default: the loss that goes with the output activation (identity → halfMse, sigmoid →
   * binaryCrossEntropy, softmax → softmaxCrossEntropy). */
  loss?: LossSpec;
  /** Default "sgd". */
  optimizer?: OptimizerSpec;
  /** Learning-rate decay: eta · rate^(iteration / steps), counting mini-batch steps; with
   * `staircase: true`, eta · rate^⌊iteration / steps⌋. */
  decay?: Decay;
  /** L2 regularisation λ: the loss gains λ/(2m)·ΣW² and dW gains λ/m·W. Default 0. */
  l2?: number;
  /** Seed for the batch shuffling (default 1). */
  seed?: number;
  /** Shuffle the training samples every epoch (default true), or a function of your own that
   * reorders `order` (the sample numbers, see the top of train.ts) in place at each epoch's start. */
  shuffle?: boolean | ((order: Int32Array, epoch: number) => void);
  /** Called after every check, e.g. to redraw a live plot. */
  onCheck?: (check: Check, progress: Progress) => void;
  /** Called before every mini-batch step with the training samples it uses (numbers into the
   * training part, in batch order). For checking the order from outside; it slows training. */
  onBatch?: (batch: { epoch: number; iteration: number; samples: Int32Array }) => void;
  /** A loss above this counts as diverged (default Infinity: only NaN/Inf). */
  maxLoss?: number;
  /** A training loss that grows to more than this many times the loss of the starting weights
   * counts as diverged (default 100; Infinity: never). */
  maxGrowth?: number;
  /** Where the arithmetic runs (default: what useBackend chose, at first "plain"); see backend.ts. */
  backend?: BackendName;
}

/** Every option as the run used it, defaults filled in (a TrainResult's `options`). */
export interface ResolvedTrainOptions {
  eta: number;
  batchSize: number;
  maxEpoch: number;
  eps: number;
  checkEvery: number;
  /** The fraction held out, or the separate validation set. */
  validation: number | DataSet;
  loss: string;
  optimizer: OptimizerSpec;
  decay: Decay | null;
  l2: number;
  seed: number;
  /** "custom" when a function of your own did the shuffling. */
  shuffle: boolean | "custom";
  maxLoss: number;
  maxGrowth: number;
  /** The backend asked for ("auto" included); the result's `backend` says which one trained. */
  backend: BackendName;
  /** How accuracy is measured. */
  accuracy: "r2" | "classification";
  /** Training and validation samples. */
  trainSamples: number;
  validationSamples: number;
}

export const trainOptionNames = [
  "eta",
  "batchSize",
  "maxEpoch",
  "eps",
  "checkEvery",
  "validation",
  "loss",
  "optimizer",
  "decay",
  "l2",
  "seed",
  "shuffle",
  "onCheck",
  "onBatch",
  "maxLoss",
  "maxGrowth",
  "backend",
] as const;

/** What prepare needs to build a run: the resolved options, the loss, how accuracy is measured,
 * and the training and validation sets after the split. */
export interface ResolvedRun {
  options: ResolvedTrainOptions;
  lossFn: Loss;
  accuracy: (A: Matrix, Y: Matrix) => number;
  trainSet: DataSet;
  validationSet: DataSet | null;
}

/** Checks the arguments of train and resolves its options, in four named steps: the settings,
 * the validation split, the batch size, the loss. */
export function resolveTrainOptions(
  where: string,
  net: Network,
  data: DataSet,
  options: TrainOptions,
): ResolvedRun {
  checkArguments(where, net, data, options);
  const settings = resolveSettings(where, options);
  const { trainSet, validationSet } = splitValidation(where, net, data, options.validation);
  const batchSize = checkBatchSize(where, options.batchSize, trainSet, validationSet, options);
  const { lossFn, kind } = resolveLoss(where, net, options.loss, trainSet, validationSet);
  return {
    options: {
      ...settings,
      batchSize,
      validation: options.validation ?? defaultValidation(data.X.rows),
      loss: lossFn.name,
      accuracy: kind.name,
      trainSamples: trainSet.X.rows,
      validationSamples: validationSet ? validationSet.X.rows : 0,
    },
    lossFn,
    accuracy: kind.measure,
    trainSet,
    validationSet,
  };
}

function checkArguments(where: string, net: Network, data: DataSet, options: TrainOptions): void {
  checkNetwork(where, net);
  checkWeights(where, net);
  if (typeof options !== "object" || options === null) {
    throw new Error(
      `${where}: options must be an object like { eta: 0.5, batchSize: 10, maxEpoch: 10000 }.`,
    );
  }
  checkOptionNames(where, options, trainOptionNames);
  if (typeof data === "object" && data !== null && "train" in data && !("X" in data)) {
    throw new Error(`${where}: data must be { X, Y }; for a loaded data set pass its .train part.`);
  }
  checkDataSet(where, net, data, "data");
}

type Settings = Omit<
  ResolvedTrainOptions,
  "batchSize" | "validation" | "loss" | "accuracy" | "trainSamples" | "validationSamples"
>;

/** Every numeric option checked once, with its default filled in. */
function resolveSettings(where: string, options: TrainOptions): Settings {
  const eta = checkNumber(where, "eta", options.eta, { above: 0 }, "The lecture uses 0.1 to 0.7.");
  const maxEpoch = checkNumber(where, "maxEpoch", options.maxEpoch, { integer: true, min: 1 });
  const eps = checkNumber(where, "eps", options.eps ?? 0, { min: 0 }, "0 means never stop early.");
  const checkEvery = checkNumber(where, "checkEvery", options.checkEvery ?? 1, {
    integer: true,
    min: 1,
  });
  const l2 = checkNumber(where, "l2", options.l2 ?? 0, { min: 0 });
  const seed = checkNumber(where, "seed", options.seed ?? 1, seedRule, "Use e.g. 1 or 2024.");
  const maxLoss = options.maxLoss ?? Infinity;
  if (typeof maxLoss !== "number" || !(maxLoss > 0)) {
    throw new Error(`${where}: maxLoss must be a number > 0 (got ${describe(maxLoss)}).`);
  }
  const maxGrowth = options.maxGrowth ?? 100;
  if (typeof maxGrowth !== "number" || !(maxGrowth > 1)) {
    throw new Error(
      `${where}: maxGrowth must be a number > 1, or Infinity (got ${describe(maxGrowth)}).`,
    );
  }
  const shuffle = options.shuffle ?? true;
  if (typeof shuffle !== "boolean" && typeof shuffle !== "function") {
    throw new Error(
      `${where}: shuffle must be true, false or a function (order, epoch) => void that reorders order.`,
    );
  }
  const backend = options.backend ?? backendInUse();
  checkBackendName(where, backend);
  for (const hook of ["onCheck", "onBatch"] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== "function") {
      const args = hook === "onCheck" ? "(check, progress)" : "(batch)";
      throw new Error(`${where}: ${hook} must be a function ${args} => void.`);
    }
  }
  return {
    eta,
    maxEpoch,
    eps,
    checkEvery,
    optimizer: options.optimizer ?? "sgd",
    decay: resolveDecay(where, options.decay),
    l2,
    seed,
    shuffle: typeof shuffle === "function" ? "custom" : shuffle,
    maxLoss,
    maxGrowth,
    backend,
  };
}

function resolveDecay(where: string, d: Decay | undefined): Decay | null {
  if (d === undefined) return null;
  if (typeof d !== "object" || d === null) {
    throw new Error(`${where}: decay must be { rate, steps }, e.g. { rate: 0.5, steps: 1000 }.`);
  }
  checkOptionNames(`${where}: decay`, d, ["rate", "steps", "staircase"]);
  if (d.staircase !== undefined && typeof d.staircase !== "boolean") {
    throw new Error(
      `${where}: decay.staircase must be true or false (got ${describe(d.staircase)}).`,
    );
  }
  const decay: Decay = {
    rate: checkNumber(where, "decay.rate", d.rate, { above: 0, max: 1 }, "e.g. 0.5"),
    steps: checkNumber(where, "decay.steps", d.steps, { above: 0 }, "mini-batch steps per decay"),
  };
  if (d.staircase) decay.staircase = true;
  return decay;
}

/** The course's first 10%, except for sets too small for a tenth to be more than one sample. */
function defaultValidation(n: number): number {
  return n >= 20 ? 0.1 : 0;
}

/** The training part and the validation set: the first fraction of the data (the course takes
 * the first 10%), or a separate set. */
export function splitValidation(
  where: string,
  net: Network,
  data: DataSet,
  option: number | DataSet | undefined,
): { trainSet: DataSet; validationSet: DataSet | null } {
  const n = data.X.rows;
  const validation = option ?? defaultValidation(n);
  if (typeof validation !== "number") {
    checkDataSet(where, net, validation, "validation");
    return { trainSet: data, validationSet: validation };
  }
  checkNumber(where, "validation", validation, { min: 0, below: 1 }, "The course uses 0.1.");
  const nValidation = Math.floor(n * validation);
  if (validation > 0 && nValidation === 0) {
    throw new Error(
      `${where}: validation ${validation} of ${n} samples is less than one sample; ` +
        `pass validation: 0 to train without a validation set.`,
    );
  }
  if (nValidation === 0) return { trainSet: data, validationSet: null };
  return {
    validationSet: { X: sliceRows(data.X, 0, nValidation), Y: sliceRows(data.Y, 0, nValidation) },
    trainSet: { X: sliceRows(data.X, nValidation, n), Y: sliceRows(data.Y, nValidation, n) },
  };
}

function checkBatchSize(
  where: string,
  value: number,
  trainSet: DataSet,
  validationSet: DataSet | null,
  options: TrainOptions,
): number {
  const nTrain = trainSet.X.rows;
  const batchSize = checkNumber(where, "batchSize", value, { integer: true, min: 1 });
  if (batchSize > nTrain) {
    const held =
      validationSet && typeof options.validation !== "object"
        ? ` after ${validationSet.X.rows} were taken for validation`
        : "";
    throw new Error(
      `${where}: batchSize ${batchSize} is more than the ${nTrain} training samples${held}; ` +
        `use batchSize ≤ ${nTrain}.`,
    );
  }
  return batchSize;
}

/** The loss (the output activation's own unless given) and how accuracy is measured; R² needs
 * targets that vary. */
function resolveLoss(
  where: string,
  net: Network,
  option: LossSpec | undefined,
  trainSet: DataSet,
  validationSet: DataSet | null,
): { lossFn: Loss; kind: ReturnType<typeof accuracyKind> } {
  const output = outputActivation(net).name;
  const lossFn = option === undefined ? defaultLoss(output) : lossByName(option);
  checkLossFits(where, lossFn, output, trainSet.Y, "data.Y");
  if (validationSet) checkLossFits(where, lossFn, output, validationSet.Y, "validation.Y");
  const kind = accuracyKind(output);
  if (kind.name === "r2") {
    for (const [name, set] of [
      ["training", trainSet],
      ["validation", validationSet],
    ] as const) {
      if (name === "validation" && set && set.Y.rows === 1) {
        throw new Error(
          `${where}: the ${name} set has only 1 sample, and R² (the accuracy) needs targets that ` +
            `vary; use a larger validation fraction, or validation: 0 to train without one.`,
        );
      }
      if (set && isConstant(set.Y)) {
        throw new Error(
          `${where}: every target in the ${name} set is the same, so R² (the accuracy) is undefined; ` +
            `check the data${name === "validation" ? " or use a larger validation fraction" : ""}.`,
        );
      }
    }
  }
  return { lossFn, kind };
}

/** Every buffer the run will use, allocated here, before the first epoch. */
function isConstant(Y: Matrix): boolean {
  for (let j = 0; j < Y.cols; j++) {
    for (let i = 1; i < Y.rows; i++) if (Y.data[i * Y.cols + j] !== Y.data[j]) return false;
  }
  return true;
}
