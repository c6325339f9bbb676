// Checks for exercises/02-activations.ts (notebook 02 · Activation functions 激活函数).
// They test behaviour only: values against the definitions, derivatives against central finite
// differences of the definitions (away from kinks), large |z|, the step counter of the lecture's
// 67-step demo (given the checks' own activations, so it is graded on its own), and the dead-unit
// rule.

import { defineExercises } from "../define";
import {
  expectCloseAt,
  fail,
  expectDerivative,
  expectSameMembers,
  formatNumber,
  linspace,
  randomPoints,
  seededRandom,
  show,
} from "../expect";
import type * as Activations from "../../../solutions/02-activations";

type M = typeof Activations;

const SECTION = "02 · Activation functions 激活函数";

// The definitions, written plainly: exact enough for the moderate z they are used at.
const def = {
  step: (z: number) => (z >= 0 ? 1 : 0),
  sigmoid: (z: number) => 1 / (1 + Math.exp(-z)),
  tanh: (z: number) => Math.tanh(z),
  relu: (z: number) => Math.max(0, z),
  leakyRelu: (alpha: number) => (z: number) => (z > 0 ? z : alpha * z),
  elu: (alpha: number) => (z: number) => (z > 0 ? z : alpha * (Math.exp(z) - 1)),
  softplus: (z: number) => Math.log(1 + Math.exp(z)),
};

/** The slopes, as functions of z (what stepsToTarget is given). */
const slope = {
  sigmoid: (z: number) => def.sigmoid(z) * (1 - def.sigmoid(z)),
  tanh: (z: number) => 1 - Math.tanh(z) ** 2,
  relu: (z: number) => (z > 0 ? 1 : 0),
};

/** The lecture's demo as the exercise file defines it: updates z ← z − eta·df(z) until f(z) ≤ target. */
function countSteps(
  f: (z: number) => number,
  df: (z: number) => number,
  z0: number,
  target = 0.5,
  eta = 0.2,
  maxSteps = 10000,
): number {
  let z = z0;
  for (let n = 0; n <= maxSteps; n++) {
    if (f(z) <= target) return n;
    z -= eta * df(z);
  }
  return Infinity;
}

/** A step count must be exactly `expected` (a whole number, or Infinity for "never"). */
function expectSteps(what: string, got: unknown, expected: number): void {
  if (got === expected) return;
  const hint =
    typeof got !== "number"
      ? "return the number of steps (a number)"
      : expected === Infinity && got > 0 && Number.isFinite(got)
        ? "when the target is still not reached after maxSteps steps, return Infinity (not the step count)"
        : expected === 0 && got === 1
          ? "f(z0) is already at or below the target: check before the first step and return 0"
          : got === expected + 1
            ? "one step too many: count the updates of z, and stop as soon as f(z) ≤ target"
            : got === expected - 1
              ? "one step too few: the step that brings f(z) to the target counts"
              : got === Infinity
                ? "it never got there: each step is z ← z − eta·df(z) (minus: move against the slope)"
                : "one step is z ← z − eta·df(z); count steps until f(z) ≤ target";
  fail(
    what,
    expected === Infinity ? "Infinity (never gets there)" : String(expected),
    formatNumber(got as number),
    hint,
  );
}

/** Many points on [low, high]: an even grid plus seeded random ones, none within 1e-3 of a kink. */
function points(low: number, high: number, kinks: number[] = [], seed = 2): number[] {
  const grid = linspace(low, high, 41).filter((z) => kinks.every((k) => Math.abs(z - k) >= 1e-3));
  return [...grid, ...randomPoints(seed, 40, low, high, kinks)];
}

const HUGE = [1000, -1000, 710, -710, 50, -50];

const aInsteadOfZ =
  (f: (z: number) => number, fromA: (a: number) => number, name: string) =>
  (got: number, z: number): string | undefined =>
    Math.abs(got - fromA(z)) < 1e-9 && Math.abs(got - fromA(f(z))) > 1e-6
      ? `that is the formula applied to z itself; the lecture's formula for ${name} uses a = ${name}(z), the unit's output`
      : undefined;

