// Checks for exercises/06-rnn.ts (notebook 06 · Recurrent networks 循环神经网络).
// They test behaviour only: one step against the formula (written here as plain loops), the BPTT
// gradient against central finite differences of the loss, clipping by what it must do to the
// gradient's length and direction, the subtraction encoder against arithmetic on all 256 pairs,
// and the forecast by training with the learner's settings. (Arguments left unchanged: wrap.ts.)

import {
  forecastData,
  meanSquaredError,
  naiveForecast,
  noisySine,
  rnn,
  rnnPredict,
  trainRnn,
} from "../../../lib";
import { defineExercises } from "../define";
import { expectClose, fail, formatNumber, seededRandom, show, readVector } from "../expect";
import { readSettings } from "../settings";
import type * as Rnn from "../../../solutions/06-rnn";

type M = typeof Rnn;

const SECTION_STEP = "06 · The recurrence 循环";
const SECTION_BPTT = "06 · Back-propagation through time 随时间反向传播";
const SECTION_CLIP = "06 · Exploding gradients and clipping 梯度爆炸与裁剪";
const SECTION_SUB = "06 · Binary subtraction 二进制减法";
const SECTION_FORECAST = "06 · Forecasting 预测";

// ---------------------------------------------------------------------------------------------
// 06.1 One step, as plain loops (and three mistakes, to name them when they happen)

type Rows = number[][];

function step(
  x: number[],
  sPrev: number[],
  U: Rows,
  W: Rows,
  b: number[],
  f: (z: number) => number = Math.tanh,
  transposeW = false,
  withB = true,
): number[] {
  return b.map((bj, j) => {
    let z = withB ? bj : 0;
    x.forEach((xi, i) => (z += xi * U[i][j]));
    sPrev.forEach((sk, k) => (z += sk * (transposeW ? W[j][k] : W[k][j])));
    return f(z);
  });
}

const sig = (z: number): number => 1 / (1 + Math.exp(-z));

function rows(next: () => number, r: number, c: number, scale = 1): Rows {
  return Array.from({ length: r }, () => Array.from({ length: c }, () => scale * (2 * next() - 1)));
}

interface StepCase {
  label: string;
  x: number[];
  sPrev: number[];
  U: Rows;
  W: Rows;
  b: number[];
}

function stepCases(): StepCase[] {
  const next = seededRandom(61);
  return (
    [
      [1, 1],
      [2, 3],
      [3, 4],
      [4, 2],
    ] as const
  ).map(([I, H]) => ({
    label: `I = ${I}, H = ${H}`,
    x: rows(next, 1, I)[0],
    sPrev: rows(next, 1, H, 0.9)[0],
    U: rows(next, I, H),
    W: rows(next, H, H),
    b: rows(next, 1, H, 0.5)[0],
  }));
}

