// The training loop 训练: mini-batch gradient descent, as in the lecture's code. Taught in
// notebooks/03-backprop.ipynb and used by every notebook after it (04 fits the sine with it, 05
// varies its hyper-parameters).
//
//   for each epoch:
//     shuffle the training samples (seeded)
//     for each mini-batch of batchSize samples:
//       forward → backward → optimizer step (W ← W − η·dW for SGD)
//     every checkEvery epochs: loss and accuracy on the training and validation sets;
//       stop when the validation loss (training loss without a validation set) ≤ eps ("converged")
//   NaN/Inf in the weights (checked after every epoch) or in a loss stops the run ("diverged").
//
// The order of the samples, exactly (so that another implementation can reproduce a run): after
// the validation split the training samples are numbered 0 … n−1 and `order` starts as
// [0, 1, …, n−1]. At the start of every epoch `order` is shuffled in place, continuing from the
// previous epoch's order: Fisher–Yates from the end, for i = n−1 down to 1, j = ⌊u·(i+1) / 2³²⌋
// with u the next 32-bit output of sfc32 seeded with `seed` (rng.ts: seedState, nextUint32), then
// order[i] and order[j] swap. Mini-batch k is order[k·batchSize … (k+1)·batchSize − 1] (the last
// one shorter when batchSize does not divide n). `onBatch` shows each batch's samples as it is
// used; `shuffle` may be a function of your own that reorders `order`.
//
// `train` never changes the network it is given: it trains a copy and returns it, so several runs
// can start from the same initial weights (the lecture's create_new = False). Every buffer is
// allocated before the first epoch; the loop itself allocates nothing. The options, and the checks
// that give a bad one a clear message, are in train-options.ts.

import {
  autoBackend,
  backendInUse,
  type BackendUsed,
  inBrowserPage,
  startBackend,
  webglUnavailable,
  tfjs,
  tfjsReady,
} from "./backend";
import type { DataSet } from "./data";
import { formatNumber } from "./format";
import * as hyperparameters from "./hyperparameters";
import * as lectureNetOps from "./lecture-net";
import { checkLossFits, defaultLoss, type Loss, loss as lossByName, type LossSpec } from "./losses";
import { accuracyKind } from "./metrics";
import { emptyMatrix, type Matrix, zerosLike } from "./matrix";
import * as networkOps from "./network";
import {
  type BatchBuffers,
  copyNetwork,
  l2Penalty,
  type Network,
  outputActivation,
} from "./network";
import * as optimizerOps from "./optimizers";
import { optimizerNumbers, type OptimizerState, optimizerState } from "./optimizers";
import { type RngState, seedState, shuffleInPlace } from "./rng";
import { type ResolvedTrainOptions, resolveTrainOptions, type TrainOptions } from "./train-options";
import { webglTrainAsync } from "./tfjs/browser";
import { checkTfjsCanTrain, type Stepper, tfjsStepper } from "./tfjs/stepper";
import { checkDataSet, checkNetwork, checkWeights } from "./validate-network";
import { checkNumber, checkOptionNames } from "./validate";

export type { DataSet } from "./data";
export type { ResolvedTrainOptions, TrainOptions } from "./train-options";

// Module-local names for the hot loop's calls (see the note in network.ts: under tsx, a call of
// an imported function is a getter call first, and those getters used up the hot loop's inlining
// budget in some runs — one allocation per step when that left the update rule un-inlined).
const { backwardInto, forwardInto } = networkOps;
const { isLectureNet, lectureNetForward, lectureNetGradients } = lectureNetOps;
const { applyUpdate } = optimizerOps;
const { decayedEta, ETA, stepNumbers } = hyperparameters;

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
  /** Which backend trained it (and, for auto, why; for WebGL, the renderer). */
  backend: BackendUsed;
}

