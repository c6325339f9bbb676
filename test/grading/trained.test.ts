// scripts/grader/trained.ts: a training check measures once per settings (and lib, and checks
// file); graders asking at the same time wait for the first; a lock left by a grader that was
// stopped mid-training (its process gone) does not make the next one wait.
import * as fs from "fs";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { cachePaths, trainedOnce } from "../../scripts/grader/trained";
import { ROOT } from "./helpers";

const CHECKS = path.join(ROOT, "scripts", "grader", "checks", "07-digits.ts");
const what = `trained-test-${process.pid}`;
const made: string[] = [];

afterEach(() => {
  for (const f of made.splice(0)) fs.rmSync(f, { force: true });
});

function counter(): { runs: number; measure: () => Promise<{ run: number }> } {
  const c = {
    runs: 0,
    measure: async () => {
      c.runs++;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { run: c.runs };
    },
  };
  return c;
}

describe("trainedOnce", () => {
  it("measures once for the same settings (callers at the same time wait), again for others", async () => {
    const c = counter();
    for (const s of [{ eta: 1 }, { eta: 2 }]) made.push(cachePaths(what, CHECKS, s).file);
    const [a, b] = await Promise.all([
      trainedOnce(what, CHECKS, { eta: 1 }, c.measure),
      trainedOnce(what, CHECKS, { eta: 1 }, c.measure),
    ]);
    expect(c.runs).toBe(1);
    expect(a).toEqual({ run: 1 });
    expect(b).toEqual({ run: 1 });
    await expect(trainedOnce(what, CHECKS, { eta: 1 }, c.measure)).resolves.toEqual({ run: 1 });
    await expect(trainedOnce(what, CHECKS, { eta: 2 }, c.measure)).resolves.toEqual({ run: 2 });
    expect(c.runs).toBe(2);
    expect(fs.existsSync(cachePaths(what, CHECKS, { eta: 1 }).lock)).toBe(false);
  });

  it("takes over a lock whose process is gone, at once", async () => {
    const c = counter();
    const { file, lock } = cachePaths(what, CHECKS, { eta: 3 });
    made.push(file, lock);
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, "2147483646"); // no such process
    const started = Date.now();
    await expect(trainedOnce(what, CHECKS, { eta: 3 }, c.measure)).resolves.toEqual({ run: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
