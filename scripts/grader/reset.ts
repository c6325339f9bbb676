// `npm run reset -- 02`: puts the untouched stub back, after saving the learner's version to
// .backups/. The pristine stubs are committed in scripts/grader/stubs/ (see README.md: git would
// fail without a repository, for an uncommitted stub, or after the learner committed their work).
// This is the only code that writes to exercises/.

import * as fs from "fs";
import * as path from "path";
import { loadChecks } from "./load";
import { BACKUPS_DIR, moduleFile, relativeLabel, selectExerciseFiles, stubFile } from "./paths";
import { markNotPassed } from "./progress";

export interface ResetResult {
  /** The restored file, relative to the root. */
  restored: string;
  /** Where the learner's previous version was saved (relative), or null when there was nothing to save. */
  backup: string | null;
  message: string;
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/:/g, "-")
    .replace(/\.\d+Z$/, "Z");
}

/** Resets the exercise files a name selects ("02", "02-activations"). */
export async function reset(root: string, name: string, now = new Date()): Promise<ResetResult[]> {
  if (/^\d\d\.\d+$/.test(name)) {
    throw new Error(
      `reset works on a whole file, not one exercise: npm run reset -- ${name.slice(0, 2)}`,
    );
  }
  const results: ResetResult[] = [];
  for (const ref of selectExerciseFiles(root, [name])) {
    const pristine = stubFile(root, ref.file);
    if (!fs.existsSync(pristine)) {
      throw new Error(
        `no pristine stub for ${ref.file} (expected ${relativeLabel(root, pristine)})`,
      );
    }
    const stub = fs.readFileSync(pristine, "utf8");
    const target = moduleFile(root, "exercises", ref.file);
    const label = relativeLabel(root, target);
    let backup: string | null = null;
    if (fs.existsSync(target)) {
      const current = fs.readFileSync(target, "utf8");
      if (current !== stub) {
        fs.mkdirSync(path.join(root, BACKUPS_DIR), { recursive: true });
        let file = path.join(root, BACKUPS_DIR, `${ref.file}.${stamp(now)}.ts`);
        for (let k = 2; fs.existsSync(file); k++) {
          file = path.join(root, BACKUPS_DIR, `${ref.file}.${stamp(now)}-${k}.ts`);
        }
        fs.writeFileSync(file, current);
        backup = relativeLabel(root, file);
      }
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, stub);
    const spec = await loadChecks(ref.checksFile);
    markNotPassed(
      root,
      spec.exercises.map((e) => e.id),
    );
    const message = backup
      ? `Restored ${label} to its stub. Your previous version is saved in ${backup}`
      : `Restored ${label} to its stub (it was already untouched or missing; nothing to back up).`;
    results.push({ restored: label, backup, message });
  }
  return results;
}
