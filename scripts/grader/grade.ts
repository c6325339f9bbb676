// Grading a tree (exercises/ by default) file by file, and summing up a report.

import * as path from "path";
import { loadChecks } from "./load";
import { listExerciseFiles, moduleFile, selectExerciseFiles } from "./paths";
import { countDone, readProgress, recordGrades } from "./progress";
import type { FileResult, GradeReport } from "./report";
import { gradeFile } from "./runner";

export interface GradeOptions {
  root: string;
  /** "exercises" (default), "solutions", or a folder path relative to the root. */
  tree?: string;
  /** "02", "02-activations", "02.3"…; every exercise file when empty. */
  names?: readonly string[];
  /** Record in .progress.json (default: only when grading the learner's exercises/). */
  record?: boolean;
  timeoutScale?: number;
}

/** The tree to grade when none is given: NN_TREE, else the learner's exercises/. */
export function defaultTree(): string {
  return process.env.NN_TREE || "exercises";
}

/** Every exercise id over every exercise file, e.g. ["01.1", …, "02.9"]. */
export async function allExerciseIds(root: string): Promise<string[]> {
  const ids: string[] = [];
  for (const ref of listExerciseFiles(root)) {
    const spec = await loadChecks(ref.checksFile);
    ids.push(...spec.exercises.map((e) => e.id));
  }
  return ids;
}

export function summarize(
  tree: string,
  files: FileResult[],
  progress: GradeReport["progress"],
): GradeReport {
  const exercises = files.flatMap((f) => f.exercises);
  const checks = exercises.flatMap((e) => e.checks);
  const checksPassed = checks.filter((c) => c.status === "pass").length;
  return {
    tree,
    files,
    points: exercises.reduce((s, e) => s + e.points, 0),
    possible: exercises.reduce((s, e) => s + e.possible, 0),
    checks: checks.length,
    checksPassed,
    exercises: exercises.length,
    exercisesPassed: exercises.filter((e) => e.status === "pass").length,
    progress,
    allPassed: checks.length > 0 && checksPassed === checks.length,
  };
}

export async function grade(options: GradeOptions): Promise<GradeReport> {
  const tree = options.tree ?? defaultTree();
  const refs = selectExerciseFiles(options.root, options.names ?? []);
  const files = await Promise.all(
    refs.map((ref) =>
      gradeFile({
        root: options.root,
        checksFile: ref.checksFile,
        moduleFile: moduleFile(options.root, tree, ref.file),
        timeoutScale: options.timeoutScale,
      }),
    ),
  );
  const isLearnersTree =
    path.resolve(options.root, tree) === path.resolve(options.root, "exercises");
  let progress: GradeReport["progress"] = null;
  if (options.record ?? isLearnersTree) {
    const saved = recordGrades(options.root, files);
    progress = countDone(saved, await allExerciseIds(options.root));
  } else if (isLearnersTree) {
    progress = countDone(readProgress(options.root), await allExerciseIds(options.root));
  }
  return summarize(tree, files, progress);
}
