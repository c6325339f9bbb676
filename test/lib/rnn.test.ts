// The hand-written RNN (lib/rnn/): its BPTT gradient against central finite differences and
// against TensorFlow.js autodiff of the same unrolled computation; truncated BPTT against finite
// differences of each output's loss over its last k steps only; clipping; training (seeded,
// deterministic, learns the echo task, diverges with a message, clipping rescues it); bad input.
import { describe, expect, it } from "vitest";
import {
  clipGradients,
  createRng,
  echoData,
  forecastData,
  noisySine,
  evaluateRnn,
  generate,
  gradientNorm,
  type Matrix,
  type OutputActivation,
  rnn,
  type Rnn,
  type RnnGradients,
  rnnGradients,
  rnnPredict,
  type SequenceSet,
  type StateActivation,
  stateGradientNorms,
  trainRnn,
} from "../../lib";
import { tfjs } from "../../lib/backend";
import { rnnTensors, matrixTensor, tfjsRnnLoss } from "../../lib/rnn/tfjs-rnn";

const PARAMS = ["U", "W", "V", "b", "c"] as const;
type Param = (typeof PARAMS)[number];
const GRAD: Record<Param, keyof RnnGradients> = { U: "dU", W: "dW", V: "dV", b: "db", c: "dc" };

/** A random problem: n sequences of T steps, targets fitting the output activation. */
function problem(
  seed: number,
  sizes: [number, number, number],
  n: number,
  T: number,
  state: StateActivation,
  output: OutputActivation,
  targets: "every" | "last",
): { net: Rnn; data: SequenceSet } {
  const rng = createRng(seed);
  const net = rnn(sizes, { state, output, seed });
  // non-zero biases and a livelier W, so every term matters
  for (const M of [net.b, net.c]) M.data.forEach((_, i) => (M.data[i] = rng.uniform(-0.5, 0.5)));
  net.W.data.forEach((_, i) => (net.W.data[i] = rng.uniform(-0.9, 0.9)));
  const [I, , O] = sizes;
  const m = (rows: number, cols: number, f: () => number): Matrix => ({
    rows,
    cols,
    data: Float64Array.from({ length: rows * cols }, f),
  });
  const X = Array.from({ length: T }, () => m(n, I, () => rng.uniform(-1, 1)));
  const Y = Array.from({ length: targets === "every" ? T : 1 }, () => {
    if (output === "identity") return m(n, O, () => rng.uniform(-1, 1));
    if (output === "sigmoid") return m(n, O, () => (rng.next() < 0.5 ? 0 : 1));
    const Y1 = m(n, O, () => 0);
    for (let r = 0; r < n; r++) Y1.data[r * O + rng.int(O)] = 1;
    return Y1;
  });
  return { net, data: { X, Y, targets } };
}

const cases: [string, StateActivation, OutputActivation, "every" | "last"][] = [
  ["tanh, identity output at every step", "tanh", "identity", "every"],
  ["tanh, sigmoid output at the last step", "tanh", "sigmoid", "last"],
  ["sigmoid state, softmax output at every step", "sigmoid", "softmax", "every"],
  ["relu state, identity output at the last step", "relu", "identity", "last"],
];

/** Central finite difference of loss(net) with respect to each entry of net[param]. */
function numeric(net: Rnn, param: Param, loss: (net: Rnn) => number, h = 1e-6): Float64Array {
  const M = net[param];
  return Float64Array.from(M.data, (v, i) => {
    M.data[i] = v + h;
    const up = loss(net);
    M.data[i] = v - h;
    const down = loss(net);
    M.data[i] = v;
    return (up - down) / (2 * h);
  });
}

function expectClose(
  got: Float64Array,
  want: Float64Array,
  rel: number,
  abs: number,
  what: string,
): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    const tol = abs + rel * Math.abs(want[i]);
    if (!(Math.abs(got[i] - want[i]) <= tol)) {
      throw new Error(`${what}[${i}]: BPTT gives ${got[i]}, expected ${want[i]} (±${tol})`);
    }
  }
}

