// Exercise tables: graded cell by cell with partial credit; an empty cell is "not done yet"; a
// table whose layout was changed fails with a line that says so; answers are never printed.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FileResult } from "../../scripts/grader/report";
import { gradeFile } from "../../scripts/grader/runner";
import { ROOT } from "./helpers";

const CHECKS = path.join(ROOT, "test", "grading", "fixtures", "table.checks.ts");
let dir = "";
const grade = (moduleFile: string): Promise<FileResult> =>
  gradeFile({ root: ROOT, checksFile: CHECKS, moduleFile });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-grader-table-"));
  const empty = "{ steps: null, finalW: null }";
  fs.writeFileSync(
    path.join(dir, "empty.ts"),
    `export const table = [[${empty}, ${empty}], [${empty}, ${empty}], [${empty}, ${empty}]];\n`,
  );
  fs.writeFileSync(
    path.join(dir, "reshaped.ts"),
    `export const table = [[${empty}, ${empty}, ${empty}]];\n`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it("grades cell by cell, with partial credit", async () => {
  const [exercise] = (
    await grade(path.join(ROOT, "test", "grading", "fixtures", "table-module.ts"))
  ).exercises;
  expect(exercise.checks.map((c) => c.status)).toEqual([
    "pass",
    "pass",
    "fail",
    "pass",
    "pass",
    "todo",
  ]);
  expect(exercise.points).toBe(4);
  expect(exercise.possible).toBe(6);
  expect(exercise.status).toBe("fail");
  const wrong = exercise.checks[2].message;
  expect(wrong).toBe(
    "cell target = 2, eta = 0.1: steps: expected the number of steps the recomputed run took, got 38 — hint: rerun this cell's experiment and copy the step count it prints",
  );
  expect(wrong).not.toMatch(/\b35\b/); // the right answer (35 steps) is not printed
  expect(exercise.checks[5].message).toBe(
    "not done yet: fill in the table's cell target = 3, eta = 0.5",
  );
});

it("an untouched table is 'not done yet' in every cell", async () => {
  const [exercise] = (await grade(path.join(dir, "empty.ts"))).exercises;
  expect(exercise.checks.every((c) => c.status === "todo")).toBe(true);
  expect(exercise.status).toBe("todo");
});

it("a table whose layout was changed fails, saying so", async () => {
  const [exercise] = (await grade(path.join(dir, "reshaped.ts"))).exercises;
  expect(exercise.checks.every((c) => c.status === "fail")).toBe(true);
  expect(exercise.failure).toMatch(
    /^the table should have 3 rows \(target\) × 2 columns \(eta\), got 1 rows — hint: keep the table's layout/,
  );
});
