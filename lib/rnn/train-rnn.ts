// Training an RNN 训练循环网络: the MLP's training loop (train.ts) for sequences — the same options
// where they apply (eta, batchSize, maxEpoch, eps, checkEvery, optimizer, decay, seed, onCheck),
// the same result (status, epochs, history of checks, final, net, timings), so the same plots and
// tables read it. Two options of its own: `truncate` (BPTT over at most k steps) and `clip`
// (gradient clipping by norm). Taught in notebooks/06-rnn.ipynb.
//
// Each epoch shuffles the sequences (seeded, as train.ts does), then for each mini-batch: copy
// its sequences into the batch buffers → forward → BPTT → clip → optimizer step. Every buffer is
// allocated before the first epoch.

import * as hyperparameters from "../hyperparameters";
import type { Decay } from "../hyperparameters";
import { defaultLoss } from "../losses";
import { accuracyKind } from "../metrics";
import { type Matrix, matrix, zeros } from "../matrix";
import { applyUpdate, optimizerNumbers, type OptimizerSpec, optimizerState } from "../optimizers";
import { type RngState, seedState, shuffleInPlace } from "../rng";
import type { Check, Progress, TrainResult, TrainStatus } from "../train";
import { checkNumber, checkOptionNames, describe } from "../validate";
import { bpttInto, bpttWork, clipGradientsInto, rnnGradientBuffers } from "./bptt";
import {
  checkInputs,
  copyRnn,
  type Rnn,
  rnnForward,
  rnnForwardInto,
  rnnPass,
  type SequenceSet,
} from "./rnn";

const { decayedEta, ETA, stepNumbers } = hyperparameters;

export interface RnnTrainOptions {
  eta: number;
  batchSize: number;
  maxEpoch: number;
  /** Stop ("converged") when the validation loss (the training loss without one) ≤ eps; 0 = never. */
  eps?: number;
  /** Epochs between checks (default 1). */
  checkEvery?: number;
  /** A separate validation set (default none). */
  validation?: SequenceSet;
  /** Default "sgd". */
  optimizer?: OptimizerSpec;
  decay?: Decay;
  /** Seed of the batch shuffling (default 1). */
  seed?: number;
  /** Back-propagate each output's error through at most this many steps (default 0: all). */
  truncate?: number;
  /** Clip the gradient to this length when it is longer (default: no clipping). */
  clip?: number;
  /** A loss above this counts as diverged (default Infinity: only NaN/Inf). */
  maxLoss?: number;
  onCheck?: (check: RnnCheck, progress: RnnProgress) => void;
}

/** A check, plus the gradient's length (before clipping) over the steps since the last check. */
export interface RnnCheck extends Check {
  gradientNorm: { mean: number; max: number };
}

export type RnnProgress = Omit<Progress, "net">;

/** The same fields as train's result, with the RNN in `net` and `initial`. */
export interface RnnTrainResult<N = Rnn> extends Omit<
  TrainResult,
  "net" | "initial" | "history" | "final" | "options" | "backend"
> {
  history: RnnCheck[];
  final: RnnCheck;
  /** The trained net (a copy: the one passed in is unchanged). */
  net: N;
  /** The net as it was before training. */
  initial: N;
  options: Required<Omit<RnnTrainOptions, "onCheck" | "validation" | "decay" | "clip">> & {
    decay: Decay | null;
    clip: number | null;
    validation: boolean;
  };
  /** plain for the hand-written RNN; tfjs-cpu or tfjs-wasm for the tfjs layers (tfjs-layers.ts). */
  backend: { name: "plain" | "tfjs-cpu" | "tfjs-wasm"; detail: string };
}

/** The options trainRnn knows (tfjs-layers.ts adds `backend`). */
export const rnnTrainOptionNames = [
  "eta",
  "batchSize",
  "maxEpoch",
  "eps",
  "checkEvery",
  "validation",
  "optimizer",
  "decay",
  "seed",
  "truncate",
  "clip",
  "maxLoss",
  "onCheck",
] as const;

