// Grading one exercise file: the checks run in a worker process (child.ts) that loads the
// learner's module. Each check gets a time limit; when learner code loops forever or kills the
// worker, that check fails and a fresh worker carries on from the next check. One worker per file
// in the normal case keeps grading fast.

import { fork, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { flatChecks, type AnyExerciseFile } from "./define";
import { loadChecks } from "./load";
import { relativeLabel, tsxLoader } from "./paths";
import type { ChildArgs, ChildMessage } from "./protocol";
import type { CheckResult, CheckStatus, ExerciseResult, FileResult } from "./report";

export const DEFAULT_CHECK_TIMEOUT_MS = 2000;
export const DEFAULT_LOAD_TIMEOUT_MS = 20_000;

export interface GradeFileOptions {
  /** The repository root (the worker runs there, and labels are relative to it). */
  root: string;
  checksFile: string;
  /** The module to grade: exercises/NN-topic.ts, solutions/…, or a test fixture. */
  moduleFile: string;
  /** Multiplies every check's time limit (default: env NN_GRADER_TIMEOUT_SCALE or 1). */
  timeoutScale?: number;
  /** Limit for starting the worker and loading the module (default 20 s). */
  loadTimeoutMs?: number;
}

function timeoutScale(option: number | undefined): number {
  if (option !== undefined) return option;
  const fromEnv = Number(process.env.NN_GRADER_TIMEOUT_SCALE);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 1;
}

function lastLines(text: string, n = 2): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(-n).join(" | ");
}

/** The checks of the file being graded, in the order they run (flatChecks, computed once). */
type FlatChecks = ReturnType<typeof flatChecks<unknown>>;

interface Slot {
  status: CheckStatus;
  message: string;
  ms: number;
}

/** Grades one module against one checks file. Never throws for anything the learner's code does. */
export async function gradeFile(options: GradeFileOptions): Promise<FileResult> {
  const started = performance.now();
  const spec = await loadChecks(options.checksFile);
  const flat = flatChecks(spec);
  const label = relativeLabel(options.root, options.moduleFile);
  const slots: (Slot | null)[] = flat.map(() => null);
  const scale = timeoutScale(options.timeoutScale);

  if (!fs.existsSync(options.moduleFile)) {
    const message = `${label} is missing — hint: \`npm run reset -- ${spec.file.slice(0, 2)}\` restores the stub`;
    slots.fill({ status: "error", message, ms: 0 });
  }
  let next = slots.findIndex((s) => s === null);
  while (next >= 0) {
    await runWorker(options, label, next, flat, scale, slots);
    next = slots.findIndex((s) => s === null);
  }
  return assemble(spec, flat, label, slots as Slot[], performance.now() - started);
}

/** Runs checks from `start` in one worker, filling `slots`, until it finishes, hangs or dies. */
function runWorker(
  options: GradeFileOptions,
  label: string,
  start: number,
  flat: FlatChecks,
  scale: number,
  slots: (Slot | null)[],
): Promise<void> {
  const count = flat.length;
  const args: ChildArgs = {
    checksFile: options.checksFile,
    moduleFile: options.moduleFile,
    label,
    start,
  };
  return new Promise((resolve) => {
    let child: ChildProcess;
    let stderr = "";
    let current: number | null = null;
    let currentStarted = 0;
    let loaded = false;
    let settled = false;
    let timer: NodeJS.Timeout | null = null;

    const fillRest = (from: number, slot: Slot): void => {
      for (let i = from; i < count; i++) if (slots[i] === null) slots[i] = slot;
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      resolve();
    };
    const arm = (ms: number, onTimeout: () => void): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };

    try {
      child = fork(
        path.join(options.root, "scripts", "grader", "child.ts"),
        [JSON.stringify(args)],
        {
          cwd: options.root,
          execArgv: ["--import", tsxLoader(options.root), "--max-old-space-size=2048"],
          stdio: ["ignore", "pipe", "pipe", "ipc"],
          env: { ...process.env, NODE_OPTIONS: "" },
        },
      );
    } catch (error) {
      fillRest(start, {
        status: "error",
        message: `could not start the grader's worker: ${String(error)}`,
        ms: 0,
      });
      resolve();
      return;
    }
    child.stdout?.resume(); // the learner's console.log output is not part of the report
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });

    const loadLimit = (options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS) * scale;
    arm(loadLimit, () => {
      fillRest(start, {
        status: "timeout",
        message: `loading ${label} did not finish within ${Math.round(loadLimit / 1000)} s — hint: is there an endless loop at the top level of the file (outside any function)?`,
        ms: loadLimit,
      });
      finish();
    });

    child.on("message", (raw: unknown) => {
      const message = raw as ChildMessage;
      switch (message.type) {
        case "loaded":
          loaded = true;
          if (timer) clearTimeout(timer);
          break;
        case "load-error":
          fillRest(start, { status: message.status, message: message.message, ms: 0 });
          finish();
          break;
        case "start": {
          current = message.index;
          currentStarted = performance.now();
          const check = flat[message.index].check;
          const limit = (check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS) * scale;
          arm(limit, () => {
            slots[message.index] = {
              status: "timeout",
              message: `${check.name}: no answer within ${formatSeconds(limit)} — hint: an endless loop? Check that every loop's condition eventually becomes false (the grader stopped it and went on)`,
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
      if (current !== null) {
        slots[current] = {
          status: "error",
          message: `${flat[current].check.name}: your code ended the grader's worker process (it ${how}${detail ? `: ${detail}` : ""}) — hint: remove process.exit() calls, and make sure nothing throws inside a timer or a promise`,
          ms: performance.now() - currentStarted,
        };
      } else if (!loaded) {
        fillRest(start, {
          status: "error",
          message: `could not load ${label}: the grader's worker ${how}${detail ? `: ${detail}` : ""}`,
          ms: 0,
        });
      } else {
        // Between checks (should not happen): mark the next check so that grading moves on.
        const nextIndex = slots.findIndex((s) => s === null);
        if (nextIndex >= 0) {
          slots[nextIndex] = {
            status: "error",
            message: `the grader's worker ${how}${detail ? `: ${detail}` : ""}`,
            ms: 0,
          };
        }
      }
      finish();
    });
    child.on("error", (error) => {
      if (settled) return;
      fillRest(current ?? start, {
        status: "error",
        message: `the grader's worker failed: ${error.message}`,
        ms: 0,
      });
      finish();
    });
  });
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms)} ms`;
}

function assemble(
  spec: AnyExerciseFile,
  flat: FlatChecks,
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
