// Messages between the grader (runner.ts) and its worker process (child.ts), over Node's IPC channel.

import type { CheckStatus } from "./report";

/** What the runner sends the worker first: what to grade, and from which check on. */
export interface Job {
  root: string;
  checksFile: string;
  moduleFile: string;
  /** How the learner knows the module, e.g. "exercises/02-activations.ts". */
  label: string;
  /** The module's text as it was when grading started (the snapshot graded). */
  source: string;
  /** The first check to run (the ones before it ran in an earlier worker). */
  start: number;
}

export type ChildMessage =
  | { type: "loaded" }
  | { type: "load-error"; status: "todo" | "error"; message: string }
  | { type: "start"; index: number }
  | { type: "result"; index: number; status: CheckStatus; message: string; ms: number }
  | { type: "done" };
