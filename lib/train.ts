// The training loop 训练: mini-batch gradient descent, as in the lecture's code.
//
//   for each epoch:
//     shuffle the training samples (seeded)
//     for each mini-batch of batchSize samples:
//       forward → backward → optimizer step (W ← W − η·dW for SGD)
//     every checkEvery epochs: loss and accuracy on the training and validation sets;
//       stop when the validation loss (training loss without a validation set) ≤ eps ("converged")
//   NaN/Inf in the weights (checked after every epoch) or in a loss stops the run ("diverged").
//
// `train` never changes the network it is given: it trains a copy and returns it, so several runs
// can start from the same initial weights (the lecture's create_new = False). Every buffer is
// allocated before the first epoch; the loop itself allocates nothing.

import { checkLossFits, defaultLoss, type Loss, loss as lossByName, type LossSpec } from "./losses";
import { formatNumber } from "./format";
import { accuracyKind } from "./metrics";
import { emptyMatrix, isMatrix, type Matrix, sliceRows, zerosLike } from "./matrix";
import * as networkOps from "./network";
import {
  type BatchBuffers,
  checkInput,
  checkNetwork,
  checkTargets,
  copyNetwork,
  isLectureNet,
  l2Penalty,
  type Network,
  outputActivation,
} from "./network";
import { createOptimizer, decayedEta, type Optimizer, type OptimizerSpec } from "./optimizers";
import { type RngState, seedRule, seedState, shuffleInPlace } from "./rng";
import { checkNumber, checkOptionNames, describe } from "./validate";

// Module-local names for the hot loop's calls (see the note in network.ts).
const { backwardInto, forwardInto, lectureNetForward, lectureNetGradients } = networkOps;

/** Inputs and targets: X is n×inputs, Y is n×outputs (one row per sample). */
export interface DataSet {
  X: Matrix;
  Y: Matrix;
}

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
  /** Learning-rate decay: eta · rate^(iteration / steps), counting mini-batch steps. */
  decay?: { rate: number; steps: number };
  /** L2 regularisation λ: the loss gains λ/(2m)·ΣW² and dW gains λ/m·W. Default 0. */
  l2?: number;
  /** Seed for the batch shuffling (default 1). */
  seed?: number;
  /** Shuffle the training samples every epoch (default true). */
  shuffle?: boolean;
  /** Called after every check, e.g. to redraw a live plot. */
  onCheck?: (check: Check, progress: Progress) => void;
  /** A loss above this counts as diverged (default Infinity: only NaN/Inf). */
  maxLoss?: number;
}

/** The numbers measured at a check. Accuracy is R² for regression and the fraction classified
 * correctly for classifiers (sigmoid or softmax output). */
export interface Check {
  epoch: number;
  /** Mini-batch steps so far. */
  iteration: number;
  /** The learning rate at this point: the one the next mini-batch step uses (with decay,
   * eta · rate^(iteration / steps)). */
  eta: number;
  /** Loss over the whole training set (without the validation samples), with the current weights. */
  trainLoss: number;
  trainAccuracy: number;
  /** null when there is no validation set. */
  validationLoss: number | null;
  validationAccuracy: number | null;
}

export interface Progress {
  epoch: number;
  maxEpoch: number;
  iteration: number;
  elapsedMs: number;
  /** The network being trained (read it, do not change it). */
  net: Network;
}

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
  decay: { rate: number; steps: number } | null;
  l2: number;
  seed: number;
  shuffle: boolean;
  maxLoss: number;
  /** How accuracy is measured. */
  accuracy: "r2" | "classification";
  /** Training and validation samples. */
  trainSamples: number;
  validationSamples: number;
}

export type TrainStatus = "converged" | "maxEpoch" | "diverged";

export interface TrainResult {
  /** Why it stopped: validation loss ≤ eps, maxEpoch reached, or NaN/Inf/loss > maxLoss. */
  status: TrainStatus;
  /** Epochs completed. */
  epochs: number;
  /** Mini-batch steps completed. */
  iterations: number;
  /** The same in words, with the numbers. */
  reason: string;
  /** Where the divergence was seen (only when status is "diverged"). */
  divergedAt?: { epoch: number; iteration: number };
  /** Every check, in order. */
  history: Check[];
  /** The last check (taken at the epoch where training stopped). */
  final: Check;
  /** The trained network (a copy: the network passed in is unchanged). */
  net: Network;
  /** A copy of the network as it was before training. */
  initial: Network;
  options: ResolvedTrainOptions;
  timings: { ms: number; epochsPerSecond: number };
}

