// A vanilla recurrent network 循环神经网络 under the lecture's names. Taught in
// notebooks/06-rnn.ipynb.
//
//   s_t = f(x_t·U + s_{t−1}·W + b)      the state s ("记忆单元"), s_0 = 0, f = tanh by default
//   o_t = g(s_t·V + c)                  the output at step t; g is identity, sigmoid or softmax
//
// Rows are samples, as in the MLP: x_t is a row, so the lecture's U·x_t is written x_t·U (U is
// I×H, W is H×H, V is H×O). The same U, W and V are used at every step — that sharing is what
// makes the network recurrent. Outputs are read at every step (many-to-many) or only after the
// last one (many-to-one), as the data set says (sequences.ts).

import { type Matrix, matrix, zeros } from "../matrix";
import { createRng } from "../rng";
import * as expOps from "../exp";
import { initWeights } from "../init";
import { checkNumber, checkOptionNames, describe } from "../validate";

/** The state's activation f: tanh (the usual one), sigmoid, or relu (which the lecture warns
 * against: the same W applied at every step makes its gradients explode). */
export type StateActivation = "tanh" | "sigmoid" | "relu";

// tanh from lib/exp.ts (Math.tanh is a slow call into C), under a module-local name (see the note
// on hot-loop calls in train.ts)
const { tanh } = expOps;
/** The output's activation g, each paired with its loss (identity + half squared error, sigmoid +
 * binary cross-entropy, softmax + cross-entropy) so that ∂loss/∂(s·V + c) = o − y. */
export type OutputActivation = "identity" | "sigmoid" | "softmax";

export interface Rnn {
  /** Inputs I, state units H, outputs O. */
  sizes: { inputs: number; hidden: number; outputs: number };
  state: StateActivation;
  output: OutputActivation;
  /** Input → state, I×H. */
  U: Matrix;
  /** State → state ("信息流"), H×H. */
  W: Matrix;
  /** State → output, H×O. */
  V: Matrix;
  /** The state's bias, 1×H. */
  b: Matrix;
  /** The output's bias, 1×O. */
  c: Matrix;
}

export interface RnnOptions {
  state?: StateActivation;
  output?: OutputActivation;
  /** Seed of the initial weights (default 1): U, W, V Xavier-uniform, b = c = 0. */
  seed?: number;
}

/** A sequence data set: X[t] holds every sequence's input at step t (n×I, one row per
 * sequence). With targets "every" Y[t] is the target at step t (n×O, T of them); with "last" Y
 * has one matrix, the target after the last step. */
export interface SequenceSet {
  X: Matrix[];
  Y: Matrix[];
  targets: "every" | "last";
}

/** A new RNN with I inputs, H state units and O outputs, seeded. */
export function rnn(sizes: [number, number, number], options: RnnOptions = {}): Rnn {
  checkOptionNames("rnn", options, ["state", "output", "seed"]);
  if (!Array.isArray(sizes) || sizes.length !== 3) {
    throw new Error(
      `rnn: sizes must be [inputs, hidden, outputs], e.g. rnn([2, 8, 1]) (got ${describe(sizes)}).`,
    );
  }
  const [I, H, O] = sizes.map((n, k) =>
    checkNumber("rnn", ["inputs", "hidden", "outputs"][k], n, { min: 1, integer: true }),
  );
  const state = options.state ?? "tanh";
  const output = options.output ?? "identity";
  if (!["tanh", "sigmoid", "relu"].includes(state)) {
    throw new Error(`rnn: state must be 'tanh', 'sigmoid' or 'relu' (got ${describe(state)}).`);
  }
  if (!["identity", "sigmoid", "softmax"].includes(output)) {
    throw new Error(
      `rnn: output must be 'identity', 'sigmoid' or 'softmax' (got ${describe(output)}).`,
    );
  }
  const rng = createRng(checkNumber("rnn", "seed", options.seed ?? 1, { integer: true }));
  return {
    sizes: { inputs: I, hidden: H, outputs: O },
    state,
    output,
    U: initWeights(matrix(I, H), "xavier", rng),
    W: initWeights(matrix(H, H), "xavier", rng),
    V: initWeights(matrix(H, O), "xavier", rng),
    b: zeros(1, H),
    c: zeros(1, O),
  };
}

/** A copy with its own arrays. */
export function copyRnn(net: Rnn): Rnn {
  const dup = (M: Matrix): Matrix => matrix(M.rows, M.cols, M.data);
  return {
    ...net,
    sizes: { ...net.sizes },
    U: dup(net.U),
    W: dup(net.W),
    V: dup(net.V),
    b: dup(net.b),
    c: dup(net.c),
  };
}

/** Every state and output of one forward pass over a batch. */
export interface RnnPass {
  /** S[t] for t = 0 … T: S[0] = 0, S[t] the state after step t (rows × H). */
  S: Matrix[];
  /** The outputs: O[t−1] = o_t for every step, or O[0] = o_T alone (targets "last"). */
  O: Matrix[];
}

/** Buffers for a forward pass of `rows` sequences of T steps (allocated once per run). */
export function rnnPass(net: Rnn, T: number, rows: number, targets: "every" | "last"): RnnPass {
  const { hidden: H, outputs: O } = net.sizes;
  return {
    S: Array.from({ length: T + 1 }, () => zeros(rows, H)),
    O: Array.from({ length: targets === "every" ? T : 1 }, () => zeros(rows, O)),
  };
}