export const checks = defineExercises<M>({
  file: "02-activations",
  title: "Activation functions 激活函数",
  notebook: "notebooks/02-activations.ipynb",
  exercises: [
    {
      id: "02.1",
      title: "step and its derivative",
      section: SECTION,
      hints: [
        "step(z) answers a yes/no question about z: is it at least 0? Return 1 for yes, 0 for no.",
        "Look at the step function's plot: away from z = 0 it is perfectly flat. What is the slope of a flat line?",
        "The derivative is 0 for every z ≠ 0. That is why a network of step units cannot learn by gradient descent: no slope, no signal.",
      ],
      checks: [
        {
          name: "step: 1 for z > 0, 0 for z < 0",
          run: (m) =>
            expectCloseAt([...points(-5, 5, [0]), ...HUGE], m.step, def.step, (z) => `step(${z})`, {
              abs: 0,
              rel: 0,
              hint: "step returns exactly 1 (z ≥ 0) or 0 (z < 0)",
            }),
        },
        {
          name: "step(0) = 1: z = 0 counts as 'at least 0'",
          run: (m) => {
            const got = m.step(0);
            if (got !== 1) {
              fail(
                "step(0)",
                "1",
                show(got),
                "the step answers 1 for z ≥ 0, so exactly 0 gives 1 (the perceptron's rule in 01.2)",
              );
            }
          },
        },
        {
          name: "stepDerivative: the slope away from z = 0",
          run: (m) =>
            expectDerivative(
              points(-5, 5, [0]),
              m.stepDerivative,
              def.step,
              (z) => `stepDerivative(${z})`,
              {
                name: "step",
                hint: "step is flat on both sides of 0",
              },
            ),
        },
      ],
    },
    {
      id: "02.2",
      title: "sigmoid and its derivative",
      section: SECTION,
      hints: [
        "sigmoid(z) = 1 / (1 + e^(−z)) works for most z, but for z = −1000, e^(1000) is Infinity. Which formulas give NaN then, and which give the right 0?",
        "Use two forms: for z ≥ 0, 1 / (1 + e^(−z)); for z < 0, multiply top and bottom by e^z: e^z / (1 + e^z). Then exp never sees a large positive number.",
        "The derivative: compute a = sigmoid(z) first (with your stable sigmoid), then use the lecture's a·(1 − a). Its largest value is 0.25, at z = 0.",
      ],
      checks: [
        {
          name: "sigmoid values on [−7, 7]",
          run: (m) =>
            expectCloseAt(points(-7, 7), m.sigmoid, def.sigmoid, (z) => `sigmoid(${z})`, {
              abs: 1e-12,
              rel: 1e-9,
              hint: "sigmoid(z) = 1 / (1 + e^(−z)); sigmoid(0) = 0.5",
            }),
        },
        {
          name: "sigmoid stays finite for large |z|",
          run: (m) =>
            expectCloseAt(
              HUGE,
              m.sigmoid,
              (z) => (z > 0 ? 1 : 0),
              (z) => `sigmoid(${z})`,
              {
                abs: 1e-12,
                rel: 0,
                hint: "far out the sigmoid is 1 (z → +∞) or 0 (z → −∞)",
              },
            ),
        },
        {
          name: "sigmoidDerivative matches sigmoid's slope on [−10, 10]",
          run: (m) =>
            expectDerivative(
              points(-10, 10),
              m.sigmoidDerivative,
              def.sigmoid,
              (z) => `sigmoidDerivative(${z})`,
              {
                name: "sigmoid",
                diagnose: aInsteadOfZ(def.sigmoid, (a) => a * (1 - a), "sigmoid"),
                hint: "the slope is largest (0.25) at z = 0 and tends to 0 far out",
              },
            ),
        },
        {
          name: "sigmoidDerivative stays finite for large |z|",
          run: (m) =>
            expectCloseAt(
              HUGE,
              m.sigmoidDerivative,
              () => 0,
              (z) => `sigmoidDerivative(${z})`,
              {
                abs: 1e-12,
                rel: 0,
                diagnose: aInsteadOfZ(def.sigmoid, (a) => a * (1 - a), "sigmoid"),
                hint: "far out the sigmoid is flat, so its slope is ≈ 0",
              },
            ),
        },
      ],
    },
    {
      id: "02.3",
      title: "tanh and its derivative",
      section: SECTION,
      hints: [
        "Math.tanh exists. If you write tanh with exponentials instead, (e^z − e^(−z)) / (e^z + e^(−z)) at z = 1000 is Infinity / Infinity = NaN: try z = ±1000.",
        "The slope of tanh at z is 1 − a², where a = tanh(z). It is 1 at z = 0.",
        "Compute a = tanh(z) first, then 1 − a·a. Using z in place of a gives 1 − z², which is wrong everywhere except z = 0.",
      ],
      checks: [
        {
          name: "tanh values on [−5, 5]",
          run: (m) =>
            expectCloseAt(points(-5, 5), m.tanh, def.tanh, (z) => `tanh(${z})`, {
              abs: 1e-12,
              rel: 1e-9,
              hint: "tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)); tanh(0) = 0, tanh(1) ≈ 0.7616",
            }),
        },
        {
          name: "tanh stays finite for large |z|",
          run: (m) =>
            expectCloseAt(
              HUGE,
              m.tanh,
              (z) => Math.sign(z),
              (z) => `tanh(${z})`,
              {
                abs: 1e-12,
                rel: 0,
                hint: "far out tanh is 1 (z → +∞) or −1 (z → −∞)",
              },
            ),
        },
        {
          name: "tanhDerivative matches tanh's slope (and is finite for large |z|)",
          run: (m) => {
            const diagnose = aInsteadOfZ(def.tanh, (a) => 1 - a * a, "tanh");
            expectDerivative(
              points(-5, 5),
              m.tanhDerivative,
              def.tanh,
              (z) => `tanhDerivative(${z})`,
              {
                name: "tanh",
                diagnose,
                hint: "the slope of tanh is 1 at z = 0 and tends to 0 far out",
              },
            );
            expectCloseAt(
              HUGE,
              m.tanhDerivative,
              () => 0,
              (z) => `tanhDerivative(${z})`,
              {
                abs: 1e-12,
                rel: 0,
                diagnose,
                hint: "far out tanh is flat, so its slope is ≈ 0",
              },
            );
          },
        },
      ],
    },
    {
      id: "02.4",
      title: "ReLU and its derivative",
      section: SECTION,
      hints: [
        "relu(z) is z when z is positive, and 0 otherwise.",
        "The slope of ReLU: 1 where the line rises (z > 0), 0 where it is flat (z < 0). At z = 0 itself there is a kink; it is not checked.",
      ],
      checks: [
        {
          name: "relu values",
          run: (m) =>
            expectCloseAt([...points(-5, 5), ...HUGE], m.relu, def.relu, (z) => `relu(${z})`, {
              abs: 0,
              rel: 0,
              hint: "relu(z) = max(0, z)",
            }),
        },
        {
          name: "reluDerivative matches relu's slope away from 0",
          run: (m) =>
            expectDerivative(
              [...points(-5, 5, [0]), 1000, -1000],
              m.reluDerivative,
              def.relu,
              (z) => `reluDerivative(${z})`,
              {
                name: "relu",
                hint: "the slope is 1 for z > 0 and 0 for z < 0",
              },
            ),
        },
      ],
    },
    {
      id: "02.5",
      title: "leaky ReLU and its derivative",
      section: SECTION,
      hints: [
        "leakyRelu(z, alpha) is z for z > 0 and alpha·z for z ≤ 0; alpha defaults to 0.01 (keep the default in the signature).",
        "Its slope: 1 for z > 0, and for z < 0 the slope of alpha·z. That small slope is the point of leaky ReLU: a negative unit still learns.",
      ],
      checks: [
        {
          name: "leakyRelu values (default alpha 0.01, and alpha 0.2)",
          run: (m) => {
            const zs = [...points(-5, 5), ...HUGE];
            expectCloseAt(
              zs,
              (z) => m.leakyRelu(z),
              def.leakyRelu(0.01),
              (z) => `leakyRelu(${z})`,
              {
                abs: 1e-12,
                rel: 1e-12,
                hint: "with the default alpha = 0.01: z for z > 0, 0.01·z otherwise",
              },
            );
            expectCloseAt(
              zs,
              (z) => m.leakyRelu(z, 0.2),
              def.leakyRelu(0.2),
              (z) => `leakyRelu(${z}, 0.2)`,
              {
                abs: 1e-12,
                rel: 1e-12,
                hint: "use the alpha you are given: z for z > 0, alpha·z otherwise",
              },
            );
          },
        },
        {
          name: "leakyReluDerivative matches the slope away from 0 (alpha 0.01 and 0.3)",
          run: (m) => {
            const zs = [...points(-5, 5, [0]), 1000, -1000];
            const hint = "the slope is 1 for z > 0 and alpha (not 0) for z < 0";
            expectDerivative(
              zs,
              (z) => m.leakyReluDerivative(z),
              def.leakyRelu(0.01),
              (z) => `leakyReluDerivative(${z})`,
              {
                name: "leakyRelu with alpha 0.01",
                hint,
              },
            );
            expectDerivative(
              zs,
              (z) => m.leakyReluDerivative(z, 0.3),
              def.leakyRelu(0.3),
              (z) => `leakyReluDerivative(${z}, 0.3)`,
              { name: "leakyRelu with alpha 0.3", hint },
            );
          },
        },
      ],
    },
    {
      id: "02.6",
      title: "ELU and its derivative",
      section: SECTION,
      hints: [
        "elu(z, alpha) is z for z > 0 and alpha·(e^z − 1) for z ≤ 0; alpha defaults to 1.",
        "For z < 0 differentiate alpha·(e^z − 1): the constant −1 disappears and alpha stays. Try alpha = 2 by hand: the slope at z = 0⁻ should be 2.",
        "For z < 0, the slope alpha·e^z equals elu(z, alpha) + alpha — the lecture's trick of writing a derivative through the output again.",
      ],
      checks: [
        {
          name: "elu values (alpha 1, 0.5 and 2)",
          run: (m) => {
            const zs = points(-5, 5);
            for (const alpha of [1, 0.5, 2]) {
              const call = alpha === 1 ? (z: number) => m.elu(z) : (z: number) => m.elu(z, alpha);
              expectCloseAt(
                zs,
                call,
                def.elu(alpha),
                (z) => `elu(${z}${alpha === 1 ? "" : `, ${alpha}`})`,
                {
                  abs: 1e-12,
                  rel: 1e-9,
                  hint: "z for z > 0, alpha·(e^z − 1) otherwise (alpha defaults to 1)",
                },
              );
            }
          },
        },
        {
          name: "eluDerivative matches the slope away from 0 (alpha 1, 0.5 and 2)",
          run: (m) => {
            const zs = points(-5, 5, [0]);
            for (const alpha of [1, 0.5, 2]) {
              const call =
                alpha === 1
                  ? (z: number) => m.eluDerivative(z)
                  : (z: number) => m.eluDerivative(z, alpha);
              expectDerivative(
                zs,
                call,
                def.elu(alpha),
                (z) => `eluDerivative(${z}${alpha === 1 ? "" : `, ${alpha}`})`,
                {
                  name: `elu with alpha ${alpha}`,
                  diagnose: (got, z) =>
                    z < 0 && alpha !== 1 && Math.abs(got - Math.exp(z)) < 1e-9
                      ? "for z < 0 the slope keeps the factor alpha"
                      : undefined,
                  hint: "1 for z > 0; for z < 0 the slope of alpha·(e^z − 1)",
                },
              );
            }
          },
        },
        {
          name: "elu and its derivative for large |z|",
          run: (m) => {
            expectCloseAt(
              [1000, 710, -1000, -710],
              (z) => m.elu(z, 2),
              (z) => (z > 0 ? z : -2),
              (z) => `elu(${z}, 2)`,
              {
                abs: 1e-12,
                rel: 1e-12,
                hint: "for large z, elu(z) = z; for very negative z it tends to −alpha",
              },
            );
            expectCloseAt(
              [1000, 710, -1000, -710],
              (z) => m.eluDerivative(z, 2),
              (z) => (z > 0 ? 1 : 0),
              (z) => `eluDerivative(${z}, 2)`,
              {
                abs: 1e-12,
                rel: 0,
                hint: "the slope is 1 for large z and ≈ 0 for very negative z",
              },
            );
          },
        },
      ],
    },
    {
      id: "02.7",
      title: "softplus and its derivative",
      section: SECTION,
      hints: [
        "softplus(z) = ln(1 + e^z). Math.log1p(x) computes ln(1 + x) accurately for small x.",
        "For large z, e^z overflows. Rewrite: ln(1 + e^z) = z + ln(1 + e^(−z)), which is safe for z > 0; keep the original form for z ≤ 0.",
        "The slope of ln(1 + e^z) is e^z / (1 + e^z) — a function you wrote in 02.2.",
      ],
      checks: [
        {
          name: "softplus values on [−10, 10]",
          run: (m) =>
            expectCloseAt(points(-10, 10), m.softplus, def.softplus, (z) => `softplus(${z})`, {
              abs: 1e-12,
              rel: 1e-9,
              hint: "softplus(z) = ln(1 + e^z); softplus(0) = ln 2 ≈ 0.6931",
            }),
        },
        {
          name: "softplus does not overflow for large |z|",
          run: (m) =>
            expectCloseAt(
              HUGE,
              m.softplus,
              (z) => (z > 0 ? z : 0),
              (z) => `softplus(${z})`,
              {
                abs: 1e-12,
                rel: 1e-12,
                hint: "for large z, ln(1 + e^z) is z (plus a negligible e^(−z)); for very negative z it is ≈ 0",
              },
            ),
        },
        {
          name: "softplusDerivative matches the slope (and is finite for large |z|)",
          run: (m) => {
            expectDerivative(
              points(-10, 10),
              m.softplusDerivative,
              def.softplus,
              (z) => `softplusDerivative(${z})`,
              {
                name: "softplus",
                hint: "the slope of ln(1 + e^z) is between 0 and 1, and 0.5 at z = 0",
              },
            );
            expectCloseAt(
              HUGE,
              m.softplusDerivative,
              (z) => (z > 0 ? 1 : 0),
              (z) => `softplusDerivative(${z})`,
              {
                abs: 1e-12,
                rel: 0,
                hint: "far out the slope is 1 (z → +∞) or 0 (z → −∞)",
              },
            );
          },
        },
      ],
    },
    {
      id: "02.8",
      title: "count the gradient-descent steps of the lecture's 67-step demo",
      section: "02 · The lecture's 67 steps 67步",
      hints: [
        "A loop: while f(z) is above the target, do one step z = z − eta·df(z) and add 1 to a counter. Return the counter.",
        "Check the target before each step, so that a start already at the target gives 0, and the count is the number of updates made (not the number of times you evaluated f).",
        "Stop the loop after maxSteps updates: if f(z) is still above the target then, return Infinity. With sigmoid from Math.log(9) (a = 0.9) you should get 67; the first step gives a = 0.898368.",
      ],
      checks: [
        {
          name: "the lecture's demo: sigmoid from a = 0.9 (z = ln 9) down to 0.5 takes 67 steps",
          run: (m) =>
            expectSteps(
              "stepsToTarget(sigmoid, sigmoidDerivative, Math.log(9))",
              m.stepsToTarget(def.sigmoid, slope.sigmoid, Math.log(9)),
              67,
            ),
        },
        {
          name: "tanh and ReLU on the same task",
          run: (m) => {
            expectSteps(
              "stepsToTarget(tanh, tanhDerivative, Math.atanh(0.9))",
              m.stepsToTarget(def.tanh, slope.tanh, Math.atanh(0.9)),
              countSteps(def.tanh, slope.tanh, Math.atanh(0.9)),
            );
            expectSteps(
              "stepsToTarget(relu, reluDerivative, 0.95)",
              m.stepsToTarget(def.relu, slope.relu, 0.95),
              countSteps(def.relu, slope.relu, 0.95),
            );
          },
        },
        {
          name: "other targets and learning rates",
          run: (m) => {
            const cases: [
              string,
              (z: number) => number,
              (z: number) => number,
              string,
              number,
              number,
              number,
            ][] = [
              [
                "sigmoid, sigmoidDerivative",
                def.sigmoid,
                slope.sigmoid,
                "Math.log(9)",
                Math.log(9),
                0.7,
                0.5,
              ],
              ["sigmoid, sigmoidDerivative", def.sigmoid, slope.sigmoid, "3", 3, 0.2, 1],
              ["tanh, tanhDerivative", def.tanh, slope.tanh, "2", 2, 0, 0.1],
              ["relu, reluDerivative", def.relu, slope.relu, "4.35", 4.35, 1, 0.3],
            ];
            for (const [names, f, df, z0name, z0, target, eta] of cases) {
              expectSteps(
                `stepsToTarget(${names}, ${z0name}, ${target}, ${eta})`,
                m.stepsToTarget(f, df, z0, target, eta),
                countSteps(f, df, z0, target, eta),
              );
            }
          },
        },
        {
          name: "already at the target: 0 steps",
          run: (m) => {
            expectSteps(
              "stepsToTarget(sigmoid, sigmoidDerivative, 0)",
              m.stepsToTarget(def.sigmoid, slope.sigmoid, 0),
              0,
            );
            expectSteps(
              "stepsToTarget(sigmoid, sigmoidDerivative, -1)",
              m.stepsToTarget(def.sigmoid, slope.sigmoid, -1),
              0,
            );
          },
        },
        {
          name: "the default limit is maxSteps = 10,000: from a = 0.999 the lecture's descent takes 5067 steps",
          run: (m) => {
            const what = "stepsToTarget(sigmoid, sigmoidDerivative, Math.log(999))";
            const want = countSteps(def.sigmoid, slope.sigmoid, Math.log(999));
            const got = m.stepsToTarget(def.sigmoid, slope.sigmoid, Math.log(999));
            if (got === Infinity) {
              fail(
                what,
                String(want),
                "Infinity",
                "it stopped too early: without a maxSteps argument the limit is 10,000 steps",
              );
            }
            expectSteps(what, got, want);
          },
        },
        {
          name: "never reaching the target gives Infinity; reaching it on the last allowed step counts",
          run: (m) => {
            expectSteps(
              "stepsToTarget(step, stepDerivative, 1)",
              m.stepsToTarget(def.step, () => 0, 1),
              Infinity,
            );
            expectSteps(
              "stepsToTarget(sigmoid, sigmoidDerivative, Math.log(9), 0.5, 0.2, 66)",
              m.stepsToTarget(def.sigmoid, slope.sigmoid, Math.log(9), 0.5, 0.2, 66),
              Infinity,
            );
            expectSteps(
              "stepsToTarget(sigmoid, sigmoidDerivative, Math.log(9), 0.5, 0.2, 67)",
              m.stepsToTarget(def.sigmoid, slope.sigmoid, Math.log(9), 0.5, 0.2, 67),
              67,
            );
          },
        },
      ],
    },
    {
      id: "02.9",
      title: "find the dead ReLU units of a layer",
      section: "02 · Dead neurons 死神经元",
      hints: [
        "A unit is a column of Z. For each column j, ask: is Z[i][j] ≤ 0 for every row i?",
        "Loop over the columns (Z[0].length of them); inside, loop over the rows (or use Z.every(row => …)). Collect the j's that pass.",
        "Mind the edge: a unit whose z is exactly 0 is dead too (ReLU's slope there is 0). And don't change Z.",
      ],
      checks: [
        {
          name: "a 3×4 layer",
          run: (m) => {
            const Z = [
              [0.5, -1.2, 0, 2],
              [-0.3, -0.1, -2, 1],
              [0.1, -3, -0.5, -1],
            ];
            expectSameMembers("deadUnits(Z) for a 3×4 Z", m.deadUnits(Z), [1, 2], {
              hint: "unit j is dead when Z[i][j] ≤ 0 for every sample i",
              diagnose: (got) =>
                got.length === 1 && got[0] === 1
                  ? "unit 2's largest z is exactly 0: ReLU gives 0 output and 0 slope there, so it is dead too (≤ 0, not < 0)"
                  : got.includes(3) || got.length === 0
                    ? "look down each column (a unit), not along each row (a sample)"
                    : undefined,
            });
          },
        },
        {
          name: "a 50×8 layer",
          run: (m) => {
            const next = seededRandom(7);
            const dead = new Set([0, 3, 7]);
            const Z = Array.from({ length: 50 }, (_, i) =>
              Array.from({ length: 8 }, (_, j) => {
                const z = 4 * next() - 2;
                if (dead.has(j)) return -Math.abs(z);
                return i === 17 ? Math.abs(z) + 0.01 : z; // sample 17 keeps every other unit alive
              }),
            );
            expectSameMembers("deadUnits(Z) for a 50×8 Z", m.deadUnits(Z), [...dead], {
              hint: "unit j is dead when Z[i][j] ≤ 0 for every sample i (i over all 50 rows)",
              diagnose: (got) =>
                got.some((j) => j >= 8)
                  ? "the answer holds unit (column) indices 0…7, not sample (row) indices"
                  : undefined,
            });
          },
        },
        {
          name: "edge cases: no dead unit, all dead, one sample",
          run: (m) => {
            const alive = [
              [1, -1],
              [-1, 1],
            ];
            expectSameMembers("deadUnits([[1, −1], [−1, 1]])", m.deadUnits(alive), [], {
              hint: "each unit is positive for some sample, so none is dead: return []",
            });
            const allDead = [
              [-1, 0, -0.5],
              [-2, -1, 0],
            ];
            expectSameMembers(
              "deadUnits([[−1, 0, −0.5], [−2, −1, 0]])",
              m.deadUnits(allDead),
              [0, 1, 2],
              {
                hint: "every z is ≤ 0, so every unit is dead",
              },
            );
            const one = [[0.3, -0.2, 0, 5e-9]];
            expectSameMembers(
              `deadUnits([[0.3, −0.2, 0, ${formatNumber(5e-9)}]])`,
              m.deadUnits(one),
              [1, 2],
              {
                hint: "with one sample, a unit is dead when that sample's z ≤ 0",
              },
            );
          },
        },
      ],
    },
  ],
});