const trainOptionNames = [
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
  "maxLoss",
] as const;

/** Trains a copy of `net` on `data` and says how it went. */
export function train(net: Network, data: DataSet, options: TrainOptions): TrainResult {
  const run = prepare("train", net, data, options);
  while (!runUntilCheck(run)) {
    // keep going until a check ends the run
  }
  return finish(run);
}

/** The same as `train` (same result for the same arguments), but it lets the event loop run after
 * every check, so that a notebook's live plot redraws while the network trains. */
export async function trainAsync(
  net: Network,
  data: DataSet,
  options: TrainOptions,
): Promise<TrainResult> {
  const run = prepare("trainAsync", net, data, options);
  while (!runUntilCheck(run)) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return finish(run);
}

/** Loss and accuracy of `net` on a data set (the same numbers a check reports). */
export function evaluate(
  net: Network,
  data: DataSet,
  options: { loss?: LossSpec; l2?: number } = {},
): { loss: number; accuracy: number } {
  checkNetwork("evaluate", net);
  checkOptionNames("evaluate", options, ["loss", "l2"]);
  checkDataSet("evaluate", net, data, "data");
  const lossFn =
    options.loss === undefined ? defaultLoss(outputActivation(net).name) : lossByName(options.loss);
  checkLossFits("evaluate", lossFn, outputActivation(net).name, data.Y, "data.Y");
  const l2 = checkNumber("evaluate", "l2", options.l2 ?? 0, { min: 0 });
  const buffers = createBuffers(net, data.X.rows);
  forwardInto(net, data.X, buffers.Z, buffers.A);
  const A = buffers.A[buffers.A.length - 1];
  return {
    loss: lossFn.value(A, data.Y) + l2Penalty(net, l2, data.X.rows),
    accuracy: accuracyKind(outputActivation(net).name).measure(A, data.Y),
  };
}

// ---------------------------------------------------------------------------------------------

/** Buffers for one batch size m: the batch (X, Y) and every layer's Z, A, dA, dZ. */
type Workspace = BatchBuffers;

/** Everything a run needs, allocated once by `prepare`. */
interface Run {
  net: Network;
  initial: Network;
  options: ResolvedTrainOptions;
  lossFn: Loss;
  /** The lecture's 1-H-1 net with halfMse: the fused lectureNetGradients computes the step. */
  lectureNet: boolean;
  accuracy: (A: Matrix, Y: Matrix) => number;
  onCheck: ((check: Check, progress: Progress) => void) | undefined;
  trainSet: DataSet;
  validationSet: DataSet | null;
  /** The order in which the training samples are visited this epoch. */
  order: Int32Array;
  /** The batch-shuffling generator (sfc32 state; see rng.ts). */
  rng: RngState;
  full: Workspace;
  /** For the last, smaller mini-batch when batchSize does not divide n. */
  last: Workspace | null;
  grads: { dW: Matrix[]; dB: Matrix[] };
  /** λ of the L2 penalty, in an array: a number passed to a function V8 does not inline is boxed. */
  l2: Float64Array;
  optimizer: Optimizer;
  trainEval: { Z: Matrix[]; A: Matrix[] };
  validationEval: { Z: Matrix[]; A: Matrix[] } | null;
  epoch: number;
  iteration: number;
  history: Check[];
  status: TrainStatus | null;
  reason: string;
  divergedAt: { epoch: number; iteration: number } | undefined;
  started: number;
  ms: number;
}