describe("BPTT", () => {
  it.each(cases)("matches finite differences: %s", (_, state, output, targets) => {
    const { net, data } = problem(3, [3, 5, 2], 4, 6, state, output, targets);
    const grads = rnnGradients(net, data);
    expect(gradientNorm(grads)).toBeGreaterThan(1e-3);
    for (const p of PARAMS) {
      const want = numeric(net, p, (q) => evaluateRnn(q, data).loss);
      expectClose(grads[GRAD[p]].data, want, 1e-5, 1e-8, `d${p}`);
    }
  });

  it.each(cases)(
    "matches TensorFlow.js autodiff of the unrolled net: %s",
    (_, state, output, targets) => {
      const tf = tfjs();
      const { net, data } = problem(5, [2, 4, 3], 5, 7, state, output, targets);
      const grads = rnnGradients(net, data);
      const before = tf.memory().numTensors;
      const auto = tf.tidy(() => {
        const X = data.X.map((M) => matrixTensor(tf, M));
        const Y = data.Y.map((M) => matrixTensor(tf, M));
        const g = tf.grads((...params) => tfjsRnnLoss(tf, net, params, X, Y, targets));
        return g(rnnTensors(tf, net)).map((t) => Float64Array.from(t.dataSync()));
      });
      expect(tf.memory().numTensors).toBe(before);
      // tfjs computes in float32
      PARAMS.forEach((p, k) => expectClose(grads[GRAD[p]].data, auto[k], 2e-3, 2e-5, `d${p}`));
    },
  );

  it("truncated to k steps: each output's error reaches back exactly k steps", () => {
    const T = 7;
    for (const targets of ["every", "last"] as const) {
      for (const k of [1, 3]) {
        const { net, data } = problem(7, [2, 4, 2], 3, T, "tanh", "identity", targets);
        const grads = rnnGradients(net, data, { truncate: k });
        const outputs = targets === "every" ? T : 1;
        // Reference: the loss of output t, with the perturbed parameter used only in steps
        // (t − k, t] — the steps truncated BPTT lets its error reach.
        for (const p of ["U", "W", "b"] as const) {
          const want = new Float64Array(net[p].data.length);
          for (let o = 0; o < outputs; o++) {
            const t = targets === "every" ? o + 1 : T;
            const original = Float64Array.from(net[p].data);
            const h = 1e-6;
            for (let i = 0; i < want.length; i++) {
              const at = (delta: number): number => {
                const perturbed = Float64Array.from(original);
                perturbed[i] += delta;
                return outputLoss(net, data, t, p, perturbed, t - k) / (3 * outputs);
              };
              want[i] += (at(h) - at(-h)) / (2 * h);
            }
          }
          expectClose(grads[GRAD[p]].data, want, 1e-5, 1e-9, `truncated k=${k} ${targets} d${p}`);
        }
        // V and c are not truncated: the same as full BPTT
        const full = rnnGradients(net, data);
        expectClose(grads.dV.data, full.dV.data, 1e-12, 1e-15, "dV");
        expect(Array.from(grads.dU.data)).not.toEqual(Array.from(full.dU.data));
      }
    }
  });

  it("truncated to k ≥ T is full BPTT", () => {
    const { net, data } = problem(9, [2, 3, 1], 4, 5, "tanh", "sigmoid", "every");
    const full = rnnGradients(net, data);
    const truncated = rnnGradients(net, data, { truncate: 5 });
    for (const p of PARAMS) expect(truncated[GRAD[p]].data).toEqual(full[GRAD[p]].data);
  });
});

/** Half squared error of output t (summed over the sequences), written out independently: the
 * parameter `p` takes the values `perturbed` only in steps after `from` (earlier steps use the
 * net's own). */
