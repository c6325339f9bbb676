// Checks for exercises/01-perceptron.ts (notebook 01 · The perceptron 感知器).
// They test behaviour only. The exercise file fixes every rule (answer 1 when w·x + b ≥ 0, start
// from zeros, samples in the given order, update after each sample), so training is fully
// determined: the expected runs below come from those rules written plainly (`def`). Learning
// rates are powers of two and inputs whole numbers, so every sum is exact in floating point and
// any correct implementation makes exactly the same mistakes.

import { defineExercises } from "../define";
import { expectClose, fail, formatNumber, seededRandom, show } from "../expect";
import type * as Perceptron from "../../../solutions/01-perceptron";

type M = typeof Perceptron;

// The rules of the exercise file, written plainly.
const def = {
  weightedSum(x: number[], w: number[], b: number): number {
    let z = b;
    for (let i = 0; i < x.length; i++) z += w[i] * x[i];
    return z;
  },
  output(x: number[], w: number[], b: number): number {
    return def.weightedSum(x, w, b) >= 0 ? 1 : 0;
  },
  /** Training as the exercise file describes it: { w, b, epochs, converged, errorsPerEpoch }. */
  train(X: number[][], T: number[], eta: number, maxEpoch: number) {
    let w: number[] = X[0].map(() => 0);
    let b = 0;
    const errorsPerEpoch: number[] = [];
    for (let epoch = 1; epoch <= maxEpoch; epoch++) {
      let errors = 0;
      for (let i = 0; i < X.length; i++) {
        const e = T[i] - def.output(X[i], w, b);
        if (e !== 0) errors++;
        w = w.map((wi, j) => wi + eta * e * X[i][j]);
        b += eta * e;
      }
      errorsPerEpoch.push(errors);
      if (errors === 0) return { w, b, epochs: epoch, converged: true, errorsPerEpoch };
    }
    return { w, b, epochs: maxEpoch, converged: false, errorsPerEpoch };
  },
};

// The logic gates, samples in the lecture's order (0,0), (0,1), (1,0), (1,1).
const X2 = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const AND = [0, 0, 0, 1];
const OR = [0, 1, 1, 1];
const XOR = [0, 1, 1, 0];
// Three inputs: x1 OR (x2 AND x3), all 8 combinations — separable, so the perceptron learns it.
const X3 = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => [(n >> 2) & 1, (n >> 1) & 1, n & 1]);
const T3 = X3.map(([a, b2, c]) => (a === 1 || (b2 === 1 && c === 1) ? 1 : 0));

/** How a call reads in a failure line; X3 and T3 are named instead of listed. */
const call = (name: string, args: unknown[]): string =>
  `${name}(${args
    .map((a) => (a === X3 ? "X3" : a === T3 ? "T3 (x1 OR (x2 AND x3))" : show(a, 1)))
    .join(", ")})`;

/** Recognises the two usual slips in neuron(x, w, b, f) from its result. */
function neuronMistake(
  got: number,
  x: number[],
  w: number[],
  b: number,
  f: (z: number) => number,
): string | undefined {
  const z = def.weightedSum(x, w, b);
  const perTerm = x.reduce((s, xi, i) => s + f(w[i] * xi), 0) + b;
  if (Math.abs(got - z) < 1e-12 && Math.abs(f(z) - z) > 1e-9)
    return "apply the activation f to the sum: return f(z)";
  if (Math.abs(got - perTerm) < 1e-12)
    return "f goes on the whole sum (bias included), not on each w_i·x_i";
  return undefined;
}

/** An object result must have these keys; say which is missing. */
function expectObject(
  what: string,
  got: unknown,
  keys: string[],
  example: string,
): Record<string, unknown> {
  if (typeof got !== "object" || got === null || Array.isArray(got)) {
    fail(what, `an object like ${example}`, show(got), `return { ${keys.join(", ")} }`);
  }
  const missing = keys.filter((k) => !(k in (got as object)));
  if (missing.length > 0) {
    fail(what, `an object like ${example}`, show(got), `the result needs ${missing.join(" and ")}`);
  }
  return got as Record<string, unknown>;
}

