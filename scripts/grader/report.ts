// The shape of a grading report: what `npm run grade -- --json` prints and what the notebook's
// `grade()` renders. Plain data, no imports, ES2022 (the notebook side is compiled by tslab).

/**
 * How one check ended.
 * - pass: the behaviour was right.
 * - fail: a wrong value, shape or result.
 * - todo: the stub's `todo()` is still there (or a table cell is still empty): not done yet.
 * - error: the learner's code threw, or the file could not be loaded.
 * - timeout: the check did not finish in time (an infinite loop?); the grader moved on.
 */
export type CheckStatus = "pass" | "fail" | "todo" | "error" | "timeout";

export interface CheckResult {
  name: string;
  status: CheckStatus;
  /** One line: what was expected, what came back, and a hint. Empty when the check passed. */
  message: string;
  points: number;
  possible: number;
  ms: number;
}

/** pass: every check passed; todo: nothing attempted yet; fail: anything else. */
export type ExerciseStatus = "pass" | "fail" | "todo";

export interface ExerciseResult {
  /** e.g. "02.3" */
  id: string;
  title: string;
  /** The notebook section that teaches it. */
  section: string;
  status: ExerciseStatus;
  points: number;
  possible: number;
  checks: CheckResult[];
  /** The first failed check's line ("" when everything passed). */
  failure: string;
  /** An earlier exercise of the same file that fails too, and that this one's code uses. */
  fixFirst?: string;
}

export interface FileResult {
  /** e.g. "02-activations" */
  file: string;
  title: string;
  /** The graded module, relative to the repo root, e.g. "exercises/02-activations.ts". */
  module: string;
  exercises: ExerciseResult[];
  ms: number;
  /** The version graded: a short hash of its text and when it was saved (ISO time). */
  snapshot?: { hash: string; savedAt: string };
  /** The file was saved again while it was being graded (this report is of the older version). */
  changedWhileGrading?: boolean;
  /** Its type errors under the notebook kernel's rules (then no check ran). */
  typeProblems?: { file: string; line: number; column: number; message: string; hint: string }[];
}

export interface GradeReport {
  /** Which tree was graded: "exercises" (the learner's), "solutions", or a path. */
  tree: string;
  files: FileResult[];
  points: number;
  possible: number;
  checks: number;
  checksPassed: number;
  exercises: number;
  exercisesPassed: number;
  /** Over every exercise file (from the progress file), e.g. { done: 7, total: 23 }. */
  progress: { done: number; total: number } | null;
  /** True only when every graded check passed. */
  allPassed: boolean;
}
