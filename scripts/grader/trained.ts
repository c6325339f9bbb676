// A check that trains a network with the learner's settings (07.4) takes seconds; `npm run watch`
// re-grades on every save, and the honesty test grades a dozen fixtures with the same settings at
// once. So what such a training measured is kept in build/grader-cache/<key>.json, the key a hash
// of the settings, of lib/'s sources and of the checks file: change any of them and it trains
// afresh. The first process to need a result trains (holding <key>.lock, which names its pid); the
// others wait for its file, however long it trains. A lock whose process is gone is taken over.

import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { libHash } from "../../lib/bundle";
import { projectRoot } from "../../lib/project";

/** Bumped when what is saved changes. */
const FORMAT = 1;

/** Where the result for these settings is kept, and the lock of whoever is computing it. */
export function cachePaths(
  what: string,
  checksFile: string,
  settings: unknown,
): { file: string; lock: string } {
  const key = createHash("sha256")
    .update(JSON.stringify({ FORMAT, what, settings, lib: libHash() }))
    .update(fs.readFileSync(checksFile))
    .digest("hex")
    .slice(0, 20);
  const dir = path.join(projectRoot(), "build", "grader-cache");
  return { file: path.join(dir, `${key}.json`), lock: path.join(dir, `${key}.lock`) };
}

/** `measure()`'s result for these settings, from the cache when the same lib measured it before. */
export async function trainedOnce<R>(
  what: string,
  checksFile: string,
  settings: unknown,
  measure: () => Promise<R>,
): Promise<R> {
  const { file, lock } = cachePaths(what, checksFile, settings);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as R;
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break; // ours to train
    } catch {
      let text = "";
      let age = 0;
      try {
        text = fs.readFileSync(lock, "utf8");
        age = Date.now() - fs.statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile: look again
      }
      // a lock just made may not hold its pid yet; a grader stopped mid-training (Ctrl-C in
      // `npm run watch`) leaves its lock behind, naming a process that is gone
      const abandoned = text === "" ? age > 2_000 : !alive(Number(text));
      if (abandoned) fs.rmSync(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    const result = await measure();
    const temp = `${file}.${process.pid}`;
    fs.writeFileSync(temp, JSON.stringify(result));
    fs.renameSync(temp, file); // a reader sees the whole file or none
    return result;
  } finally {
    // only our own lock: another process may have taken over one it judged abandoned
    try {
      if (fs.readFileSync(lock, "utf8") === String(process.pid)) fs.rmSync(lock, { force: true });
    } catch {
      // removed already
    }
  }
}

/** Whether process `pid` still runs (signal 0 only asks). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // it runs, as another user
  }
}
