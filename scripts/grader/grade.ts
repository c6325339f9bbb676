// Grading a tree (exercises/ by default) file by file, and summing up a report. Each file is
// graded as it was when grading started (a snapshot: its text, its hash and its time), first
// type-checked the way the notebook's kernel will, then checked in a worker; progress is read
// before and written after, here in the grader's own process only.

import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { loadAllChecks } from "./load";
import { moduleFile, selectExerciseFiles } from "./paths";
import { countDone, readProgress, recordGrades, writeProgress } from "./progress";
import type { FileResult, GradeReport } from "./report";
import { type GradeFileOptions, gradeFile } from "./runner";
import { typeProblems } from "./typecheck";

export interface GradeOptions {
  root: string;
  /** "exercises" (default), "solutions", or a folder path relative to the root. */
  tree?: string;
  /** "02", "02-activations", "02.3"…; every exercise file when empty. */
  names?: readonly string[];
  /** Record in .progress.json (default: only when grading the learner's exercises/). */
  record?: boolean;
  timeoutScale?: number;
  /** Told what is happening, for a progress line: a file type-checked, a check started. */
  onProgress?: (what: string) => void;
}

/** The tree to grade when none is given: NN_TREE, else the learner's exercises/. */
export function defaultTree(): string {
  return process.env.NN_TREE || "exercises";
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

/** A file as it is now: its text, a short hash of it, and when it was last saved. */
export interface Snapshot {
  file: string;
  source: string;
  hash: string;
  savedAt: Date;
}

export function snapshot(file: string): Snapshot | null {
  try {
    const source = fs.readFileSync(file, "utf8");
    return { file, source, hash: hashOf(source), savedAt: fs.statSync(file).mtime };
  } catch {
    return null; // missing: the runner says so
  }
}

export function hashOf(source: string): string {
  return createHash("sha256").update(source).digest("hex").slice(0, 7);
}

export async function grade(options: GradeOptions): Promise<GradeReport> {
  const { root } = options;
  const tree = options.tree ?? defaultTree();
  const treeDir = path.resolve(root, tree);
  if (!fs.existsSync(treeDir)) {
    throw new Error(
      `there is no folder '${tree}' (${treeDir}) to grade: leave --tree out to grade your exercises/, or use --tree solutions`,
    );
  }
  const isLearnersTree = treeDir === path.resolve(root, "exercises");
  const before = readProgress(root); // read before any learner code runs: only this process writes it
  const refs = selectExerciseFiles(root, options.names ?? []);
  const snapshots = refs.map((ref) => snapshot(moduleFile(root, tree, ref.file)));
  const taken = snapshots.filter((s): s is Snapshot => s !== null);
  options.onProgress?.(`type-checking ${taken.length} file(s) the way the notebook's kernel will…`);
  const problems = typeProblems(
    root,
    taken.map((s) => s.file),
    new Map(taken.map((s) => [s.file, s.source])),
  );
  const files = await Promise.all(
    refs.map(async (ref, k) => {
      const shot = snapshots[k];
      const options_: GradeFileOptions = {
        root,
        checksFile: ref.checksFile,
        moduleFile: moduleFile(root, tree, ref.file),
        source: shot?.source,
        typeProblems: shot ? problems.filter((p) => path.resolve(root, p.file) === shot.file) : [],
        missingHint: isLearnersTree
          ? undefined
          : `there is no ${ref.file}.ts in ${tree}/ (grading --tree ${tree})`,
        timeoutScale: options.timeoutScale,
        onCheck: ({ exercise, name, index, count }) =>
          options.onProgress?.(
            `${ref.file} · ${exercise} ${name} (check ${index + 1} of ${count})`,
          ),
      };
      const result = await gradeFile(options_);
      if (options_.typeProblems?.length) result.typeProblems = [...options_.typeProblems];
      if (shot) noteWhatToFixFirst(result, shot.source);
      if (shot) result.snapshot = { hash: shot.hash, savedAt: shot.savedAt.toISOString() };
      const now = snapshot(options_.moduleFile);
      if (shot && now && now.hash !== shot.hash) result.changedWhileGrading = true;
      return result;
    }),
  );
  let progress: GradeReport["progress"] = null;
  const allIds = async () =>
    (await loadAllChecks(root)).flatMap((f) => f.exercises.map((e) => e.id));
  if (options.record ?? isLearnersTree) {
    writeProgress(root, before); // undo anything that wrote the file while grading
    progress = countDone(recordGrades(root, files), await allIds());
  } else if (isLearnersTree) {
    progress = countDone(before, await allIds());
  }
  return summarize(tree, files, progress);
}

/**
 * For a failing exercise whose code (in the learner's file, between its `// ---- NN.k` marker and
 * the next) calls a function of an earlier exercise that fails too, notes that earlier one: a
 * wrong 01.1 makes a correct 01.2 fail, and the learner should fix 01.1 first.
 */
export function noteWhatToFixFirst(result: FileResult, source: string): void {
  const sections = new Map<string, string>();
  const parts = source.split(/^\/\/ -+ (\d\d\.\d+)\b.*$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) sections.set(parts[i], parts[i + 1]);
  const exportsOf = (id: string): string[] =>
    [...(sections.get(id) ?? "").matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  const uses = (later: string, earlier: string): boolean =>
    exportsOf(earlier).some((name) =>
      new RegExp(`\\b${name}\\s*\\(`).test(
        (sections.get(later) ?? "").replace(new RegExp(`export function ${name}\\b`), ""),
      ),
    );
  const order = new Map(result.exercises.map((e, k) => [e.id, k]));
  const rank = (id: string): number => order.get(id) ?? 0;
  const failing = result.exercises.filter((e) => e.status !== "pass");
  // the failing exercises `id` builds on, directly or through another
  const buildsOn = (id: string, seen: Set<string>): string[] =>
    failing
      .filter((e) => rank(e.id) < rank(id) && !seen.has(e.id) && uses(id, e.id))
      .flatMap((e) => {
        seen.add(e.id);
        return [e.id, ...buildsOn(e.id, seen)];
      });
  for (const exercise of failing) {
    if (exercise.status !== "fail") continue;
    const [first] = buildsOn(exercise.id, new Set([exercise.id])).sort((a, b) => rank(a) - rank(b));
    if (first) exercise.fixFirst = first;
  }
}
