// What a notebook needs for its exercises, in one import:
//
//   import { grade, hint, tryExercise } from "./scripts/grader/notebook";
//   await tryExercise("02.2", (my) => console.log(my.sigmoid(2)));  // a cell that uses your code
//   await grade("02");      // the score table for exercises/02-….ts, as HTML
//   await hint("02.3");     // the next hint for exercise 02.3
//
// tryExercise always runs your exercise file as last saved: it type-checks it the way the kernel
// would (and shows the errors with their lines), loads it into a realm of its own (as the grader
// does: learner-module.ts) and, until the exercise is written, prints its "not done yet" line so
// the notebook runs on. An error in your code is shown with its line in your .ts file first, and
// code that never returns is stopped (after 120 s, or by the kernel's Interrupt).
// grade() runs `npm run grade -- 02 --json` in a separate process (so an endless loop can never
// freeze the kernel), showing what is being graded while it waits. Outside a kernel the table is
// printed as text. Compiled by tslab (TypeScript 5.0, CommonJS, ES2022): no import.meta.

import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import * as lib from "../../lib/index";
import { displayBundle, inKernel, newDisplayId } from "../../lib/display";
import { hashOf } from "./grade";
import { type LearnerModule, loadLearnerModule, ModuleLoadError } from "./learner-module";
import { findRoot, listExerciseFiles, tsxLoader } from "./paths";
import { renderHtml, renderText } from "./render";
import type { GradeReport } from "./report";
import { timeoutScale } from "./runner";
import { isTodoError, todoLine } from "./todo";
import { describeTypeProblem, typeProblems } from "./typecheck";
import { errorName } from "./wrap";