/** Trains a copy of `net` on sequences and says how it went. */
export function trainRnn(net: Rnn, data: SequenceSet, options: RnnTrainOptions): RnnTrainResult {
  const run = prepare("trainRnn", net, data, options);
  while (!epochsUntilCheck(run)) {
    // until a check ends the run
  }
  return finish(run);
}

/** trainRnn that lets the event loop run after every check (a live plot redraws meanwhile). */
export async function trainRnnAsync(
  net: Rnn,
  data: SequenceSet,
  options: RnnTrainOptions,
): Promise<RnnTrainResult> {
  const run = prepare("trainRnnAsync", net, data, options);
  while (!epochsUntilCheck(run)) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return finish(run);
}

/** Loss and accuracy of `net` on sequences (the numbers a check reports). Accuracy: R² for an
 * identity output, else the fraction of outputs classified right, over every step read. */
export function evaluateRnn(net: Rnn, data: SequenceSet): { loss: number; accuracy: number } {
  checkSequences("evaluateRnn", net, data, "data");
  const pass = rnnForward(net, data.X, data.targets);
  return measureOutputs(net, pass.O, data.Y);
}

/** Loss and accuracy of outputs O (after g) against targets Y. */
export function measureOutputs(
  net: Pick<Rnn, "output">,
  O: Matrix[],
  Y: Matrix[],
): { loss: number; accuracy: number } {
  const lossFn = defaultLoss(net.output);
  let loss = 0;
  for (let t = 0; t < O.length; t++) loss += lossFn.value(O[t], Y[t]);
  // accuracy over every (sequence, step) pair: stack the steps
  const n = O[0].rows;
  const k = O[0].cols;
  const A = matrix(n * O.length, k);
  const B = matrix(n * O.length, k);
  O.forEach((M, t) => A.data.set(M.data, t * n * k));
  Y.forEach((M, t) => B.data.set(M.data, t * n * k));
  return { loss: loss / O.length, accuracy: accuracyKind(net.output).measure(A, B) };
}

/** The options as a run uses them, each checked once (the message names the fix), defaults
 * filled in; for trainRnn and for tfjs's recurrent nets (tfjs-layers.ts). `n`: sequences. */
export function resolveRnnOptions(
  where: string,
  options: RnnTrainOptions,
  n: number,
): RnnTrainResult["options"] {
  const number = (
    name: string,
    value: unknown,
    rule: Parameters<typeof checkNumber>[3],
    fix = "",
  ): number => checkNumber(where, name, value, rule, fix);
  const clip = options.clip === undefined ? null : number("clip", options.clip, { above: 0 });
  const decay = options.decay ?? null;
  if (decay !== null) {
    checkOptionNames(`${where}: decay`, decay, ["rate", "steps", "staircase"]);
    checkNumber(`${where}: decay`, "rate", decay.rate, { above: 0, max: 1 });
    checkNumber(`${where}: decay`, "steps", decay.steps, { above: 0 });
  }
  return {
    eta: number("eta", options.eta, { above: 0 }),
    batchSize: number(
      "batchSize",
      options.batchSize,
      { min: 1, max: n, integer: true },
      `There are ${n} sequences.`,
    ),
    maxEpoch: number("maxEpoch", options.maxEpoch, { min: 1, integer: true }),
    eps: number("eps", options.eps ?? 0, { min: 0 }),
    checkEvery: number("checkEvery", options.checkEvery ?? 1, { min: 1, integer: true }),
    seed: number("seed", options.seed ?? 1, { integer: true }),
    truncate: number(
      "truncate",
      options.truncate ?? 0,
      { min: 0, integer: true },
      "0 means the whole sequence.",
    ),
    maxLoss:
      options.maxLoss === undefined ? Infinity : number("maxLoss", options.maxLoss, { above: 0 }),
    decay,
    optimizer: options.optimizer ?? "sgd",
    clip,
    validation: options.validation !== undefined,
  };
}