/** got must be an array of numbers equal to `expected` within `abs`. */
function expectNumbers(
  what: string,
  got: unknown,
  expected: number[],
  hint: string,
  abs = 1e-12,
): void {
  if (!Array.isArray(got) || got.some((v) => typeof v !== "number")) {
    fail(what, show(expected), show(got), "return an array of numbers");
  }
  const values = got as number[];
  const same =
    values.length === expected.length &&
    values.every((v, i) => Math.abs(v - expected[i]) <= abs + 1e-12 * Math.abs(expected[i]));
  if (!same) fail(what, show(expected), show(values), hint);
}

/** The trained weights must answer every sample correctly (by the ≥ 0 rule). */
function expectAllCorrect(what: string, X: number[][], T: number[], w: number[], b: number): void {
  const wrong = X.findIndex((x, i) => def.output(x, w, b) !== T[i]);
  if (wrong >= 0) {
    const z = def.weightedSum(X[wrong], w, b);
    fail(
      what,
      "weights that answer every sample correctly",
      `w = ${show(w)}, b = ${formatNumber(b)}, which answers ${def.output(X[wrong], w, b)} for sample ${show(X[wrong])} (w·x + b = ${formatNumber(z)}, target ${T[wrong]})`,
      "keep going until a whole epoch makes no mistake",
    );
  }
}

function expectTrained(
  m: M,
  X: number[][],
  T: number[],
  eta: number | undefined,
  maxEpoch: number | undefined,
): void {
  const args: unknown[] = [X, T];
  if (eta !== undefined) args.push(eta);
  if (maxEpoch !== undefined) args.push(maxEpoch);
  const what = call("trainPerceptron", args);
  const want = def.train(X, T, eta ?? 1, maxEpoch ?? 100);
  const got = expectObject(
    what,
    (m.trainPerceptron as (...a: unknown[]) => unknown)(...args),
    ["w", "b", "epochs"],
    "{ w: [2, 1], b: -3, epochs: 6 }",
  );
  const epochs = got.epochs;
  if (typeof epochs !== "number" || epochs !== want.epochs) {
    const off =
      typeof epochs === "number" && want.converged && epochs === want.epochs - 1
        ? "that is one short: epochs counts every pass made, including the last one, which made no mistake"
        : typeof epochs === "number" && epochs === want.epochs + 1
          ? "that is one pass too many: stop right after the first pass that made no mistake"
          : want.converged
            ? `start from w = 0, b = 0, present the samples in order and update after each one; it first makes no mistake in epoch ${want.epochs}`
            : `it never gets through an epoch without a mistake here, so it stops after maxEpoch = ${want.epochs} passes`;
    fail(`${what}.epochs`, String(want.epochs), show(epochs), off);
  }
  expectNumbers(
    `${what}.w`,
    got.w,
    want.w,
    "after the epochs above the weights should be these: update after every sample with w_i ← w_i + eta·(t − y)·x_i",
  );
  expectClose(`${what}.b`, got.b, want.b, {
    abs: 1e-12,
    hint: "the bias learns too: b ← b + eta·(t − y) after every sample",
  });
  if (want.converged) expectAllCorrect(what, X, T, got.w as number[], got.b as number);
}

