// The grader is honest, for every exercise file that has checks (scripts/grader/checks/NN-topic.ts):
// - every check fails on the pristine stub, and says "not done yet" (not a crash);
// - every check passes on solutions/;
// - every alternative correct fixture passes, every plausible wrong one fails where it should,
//   with a useful line, and passes everywhere else (exercise-fixtures/NN-topic.fixtures.ts);
// - the stub, the learner's copy and the solution export the same names; the pristine copy
//   (scripts/grader/stubs/) matches the committed exercises/ stub.
// Nothing here writes to the real exercises/: stubs are graded in a temporary copy.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FixtureSpec } from "./exercise-fixtures/fixture";
import { loadChecks } from "../../scripts/grader/load";
import { listExerciseFiles, stubFile } from "../../scripts/grader/paths";
import type { FileResult } from "../../scripts/grader/report";
import { gradeFile } from "../../scripts/grader/runner";
import { exportedNames, makeTempRepo, removeTempRepo, ROOT } from "./helpers";

const refs = listExerciseFiles(ROOT);
const FIXTURES = path.join(ROOT, "test", "grading", "exercise-fixtures");

const fixturesByFile = new Map<string, FixtureSpec[]>();
const results = new Map<string, FileResult>();
let temp = "";

beforeAll(async () => {
  temp = makeTempRepo("stubs");
  const jobs: Promise<void>[] = [];
  const run = (key: string, root: string, file: string, moduleFile: string): void => {
    jobs.push(
      gradeFile({
        root,
        checksFile: path.join(root, "scripts", "grader", "checks", `${file}.ts`),
        moduleFile,
      }).then((result) => void results.set(key, result)),
    );
  };
  for (const ref of refs) {
    const manifestFile = path.join(FIXTURES, `${ref.file}.fixtures.ts`);
    const fixtures = fs.existsSync(manifestFile)
      ? ((await import(manifestFile)) as { fixtures: FixtureSpec[] }).fixtures
      : [];
    fixturesByFile.set(ref.file, fixtures);
    run(`stub:${ref.file}`, temp, ref.file, path.join(temp, "exercises", `${ref.file}.ts`));
    run(`solution:${ref.file}`, ROOT, ref.file, path.join(ROOT, "solutions", `${ref.file}.ts`));
    for (const fixture of fixtures) {
      run(`fixture:${fixture.module}`, ROOT, ref.file, path.join(FIXTURES, fixture.module));
    }
  }
  await Promise.all(jobs);
}, 600_000);

afterAll(() => removeTempRepo(temp));

/** git's view of a file: is it as committed (or new), or has someone (a learner) changed it? */
function gitState(rel: string): "untracked" | "unmodified" | "modified" | "unknown" {
  const out = spawnSync("git", ["status", "--porcelain", "--", rel], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (out.status !== 0 || out.error) return "unknown";
  if (out.stdout.trim() === "") return "unmodified";
  return out.stdout.startsWith("??") ? "untracked" : "modified";
}

describe.each(refs.map((ref) => [ref.file, ref] as const))("%s", (file) => {
  it("every check fails on the pristine stub, as 'not done yet'", () => {
    const result = results.get(`stub:${file}`);
    expect(result).toBeDefined();
    for (const exercise of result?.exercises ?? []) {
      for (const check of exercise.checks) {
        expect(check.status, `${exercise.id} ${check.name}: ${check.message}`).toBe("todo");
        expect(check.message).toMatch(/^not done yet: /);
      }
      expect(exercise.points).toBe(0);
    }
  });

  it("every check passes on solutions/", () => {
    const result = results.get(`solution:${file}`);
    expect(result).toBeDefined();
    for (const exercise of result?.exercises ?? []) {
      for (const check of exercise.checks) {
        expect(check.status, `${exercise.id} ${check.name}: ${check.message}`).toBe("pass");
      }
    }
  });

  it("has at least one alternative correct and one plausible wrong fixture", () => {
    const fixtures = fixturesByFile.get(file) ?? [];
    expect(
      fixtures.filter((f) => !f.fails).length,
      `test/grading/exercise-fixtures/${file}.fixtures.ts`,
    ).toBeGreaterThan(0);
    expect(fixtures.filter((f) => f.fails).length).toBeGreaterThan(0);
  });

  it("every fixture is graded as its manifest says", () => {
    for (const fixture of fixturesByFile.get(file) ?? []) {
      const result = results.get(`fixture:${fixture.module}`);
      expect(result, fixture.module).toBeDefined();
      for (const exercise of result?.exercises ?? []) {
        const where = `${fixture.module} (${fixture.about}) ${exercise.id}`;
        const pattern = fixture.fails?.[exercise.id];
        if (pattern) {
          expect(exercise.status, where).toBe("fail");
          expect(exercise.failure, where).toMatch(pattern);
          expect(exercise.failure, `${where}: one line`).not.toMatch(/\n/);
        } else {
          expect(exercise.status, `${where}: ${exercise.failure}`).toBe("pass");
        }
        const points = fixture.points?.[exercise.id];
        if (points !== undefined) expect(exercise.points, `${where}: partial credit`).toBe(points);
      }
    }
  });

  it("each exercise has 2–3 progressive hints, a section and points", async () => {
    const spec = await loadChecks(path.join(ROOT, "scripts", "grader", "checks", `${file}.ts`));
    expect(spec.file).toBe(file);
    for (const exercise of spec.exercises) {
      expect(exercise.hints.length, exercise.id).toBeGreaterThanOrEqual(2);
      expect(exercise.hints.length, exercise.id).toBeLessThanOrEqual(3);
      expect(exercise.section.length).toBeGreaterThan(0);
    }
  });

  it("the stub, the learner's file and the solution export the same names", () => {
    const stub = fs.readFileSync(stubFile(ROOT, file), "utf8");
    const solution = fs.readFileSync(path.join(ROOT, "solutions", `${file}.ts`), "utf8");
    expect(exportedNames(stub).length).toBeGreaterThan(0);
    expect(exportedNames(solution)).toEqual(exportedNames(stub));
    const learner = path.join(ROOT, "exercises", `${file}.ts`);
    expect(fs.existsSync(learner), `exercises/${file}.ts exists`).toBe(true);
    expect(exportedNames(fs.readFileSync(learner, "utf8"))).toEqual(exportedNames(stub));
  });

  it("the pristine copy matches the committed stub in exercises/", (ctx) => {
    // Skipped (and reported as skipped) when the learner has changed exercises/ (their work) or
    // git is unavailable.
    const rel = `exercises/${file}.ts`;
    const state = gitState(rel);
    if (state === "modified" || state === "unknown") {
      ctx.skip(state === "modified" ? `${rel} holds your own work` : "git is not available");
      return;
    }
    const stub = fs.readFileSync(stubFile(ROOT, file), "utf8");
    expect(
      fs.readFileSync(path.join(ROOT, rel), "utf8") === stub,
      `${rel} differs from scripts/grader/stubs/${file}.ts.stub: after changing a stub, copy it there too`,
    ).toBe(true);
  });
});

it("finds the exercise files", () => {
  expect(refs.map((r) => r.file)).toContain("02-activations");
});