/** Whether a run stops at a check, and why: `watched` is the validation loss (the training loss
 * without a validation set). null: it goes on. */
export function verdict(
  watched: number,
  epoch: number,
  options: RnnTrainResult["options"],
): { status: TrainStatus; reason: string } | null {
  const which = options.validation ? "validation" : "training";
  if (!Number.isFinite(watched) || watched > options.maxLoss) {
    return {
      status: "diverged",
      reason: `diverged at epoch ${epoch}: the loss is ${watched} — try a smaller eta, or clip`,
    };
  }
  if (watched <= options.eps) {
    return {
      status: "converged",
      reason: `converged at epoch ${epoch}: the ${which} loss ${watched.toPrecision(4)} ≤ eps ${options.eps}`,
    };
  }
  if (epoch >= options.maxEpoch) {
    return {
      status: "maxEpoch",
      reason: `maxEpoch ${options.maxEpoch} reached; the ${which} loss is ${watched.toPrecision(4)}`,
    };
  }
  return null;
}

/** Throws a clear error unless `data` fits `net`. */
export function checkSequences(
  where: string,
  net: Pick<Rnn, "sizes">,
  data: SequenceSet,
  name: string,
): void {
  if (!data || typeof data !== "object" || !Array.isArray(data.X) || !Array.isArray(data.Y)) {
    throw new Error(
      `${where}: ${name} must be a sequence set { X, Y, targets } (sequences.ts), got ${describe(data)}.`,
    );
  }
  if (data.targets !== "every" && data.targets !== "last") {
    throw new Error(
      `${where}: ${name}.targets must be 'every' or 'last' (got ${describe(data.targets)}).`,
    );
  }
  checkInputs(where, net, data.X);
  const steps = data.targets === "every" ? data.X.length : 1;
  const n = data.X[0].rows;
  if (data.Y.length !== steps) {
    throw new Error(
      `${where}: ${name}.Y has ${data.Y.length} matrices, but targets '${data.targets}' over ${data.X.length} steps needs ${steps}.`,
    );
  }
  data.Y.forEach((M, t) => {
    if (!M || M.rows !== n || M.cols !== net.sizes.outputs) {
      throw new Error(
        `${where}: ${name}.Y[${t}] must be ${n}×${net.sizes.outputs} (n sequences × the net's outputs), got ${M ? `${M.rows}×${M.cols}` : describe(M)}.`,
      );
    }
  });
}

// ---------------------------------------------------------------------------------------------

interface Run {
  net: Rnn;
  initial: Rnn;
  options: RnnTrainResult["options"];
  onCheck: RnnTrainOptions["onCheck"];
  decay: Decay | null;
  eta0: number;
  data: SequenceSet;
  validation: SequenceSet | null;
  order: Int32Array;
  rng: RngState;
  /** The mini-batch, copied out of the data: X[t], Y[t] with batchSize rows. */
  Xb: Matrix[];
  Yb: Matrix[];
  pass: ReturnType<typeof rnnPass>;
  grads: ReturnType<typeof rnnGradientBuffers>;
  work: ReturnType<typeof bpttWork>;
  /** The optimizer's view of the parameters: W = [U, W, V], B = [b, —, c]. */
  params: { W: Matrix[]; B: Matrix[] };
  paramGrads: { dW: Matrix[]; dB: Matrix[] };
  optimizer: ReturnType<typeof optimizerState>;
  h: Float64Array;
  /** [the clipping limit (Infinity: none), the gradient's length before clipping this step]: an
   * array, not numbers (see clipGradientsInto). */
  clip: Float64Array;
  /** Since the last check: the lengths' sum, their maximum, the steps. */
  normStats: Float64Array;
  epoch: number;
  iteration: number;
  history: RnnCheck[];
  status: TrainStatus | null;
  reason: string;
  divergedAt?: { epoch: number; iteration: number };
  started: number;
}