/** Trains a copy of `net` on `data` and says how it went. */
export function train(net: Network, data: DataSet, options: TrainOptions): TrainResult {
  const run = prepare("train", net, data, options, SYNC_NO_WEBGL);
  try {
    if (run.stepper === null && run.backend.name !== "plain")
      run.stepper = startStepper(run, "train");
    while (!runUntilCheck(run)) {
      // keep going until a check ends the run
    }
    return finish(run);
  } finally {
    run.stepper?.dispose();
  }
}

/** The same as `train` (same result for the same arguments), but it lets the event loop run after
 * every check, so that a notebook's live plot redraws while the network trains. It is also the
 * way to train on tfjs-webgl, which runs in a browser. */
export async function trainAsync(
  net: Network,
  data: DataSet,
  options: TrainOptions,
): Promise<TrainResult> {
  const requested = options?.backend ?? backendInUse();
  if (requested === "tfjs-webgl" && !inBrowserPage()) return webglTrainAsync(net, data, options);
  const webgl = inBrowserPage() ? "this is the browser page already" : webglUnavailable();
  if (requested === "auto" && webgl === null) {
    const { batchSize } = resolveTrainOptions("trainAsync", net, data, options).options;
    const pick = autoBackend(net, batchSize, webgl);
    if (pick.name === "tfjs-webgl") {
      const result = await webglTrainAsync(net, data, { ...options, backend: "tfjs-webgl" });
      return {
        ...result,
        options: { ...result.options, backend: "auto" },
        backend: { ...result.backend, reason: pick.reason },
      };
    }
  }
  const run = prepare("trainAsync", net, data, options, webgl);
  try {
    if (run.backend.name !== "plain") {
      await startBackend(run.backend.name);
      run.stepper = startStepper(run, "trainAsync");
    }
    while (!runUntilCheck(run)) {
      await nextTurn();
    }
    return finish(run);
  } finally {
    run.stepper?.dispose();
  }
}

