// Grading one exercise file: the checks run in a worker process (child.ts) that loads the
// learner's module. Each check gets a time limit; when learner code loops forever or kills the
// worker, that check fails and a fresh worker carries on from the next check. One worker per file
// in the normal case keeps grading fast.

import { fork, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { type Check, flatChecks, type AnyExerciseFile } from "./define";
import { loadChecks } from "./load";
import { relativeLabel, tsxLoader } from "./paths";
import type { ChildMessage, Job } from "./protocol";
import type { CheckResult, CheckStatus, ExerciseResult, FileResult } from "./report";
import { describeTypeProblem, type TypeProblem } from "./typecheck";

export const DEFAULT_CHECK_TIMEOUT_MS = 2000;
export const DEFAULT_LOAD_TIMEOUT_MS = 20_000;

export interface GradeFileOptions {
  /** The repository root (the worker runs there, and labels are relative to it). */
  root: string;
  checksFile: string;
  /** The module to grade: exercises/NN-topic.ts, solutions/…, or a test fixture. */
  moduleFile: string;
  /** Its text as it was when grading started (default: read now). */
  source?: string;
  /** Its type errors under tslab's rules (typecheck.ts): when there are any, no check runs. */
  typeProblems?: readonly TypeProblem[];
  /** What to say when the module is missing (default: how to restore the stub). */
  missingHint?: string;
  /** Multiplies every check's time limit (default: env NN_GRADER_TIMEOUT_SCALE or 1). */
  timeoutScale?: number;
  /** Limit for starting the worker and loading the module (default 20 s). */
  loadTimeoutMs?: number;
  /** Told when each check starts (for a progress line). */
  onCheck?: (check: { exercise: string; name: string; index: number; count: number }) => void;
}

/** How long the grader waits, with what made it wait longer. */
export function timeoutScale(option?: number): number {
  if (option !== undefined) return option;
  const fromEnv = Number(process.env.NN_GRADER_TIMEOUT_SCALE);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 1;
}

interface Slot {
  status: CheckStatus;
  message: string;
  ms: number;
}

/** The running workers, so that an interrupted grader can stop them (cli.ts on Ctrl+C). */
export const workers = new Set<ChildProcess>();

/** Grades one module against one checks file. Never throws for anything the learner's code does. */
export async function gradeFile(options: GradeFileOptions): Promise<FileResult> {
  const started = performance.now();
  const spec = await loadChecks(options.checksFile);
  const flat = flatChecks(spec);
  const label = relativeLabel(options.root, options.moduleFile);
  const slots: (Slot | null)[] = flat.map(() => null);
  const fill = (slot: Slot): void => void slots.fill(slot);
  const problems = options.typeProblems ?? [];

  if (options.source === undefined && !fs.existsSync(options.moduleFile)) {
    const hint =
      options.missingHint ?? `\`npm run reset -- ${spec.file.slice(0, 2)}\` restores the stub`;
    fill({ status: "error", message: `${label} is missing — hint: ${hint}`, ms: 0 });
  } else if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more type errors)` : "";
    fill({
      status: "error",
      message: `type error at ${describeTypeProblem(problems[0])}${more} — hint: ${problems[0].hint}; the notebook's kernel refuses a file with a type error, so no check ran`,
      ms: 0,
    });
  }
  const job: Job = {
    root: options.root,
    checksFile: options.checksFile,
    moduleFile: options.moduleFile,
    label,
    source: options.source ?? (slots[0] ? "" : fs.readFileSync(options.moduleFile, "utf8")),
    start: 0,
  };
  for (let next = slots.indexOf(null); next >= 0; next = slots.indexOf(null)) {
    await runWorker({ ...job, start: next }, options, flat, slots);
  }
  return assemble(spec, flat, label, slots as Slot[], performance.now() - started);
}

