// What a notebook needs for its exercises, in one import:
//
//   import { grade, hint, tryExercise } from "./scripts/grader/notebook";
//   await tryExercise(() => { … my.sigmoid(2) … });   // a cell that uses your exercise
//   await grade("02");      // the score table for exercises/02-….ts, as HTML
//   await hint("02.3");     // the next hint for exercise 02.3
//
// It runs the same command as `npm run grade -- 02 --json` in a separate process, so the file as
// last saved is graded (not a copy the kernel imported earlier), and an endless loop in the
// learner's code can never freeze the kernel. Outside a kernel the table is printed as text.
// Compiled by tslab (TypeScript 5.0, CommonJS, ES2022): no import.meta, no __dirname.

import { spawn } from "child_process";
import * as path from "path";
import { displayBundle } from "../../lib/display";
import { findRoot, tsxLoader } from "./paths";
import { renderHtml, renderText } from "./render";
import type { GradeReport } from "./report";
import { isTodoError } from "./todo";

export interface NotebookGradeOptions {
  /** "exercises" (default) or "solutions". */
  tree?: string;
  /** The repository (default: found from the kernel's working directory). */
  root?: string;
  /** Give up after this long (default 180 s). */
  timeoutMs?: number;
}

interface CliOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], options: NotebookGradeOptions): Promise<CliOutput> {
  const root = options.root ?? findRoot();
  const cli = path.join(root, "scripts", "grader", "cli.ts");
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.NN_COURSE_KERNEL;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", tsxLoader(root), cli, ...args, "--root", root],
      {
        cwd: root,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const limit = options.timeoutMs ?? 180_000;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`grading did not finish within ${Math.round(limit / 1000)} s`));
    }, limit);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Grades and returns the report (without showing it). `which`: "02", "02-activations", or all. */
export async function gradeReport(
  which?: string,
  options: NotebookGradeOptions = {},
): Promise<GradeReport> {
  const args = [
    "grade",
    ...(which ? [which] : []),
    "--json",
    "--tree",
    options.tree ?? "exercises",
  ];
  const out = await runCli(args, options);
  const line = out.stdout.trim().split("\n").pop() ?? "";
  if ((out.code === 0 || out.code === 1) && line.startsWith("{"))
    return JSON.parse(line) as GradeReport;
  const why = out.stderr.trim() || out.stdout.trim() || `exit code ${out.code}`;
  throw new Error(`the grader could not run: ${why}`);
}

/** Grades and shows the score table (HTML in JupyterLab, text elsewhere). */
export async function grade(which?: string, options: NotebookGradeOptions = {}): Promise<void> {
  const report = await gradeReport(which, options);
  displayBundle({ "text/html": renderHtml(report), "text/plain": renderText(report) });
}

/** Shows the next hint for an exercise, e.g. hint("02.3"), as `npm run hint -- 02.3` does. */
export async function hint(id?: string, options: NotebookGradeOptions = {}): Promise<void> {
  const out = await runCli(["hint", ...(id ? [id] : []), "--notebook"], options);
  if (out.code !== 0)
    throw new Error(out.stderr.trim().split("\n")[0] || `hint failed (exit ${out.code})`);
  displayBundle({ "text/plain": out.stdout.trimEnd() });
}

/** Runs a cell that uses your exercises. Until an exercise is written, its stub's todo() is
 * caught and its "not done yet: …" line printed, so the notebook runs on; a real error in your
 * code is not caught (tslab shows it in red). */
export async function tryExercise(run: () => void | Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!isTodoError(error)) throw error;
    console.log((error as Error).message);
  }
}