/** Loss and accuracy of `net` on a data set (the same numbers a check reports). */
export function evaluate(
  net: Network,
  data: DataSet,
  options: { loss?: LossSpec; l2?: number } = {},
): { loss: number; accuracy: number } {
  checkNetwork("evaluate", net);
  checkWeights("evaluate", net);
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
// Before the first epoch: check and resolve the options, split off validation, build the run.

/** Buffers for one batch size m: the batch (X, Y) and every layer's Z, A, dA, dZ. */
type Workspace = BatchBuffers;

/** Everything a run needs, allocated once by `prepare`. */
interface Run {
  net: Network;
  initial: Network;
  options: ResolvedTrainOptions;
  lossFn: Loss;
  /** The lecture's 1-H-1 net with halfMse: lectureNetGradients (lecture-net.ts) computes the step. */
  lectureNet: boolean;
  accuracy: (A: Matrix, Y: Matrix) => number;
  onCheck: TrainOptions["onCheck"];
  onBatch: TrainOptions["onBatch"];
  /** A shuffle of the caller's own (the `shuffle` option as a function), or null. */
  customShuffle: ((order: Int32Array, epoch: number) => void) | null;
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
  /** The step's numbers: η (rewritten by the loop when it decays), λ, β, ε (hyperparameters.ts). */
  h: Float64Array;
  /** The backend that trains this run; with a tfjs one, its steps (tfjs/stepper.ts). */
  backend: BackendUsed;
  stepper: Stepper | null;
  optimizer: OptimizerState;
  trainEval: { Z: Matrix[]; A: Matrix[] };
  validationEval: { Z: Matrix[]; A: Matrix[] } | null;
  epoch: number;
  iteration: number;
  history: Check[];
  /** The training loss of the starting weights: the reference of the growth rule. */
  startLoss: number;
  status: TrainStatus | null;
  reason: string;
  divergedAt: { epoch: number; iteration: number } | undefined;
  started: number;
  ms: number;
}

/** Why `train` never runs on tfjs-webgl (auto's reason says it when WebGL would be faster). */
const SYNC_NO_WEBGL = "train() is synchronous: use `await trainAsync(…)`";

/** `webgl`: null when tfjs-webgl could run this run, else why not (for auto's reason). */
function prepare(
  where: string,
  net0: Network,
  data: DataSet,
  options: TrainOptions,
  webgl: string | null,
): Run {
  const resolved = resolveTrainOptions(where, net0, data, options);
  const backend = pickBackend(where, net0, resolved.options, webgl);
  if (backend.name !== "plain") checkTfjsCanTrain(where, net0, resolved.lossFn);
  const run = createRun(
    net0,
    resolved.options,
    resolved.lossFn,
    resolved.accuracy,
    resolved.trainSet,
    resolved.validationSet,
    options,
  );
  run.backend = backend;
  return run;
}

/** The backend the options (or useBackend) name, with auto's pick made. */
function pickBackend(
  where: string,
  net: Network,
  options: ResolvedTrainOptions,
  webgl: string | null,
): BackendUsed {
  const name = options.backend;
  if (name === "auto") {
    // (a WebGL pick never gets here: trainAsync sends it to the browser first)
    const pick = autoBackend(net, options.batchSize, webgl);
    return { name: pick.name, detail: "", reason: pick.reason };
  }
  if (name === "tfjs-webgl" && !inBrowserPage()) {
    throw new Error(
      `${where}: tfjs-webgl trains in a browser, which answers asynchronously: use ` +
        "`await trainAsync(net, data, options)` (the same arguments and result) instead of train.",
    );
  }
  return { name, detail: "" };
}

/** The tfjs steps of a run, on its backend (which must be started: see backend.ts). */
function startStepper(run: Run, where: string): Stepper {
  const name = run.backend.name as Exclude<BackendUsed["name"], "plain">;
  const tf = tfjs();
  const wanted = name === "tfjs-cpu" ? "cpu" : name === "tfjs-wasm" ? "wasm" : "";
  if (wanted && tf.getBackend() !== wanted && tf.findBackend(wanted) !== null) {
    // switches at once to a backend started before (cpu always is: it needs no loading);
    // tfjsReady says how to start one that was not
    void tf.setBackend(wanted);
  }
  let ready: BackendUsed;
  try {
    ready = tfjsReady(name);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  run.backend = { ...ready, ...(run.backend.reason ? { reason: run.backend.reason } : {}) };
  return tfjsStepper(tf, run.net, run.trainSet, run.lossFn, run.options, run.optimizer);
}

function createRun(
  net0: Network,
  options: ResolvedTrainOptions,
  lossFn: Loss,
  accuracy: (A: Matrix, Y: Matrix) => number,
  trainSet: DataSet,
  validationSet: DataSet | null,
  callbacks: TrainOptions,
): Run {
  const net = copyNetwork(net0);
  const optimizer = optimizerState(options.optimizer, net, "train");
  const { batchSize, trainSamples: nTrain } = options;
  const order = new Int32Array(nTrain);
  for (let i = 0; i < nTrain; i++) order[i] = i;
  return {
    net,
    initial: copyNetwork(net0),
    options,
    lossFn,
    lectureNet: isLectureNet(net, lossFn),
    accuracy,
    onCheck: callbacks.onCheck,
    onBatch: callbacks.onBatch,
    customShuffle: typeof callbacks.shuffle === "function" ? callbacks.shuffle : null,
    trainSet,
    validationSet,
    order,
    rng: seedState(options.seed),
    full: createWorkspace(net, batchSize),
    last: nTrain % batchSize === 0 ? null : createWorkspace(net, nTrain % batchSize),
    grads: { dW: net.W.map((W) => zerosLike(W)), dB: net.B.map((B) => zerosLike(B)) },
    h: stepNumbers({ eta: options.eta, l2: options.l2, ...optimizerNumbers(optimizer) }),
    backend: { name: "plain", detail: "plain TypeScript, float64" },
    stepper: null,
    optimizer,
    trainEval: createBuffers(net, nTrain),
    validationEval: validationSet ? createBuffers(net, validationSet.X.rows) : null,
    epoch: 0,
    iteration: 0,
    history: [],
    startLoss: NaN,
    status: null,
    reason: "",
    divergedAt: undefined,
    started: now(),
    ms: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// The epochs

/** Runs epochs until the next check; true when the run is over. */
function runUntilCheck(run: Run): boolean {
  const { maxEpoch, checkEvery, shuffle } = run.options;
  for (;;) {
    // A new order of the samples every epoch. (Here rather than in trainEpoch: inlined there,
    // the shuffle lost its inlined nextUint32, and each uint32 it returned became a heap number.)
    if (run.customShuffle) shuffleYourWay(run);
    else if (shuffle) shuffleInPlace(run.order, run.rng);
    if (run.stepper) stepperEpoch(run, run.stepper);
    else trainEpoch(run);
    // Divergence: the sum of all weights is NaN or ±Infinity as soon as one weight is.
    if (!Number.isFinite(run.stepper ? run.stepper.weightSum() : weightSum(run.net))) {
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
    if (run.onBatch) showBatch(run, start, batch.X.rows, run.iteration);
    gatherBatch(run.trainSet, run.order, start, batch); // batch_x, batch_y
    if (run.lectureNet) {
      lectureNetGradients(run.net, batch, run.h, run.grads); // the same numbers, fused (lecture-net.ts)
    } else {
      forwardInto(run.net, batch.X, batch.Z, batch.A);
      backwardInto(run.net, batch, run.lossFn, run.h, run.grads);
    }
    if (decay !== null) {
      // Written, not passed: a number passed to a function V8 does not inline is boxed (allocated).
      run.h[ETA] = decayedEta(eta, decay.rate, run.iteration, decay.steps, decay.staircase);
    }
    applyUpdate(run.optimizer, run.net, run.grads, run.h); // W ← W − η·dW for SGD
    run.iteration++;
  }
  run.epoch++;
}

function showBatch(run: Run, start: number, m: number, iteration: number): void {
  const samples = run.order.slice(start, start + m); // a copy: the hook cannot change the order
  (run.onBatch as NonNullable<Run["onBatch"]>)({ epoch: run.epoch + 1, iteration, samples });
}

/** One epoch on a tfjs backend: the same batches in the same order as trainEpoch. */
function stepperEpoch(run: Run, stepper: Stepper): void {
  const first = run.iteration;
  let k = 0;
  const onBatch = run.onBatch
    ? (start: number, m: number) => showBatch(run, start, m, first + k++)
    : undefined;
  stepper.epoch(run.order, first, onBatch);
  run.iteration += Math.ceil(run.trainSet.X.rows / run.options.batchSize);
  run.epoch++;
}

/** The caller's own shuffle, checked: `order` must still hold every sample exactly once. */
function shuffleYourWay(run: Run): void {
  (run.customShuffle as NonNullable<Run["customShuffle"]>)(run.order, run.epoch + 1);
  const seen = new Uint8Array(run.order.length);
  for (let i = 0; i < run.order.length; i++) {
    const k = run.order[i];
    if (!(k >= 0 && k < seen.length) || seen[k] === 1) {
      throw new Error(
        `train: your shuffle function left order[${i}] = ${k}; it must reorder the numbers ` +
          `0 … ${seen.length - 1} in place, each exactly once.`,
      );
    }
    seen[k] = 1;
  }
}

/** Loss and accuracy on the training and validation sets with the current weights. */
function measure(run: Run): Check {
  const { l2, decay, eta } = run.options;
  run.stepper?.pull(run.net); // a tfjs run's weights, into the float64 net the checks read
  const trainPart = evaluateInto(run, run.net, run.trainSet, run.trainEval);
  const validationPart =
    run.validationSet && run.validationEval
      ? evaluateInto(run, run.net, run.validationSet, run.validationEval)
      : null;
  return {
    epoch: run.epoch,
    iteration: run.iteration,
    eta:
      decay === null
        ? eta
        : decayedEta(eta, decay.rate, run.iteration, decay.steps, decay.staircase),
    trainLoss: trainPart.loss + (l2 > 0 ? l2Penalty(run.net, l2, run.trainSet.X.rows) : 0),
    trainAccuracy: trainPart.accuracy,
    validationLoss: validationPart
      ? validationPart.loss +
        (l2 > 0 ? l2Penalty(run.net, l2, (run.validationSet as DataSet).X.rows) : 0)
      : null,
    validationAccuracy: validationPart ? validationPart.accuracy : null,
  };
}

/** The training loss of the starting weights (run.initial), the reference of the growth rule.
 * Measured at the first check, not before the first epoch: calling the hot functions before the
 * loop changed how V8 optimised them, and in some runs an activation's forward pass was left
 * half-optimised, allocating on every step (test/lib/allocation.test.ts). */
function startingLoss(run: Run): number {
  const { l2 } = run.options;
  const part = evaluateInto(run, run.initial, run.trainSet, run.trainEval);
  return part.loss + (l2 > 0 ? l2Penalty(run.initial, l2, run.trainSet.X.rows) : 0);
}

function evaluateInto(
  run: Run,
  net: Network,
  set: DataSet,
  buffers: { Z: Matrix[]; A: Matrix[] },
): { loss: number; accuracy: number } {
  if (run.stepper) {
    // a tfjs run checks on its own backend (float32), as fast as it trains
    run.stepper.outputs(net, set, buffers.A[buffers.A.length - 1]);
  } else if (run.lectureNet) {
    // A1 and A2 (= Z2) as forwardInto computes them, bit for bit, without Z1 (lecture-net.ts)
    lectureNetForward(net, set.X.data, set.X.rows, buffers.A[0].data, buffers.A[1].data);
  } else {
    forwardInto(net, set.X, buffers.Z, buffers.A);
  }
  const A = buffers.A[buffers.A.length - 1];
  return { loss: run.lossFn.value(A, set.Y), accuracy: run.accuracy(A, set.Y) };
}

/** After a check: stop (converged / diverged / maxEpoch) or go on. Diverged, by three rules: a
 * loss is NaN or ±Infinity; a loss is above maxLoss; the training loss has grown to more than
 * maxGrowth (default 100) times the loss of the starting weights. */
function decide(run: Run, check: Check): boolean {
  const { eps, maxEpoch, maxLoss, maxGrowth, eta } = run.options;
  const losses =
    check.validationLoss === null ? [check.trainLoss] : [check.trainLoss, check.validationLoss];
  const at = `at epoch ${run.epoch} (iteration ${run.iteration})`;
  const advice = `eta ${eta} is probably too large — try a smaller eta, learning-rate decay or L2`;
  if (losses.some((l) => !Number.isFinite(l)))
    return stop(run, "diverged", divergedReason(run, "the loss"));
  const above = losses.find((l) => l > maxLoss);
  if (above !== undefined) {
    return stop(
      run,
      "diverged",
      `the loss ${formatNumber(above)} went above maxLoss ${maxLoss} ${at}: ${advice}`,
    );
  }
  if (Number.isNaN(run.startLoss)) run.startLoss = startingLoss(run);
  if (check.trainLoss > maxGrowth * run.startLoss) {
    return stop(
      run,
      "diverged",
      `the training loss grew from ${formatNumber(run.startLoss)} (the starting weights) to ` +
        `${formatNumber(check.trainLoss)} ${at}, more than ${maxGrowth} times: ${advice} ` +
        `(maxGrowth: Infinity lets such a run go on)`,
    );
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
    backend: run.backend.detail
      ? run.backend
      : { ...run.backend, detail: "plain TypeScript, float64" },
  };
  if (run.divergedAt) result.divergedAt = run.divergedAt;
  return result;
}

// ---------------------------------------------------------------------------------------------

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

/** Lets the event loop run (setImmediate in Node; the browser page of tfjs-webgl has none). */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) =>
    typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

function now(): number {
  return performance.now();
}