/** Runs checks from `job.start` in one worker, filling `slots`, until it finishes, hangs or dies. */
function runWorker(
  job: Job,
  options: GradeFileOptions,
  flat: ReturnType<typeof flatChecks<unknown>>,
  slots: (Slot | null)[],
): Promise<void> {
  const scale = timeoutScale(options.timeoutScale);
  return new Promise((resolve) => {
    let stderr = "";
    let current: number | null = null;
    let currentStarted = 0;
    let loaded = false;
    let progressed = false; // a result arrived from this worker
    let settled = false;
    let timer: NodeJS.Timeout | null = null;
    const fillRest = (from: number, slot: Slot): void => {
      for (let i = from; i < slots.length; i++) if (slots[i] === null) slots[i] = slot;
    };
    const arm = (ms: number, onTimeout: () => void): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };
    const child = fork(path.join(job.root, "scripts", "grader", "child.ts"), [], {
      cwd: job.root,
      execArgv: ["--import", tsxLoader(job.root), "--max-old-space-size=2048"],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    workers.add(child);
    const finish = (): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      workers.delete(child);
      resolve();
    };
    child.stdout?.resume(); // the learner's console.log output is not part of the report
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.send(job);

    const loadLimit = (options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS) * scale;
    arm(loadLimit, () => {
      fillRest(job.start, {
        status: "timeout",
        message: `loading ${job.label} did not finish within ${seconds(loadLimit)} — hint: is there an endless loop at the top level of the file (outside any function)?`,
        ms: loadLimit,
      });
      finish();
    });

    child.on("message", (message: ChildMessage) => {
      switch (message.type) {
        case "loaded":
          loaded = true;
          if (timer) clearTimeout(timer);
          break;
        case "load-error":
          fillRest(job.start, { status: message.status, message: message.message, ms: 0 });
          finish();
          break;
        case "start": {
          current = message.index;
          currentStarted = performance.now();
          const { check, exercise } = flat[message.index];
          options.onCheck?.({
            exercise: exercise.id,
            name: check.name,
            index: message.index,
            count: flat.length,
          });
          const limit = (check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS) * scale;
          arm(limit, () => {
            slots[message.index] = {
              status: "timeout",
              message: timeoutMessage(check, limit),
              ms: limit,
            };
            finish();
          });
          break;
        }
        case "result":
          if (timer) clearTimeout(timer);
          slots[message.index] = {
            status: message.status,
            message: message.message,
            ms: message.ms,
          };
          current = null;
          progressed = true;
          break;
        case "done":
          finish();
          break;
      }
    });

    // "close", not "exit": after exit, messages the worker sent just before can still be in the pipe
    child.on("close", (code, signal) => {
      if (settled) return;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const detail = lastLines(stderr);
      const why = `it ${how}${detail ? `: ${detail}` : ""}`;
      if (current !== null) {
        slots[current] = {
          status: "error",
          message: `${flat[current].check.name}: your code ended the grader's worker process (${why}) — hint: make sure nothing throws inside a timer or a promise, and that your code does not use up the memory`,
          ms: performance.now() - currentStarted,
        };
      } else if (!loaded) {
        fillRest(job.start, {
          status: "error",
          message: `could not load ${job.label}: the grader's worker ${how}${detail ? `: ${detail}` : ""}`,
          ms: 0,
        });
      } else if (!progressed) {
        // Between checks, before any result (should not happen): mark the next check so that
        // grading moves on instead of starting workers that die the same way. (After a result,
        // e.g. a crash reported by the worker itself, a fresh worker takes the next check.)
        fillRest(slots.indexOf(null), {
          status: "error",
          message: `the grader's worker ${how}${detail ? `: ${detail}` : ""}`,
          ms: 0,
        });
      }
      finish();
    });
    child.on("error", (error) => {
      if (settled) return;
      fillRest(current ?? job.start, {
        status: "error",
        message: `the grader's worker failed: ${error.message}`,
        ms: 0,
      });
      finish();
    });
  });
}

/** What a check that ran out of time is told: what happened, and both ways out. */
function timeoutMessage(check: Check<unknown>, limit: number): string {
  return (
    `${check.name}: no answer within ${seconds(limit)}, the time limit for this check — hint: if a ` +
    `loop never ends, check that its condition becomes false; if your code is only slow, make it ` +
    `faster (fewer epochs or passes), or allow more time: NN_GRADER_TIMEOUT_SCALE=3 npm run grade ` +
    `gives every check 3 times as long`
  );
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms)} ms`;
}

function lastLines(text: string, n = 2): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(-n).join(" | ");
}

function assemble(
  spec: AnyExerciseFile,
  flat: ReturnType<typeof flatChecks<unknown>>,
  label: string,
  slots: Slot[],
  ms: number,
): FileResult {
  const exercises: ExerciseResult[] = spec.exercises.map((exercise) => {
    const checks: CheckResult[] = flat
      .filter((entry) => entry.exercise === exercise)
      .map((entry) => {
        const slot = slots[entry.index];
        const possible = entry.check.points ?? 1;
        return {
          name: entry.check.name,
          status: slot.status,
          message: slot.message,
          points: slot.status === "pass" ? possible : 0,
          possible,
          ms: Math.round(slot.ms * 10) / 10,
        };
      });
    const failed = checks.find((c) => c.status !== "pass");
    const status = !failed ? "pass" : checks.every((c) => c.status === "todo") ? "todo" : "fail";
    return {
      id: exercise.id,
      title: exercise.title,
      section: exercise.section,
      status,
      points: checks.reduce((s, c) => s + c.points, 0),
      possible: checks.reduce((s, c) => s + c.possible, 0),
      checks,
      failure: failed ? failed.message : "",
    };
  });
  return { file: spec.file, title: spec.title, module: label, exercises, ms: Math.round(ms) };
}