/** W has no bias of its own: an empty slot in the optimizer's list. */
function noBias(): Matrix {
  return { rows: 1, cols: 0, data: new Float64Array(0) };
}

function prepare(where: string, net0: Rnn, data: SequenceSet, options: RnnTrainOptions): Run {
  if (!options || typeof options !== "object") {
    throw new Error(
      `${where}: options must be an object, e.g. { eta: 0.1, batchSize: 10, maxEpoch: 100 }.`,
    );
  }
  checkOptionNames(where, options, rnnTrainOptionNames);
  checkSequences(where, net0, data, "data");
  if (options.validation !== undefined)
    checkSequences(where, net0, options.validation, "validation");
  const n = data.X[0].rows;
  const T = data.X.length;
  const resolved = resolveRnnOptions(where, options, n);
  const { eta, batchSize, decay, seed } = resolved;
  const net = copyRnn(net0);
  const params = { W: [net.U, net.W, net.V], B: [net.b, noBias(), net.c] };
  const grads = rnnGradientBuffers(net);
  const optimizer = optimizerState(options.optimizer ?? "sgd", params, where);
  const steps = data.targets === "every" ? T : 1;
  return {
    net,
    initial: copyRnn(net0),
    options: resolved,
    onCheck: options.onCheck,
    decay,
    eta0: eta,
    data,
    validation: options.validation ?? null,
    order: Int32Array.from({ length: n }, (_, i) => i),
    rng: seedState(seed),
    Xb: data.X.map(() => zeros(batchSize, net.sizes.inputs)),
    Yb: Array.from({ length: steps }, () => zeros(batchSize, net.sizes.outputs)),
    pass: rnnPass(net, T, batchSize, data.targets),
    grads,
    work: bpttWork(net, batchSize),
    params,
    paramGrads: { dW: [grads.dU, grads.dW, grads.dV], dB: [grads.db, noBias(), grads.dc] },
    optimizer,
    h: stepNumbers({ eta, ...optimizerNumbers(optimizer) }),
    clip: Float64Array.of(resolved.clip ?? Infinity, 0),
    normStats: new Float64Array(3),
    epoch: 0,
    iteration: 0,
    history: [],
    status: null,
    reason: "",
    started: performance.now(),
  };
}

/** Copies sequences order[from … from + rows − 1] into the batch buffers. */
function gather(run: Run, from: number, rows: number): void {
  copyRows(run.data.X, run.Xb, run.order, from, rows);
  copyRows(run.data.Y, run.Yb, run.order, from, rows);
}

function copyRows(
  src: Matrix[],
  dst: Matrix[],
  order: Int32Array,
  from: number,
  rows: number,
): void {
  for (let t = 0; t < src.length; t++) {
    const k = src[t].cols;
    const s = src[t].data;
    const d = dst[t].data;
    for (let r = 0; r < rows; r++) {
      const i = order[from + r];
      for (let j = 0; j < k; j++) d[r * k + j] = s[i * k + j];
    }
  }
}

