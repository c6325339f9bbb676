// A cache for expensive recomputations (an exercise table's training runs): one JSON file per
// result in node_modules/.cache/nn-course-grader/, keyed by a hash of everything the result
// depends on (the lib's source, the data, Node's version, the cell's settings). A lock file makes
// concurrent graders (vitest runs test files in parallel) compute each result once.

import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

export function cacheDir(root: string): string {
  return path.join(root, "node_modules", ".cache", "nn-course-grader");
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : [full];
    })
    .sort();
}

/** A hash of the files under `paths` (relative to root) and Node's version. */
export function fingerprint(root: string, paths: readonly string[]): string {
  const hash = createHash("sha256").update(process.version);
  for (const rel of paths) {
    for (const file of listFiles(path.join(root, rel))) {
      hash
        .update(path.relative(root, file))
        .update("\0")
        .update(fs.readFileSync(file))
        .update("\0");
    }
  }
  return hash.digest("hex").slice(0, 16);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The cached value for `key`, or `compute()`'s (then stored). While another process computes the
 * same key, waits for it instead of computing twice. Never fails because of the cache itself.
 */
export async function cached<T>(root: string, key: string, compute: () => Promise<T>): Promise<T> {
  const dir = cacheDir(root);
  const name = createHash("sha256").update(key).digest("hex").slice(0, 24);
  const file = path.join(dir, `${name}.json`);
  const lock = path.join(dir, `${name}.lock`);
  const read = (): T | undefined => {
    try {
      return (JSON.parse(fs.readFileSync(file, "utf8")) as { value: T }).value;
    } catch {
      return undefined;
    }
  };
  for (;;) {
    const hit = read();
    if (hit !== undefined) return hit;
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return compute(); // no cache here
      let text: string;
      try {
        text = fs.readFileSync(lock, "utf8");
      } catch {
        continue; // its owner just finished and removed it
      }
      const owner = Number(text);
      // An empty lock was only just created: its owner is writing its pid; wait for it.
      if (text !== "" && (!(owner > 0) || !alive(owner)))
        fs.rmSync(lock, { force: true }); // its owner died
      else await sleep(200);
      continue;
    }
    try {
      const value = await compute();
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify({ key, value }));
      fs.renameSync(temporary, file);
      return value;
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
}