function prepare(where: string, net0: Network, data: DataSet, options: TrainOptions): Run {
  checkNetwork(where, net0);
  if (typeof options !== "object" || options === null) {
    throw new Error(
      `${where}: options must be an object like { eta: 0.5, batchSize: 10, maxEpoch: 10000 }.`,
    );
  }
  checkOptionNames(where, options, trainOptionNames);
  if (typeof data === "object" && data !== null && "train" in data && !("X" in data)) {
    throw new Error(`${where}: data must be { X, Y }; for a loaded data set pass its .train part.`);
  }
  checkDataSet(where, net0, data, "data");
  const n = data.X.rows;

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
  const shuffle = options.shuffle ?? true;
  if (typeof shuffle !== "boolean") throw new Error(`${where}: shuffle must be true or false.`);
  let decay: { rate: number; steps: number } | null = null;
  if (options.decay !== undefined) {
    const d = options.decay;
    if (typeof d !== "object" || d === null) {
      throw new Error(`${where}: decay must be { rate, steps }, e.g. { rate: 0.5, steps: 1000 }.`);
    }
    checkOptionNames(`${where}: decay`, d, ["rate", "steps"]);
    decay = {
      rate: checkNumber(where, "decay.rate", d.rate, { above: 0, max: 1 }, "e.g. 0.5"),
      steps: checkNumber(where, "decay.steps", d.steps, { above: 0 }, "mini-batch steps per decay"),
    };
  }
  if (options.onCheck !== undefined && typeof options.onCheck !== "function") {
    throw new Error(`${where}: onCheck must be a function (check, progress) => void.`);
  }

  // Validation: the first fraction of the training set (the course's first 10%), or a separate set.
  const validationOption = options.validation ?? (n >= 20 ? 0.1 : 0);
  let trainSet = data;
  let validationSet: DataSet | null = null;
  if (typeof validationOption === "number") {
    checkNumber(
      where,
      "validation",
      validationOption,
      { min: 0, below: 1 },
      "The course uses 0.1.",
    );
    const nValidation = Math.floor(n * validationOption);
    if (validationOption > 0 && nValidation === 0) {
      throw new Error(
        `${where}: validation ${validationOption} of ${n} samples is less than one sample; ` +
          `pass validation: 0 to train without a validation set.`,
      );
    }
    if (nValidation > 0) {
      validationSet = {
        X: sliceRows(data.X, 0, nValidation),
        Y: sliceRows(data.Y, 0, nValidation),
      };
      trainSet = { X: sliceRows(data.X, nValidation, n), Y: sliceRows(data.Y, nValidation, n) };
    }
  } else {
    checkDataSet(where, net0, validationOption, "validation");
    validationSet = validationOption;
  }
  const nTrain = trainSet.X.rows;
  const batchSize = checkNumber(where, "batchSize", options.batchSize, { integer: true, min: 1 });
  if (batchSize > nTrain) {
    const held =
      validationSet && typeof validationOption === "number"
        ? ` after ${validationSet.X.rows} were taken for validation`
        : "";
    throw new Error(
      `${where}: batchSize ${batchSize} is more than the ${nTrain} training samples${held}; ` +
        `use batchSize ≤ ${nTrain}.`,
    );
  }

  const output = outputActivation(net0).name;
  const lossFn = options.loss === undefined ? defaultLoss(output) : lossByName(options.loss);
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
  const net = copyNetwork(net0);
  const optimizerSpec = options.optimizer ?? "sgd";
  const optimizer = createOptimizer(optimizerSpec, net, eta);
  const resolved: ResolvedTrainOptions = {
    eta,
    batchSize,
    maxEpoch,
    eps,
    checkEvery,
    validation: validationOption,
    loss: lossFn.name,
    optimizer: optimizerSpec,
    decay,
    l2,
    seed,
    shuffle,
    maxLoss,
    accuracy: kind.name,
    trainSamples: nTrain,
    validationSamples: validationSet ? validationSet.X.rows : 0,
  };
  const order = new Int32Array(nTrain);
  for (let i = 0; i < nTrain; i++) order[i] = i;
  return {
    net,
    initial: copyNetwork(net0),
    options: resolved,
    lossFn,
    lectureNet: isLectureNet(net, lossFn),
    accuracy: kind.measure,
    onCheck: options.onCheck,
    trainSet,
    validationSet,
    order,
    rng: seedState(seed),
    full: createWorkspace(net, batchSize),
    last: nTrain % batchSize === 0 ? null : createWorkspace(net, nTrain % batchSize),
    grads: { dW: net.W.map((W) => zerosLike(W)), dB: net.B.map((B) => zerosLike(B)) },
    l2: new Float64Array([resolved.l2]),
    optimizer,
    trainEval: createBuffers(net, nTrain),
    validationEval: validationSet ? createBuffers(net, validationSet.X.rows) : null,
    epoch: 0,
    iteration: 0,
    history: [],
    status: null,
    reason: "",
    divergedAt: undefined,
    started: now(),
    ms: 0,
  };
}