/** Runs epochs until the next check; true when the run is over. */
function epochsUntilCheck(run: Run): boolean {
  const { options, net } = run;
  const n = run.order.length;
  const until = Math.min(
    options.maxEpoch,
    run.epoch + options.checkEvery - (run.epoch % options.checkEvery),
  );
  if (run.history.length === 0) {
    // a check of the starting weights (epoch 0), as train's history has
    if (check(run)) return true;
  }
  while (run.epoch < until) {
    shuffleInPlace(run.order, run.rng);
    for (let from = 0; from < n; from += options.batchSize) {
      const rows = Math.min(options.batchSize, n - from);
      if (run.decay) {
        run.h[ETA] = decayedEta(
          run.eta0,
          run.decay.rate,
          run.iteration,
          run.decay.steps,
          run.decay.staircase === true,
        );
      }
      gather(run, from, rows);
      rnnForwardInto(net, run.Xb, run.pass, rows);
      bpttInto(net, run.Xb, run.Yb, run.pass, run.grads, rows, options.truncate, run.work);
      clipGradientsInto(run.grads, run.clip);
      const norm = run.clip[1];
      const norms = run.normStats; // [sum, max, count] since the last check
      norms[0] += norm;
      norms[2]++;
      if (norm > norms[1] || norm !== norm) norms[1] = norm;
      applyUpdate(run.optimizer, run.params, run.paramGrads, run.h);
      run.iteration++;
    }
    run.epoch++;
    if (!finiteWeights(net)) {
      run.status = "diverged";
      run.divergedAt = { epoch: run.epoch, iteration: run.iteration };
      const max = run.normStats[1];
      const size = Number.isFinite(max) ? `reached ${max.toPrecision(3)}` : `overflowed to ${max}`;
      run.reason = `diverged at epoch ${run.epoch}: a weight became NaN or ±Infinity (the gradient's length ${size}) — try a smaller eta, or clip`;
      check(run);
      return true;
    }
  }
  return check(run);
}

function finiteWeights(net: Rnn): boolean {
  // (one call per matrix: a list of them would be allocated every epoch)
  return (
    allFinite(net.U.data) &&
    allFinite(net.W.data) &&
    allFinite(net.V.data) &&
    allFinite(net.b.data) &&
    allFinite(net.c.data)
  );
}

function allFinite(d: Float64Array): boolean {
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return false;
  return true;
}

/** Measures, records, calls onCheck; true when the run should stop. */
function check(run: Run): boolean {
  const t = measureOutputs(
    run.net,
    rnnForward(run.net, run.data.X, run.data.targets).O,
    run.data.Y,
  );
  const v = run.validation
    ? measureOutputs(
        run.net,
        rnnForward(run.net, run.validation.X, run.validation.targets).O,
        run.validation.Y,
      )
    : null;
  const [sum, max, count] = run.normStats;
  const entry: RnnCheck = {
    epoch: run.epoch,
    iteration: run.iteration,
    eta: run.decay
      ? decayedEta(
          run.eta0,
          run.decay.rate,
          run.iteration,
          run.decay.steps,
          run.decay.staircase === true,
        )
      : run.eta0,
    trainLoss: t.loss,
    trainAccuracy: t.accuracy,
    validationLoss: v ? v.loss : null,
    validationAccuracy: v ? v.accuracy : null,
    gradientNorm: { mean: count ? sum / count : 0, max },
  };
  run.normStats.fill(0);
  run.history.push(entry);
  const watched = v ? v.loss : t.loss;
  const stop = run.status === null ? verdict(watched, run.epoch, run.options) : null;
  if (stop) {
    run.status = stop.status;
    run.reason = stop.reason;
    if (stop.status === "diverged") run.divergedAt = { epoch: run.epoch, iteration: run.iteration };
  }
  run.onCheck?.(entry, {
    epoch: run.epoch,
    maxEpoch: run.options.maxEpoch,
    iteration: run.iteration,
    elapsedMs: performance.now() - run.started,
  });
  return run.status !== null;
}

function finish(run: Run): RnnTrainResult {
  const ms = performance.now() - run.started;
  return {
    status: run.status as TrainStatus,
    epochs: run.epoch,
    iterations: run.iteration,
    reason: run.reason,
    ...(run.divergedAt ? { divergedAt: run.divergedAt } : {}),
    history: run.history,
    final: run.history[run.history.length - 1],
    net: run.net,
    initial: run.initial,
    options: run.options,
    timings: { ms, epochsPerSecond: run.epoch / (ms / 1000) },
    backend: { name: "plain", detail: "plain TypeScript, float64 (the hand-written RNN)" },
  };
}
