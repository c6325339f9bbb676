// What each fixture for exercises/06-rnn.ts must do under the checks
// (test/grading/honesty.test.ts grades them all).
import type { FixtureSpec } from "./fixture";

export const fixtures: FixtureSpec[] = [
  {
    module: "06-rnn.alt.ts",
    about:
      "correct: map/reduce, forward-mode gradients (RTRL), Math.hypot, binary strings, RMSProp",
  },
  {
    module: "06-rnn.wrong-step-sigmoid.ts",
    about: "the state through sigmoid",
    fails: {
      "06.1":
        /^rnnStep\(x, sPrev, U, W, b\)\[0\] \(I = 1, H = 1\): expected ≈ .* — hint: that is sigmoid/,
    },
  },
  {
    module: "06-rnn.wrong-step-transposed.ts",
    about: "W transposed",
    fails: {
      "06.1":
        /^rnnStep\(x, sPrev, U, W, b\)\[0\] \(I = 2, H = 3\): .* — hint: W is used transposed/,
    },
  },
  {
    module: "06-rnn.wrong-step-in-place.ts",
    about: "the new state written into sPrev",
    fails: { "06.1": /^rnnStep changed its argument sPrev/ },
  },
  {
    module: "06-rnn.wrong-bptt-no-carry.ts",
    about: "no error carried back through w (one-step truncation)",
    fails: {
      "06.2": /^bpttScalar\(.*\)\.du for T = 2: .* — hint: that is each step's direct share only/,
    },
    points: { "06.2": 1 },
  },
  {
    module: "06-rnn.wrong-bptt-wrong-state.ts",
    about: "dw with s_t instead of s_{t−1}",
    fails: {
      "06.2": /^bpttScalar\(.*\)\.dw for T = 1: .* — hint: W multiplies the previous state/,
    },
    points: { "06.2": 2 },
  },
  {
    module: "06-rnn.wrong-clip-by-value.ts",
    about: "clipping each number to ±maxNorm",
    fails: {
      "06.3":
        /^the length of clipByNorm\(.*\): expected ≈ 1, got 2\.29\d+ — hint: that clips each number/,
    },
    points: { "06.3": 1 },
  },
  {
    module: "06-rnn.wrong-clip-per-array.ts",
    about: "each array clipped on its own",
    fails: {
      "06.3":
        /^the length of clipByNorm\(.*\): expected ≈ 1, got 1\.5 — hint: each array was clipped on its own/,
    },
    points: { "06.3": 1 },
  },
  {
    module: "06-rnn.wrong-clip-always.ts",
    about: "short gradients stretched to maxNorm",
    fails: {
      "06.3":
        /^clipByNorm\(grads of length 0\.58\d+, 1\)\[0\]\[0\]: expected ≈ 0\.3 .* — hint: only a gradient longer than maxNorm is scaled/,
    },
    points: { "06.3": 1 },
  },
  {
    module: "06-rnn.wrong-clip-mutates.ts",
    about: "scales grads in place",
    fails: { "06.3": /^clipByNorm changed its argument grads/ },
  },
  {
    module: "06-rnn.wrong-encode-msb-first.ts",
    about: "bits most-significant first",
    fails: {
      "06.4": /^encodeSubtraction\(0, 1\)\.x: .* — hint: the bits go least-significant first/,
    },
  },
  {
    module: "06-rnn.wrong-encode-absolute.ts",
    about: "y = |a − b|",
    fails: {
      "06.4":
        /^encodeSubtraction\(0, 1\)\.y: expected \[1, 1, 1, 1\], got \[1, 0, 0, 0\] — hint: that is \|a − b\|/,
    },
    points: { "06.4": 1 },
  },
  {
    module: "06-rnn.wrong-decode-strict.ts",
    about: "an output of 0.5 decoded as 0",
    fails: {
      "06.4":
        /^decodeBits\(\[0\.5, 0\.49, 0\.51, 0\.5\]\): expected ≈ 13, got 4 — hint: an output of exactly 0\.5 counts as 1/,
    },
    points: { "06.4": 1 },
  },
  {
    module: "06-rnn.wrong-forecast-undertrained.ts",
    about: "SGD, η 0.001, 5 epochs",
    fails: {
      "06.5":
        /^the test MSE of the forecast .*: expected ≤ 0\.0497\d+ \(half the naive forecast's 0\.0995\d+\), got .* — hint: it does not even beat/,
    },
  },
  {
    module: "06-rnn.wrong-forecast-diverges.ts",
    about: "SGD with η 5",
    fails: {
      "06.5":
        /^training with forecastSettings: expected a run that converges, got it diverged: .* — hint: η is too large/,
    },
  },
  {
    module: "06-rnn.wrong-forecast-too-long.ts",
    about: "1,000 epochs",
    fails: {
      "06.5": /^forecastSettings\.maxEpoch: expected a whole number from 1 to 100 .*, got 1000/,
    },
  },
];