/** Runs epochs until the next check; true when the run is over. */
function runUntilCheck(run: Run): boolean {
  const { maxEpoch, checkEvery, shuffle } = run.options;
  for (;;) {
    // A new order of the samples every epoch. (Here rather than in trainEpoch: inlined there,
    // the shuffle lost its inlined nextUint32, and each uint32 it returned became a heap number.)
    if (shuffle) shuffleInPlace(run.order, run.rng);
    trainEpoch(run);
    // Divergence: the sum of all weights is NaN or ±Infinity as soon as one weight is.
    if (!Number.isFinite(weightSum(run.net))) {
      record(run, measure(run));
      return stop(run, "diverged", divergedReason(run, "the weights"));
    }
    if (run.epoch % checkEvery === 0 || run.epoch === maxEpoch) {
      const check = measure(run);
      record(run, check);
      return decide(run, check);
    }
  }
}

/** Adds a check to the history and tells onCheck. */
function record(run: Run, check: Check): void {
  run.history.push(check);
  if (run.onCheck) {
    run.onCheck(check, {
      epoch: run.epoch,
      maxEpoch: run.options.maxEpoch,
      iteration: run.iteration,
      elapsedMs: now() - run.started,
      net: run.net,
    });
  }
}

/** One pass over the training set in mini-batches. This is the hot loop: it allocates nothing. */
function trainEpoch(run: Run): void {
  const { batchSize, eta, decay } = run.options;
  const n = run.trainSet.X.rows;
  for (let start = 0; start < n; start += batchSize) {
    const batch = start + batchSize <= n ? run.full : (run.last as Workspace);
    gatherBatch(run.trainSet, run.order, start, batch); // batch_x, batch_y
    if (run.lectureNet) {
      lectureNetGradients(run.net, batch, run.l2, run.grads); // the same numbers, fused (network.ts)
    } else {
      forwardInto(run.net, batch.X, batch.Z, batch.A);
      backwardInto(run.net, batch, run.lossFn, run.l2, run.grads);
    }
    if (decay !== null) {
      // Written, not passed: a number passed to a function V8 does not inline is boxed (allocated).
      run.optimizer.eta[0] = decayedEta(eta, decay.rate, run.iteration, decay.steps);
    }
    run.optimizer.step(run.net, run.grads);
    run.iteration++;
  }
  run.epoch++;
}

/** Loss and accuracy on the training and validation sets with the current weights. */
function measure(run: Run): Check {
  const { l2, decay, eta } = run.options;
  const trainPart = evaluateInto(run, run.trainSet, run.trainEval);
  const validationPart =
    run.validationSet && run.validationEval
      ? evaluateInto(run, run.validationSet, run.validationEval)
      : null;
  return {
    epoch: run.epoch,
    iteration: run.iteration,
    eta: decay === null ? eta : decayedEta(eta, decay.rate, run.iteration, decay.steps),
    trainLoss: trainPart.loss + (l2 > 0 ? l2Penalty(run.net, l2, run.trainSet.X.rows) : 0),
    trainAccuracy: trainPart.accuracy,
    validationLoss: validationPart
      ? validationPart.loss +
        (l2 > 0 ? l2Penalty(run.net, l2, (run.validationSet as DataSet).X.rows) : 0)
      : null,
    validationAccuracy: validationPart ? validationPart.accuracy : null,
  };
}

function evaluateInto(
  run: Run,
  set: DataSet,
  buffers: { Z: Matrix[]; A: Matrix[] },
): { loss: number; accuracy: number } {
  if (run.lectureNet) {
    // A1 and A2 (= Z2) as forwardInto computes them, bit for bit, without Z1 (network.ts)
    lectureNetForward(run.net, set.X.data, set.X.rows, buffers.A[0].data, buffers.A[1].data);
  } else {
    forwardInto(run.net, set.X, buffers.Z, buffers.A);
  }
  const A = buffers.A[buffers.A.length - 1];
  return { loss: run.lossFn.value(A, set.Y), accuracy: run.accuracy(A, set.Y) };
}

/** After a check: stop (converged / diverged / maxEpoch) or go on. */
function decide(run: Run, check: Check): boolean {
  const { eps, maxEpoch, maxLoss } = run.options;
  const losses =
    check.validationLoss === null ? [check.trainLoss] : [check.trainLoss, check.validationLoss];
  if (losses.some((l) => !Number.isFinite(l)))
    return stop(run, "diverged", divergedReason(run, "the loss"));
  if (losses.some((l) => l > maxLoss)) {
    return stop(run, "diverged", divergedReason(run, `the loss (above maxLoss ${maxLoss})`));
  }
  const which = check.validationLoss === null ? "training" : "validation";
  const stopLoss = check.validationLoss ?? check.trainLoss;
  if (eps > 0 && stopLoss <= eps) {
    return stop(
      run,
      "converged",
      `${which} loss ${formatNumber(stopLoss)} ≤ eps ${eps} at epoch ${run.epoch}`,
    );
  }
  if (run.epoch >= maxEpoch) {
    const vsEps = eps > 0 ? ` > eps ${eps}` : "";
    return stop(
      run,
      "maxEpoch",
      `reached maxEpoch ${maxEpoch} (${which} loss ${formatNumber(stopLoss)}${vsEps})`,
    );
  }
  return false;
}

