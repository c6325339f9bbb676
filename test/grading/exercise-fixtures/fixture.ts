// What a fixture manifest (NN-topic.fixtures.ts) says about each of its modules; read by
// honesty.test.ts.

/**
 * One fixture module for an exercise file, listed in test/grading/exercise-fixtures/NN-topic.fixtures.ts.
 * Without `fails` it is an alternative correct implementation: every check must pass. With
 * `fails`, it is a plausible wrong one: each exercise named must fail, with a failure line that
 * matches the pattern (a useful message), and every other exercise must pass.
 */
export interface FixtureSpec {
  /** The file in test/grading/exercise-fixtures/, e.g. "02-activations.wrong-sign.ts". */
  module: string;
  /** What it does differently, in a phrase. */
  about: string;
  fails?: Record<string, RegExp>;
  /** Points each named exercise must earn (partial credit, e.g. a half-filled table). */
  points?: Record<string, number>;
}