/** The forward pass: every state and output of the sequences in X (X[t] is n×I). */
export function rnnForward(net: Rnn, X: Matrix[], targets: "every" | "last" = "every"): RnnPass {
  checkInputs("rnnForward", net, X);
  const pass = rnnPass(net, X.length, X[0].rows, targets);
  rnnForwardInto(net, X, pass, X[0].rows);
  return pass;
}

/** The outputs only: o_1 … o_T (targets "every") or [o_T] ("last"). */
export function rnnPredict(net: Rnn, X: Matrix[], targets: "every" | "last" = "every"): Matrix[] {
  return rnnForward(net, X, targets).O;
}

/** The forward pass into `pass`, for the first `rows` rows of every X[t] (allocates nothing). */
export function rnnForwardInto(net: Rnn, X: Matrix[], pass: RnnPass, rows: number): void {
  const { inputs: I, hidden: H } = net.sizes;
  const U = net.U.data;
  const W = net.W.data;
  const b = net.b.data;
  const T = X.length;
  const f = stateCode(net.state);
  const every = pass.O.length === T; // outputs at every step (for T = 1 both read o_1)
  for (let t = 1; t <= T; t++) {
    const x = X[t - 1].data;
    const sPrev = pass.S[t - 1].data;
    const s = pass.S[t].data;
    for (let r = 0; r < rows; r++) {
      // z = x_t·U + s_{t−1}·W + b for sequence r, added up row by row of U and W (the inner loops
      // then walk memory in order), in s itself; then s = f(z)
      const at = r * H;
      for (let j = 0; j < H; j++) s[at + j] = b[j];
      for (let i = 0; i < I; i++) {
        const xi = x[r * I + i];
        if (xi === 0) continue; // one-hot inputs: most x are 0
        for (let j = 0; j < H; j++) s[at + j] += xi * U[i * H + j];
      }
      for (let k = 0; k < H; k++) {
        const sk = sPrev[at + k];
        for (let j = 0; j < H; j++) s[at + j] += sk * W[k * H + j];
      }
      for (let j = 0; j < H; j++) {
        const z = s[at + j];
        // f written out here: a call returning a number would allocate one per unit
        s[at + j] =
          f === TANH
            ? tanh(z)
            : f === SIGMOID
              ? z >= 0
                ? 1 / (1 + Math.exp(-z))
                : Math.exp(z) / (1 + Math.exp(z))
              : z > 0
                ? z
                : 0;
      }
    }
    if (every) outputInto(net, pass.S[t].data, pass.O[t - 1].data, rows);
  }
  if (!every) outputInto(net, pass.S[T].data, pass.O[0].data, rows);
}

/** o = g(s·V + c) for `rows` rows of s. */
function outputInto(net: Rnn, s: Float64Array, o: Float64Array, rows: number): void {
  const { hidden: H, outputs: O } = net.sizes;
  const V = net.V.data;
  const c = net.c.data;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < O; j++) {
      let z = c[j];
      for (let k = 0; k < H; k++) z += s[r * H + k] * V[k * O + j];
      o[r * O + j] = z;
    }
    outputG(net.output, o, r * O, O);
  }
}

/** The state's activation as a number, for the hot loops (comparing numbers, not strings). */
export const TANH = 0;
export const SIGMOID = 1;
export const RELU = 2;
export function stateCode(f: StateActivation): number {
  return f === "tanh" ? TANH : f === "sigmoid" ? SIGMOID : RELU;
}

/** g applied in place to the O numbers o[from … from + O − 1] (one output row). */
function outputG(g: OutputActivation, o: Float64Array, from: number, O: number): void {
  if (g === "identity") return;
  if (g === "sigmoid") {
    for (let j = from; j < from + O; j++) {
      const z = o[j];
      o[j] = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
    return;
  }
  let max = -Infinity;
  for (let j = from; j < from + O; j++) if (o[j] > max) max = o[j];
  let sum = 0;
  for (let j = from; j < from + O; j++) sum += o[j] = Math.exp(o[j] - max);
  for (let j = from; j < from + O; j++) o[j] /= sum;
}

/** Throws a clear error unless X is a non-empty list of n×I matrices, one per step. */
export function checkInputs(where: string, net: Pick<Rnn, "sizes">, X: Matrix[]): void {
  if (!Array.isArray(X) || X.length === 0) {
    throw new Error(
      `${where}: X must be a list of matrices, one per time step (X[t] is n×${net.sizes.inputs}); got ${describe(X)}.`,
    );
  }
  const n = X[0]?.rows;
  X.forEach((M, t) => {
    if (!M || typeof M !== "object" || !(M.data instanceof Float64Array)) {
      throw new Error(`${where}: X[${t}] is not a Matrix (got ${describe(M)}).`);
    }
    if (M.cols !== net.sizes.inputs || M.rows !== n) {
      throw new Error(
        `${where}: X[${t}] is ${M.rows}×${M.cols}, but every step must be ${n}×${net.sizes.inputs} (n sequences × the net's ${net.sizes.inputs} inputs).`,
      );
    }
  });
}