function stop(run: Run, status: TrainStatus, reason: string): true {
  run.status = status;
  run.reason = reason;
  if (status === "diverged") run.divergedAt = { epoch: run.epoch, iteration: run.iteration };
  run.ms = now() - run.started;
  return true;
}

function divergedReason(run: Run, what: string): string {
  return (
    `NaN or Infinity in ${what} at epoch ${run.epoch} (iteration ${run.iteration}): ` +
    `eta ${run.options.eta} is probably too large — try a smaller eta, learning-rate decay or L2`
  );
}

function finish(run: Run): TrainResult {
  const status = run.status as TrainStatus;
  const seconds = run.ms / 1000;
  const result: TrainResult = {
    status,
    epochs: run.epoch,
    iterations: run.iteration,
    reason: run.reason,
    history: run.history,
    final: run.history[run.history.length - 1],
    net: run.net,
    initial: run.initial,
    options: run.options,
    timings: { ms: run.ms, epochsPerSecond: seconds > 0 ? run.epoch / seconds : Infinity },
  };
  if (run.divergedAt) result.divergedAt = run.divergedAt;
  return result;
}

// ---------------------------------------------------------------------------------------------

function checkDataSet(where: string, net: Network, data: DataSet, name: string): void {
  if (typeof data !== "object" || data === null || !isMatrix(data.X) || !isMatrix(data.Y)) {
    throw new Error(
      `${where}: ${name} must be { X, Y } with X and Y matrices (got ${describe(data)}).`,
    );
  }
  if (data.X.rows === 0) throw new Error(`${where}: ${name} is empty (0 samples).`);
  checkInput(where, net, data.X, `${name}.X`);
  checkTargets(where, net, data.Y, data.X.rows, `${name}.Y`);
}

function createWorkspace(net: Network, m: number): Workspace {
  const perLayer = (): Matrix[] => net.W.map((W) => emptyMatrix(m, W.cols));
  return {
    X: emptyMatrix(m, net.sizes[0]),
    Y: emptyMatrix(m, net.sizes[net.sizes.length - 1]),
    Z: perLayer(),
    A: perLayer(),
    dA: perLayer(),
    dZ: perLayer(),
  };
}

function createBuffers(net: Network, m: number): { Z: Matrix[]; A: Matrix[] } {
  return {
    Z: net.W.map((W) => emptyMatrix(m, W.cols)),
    A: net.W.map((W) => emptyMatrix(m, W.cols)),
  };
}

/** batch.X's and batch.Y's rows = the rows order[start], order[start + 1], … of set.X and set.Y
 * (one loop for both: this runs once per mini-batch). */
function gatherBatch(set: DataSet, order: Int32Array, start: number, batch: Workspace): void {
  const p = set.X.cols;
  const q = set.Y.cols;
  const X = set.X.data;
  const Y = set.Y.data;
  const bX = batch.X.data;
  const bY = batch.Y.data;
  for (let i = 0; i < batch.X.rows; i++) {
    const r = order[start + i];
    for (let c = 0; c < p; c++) bX[i * p + c] = X[r * p + c];
    for (let c = 0; c < q; c++) bY[i * q + c] = Y[r * q + c];
  }
}

function weightSum(net: Network): number {
  let s = 0;
  for (let l = 0; l < net.W.length; l++) {
    const w = net.W[l].data;
    const b = net.B[l].data;
    for (let i = 0; i < w.length; i++) s += w[i];
    for (let i = 0; i < b.length; i++) s += b[i];
  }
  return s;
}

function isConstant(Y: Matrix): boolean {
  for (let j = 0; j < Y.cols; j++) {
    for (let i = 1; i < Y.rows; i++) if (Y.data[i * Y.cols + j] !== Y.data[j]) return false;
  }
  return true;
}

function now(): number {
  return performance.now();
}