function expectReport(m: M, X: number[][], T: number[], budget: number, eta?: number): void {
  const args: unknown[] = [X, T, budget];
  if (eta !== undefined) args.push(eta);
  const what = call("convergenceReport", args);
  const want = def.train(X, T, eta ?? 1, budget);
  const got = expectObject(
    what,
    (m.convergenceReport as (...a: unknown[]) => unknown)(...args),
    ["converged", "epochs", "errorsPerEpoch"],
    "{ converged: false, epochs: 20, errorsPerEpoch: [3, 3, 4, …] }",
  );
  if (typeof got.converged !== "boolean") {
    fail(
      `${what}.converged`,
      String(want.converged),
      show(got.converged),
      "converged is true or false",
    );
  }
  if (got.converged !== want.converged) {
    fail(
      `${what}.converged`,
      String(want.converged),
      String(got.converged),
      want.converged
        ? `epoch ${want.epochs} makes no mistake, within the budget of ${budget}${want.epochs === budget ? " (it is the last allowed epoch: that still counts)" : ""}`
        : "converged means some epoch made no mistake; none did within the budget",
    );
  }
  if (got.epochs !== want.epochs) {
    fail(
      `${what}.epochs`,
      String(want.epochs),
      show(got.epochs),
      want.converged
        ? "the passes made, counting the last, error-free one"
        : `it never converges here, so it uses the whole budget: ${budget} passes`,
    );
  }
  expectNumbers(
    `${what}.errorsPerEpoch`,
    got.errorsPerEpoch,
    want.errorsPerEpoch,
    "one entry per pass: the samples whose answer y (before the update) differed from the target t",
    0,
  );
}

