// What each fixture for exercises/07-digits.ts must do under the checks
// (test/grading/honesty.test.ts grades them all).
import type { FixtureSpec } from "./fixture";

export const fixtures: FixtureSpec[] = [
  {
    module: "07-digits.alt.ts",
    about:
      "correct: log-sum-exp, the gradient through the softmax Jacobian, reduce/filter/Array.from, sigmoid units with adam 0.02",
  },
  {
    module: "07-digits.wrong-softmax-overflow.ts",
    about: "softmax without subtracting the largest score",
    fails: {
      "07.1":
        /^softmax\(\[1000, 1001, 999\]\): expected .*, got \[NaN, NaN, NaN\] — hint: Math\.exp of a score near 1000 is Infinity/,
    },
    points: { "07.1": 2 },
  },
  {
    module: "07-digits.wrong-softmax-subtract-first.ts",
    about: "softmax subtracting the first score, not the largest",
    fails: {
      "07.1":
        /^softmax\(\[-1000, 0, 1000\]\): expected .*, got \[0, NaN, NaN\] — hint: Math\.exp of a score near 1000 is Infinity/,
    },
    points: { "07.1": 2 },
  },
  {
    module: "07-digits.wrong-softmax-in-place.ts",
    about: "softmax written into z",
    fails: { "07.1": /^softmax changed its argument z/ },
  },
  {
    module: "07-digits.wrong-gradient-sign.ts",
    about: "the gradient as y − p",
    fails: {
      "07.1":
        /^softmaxCrossEntropyGradient\(z, y\) \(a one-hot target\)\[0\]: .* — hint: the sign is flipped/,
    },
    points: { "07.1": 1 },
  },
  {
    module: "07-digits.wrong-gradient-scores.ts",
    about: "the gradient as z − y",
    fails: {
      "07.1": /^softmaxCrossEntropyGradient\(z, y\) .* — hint: that is z − y/,
    },
    points: { "07.1": 1 },
  },
  {
    module: "07-digits.wrong-argmax-last.ts",
    about: "the last of tied probabilities",
    fails: {
      "07.2": /^predictedDigit\(.*\): expected ≈ 0, got 9 — hint: on a tie take the first largest/,
    },
  },
  {
    module: "07-digits.wrong-accuracy-count.ts",
    about: "accuracy as a count",
    fails: {
      "07.2":
        /^accuracy\(P, labels\) on 7 random predictions: .*, got 4 — hint: that is how many were right/,
    },
    points: { "07.2": 2 },
  },
  {
    module: "07-digits.wrong-confusion-transposed.ts",
    about: "counts[predicted][actual]",
    fails: {
      "07.2":
        /^confusion\(predicted, actual, 2\) for 3 samples: expected \[\[1, 1\], \[0, 1\]\], got \[\[1, 0\], \[1, 1\]\] — hint: rows and columns are swapped/,
    },
    points: { "07.2": 2 },
  },
  {
    module: "07-digits.wrong-convolve-flipped.ts",
    about: "the kernel flipped",
    fails: {
      "07.3":
        /^convolve\(a 5×5 image, a 3×3 kernel, stride 1\)\[0\]\[0\]: .* — hint: the kernel is flipped/,
    },
  },
  {
    module: "07-digits.wrong-convolve-ceil.ts",
    about: "the output size rounded up",
    fails: {
      "07.3":
        /^convolve\(a 8×6 image, a 3×2 kernel, stride 2\): expected a 3×3 array .*, got 4×3 — hint: round down/,
    },
  },
  {
    module: "07-digits.wrong-settings-undertrained.ts",
    about: "SGD, η 0.01, 20 sigmoid units, one epoch",
    fails: {
      "07.4":
        /^the test accuracy of the classifier trained with digitSettings: expected ≥ 93% of the 2,000 test digits, got \d+(\.\d+)?% — hint: far off/,
    },
  },
  {
    module: "07-digits.wrong-settings-too-long.ts",
    about: "20 epochs",
    fails: {
      "07.4": /^digitSettings\.epochs: expected a whole number from 1 to 5 .*, got 20/,
    },
  },
];
