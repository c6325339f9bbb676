// The learner's progress: one small JSON file at the repo root (.progress.json, ignored by git).
// Which exercises pass, when each first passed, and how many hints were shown. Only grading the
// learner's own exercises/ tree records anything.

import * as fs from "fs";
import * as path from "path";
import { PROGRESS_FILE } from "./paths";
import type { FileResult } from "./report";

export interface ExerciseProgress {
  passed: boolean;
  points: number;
  possible: number;
  /** ISO time of the first grade that passed (kept when a later edit breaks it). */
  firstPassedAt?: string;
  lastGradedAt?: string;
  /** How many of the exercise's hints `npm run hint` has shown. */
  hintsShown?: number;
}

export interface Progress {
  version: 1;
  exercises: Record<string, ExerciseProgress>;
}

/** The progress file, or an empty one when it is missing or unreadable. */
export function readProgress(root: string): Progress {
  try {
    const parsed = JSON.parse(
      fs.readFileSync(path.join(root, PROGRESS_FILE), "utf8"),
    ) as Partial<Progress>;
    if (parsed && typeof parsed.exercises === "object" && parsed.exercises !== null) {
      return { version: 1, exercises: parsed.exercises };
    }
  } catch {
    // missing or damaged: start again (grading rebuilds it)
  }
  return { version: 1, exercises: {} };
}

/** Writes atomically (a temporary file renamed over the old one). */
export function writeProgress(root: string, progress: Progress): void {
  const file = path.join(root, PROGRESS_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(progress, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

function entry(progress: Progress, id: string): ExerciseProgress {
  progress.exercises[id] ??= { passed: false, points: 0, possible: 0 };
  return progress.exercises[id];
}

/** Records a grade of the learner's files. */
export function recordGrades(
  root: string,
  files: readonly FileResult[],
  now = new Date(),
): Progress {
  const progress = readProgress(root);
  const time = now.toISOString();
  for (const file of files) {
    for (const exercise of file.exercises) {
      const e = entry(progress, exercise.id);
      e.passed = exercise.status === "pass";
      e.points = exercise.points;
      e.possible = exercise.possible;
      e.lastGradedAt = time;
      if (e.passed && !e.firstPassedAt) e.firstPassedAt = time;
    }
  }
  writeProgress(root, progress);
  return progress;
}

/** Marks exercises as not passing (after a reset restored their stub). */
export function markNotPassed(root: string, ids: readonly string[]): void {
  const progress = readProgress(root);
  for (const id of ids) {
    const e = entry(progress, id);
    e.passed = false;
    e.points = 0;
  }
  writeProgress(root, progress);
}

/** Records that hint number `shown` (1-based) of an exercise was shown. */
export function recordHint(root: string, id: string, shown: number): void {
  const progress = readProgress(root);
  entry(progress, id).hintsShown = shown;
  writeProgress(root, progress);
}

/** "7/23 exercises done" over every exercise id given. */
export function countDone(
  progress: Progress,
  ids: readonly string[],
): { done: number; total: number } {
  return {
    done: ids.filter((id) => progress.exercises[id]?.passed === true).length,
    total: ids.length,
  };
}