function checkStepValues(m: M): void {
  for (const c of stepCases()) {
    const what = `rnnStep(x, sPrev, U, W, b) (${c.label})`;
    const got = readVector(
      what,
      m.rnnStep(c.x, c.sPrev, c.U, c.W, c.b),
      c.b.length,
      "return the new state: one number per state unit (b.length of them)",
    );
    const want = step(c.x, c.sPrev, c.U, c.W, c.b);
    const mistakes: [number[], string][] = [
      [
        step(c.x, c.sPrev, c.U, c.W, c.b, sig),
        "that is sigmoid: the state's f is tanh (Math.tanh)",
      ],
      [
        step(c.x, c.sPrev, c.U, c.W, c.b, Math.tanh, true),
        "W is used transposed: the state's unit k feeds unit j through W[k][j]",
      ],
      [step(c.x, c.sPrev, c.U, c.W, c.b, Math.tanh, false, false), "the bias b is missing"],
      [step(c.x, c.sPrev, c.U, c.W, c.b, (z) => z), "tanh is missing: s = tanh(z)"],
    ];
    const matches = (w: number[]): boolean => w.every((v, j) => Math.abs(v - got[j]) < 1e-9);
    const differs = (w: number[]): boolean => w.some((v, j) => Math.abs(v - want[j]) > 1e-6);
    const mistake = mistakes.find(([w]) => differs(w) && matches(w));
    got.forEach((value, j) =>
      expectClose(`rnnStep(x, sPrev, U, W, b)[${j}] (${c.label})`, value, want[j], {
        abs: 1e-9,
        rel: 1e-9,
        about: "(tanh of x·U + sPrev·W + b)",
        hint: mistake?.[1] ?? "s[j] = tanh(Σ_i x[i]·U[i][j] + Σ_k sPrev[k]·W[k][j] + b[j])",
      }),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// 06.2 BPTT for a one-unit RNN, graded against finite differences of L

function scalarLoss(xs: number[], ys: number[], u: number, w: number, v: number): number {
  let s = 0;
  let L = 0;
  xs.forEach((x, t) => {
    s = Math.tanh(u * x + w * s);
    L += 0.5 * (v * s - ys[t]) ** 2;
  });
  return L;
}

/** Two slips, for the diagnosis only: the error stopping at one step (no carry back through w),
 * and dw taken with s_t where the formula has s_{t−1}. */
function slips(
  xs: number[],
  ys: number[],
  u: number,
  w: number,
  v: number,
): { oneStep: { du: number; dw: number }; dwWithSt: number } {
  const s = [0];
  xs.forEach((x, t) => s.push(Math.tanh(u * x + w * s[t])));
  const oneStep = { du: 0, dw: 0 };
  let dwWithSt = 0;
  let carry = 0;
  for (let t = xs.length; t >= 1; t--) {
    const e = v * s[t] - ys[t - 1];
    const direct = e * v * (1 - s[t] * s[t]);
    oneStep.du += direct * xs[t - 1];
    oneStep.dw += direct * s[t - 1];
    const dz = (e * v + carry) * (1 - s[t] * s[t]);
    dwWithSt += dz * s[t];
    carry = dz * w;
  }
  return { oneStep, dwWithSt };
}

interface BpttCase {
  xs: number[];
  ys: number[];
  u: number;
  w: number;
  v: number;
}

function bpttCases(): BpttCase[] {
  const next = seededRandom(62);
  const r = (a: number): number => a * (2 * next() - 1);
  return [1, 2, 3, 6, 10].map((T) => ({
    xs: Array.from({ length: T }, () => r(1.5)),
    ys: Array.from({ length: T }, () => r(1)),
    u: r(1.2),
    w: r(1.1),
    v: r(1.5),
  }));
}

function checkBpttPart(m: M, key: "du" | "dw" | "dv"): void {
  const param = key.slice(1) as "u" | "w" | "v";
  for (const c of bpttCases()) {
    const what = `bpttScalar(xs, ys, ${formatNumber(c.u)}, ${formatNumber(c.w)}, ${formatNumber(c.v)}).${key} for T = ${c.xs.length}`;
    const got: unknown = m.bpttScalar(c.xs, c.ys, c.u, c.w, c.v);
    if (typeof got !== "object" || got === null) {
      fail(what, "an object { du, dw, dv }", show(got), "return { du, dw, dv }");
    }
    const h = 1e-6;
    const at = (delta: number): number =>
      scalarLoss(
        c.xs,
        c.ys,
        c.u + (param === "u" ? delta : 0),
        c.w + (param === "w" ? delta : 0),
        c.v + (param === "v" ? delta : 0),
      );
    const slope = (at(h) - at(-h)) / (2 * h);
    expectClose(what, (got as Record<string, unknown>)[key], slope, {
      abs: 1e-7,
      rel: 1e-5,
      about: `(∂L/∂${param} by central finite differences)`,
      hint:
        key === "dv"
          ? "∂L/∂v = Σ_t (o_t − y_t)·s_t"
          : "go backward from t = T: δs_t = (o_t − y_t)·v + δz_{t+1}·w, δz_t = δs_t·(1 − s_t²); then du += δz_t·x_t and dw += δz_t·s_{t−1}",
      diagnose: (value) => {
        if (key === "dv") return undefined;
        const slip = slips(c.xs, c.ys, c.u, c.w, c.v);
        if (c.xs.length > 1 && Math.abs(value - slip.oneStep[key]) < 1e-9) {
          return "that is each step's direct share only: the error of o_t also reaches s_{t−1}, s_{t−2}, … through w — carry δz_{t+1}·w into step t";
        }
        if (key === "dw" && Math.abs(value - slip.dwWithSt) < 1e-9) {
          return "W multiplies the previous state: dw += δz_t·s_{t−1}, not δz_t·s_t";
        }
        return undefined;
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 06.3 Clipping by norm

function norm(gs: number[][]): number {
  return Math.sqrt(gs.reduce((s, g) => s + g.reduce((a, v) => a + v * v, 0), 0));
}

function readArrays(what: string, value: unknown, like: number[][]): number[][] {
  const want = `${like.length} arrays of lengths ${like.map((g) => g.length).join(", ")}`;
  if (!Array.isArray(value))
    fail(what, want, show(value), "return an array of arrays, shaped like grads");
  const got = value as unknown[];
  if (
    got.length !== like.length ||
    got.some(
      (g, i) =>
        (!Array.isArray(g) && !ArrayBuffer.isView(g)) ||
        (g as ArrayLike<number>).length !== like[i].length,
    )
  ) {
    fail(what, want, show(value), "return an array of arrays, shaped like grads");
  }
  return got.map((g) => Array.from(g as ArrayLike<number>));
}

function checkClipLong(m: M): void {
  const grads = [[3, -4, 12], [0.5], [-6, 2]];
  const total = norm(grads);
  for (const maxNorm of [1, 5, 13.5]) {
    const what = `clipByNorm(grads of length ${formatNumber(total)}, ${maxNorm})`;
    const got = readArrays(what, m.clipByNorm(grads, maxNorm), grads);
    expectClose(`the length of ${what}`, norm(got), maxNorm, {
      abs: 1e-9,
      rel: 1e-9,
      hint: "scale every number of every array by maxNorm / ‖g‖, where ‖g‖ is the length of all of them together",
      diagnose: (value) =>
        Math.abs(
          value - norm(grads.map((g) => g.map((v) => Math.max(-maxNorm, Math.min(maxNorm, v))))),
        ) < 1e-9
          ? "that clips each number to ±maxNorm (clipping by value): clip by norm scales the whole gradient, keeping its direction"
          : got.every((g) => norm([g]) <= maxNorm + 1e-9) && value > maxNorm
            ? "each array was clipped on its own: the length is over all arrays together, √(Σ over all arrays of Σ g²)"
            : undefined,
    });
    got.forEach((g, a) =>
      g.forEach((v, i) =>
        expectClose(`${what}[${a}][${i}]`, v, (grads[a][i] * maxNorm) / total, {
          abs: 1e-9,
          rel: 1e-9,
          about: "(the same direction: every number scaled by the same factor)",
          hint: "multiply every number by the same maxNorm / ‖g‖",
        }),
      ),
    );
  }
}

function checkClipShort(m: M): void {
  const grads = [
    [0.3, -0.4],
    [0.1, 0.2, -0.2],
  ];
  const total = norm(grads);
  for (const maxNorm of [1, total]) {
    const what = `clipByNorm(grads of length ${formatNumber(total)}, ${formatNumber(maxNorm)})`;
    const value = m.clipByNorm(grads, maxNorm);
    const got = readArrays(what, value, grads);
    got.forEach((g, a) =>
      g.forEach((v, i) =>
        expectClose(`${what}[${a}][${i}]`, v, grads[a][i], {
          abs: 0,
          rel: 1e-12,
          about: "(unchanged: the gradient is not longer than maxNorm)",
          hint: "only a gradient longer than maxNorm is scaled; a shorter one comes back as it was (never stretched)",
        }),
      ),
    );
    if (value === grads || (value as unknown[]).some((g, a) => g === grads[a])) {
      fail(
        what,
        "new arrays",
        "the arrays it was given",
        "return copies (e.g. g.slice() or g.map(…)), so that changing the result cannot change grads",
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 06.4 The subtraction encoder and decoder

const bitsOf = (n: number): number[] => [0, 1, 2, 3].map((t) => (n >> t) & 1);

function checkEncode(m: M): void {
  for (let a = 0; a < 16; a++) {
    for (let b = 0; b < 16; b++) {
      const what = `encodeSubtraction(${a}, ${b})`;
      const got = m.encodeSubtraction(a, b) as unknown;
      if (typeof got !== "object" || got === null)
        fail(what, "{ x, y }", show(got), "return { x, y }");
      const { x, y } = got as { x: unknown; y: unknown };
      const d = (a - b + 16) % 16;
      const wantX = bitsOf(a).map((ai, t) => [ai, bitsOf(b)[t]]);
      const wantY = bitsOf(d);
      const same = (p: unknown, q: unknown): boolean => JSON.stringify(p) === JSON.stringify(q);
      if (!same(x, wantX)) {
        const reversed = same(x, [...wantX].reverse());
        fail(
          `${what}.x`,
          show(wantX),
          show(x),
          reversed
            ? "the bits go least-significant first: x[0] holds the lowest bits of a and b"
            : "x[t] = [the t-th bit of a, the t-th bit of b], t = 0 the lowest: (a >> t) & 1",
        );
      }
      if (!same(y, wantY)) {
        const hint = same(y, bitsOf(Math.abs(a - b)))
          ? `that is |a − b|: when b > a the result wraps around, (a − b + 16) % 16 = ${d}`
          : same(y, bitsOf((a + b) % 16))
            ? "that is a + b: y holds the bits of a − b"
            : same(y, [...wantY].reverse())
              ? "the bits go least-significant first"
              : `y holds the 4 bits of (a − b + 16) % 16 = ${d}, least-significant first`;
        fail(`${what}.y`, show(wantY), show(y), hint);
      }
    }
  }
}

function checkDecode(m: M): void {
  const next = seededRandom(64);
  const cases: number[][] = [
    [0.9, 0.2, 0.7, 0.1],
    [0.5, 0.49, 0.51, 0.5],
    [0, 0, 0, 0],
    [1, 1, 1, 1],
  ];
  for (let k = 0; k < 20; k++) cases.push([0, 1, 2, 3].map(() => next()));
  for (const outputs of cases) {
    const want = outputs.reduce((n, o, t) => n + (o >= 0.5 ? 2 ** t : 0), 0);
    const got = m.decodeBits(outputs);
    const strict = outputs.reduce((n, o, t) => n + (o > 0.5 ? 2 ** t : 0), 0);
    const msbFirst = outputs.reduce((n, o, t) => n + (o >= 0.5 ? 2 ** (3 - t) : 0), 0);
    expectClose(`decodeBits(${show(outputs)})`, got, want, {
      abs: 0,
      rel: 0,
      hint: "a bit is 1 when its output is ≥ 0.5; output t is worth 2^t",
      diagnose: (value) =>
        value === strict && strict !== want
          ? "an output of exactly 0.5 counts as 1 (≥ 0.5, as the lib's accuracy counts it)"
          : value === msbFirst && msbFirst !== want
            ? "output 0 is the least-significant bit (worth 1), output 3 is worth 8"
            : undefined,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 06.5 The forecast, trained with the learner's settings

const FORECAST = {
  ratio: 0.5,
  settings: {
    window: { whole: [2, 30] },
    hidden: { whole: [1, 16] },
    eta: { rate: true },
    batchSize: { whole: [1, 100] },
    maxEpoch: { whole: [1, 100], note: "the grader's time budget" },
    optimizer: { oneOf: ["sgd", "momentum", "rmsprop", "adam"], kind: "optimizers" },
  },
} as const;

function checkForecast(m: M): void {
  const { window, hidden, eta, batchSize, maxEpoch, optimizer } =
    readSettings<Rnn.ForecastSettings>("forecastSettings", m.forecastSettings, FORECAST.settings);
  const f = forecastData(noisySine(), { window });
  const result = trainRnn(rnn([1, hidden, 1]), f.train, {
    eta,
    batchSize: Math.min(batchSize, f.train.X[0].rows),
    maxEpoch,
    checkEvery: maxEpoch,
    optimizer,
  });
  if (result.status === "diverged") {
    fail(
      "training with forecastSettings",
      "a run that converges",
      `it diverged: ${result.reason}`,
      "η is too large: try 0.01 with adam, or 0.1 with sgd",
    );
  }
  const mse = meanSquaredError(rnnPredict(result.net, f.test.X, "last")[0], f.test.Y[0]);
  const naive = meanSquaredError(naiveForecast(f.test), f.test.Y[0]);
  const limit = FORECAST.ratio * naive;
  if (!(mse <= limit)) {
    fail(
      "the test MSE of the forecast trained with forecastSettings",
      `≤ ${formatNumber(limit)} (half the naive forecast's ${formatNumber(naive)})`,
      formatNumber(mse),
      mse >= naive
        ? "it does not even beat 'tomorrow = today': train longer (more epochs), or with a larger η or adam"
        : "close: a window that covers a good part of a period (25 steps), more epochs, or adam",
    );
  }
}

// ---------------------------------------------------------------------------------------------

export const checks = defineExercises<M>({
  file: "06-rnn",
  title: "Recurrent networks 循环神经网络",
  notebook: "notebooks/06-rnn.ipynb",
  exercises: [
    {
      id: "06.1",
      title: "one RNN step",
      section: SECTION_STEP,
      hints: [
        "Each new state unit j adds up three things: the input through U (column j), the old state through W (column j), and b[j]; then tanh.",
        "Two inner loops per unit: for i over x, z += x[i]·U[i][j]; for k over sPrev, z += sPrev[k]·W[k][j]. Start from z = b[j] and finish with Math.tanh(z).",
        "const s = []; for (let j = 0; j < b.length; j++) { let z = b[j]; …both loops…; s.push(Math.tanh(z)); } return s;",
      ],
      checks: [
        { name: "rnnStep values on random inputs of four sizes", points: 2, run: checkStepValues },
      ],
    },
    {
      id: "06.2",
      title: "BPTT for a one-unit RNN",
      section: SECTION_BPTT,
      hints: [
        "First run forward and keep every state s_0 = 0, s_1, …, s_T. Then walk backward from t = T to 1: the error at s_t comes from its own output and from the step after it.",
        "Backward: e = v·s_t − y_t; dv += e·s_t; δs = e·v + carry; δz = δs·(1 − s_t²); du += δz·x_t; dw += δz·s_{t−1}; carry = δz·w (for step t − 1). Start with carry = 0.",
        "The carry is what makes it 'through time': without it dw only sees each step's direct share, and the grader's finite differences disagree as soon as T > 1.",
      ],
      checks: [
        { name: "du matches finite differences of L", run: (m) => checkBpttPart(m, "du") },
        { name: "dw matches finite differences of L", run: (m) => checkBpttPart(m, "dw") },
        { name: "dv matches finite differences of L", run: (m) => checkBpttPart(m, "dv") },
      ],
    },
    {
      id: "06.3",
      title: "gradient clipping by norm",
      section: SECTION_CLIP,
      hints: [
        "One length for everything: add up the squares of every number in every array, then take the square root.",
        "If that length is at most maxNorm, return copies (grads.map((g) => g.slice())); otherwise multiply every number by maxNorm / length.",
        "const k = norm > maxNorm ? maxNorm / norm : 1; return grads.map((g) => g.map((v) => v * k));",
      ],
      checks: [
        { name: "a long gradient is scaled to length maxNorm, same direction", run: checkClipLong },
        { name: "a short gradient comes back unchanged, as new arrays", run: checkClipShort },
      ],
    },
    {
      id: "06.4",
      title: "the binary-subtraction encoder and decoder",
      section: SECTION_SUB,
      hints: [
        "The t-th bit of n (t = 0 the lowest) is (n >> t) & 1. Step t of the input pairs the t-th bits of a and b.",
        "The difference wraps around like a 4-bit counter: (a − b + 16) % 16 is never negative (3 − 5 → 14, the borrow out of the top bit is dropped).",
        "decodeBits: n = Σ over t of (outputs[t] ≥ 0.5 ? 2^t : 0).",
      ],
      checks: [
        { name: "encodeSubtraction(a, b) on all 256 pairs", run: checkEncode },
        { name: "decodeBits on 24 output vectors", run: checkDecode },
      ],
    },
    {
      id: "06.5",
      title: "a forecast that beats 'tomorrow = today'",
      section: SECTION_FORECAST,
      hints: [
        "Start from the notebook's forecasting cell: it prints the test MSE of the RNN and of the naive forecast for its settings. Try yours there first.",
        "adam with η around 0.01 trains this quickly; a window of 10 or more steps and 8–16 state units are plenty; 50–100 epochs.",
        "window 10, hidden 16, eta 0.01, batchSize 16, maxEpoch 60, optimizer 'adam' reaches about a third of the naive forecast's error.",
      ],
      checks: [
        {
          name: `the forecast's test MSE is at most ${FORECAST.ratio} × the naive forecast's`,
          points: 2,
          timeoutMs: 30_000,
          run: checkForecast,
        },
      ],
    },
  ],
});