function outputLoss(
  net: Rnn,
  data: SequenceSet,
  t: number,
  p: "U" | "W" | "b",
  perturbed: Float64Array,
  from: number,
): number {
  const { inputs: I, hidden: H, outputs: O } = net.sizes;
  const n = data.X[0].rows;
  let total = 0;
  for (let r = 0; r < n; r++) {
    let s = new Array<number>(H).fill(0);
    for (let step = 1; step <= t; step++) {
      const use = (q: "U" | "W" | "b"): Float64Array =>
        q === p && step > from ? perturbed : net[q].data;
      const U = use("U");
      const W = use("W");
      const b = use("b");
      const x = data.X[step - 1].data;
      s = s.map((_, j) => {
        let z = b[j];
        for (let i = 0; i < I; i++) z += x[r * I + i] * U[i * H + j];
        for (let q = 0; q < H; q++) z += s[q] * W[q * H + j];
        return Math.tanh(z);
      });
    }
    const y = data.Y[data.targets === "every" ? t - 1 : 0].data;
    for (let j = 0; j < O; j++) {
      let o = net.c.data[j];
      for (let q = 0; q < H; q++) o += s[q] * net.V.data[q * O + j];
      total += (o - y[r * O + j]) ** 2 / 2;
    }
  }
  return total;
}

describe("clipping by norm", () => {
  it("scales a long gradient to the limit, keeps its direction, leaves a short one alone", () => {
    const { net, data } = problem(11, [2, 3, 2], 4, 5, "tanh", "identity", "every");
    const grads = rnnGradients(net, data);
    const before = Float64Array.from(grads.dW.data);
    const norm = gradientNorm(grads);
    expect(clipGradients(grads, norm * 2)).toBeCloseTo(norm, 12);
    expect(grads.dW.data).toEqual(before);
    expect(clipGradients(grads, norm / 4)).toBeCloseTo(norm, 12);
    expect(gradientNorm(grads)).toBeCloseTo(norm / 4, 12);
    grads.dW.data.forEach((v, i) => expect(v).toBeCloseTo(before[i] / 4, 12));
  });
});

describe("the gradient through time", () => {
  it("shrinks step by step with a small W and grows with a large one", () => {
    const { net, data } = problem(13, [1, 8, 1], 4, 20, "tanh", "identity", "last");
    net.W.data.forEach((_, i) => (net.W.data[i] *= 0.3));
    const small = stateGradientNorms(net, data);
    expect(small).toHaveLength(20);
    expect(small[19] / small[0]).toBeLessThan(1e-3);
    const relu = problem(13, [1, 8, 1], 4, 20, "relu", "identity", "last").net;
    relu.W.data.fill(0);
    for (let j = 0; j < 8; j++) relu.W.data[j * 8 + j] = 1.5; // 1.5·I: every step stretches by 1.5
    relu.U.data.fill(1);
    relu.b.data.fill(0.1);
    const large = stateGradientNorms(relu, {
      ...data,
      X: data.X.map((M) => ({ ...M, data: M.data.map(Math.abs) })),
    });
    expect(large[19] / large[0]).toBeCloseTo(1.5 ** 19, 3);
  });
});

