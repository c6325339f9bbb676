// Where things are. The grader works on a "root" (the repository, or a temporary copy of it in
// tests): root/exercises (the learner's files), root/solutions, root/scripts/grader/checks,
// root/scripts/grader/stubs (pristine stubs for reset), root/.progress.json, root/.backups.
// ES2022, no import.meta/__dirname: notebook.ts (compiled by tslab) imports this file.

import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { pathToFileURL } from "url";

/** The repository root: the nearest folder at or above `start` that holds scripts/grader/cli.ts. */
export function findRoot(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "scripts", "grader", "cli.ts"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(
        `cannot find the course repository (a folder with scripts/grader/cli.ts) at or above ${start}: run this from inside the repository`,
      );
    }
    dir = parent;
  }
}

export interface ExerciseFileRef {
  /** "02-activations" */
  file: string;
  /** "02" */
  prefix: string;
  /** Absolute path of scripts/grader/checks/02-activations.ts. */
  checksFile: string;
}

export const CHECKS_DIR = path.join("scripts", "grader", "checks");
export const STUBS_DIR = path.join("scripts", "grader", "stubs");
export const PROGRESS_FILE = ".progress.json";
export const BACKUPS_DIR = ".backups";

/** Every exercise file that has checks, in notebook order. */
export function listExerciseFiles(root: string): ExerciseFileRef[] {
  const dir = path.join(root, CHECKS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d\d-[a-z0-9-]+\.ts$/.test(name))
    .sort()
    .map((name) => {
      const file = name.replace(/\.ts$/, "");
      return { file, prefix: file.slice(0, 2), checksFile: path.join(dir, name) };
    });
}

/**
 * The files a learner means by "02", "02-activations", "02.3" or "exercises/02-activations.ts";
 * all files when none is named. Throws, listing what exists, when a name matches nothing.
 */
export function selectExerciseFiles(root: string, names: readonly string[]): ExerciseFileRef[] {
  const all = listExerciseFiles(root);
  if (names.length === 0) return all;
  const chosen: ExerciseFileRef[] = [];
  for (const raw of names) {
    const name = path.basename(raw).replace(/\.ts$/, "");
    const prefix = /^\d\d(\.\d+)?$/.test(name) ? name.slice(0, 2) : null;
    const match = all.filter((ref) => (prefix ? ref.prefix === prefix : ref.file === name));
    if (match.length === 0) {
      const known = all.map((ref) => `${ref.prefix} (${ref.file})`).join(", ") || "none yet";
      throw new Error(`no exercise file matches '${raw}': the exercise files are ${known}`);
    }
    for (const ref of match) if (!chosen.includes(ref)) chosen.push(ref);
  }
  return chosen;
}

/** The module a tree ("exercises", "solutions", or any folder) holds for an exercise file, e.g.
 * root/solutions/02-activations.ts. */
export function moduleFile(root: string, tree: string, file: string): string {
  return path.resolve(root, tree, `${file}.ts`);
}

/** How a learner knows a path: relative to the root, with forward slashes. */
export function relativeLabel(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel.startsWith("..") ? file : rel.split(path.sep).join("/");
}

/** The pristine stub `npm run reset` restores (committed; see README.md for why not git). */
export function stubFile(root: string, file: string): string {
  return path.join(root, STUBS_DIR, `${file}.ts.stub`);
}

/** The tsx loader to start a TypeScript child process with (`node --import <this> file.ts`). */
export function tsxLoader(root: string): string {
  try {
    return pathToFileURL(createRequire(path.join(root, "package.json")).resolve("tsx")).href;
  } catch {
    return "tsx"; // resolved by node from the child's working directory (the root)
  }
}