export interface NotebookGradeOptions {
  /** "exercises" (default) or "solutions". */
  tree?: string;
  /** The repository (default: found from the kernel's working directory). */
  root?: string;
  /** Give up after this long (default 180 s). */
  timeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Running a cell that uses the learner's exercise file

/** The loaded version of each exercise file: reloaded when the saved text changes. */
const loaded = new Map<string, { hash: string; module: LearnerModule }>();

/** How long an exercise cell's code may run before it is stopped (× NN_GRADER_TIMEOUT_SCALE). */
export const EXERCISE_CELL_SECONDS = 120;

export interface TryExerciseOptions {
  /** Stop the cell's synchronous code after this many seconds (default 120, scaled). */
  seconds?: number;
}

/**
 * Runs `run` with your exercise module for exercise `id` (e.g. "01.1": exercises/01-….ts), as
 * the file is saved now. Until an exercise is written its todo() is caught and its "not done yet"
 * line printed; a type error, or an error in your code, is shown with its line in your file and
 * fails the cell. Code that never returns is stopped after `seconds`, or by the kernel's
 * Interrupt, with a line that says so (the kernel carries on).
 */
export async function tryExercise(
  id: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the cell's code is the notebook's; the module is yours
  run: (my: any) => unknown,
  options: TryExerciseOptions = {},
): Promise<void> {
  const root = findRoot();
  const ref = listExerciseFiles(root).find((r) => r.prefix === id.slice(0, 2));
  if (!ref) throw cleanError(`tryExercise: no exercise file for '${id}' (use an id like "01.1")`);
  const file = path.join(root, "exercises", `${ref.file}.ts`);
  const label = `exercises/${ref.file}.ts`;
  if (!fs.existsSync(file)) {
    throw cleanError(`${label} is missing: \`npm run reset -- ${ref.prefix}\` restores the stub`);
  }
  const source = fs.readFileSync(file, "utf8");
  const hash = hashOf(source);
  let entry = loaded.get(file);
  if (!entry || entry.hash !== hash) {
    const problems = typeProblems(root, [file], new Map([[file, source]]));
    if (problems.length > 0) {
      const lines = problems.map((p) => `  ${describeTypeProblem(p)} — hint: ${p.hint}`);
      throw cleanError(
        `${label} has ${problems.length === 1 ? "a type error" : `${problems.length} type errors`}, so the notebook cannot use it:\n${lines.join("\n")}\nFix ${problems.length === 1 ? "it" : "them"}, save, and run this cell again.`,
      );
    }
    try {
      const module = loadLearnerModule({
        root,
        file,
        source,
        lib,
        console,
      });
      entry = { hash, module };
      loaded.set(file, entry);
    } catch (caught) {
      const error = caught instanceof ModuleLoadError ? caught.original : caught;
      if (isTodoError(error)) return notDone(id, error);
      const where = caught instanceof ModuleLoadError ? caught.where.trim() : "";
      throw cleanError(`${label} could not be loaded ${where}: ${errorText(error)}`);
    }
  }
  const module = entry.module;
  const seconds = options.seconds ?? EXERCISE_CELL_SECONDS * timeoutScale();
  try {
    await runStoppable(id, () => run(module.exports), seconds);
  } catch (error) {
    if (isTodoError(error)) return notDone(id, error);
    const where = module.locate(error);
    if (!where) throw error; // not from your code: the notebook's own error, as it is
    // your frames (mapped to the .ts lines) and the cell's, not the kernel's below tryExercise
    const frames = module.mapStack(error).split("\n").slice(1);
    const end = frames.findIndex((f) =>
      /[\\/]scripts[\\/]grader[\\/]notebook\.[jt]s|tryExercise/.test(f),
    );
    const shown = (end < 0 ? frames : frames.slice(0, end)).join("\n");
    throw cleanError(`${errorText(error)}${where}\n${shown}`);
  }
}

/**
 * Calls `call` so that its synchronous part can be stopped: after `seconds`, or by the kernel's
 * Interrupt (SIGINT). In the kernel a cell's code after its first `await` runs outside tslab's
 * own SIGINT guard, so an endless loop there could only be ended by restarting the kernel; vm's
 * timeout and breakOnSigint stop the isolate's JavaScript wherever it is, in any realm.
 */
function runStoppable(id: string, call: () => unknown, seconds: number): unknown {
  try {
    return vm.runInNewContext("call()", { call }, { timeout: seconds * 1000, breakOnSigint: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
      throw cleanError(
        `${id}: your code ran for ${seconds} s without returning, the limit for an exercise cell, and was stopped — ` +
          `if a loop never ends, check that its condition becomes false; if your code is only slow, make it faster, ` +
          `or allow more: tryExercise("${id}", …, { seconds: 600 })`,
      );
    }
    if (code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") {
      throw cleanError(`${id}: your code was stopped by the kernel's Interrupt while it ran.`);
    }
    throw error;
  }
}

/** For a table with one row per exercise: the row, or `otherwise(message)` while its exercise is
 * not done yet (other errors pass through). */
export function ifDone<T>(row: () => T, otherwise: (notDoneYet: string) => T): T {
  try {
    return row();
  } catch (error) {
    if (!isTodoError(error)) throw error;
    return otherwise(todoLine(error));
  }
}

function notDone(id: string, error: unknown): void {
  console.log(`${id} · ${todoLine(error)}`);
}

function errorText(error: unknown): string {
  const { name, message } = errorName(error);
  return `${name}: ${message}`;
}

/** An error tslab prints as just its text (no stack into the kernel's internals). */
function cleanError(text: string): Error {
  const error = new Error(text);
  error.stack = text;
  return error;
}

// ---------------------------------------------------------------------------------------------
// Grading and hints from a cell

interface CliOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(
  args: string[],
  options: NotebookGradeOptions,
  onProgress?: (text: string) => void,
): Promise<CliOutput> {
  const root = options.root ?? findRoot();
  const cli = path.join(root, "scripts", "grader", "cli.ts");
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.NN_COURSE_KERNEL;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", tsxLoader(root), cli, ...args, "--root", root],
      { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (line.startsWith("progress: ")) onProgress?.(line.slice("progress: ".length));
        else if (line) stderr += `${line}\n`;
      }
    });
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
  onProgress?: (text: string) => void,
): Promise<GradeReport> {
  const args = [
    "grade",
    ...(which ? [which] : []),
    "--json",
    "--tree",
    options.tree ?? "exercises",
  ];
  if (onProgress) args.push("--progress");
  const out = await runCli(args, options, onProgress);
  const line = out.stdout.trim().split("\n").pop() ?? "";
  if ((out.code === 0 || out.code === 1) && line.startsWith("{"))
    return JSON.parse(line) as GradeReport;
  const why = out.stderr.trim() || out.stdout.trim() || `exit code ${out.code}`;
  throw new Error(`the grader could not run: ${why}`);
}

/** Grades and shows the score table (HTML in JupyterLab, text elsewhere); while it runs, one
 * line says what is being graded. */
export async function grade(which?: string, options: NotebookGradeOptions = {}): Promise<void> {
  const bundle = (report: GradeReport) => ({
    "text/html": renderHtml(report),
    "text/plain": renderText(report),
  });
  if (!inKernel()) return displayBundle(bundle(await gradeReport(which, options)));
  const id = newDisplayId();
  let last = 0;
  const started = Date.now();
  displayBundle({ "text/plain": "grading…" }, id);
  const report = await gradeReport(which, options, (text) => {
    if (Date.now() - last < 250) return; // a few redraws a second are enough
    last = Date.now();
    const seconds = ((last - started) / 1000).toFixed(0);
    displayBundle({ "text/plain": `grading… ${text} (${seconds} s)` }, id, true);
  });
  displayBundle(bundle(report), id, true);
}

/** Shows the next hint for an exercise, e.g. hint("02.3"), as `npm run hint -- 02.3` does. */
export async function hint(id?: string, options: NotebookGradeOptions = {}): Promise<void> {
  const out = await runCli(["hint", ...(id ? [id] : []), "--notebook"], options);
  if (out.code !== 0) throw cleanError(out.stderr.trim() || `hint failed (exit ${out.code})`);
  displayBundle({ "text/plain": out.stdout.trimEnd() });
}
