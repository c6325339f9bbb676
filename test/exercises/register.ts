// Registers a checks file with vitest: one test per check, all graded in one worker process by
// the same runner `npm run grade` uses (so a hang or crash is handled the same way).
//
// Which tree is graded: process.env.NN_TREE, default "solutions". Under `npm test` that proves the
// reference solutions pass every check; `NN_TREE=exercises npx vitest run test/exercises` grades
// the learner's files instead (the CLI, `npm run grade`, defaults to exercises/).

import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import type { AnyExerciseFile } from "../../scripts/grader/define";
import type { FileResult } from "../../scripts/grader/report";
import { gradeFile } from "../../scripts/grader/runner";

const ROOT = path.resolve(__dirname, "..", "..");

export function registerChecks(
  spec: AnyExerciseFile,
  tree = process.env.NN_TREE || "solutions",
): void {
  const moduleFile = path.join(ROOT, tree, `${spec.file}.ts`);
  describe(`${tree}/${spec.file}.ts`, () => {
    let result: FileResult;
    beforeAll(async () => {
      result = await gradeFile({
        root: ROOT,
        checksFile: path.join(ROOT, "test", "exercises", `${spec.file}.checks.ts`),
        moduleFile,
      });
    }, 600_000); // a table's first recomputation can take a minute on a small machine
    for (const exercise of spec.exercises) {
      describe(`${exercise.id} ${exercise.title}`, () => {
        for (const check of exercise.checks) {
          it(check.name, () => {
            const got = result.exercises
              .find((e) => e.id === exercise.id)
              ?.checks.find((c) => c.name === check.name);
            expect(got, "the runner reported this check").toBeDefined();
            expect(got?.status, got?.message).toBe("pass");
          });
        }
      });
    }
  });
}