export const checks = defineExercises<M>({
  file: "01-perceptron",
  title: "The perceptron 感知器",
  notebook: "notebooks/01-perceptron.ipynb",
  exercises: [
    {
      id: "01.1",
      title: "a neuron: weighted sum, bias, activation",
      section: "01 · A neuron 神经元",
      hints: [
        "Multiply each input by its weight (x[0]·w[0], x[1]·w[1], …), add them all up, then add the bias b once.",
        "A for loop over i from 0 to x.length − 1 works for any number of inputs; start the sum at b (or add b at the end).",
        "neuron(x, w, b, f) is f applied to the whole weighted sum: f(weightedSum(x, w, b)). Not f of each term.",
      ],
      checks: [
        {
          name: "weightedSum: the lecture's hidden unit (z1 = 0.1·0.5 + 0.2·(−0.3) + 0.01 = 0)",
          run: (m) =>
            expectClose(
              "weightedSum([0.5, -0.3], [0.1, 0.2], 0.01)",
              m.weightedSum([0.5, -0.3], [0.1, 0.2], 0.01),
              0,
              {
                abs: 1e-12,
                diagnose: (got) =>
                  Math.abs(got + 0.01) < 1e-12 ? "add the bias b (0.01 here)" : undefined,
                hint: "0.1·0.5 + 0.2·(−0.3) + 0.01 = 0.05 − 0.06 + 0.01 = 0",
              },
            ),
        },
        {
          name: "weightedSum with 1 to 6 inputs",
          run: (m) => {
            const next = seededRandom(11);
            const r = (): number => Math.round((4 * next() - 2) * 100) / 100;
            for (let n = 1; n <= 6; n++) {
              for (let k = 0; k < 5; k++) {
                const x = Array.from({ length: n }, r);
                const w = Array.from({ length: n }, r);
                const b = r();
                const want = def.weightedSum(x, w, b);
                expectClose(call("weightedSum", [x, w, b]), m.weightedSum(x, w, b), want, {
                  abs: 1e-12,
                  rel: 1e-12,
                  diagnose: (got) =>
                    Math.abs(got - (want - b)) < 1e-9 && b !== 0
                      ? "add the bias b"
                      : Math.abs(got - def.weightedSum(x.slice(0, 2), w.slice(0, 2), b)) < 1e-9 &&
                          n > 2
                        ? "use every input, not just the first two: loop to x.length"
                        : undefined,
                  hint: "z = w1·x1 + w2·x2 + … + wn·xn + b",
                });
              }
            }
          },
        },
        {
          name: "neuron applies f to the weighted sum (the lecture's a1 = sigmoid(0) = 0.5)",
          run: (m) => {
            const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
            const cases: [number[], number[], number, (z: number) => number, string, string][] = [
              [
                [0.5, -0.3],
                [0.1, 0.2],
                0.01,
                sigmoid,
                "sigmoid",
                "z = 0 here, and sigmoid(0) = 0.5",
              ],
              [
                [1.5, -2, 0.5],
                [0.4, 0.3, -1.2],
                0.25,
                (z) => 2 * z + 1,
                "z => 2z + 1",
                "neuron(x, w, b, f) = f(w·x + b)",
              ],
              [[3], [-0.5], 2, Math.tanh, "Math.tanh", "neuron(x, w, b, f) = f(w·x + b)"],
            ];
            for (const [x, w, b, f, fName, hint] of cases) {
              expectClose(
                `neuron(${show(x)}, ${show(w)}, ${formatNumber(b)}, ${fName})`,
                m.neuron(x, w, b, f),
                f(def.weightedSum(x, w, b)),
                {
                  abs: 1e-12,
                  diagnose: (got) => neuronMistake(got, x, w, b, f),
                  hint,
                },
              );
            }
          },
        },
      ],
    },
    {
      id: "01.2",
      title: "the perceptron's answer and its learning rule",
      section: "01 · The perceptron's learning rule 感知器学习规则",
      hints: [
        "perceptronOutput is step(w·x + b): 1 when the weighted sum is at least 0, otherwise 0. You wrote the weighted sum in 01.1.",
        "perceptronUpdate: compute y = perceptronOutput(x, w, b) with the weights as they are now; the error is t − y (−1, 0 or 1).",
        "New weights: w.map((wi, i) => wi + eta * (t - y) * x[i]); new bias: b + eta * (t - y). Return { w: newW, b: newB } and leave w itself alone.",
      ],
      checks: [
        {
          name: "perceptronOutput: 1 when w·x + b ≥ 0, else 0",
          run: (m) => {
            const next = seededRandom(5);
            for (let k = 0; k < 60; k++) {
              const x = [Math.round(4 * next() - 2), Math.round(4 * next() - 2)];
              const w = [Math.round(6 * next() - 3) / 2, Math.round(6 * next() - 3) / 2];
              const b = Math.round(6 * next() - 3) / 2;
              expectClose(
                call("perceptronOutput", [x, w, b]),
                m.perceptronOutput(x, w, b),
                def.output(x, w, b),
                {
                  abs: 0,
                  rel: 0,
                  diagnose: (got) =>
                    def.weightedSum(x, w, b) === 0 && got === 0
                      ? "here w·x + b is exactly 0, and the rule says ≥ 0 gives 1 (step(0) = 1)"
                      : undefined,
                  hint: `w·x + b = ${formatNumber(def.weightedSum(x, w, b))}: answer 1 when it is ≥ 0, else 0 (a number, not true/false)`,
                },
              );
            }
          },
        },
        {
          name: "perceptronOutput at the boundary: w·x + b = 0 gives 1",
          run: (m) => {
            for (const [x, w, b] of [
              [[0, 0], [0, 0], 0],
              [[1, 1], [1, -1], 0],
              [[1, 0], [2, 5], -2],
            ] as [number[], number[], number][]) {
              expectClose(call("perceptronOutput", [x, w, b]), m.perceptronOutput(x, w, b), 1, {
                abs: 0,
                rel: 0,
                hint: "w·x + b is exactly 0 here, and the rule is ≥ 0 → 1 (step(0) = 1)",
              });
            }
          },
        },
        {
          name: "perceptronUpdate: wrong answers move w and b, right answers change nothing",
          run: (m) => {
            const cases: [number[], number, number[], number, number][] = [
              [[1, 1], 1, [0, 0], -1, 1], // y = 0, t = 1: w += x, b += 1
              [[0, 0], 0, [0, 0], 0, 1], // y = 1, t = 0: b −= 1 (x = 0 leaves w)
              [[1, 0], 0, [1, 1], -0.5, 0.5], // y = 1, t = 0: w −= 0.5x, b −= 0.5
              [[0, 1], 1, [0.5, 2], -1, 0.25], // y = 1 = t: nothing changes
              [[1, 1], 0, [-1, -1], 0.5, 1], // y = 0 = t: nothing changes
              [[2, -1, 3], 1, [0.5, 0.25, -1], 0.5, 0.5], // three inputs, y = 0, t = 1
            ];
            for (const [x, t, w, b, eta] of cases) {
              const what = call("perceptronUpdate", [x, t, w, b, eta]);
              const y = def.output(x, w, b);
              const e = t - y;
              const wantW = w.map((wi, i) => wi + eta * e * x[i]);
              const got = expectObject(
                what,
                m.perceptronUpdate(x, t, w, b, eta),
                ["w", "b"],
                "{ w: [1, 1], b: 0 }",
              );
              const flipped = w.map((wi, i) => wi - eta * e * x[i]);
              expectNumbers(
                `${what}.w`,
                got.w,
                wantW,
                e === 0
                  ? `the answer y = ${y} equals the target, so w stays as it is`
                  : Array.isArray(got.w) && flipped.every((v, i) => v === (got.w as number[])[i])
                    ? "the sign is flipped: the error is t − y (target minus answer), and w moves by +eta·(t − y)·x"
                    : `here y = ${y} and t = ${t}, so each w_i changes by eta·(t − y)·x_i = ${formatNumber(eta * e)}·x_i`,
              );
              expectClose(`${what}.b`, got.b, b + eta * e, {
                abs: 1e-12,
                diagnose: (v) =>
                  v === b && e !== 0 ? "the bias learns too: b ← b + eta·(t − y)" : undefined,
                hint: e === 0 ? "a right answer leaves b as it is" : "b ← b + eta·(t − y)",
              });
            }
          },
        },
      ],
    },
    {
      id: "01.3",
      title: "train until an epoch without mistakes",
      section: "01 · Learning AND, sample by sample 学习与门",
      hints: [
        "Two loops: an outer one over epochs (1, 2, … up to maxEpoch) and an inner one over the samples in order. Use your perceptronUpdate from 01.2 inside.",
        "In each epoch count the mistakes: samples where perceptronOutput(x, w, b) differs from the target, checked before that sample's update. After the epoch, stop if the count is 0.",
        "Return { w, b, epochs } where epochs is the number of the epoch you stopped after: the error-free pass counts. Start with w = new Array(X[0].length).fill(0) and b = 0.",
      ],
      checks: [
        {
          name: "AND (eta 1): weights that answer all four, after the right number of epochs",
          run: (m) => expectTrained(m, X2, AND, 1, 100),
        },
        {
          name: "OR (eta 0.5)",
          run: (m) => expectTrained(m, X2, OR, 0.5, 100),
        },
        {
          name: "three inputs: x1 OR (x2 AND x3), and the defaults eta = 1, maxEpoch = 100 (XOR uses all 100)",
          run: (m) => {
            expectTrained(m, X3, T3, undefined, undefined);
            expectTrained(m, X2, XOR, undefined, undefined);
          },
        },
        {
          name: "stops after maxEpoch passes (AND with maxEpoch 3)",
          run: (m) => expectTrained(m, X2, AND, 1, 3),
        },
      ],
    },
    {
      id: "01.4",
      title: "report that XOR does not converge",
      section: "01 · XOR: no line separates it 异或",
      hints: [
        "It is 01.3's loop with two more things to keep: a list of the mistakes in each epoch, and whether an epoch made none.",
        "Push each epoch's mistake count onto errorsPerEpoch. If it is 0, return { converged: true, epochs: <this epoch>, errorsPerEpoch } at once.",
        "If the loop finishes all `budget` epochs without an error-free one, return { converged: false, epochs: budget, errorsPerEpoch }.",
      ],
      checks: [
        {
          name: "XOR never converges: every epoch makes mistakes (budget 25)",
          run: (m) => expectReport(m, X2, XOR, 25),
        },
        {
          name: "AND converges (budget 100), and the mistakes per epoch are right",
          run: (m) => expectReport(m, X2, AND, 100),
        },
        {
          name: "the budget is the limit: AND with budget 4 does not converge, with budget 6 it does",
          run: (m) => {
            expectReport(m, X2, AND, 4);
            expectReport(m, X2, AND, 6);
          },
        },
        {
          name: "OR with eta 0.25 (from w = 0, b = 0 the answers do not depend on eta: the same report as with 1), and three inputs",
          run: (m) => {
            expectReport(m, X2, OR, 10, 0.25);
            expectReport(m, X3, T3, 50);
          },
        },
      ],
    },
  ],
});