describe("trainRnn", () => {
  const echo = echoData({ n: 100, T: 8 });

  it("learns the echo task, the same numbers every time", () => {
    const net = rnn([1, 4, 1], { output: "sigmoid" });
    const options = { eta: 0.5, batchSize: 10, maxEpoch: 100, checkEvery: 25 };
    const a = trainRnn(net, echo, options);
    const b = trainRnn(net, echo, options);
    expect(a.final.trainAccuracy).toBe(1);
    expect(a.history.map((h) => h.trainLoss)).toEqual(b.history.map((h) => h.trainLoss));
    expect(a.history.map((h) => h.epoch)).toEqual([0, 25, 50, 75, 100]);
    expect(a.status).toBe("maxEpoch");
    expect(a.iterations).toBe(1000);
    expect(net.W.data).toEqual(a.initial.W.data); // the net given is unchanged
    const out = rnnPredict(a.net, echo.X, "every");
    expect(out[3].data[0] >= 0.5).toBe(echo.X[2].data[0] === 1);
  });

  it("stops at eps, reports a diverging run, and clipping rescues it", () => {
    const converged = trainRnn(rnn([1, 4, 1], { output: "sigmoid" }), echo, {
      eta: 0.5,
      batchSize: 10,
      maxEpoch: 500,
      eps: 0.05,
    });
    expect(converged.status).toBe("converged");
    expect(converged.final.trainLoss).toBeLessThanOrEqual(0.05);
    // the lecture's warning: relu states and a W that stretches (here W·2) make gradients explode
    const sine = forecastData(noisySine(), { window: 25 }).train;
    const wild = rnn([1, 16, 1], { state: "relu", seed: 3 });
    wild.W.data.forEach((_, i) => (wild.W.data[i] *= 2));
    const options = { eta: 0.05, batchSize: 10, maxEpoch: 30, checkEvery: 10 };
    const exploded = trainRnn(wild, sine, options);
    expect(exploded.status).toBe("diverged");
    expect(exploded.reason).toMatch(/^diverged at epoch 1: .* try a smaller eta, or clip/);
    const clipped = trainRnn(wild, sine, { ...options, clip: 1 });
    expect(clipped.status).toBe("maxEpoch");
    // (the run is chaotic in its first epochs: seeds 3, 4, 5 ended at 0.02–0.04)
    expect(clipped.final.trainLoss).toBeLessThan(0.06);
    expect(clipped.history[0].trainLoss / clipped.final.trainLoss).toBeGreaterThan(100);
    expect(clipped.history[1].gradientNorm.max).toBeGreaterThan(100); // what clipping cut to 1
  });

  it("names the problem and the fix for bad input", () => {
    const net = rnn([1, 4, 1]);
    expect(() => trainRnn(net, echo, { eta: 0.1, batchSize: 1000, maxEpoch: 1 })).toThrow(
      /trainRnn: batchSize must be ≤ 100 \(got 1000\)\. There are 100 sequences\./,
    );
    expect(() =>
      trainRnn(net, echo, { eta: 0.1, batchSize: 10, maxEpoch: 1, clipp: 1 } as never),
    ).toThrow(/clipp.*did you mean 'clip'/);
    expect(() => trainRnn(rnn([2, 4, 1]), echo, { eta: 0.1, batchSize: 10, maxEpoch: 1 })).toThrow(
      /X\[0\] is 100×1, but every step must be 100×2/,
    );
    expect(() => rnn([1, 4] as never)).toThrow(/sizes must be \[inputs, hidden, outputs\]/);
    expect(() => rnn([1, 4, 1], { state: "gelu" as never })).toThrow(/state must be 'tanh'/);
  });
});

describe("generate", () => {
  it("a temperature near 0 picks the most likely character at every step (no underflow)", () => {
    const vocab = "abcdefghijklmnopqrstuvwxyz .,;";
    const net = rnn([vocab.length, 12, vocab.length], { output: "softmax", seed: 4 });
    const oneHot = (text: string): Matrix[] =>
      Array.from(text, (ch) => {
        const data = new Float64Array(vocab.length);
        data[vocab.indexOf(ch)] = 1;
        return { rows: 1, cols: vocab.length, data };
      });
    // greedy: the argmax of the last output, recomputed from the whole text so far
    let greedy = "th";
    for (let n = 0; n < 40; n++) {
      const o = rnnPredict(net, oneHot(greedy)).at(-1)!.data;
      greedy += vocab[o.indexOf(Math.max(...o))];
    }
    // (o_j)^(1/τ) underflows to 0 for every j at τ = 1e-3 with 30 characters
    expect(generate(net, vocab, { start: "th", length: 40, temperature: 1e-3, seed: 9 })).toBe(
      greedy,
    );
    expect(
      new Set(greedy.slice(2)).size,
      "the net should not say one character only",
    ).toBeGreaterThan(1);
  });
});
