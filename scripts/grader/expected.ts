// Expected values that take long to compute — training runs the grader compares a learner's
// answers with (04.3's hidden sizes, 05.1's table) — are computed once and committed beside their
// checks as checks/NN-topic.expected.json, so grading never trains. A checks file that needs them
// exports `computeExpected()`; `tsx scripts/grader/cli.ts expected [05]` (maintainers) runs it and
// writes the file; test/grading/expected.test.ts runs it again and fails when a change to lib/ or
// data/ changed the numbers.

import * as fs from "fs";
import * as path from "path";
import { importFile } from "./load";
import { CHECKS_DIR, type ExerciseFileRef, findRoot, selectExerciseFiles } from "./paths";

/** Where a checks file's expected values are committed. */
export function expectedFile(ref: ExerciseFileRef): string {
  return ref.checksFile.replace(/\.ts$/, ".expected.json");
}

/** A checks file's `computeExpected`, or null when it needs no expected values. */
export async function expectedComputation(ref: ExerciseFileRef): Promise<(() => unknown) | null> {
  const compute = (await importFile(ref.checksFile)).computeExpected;
  return typeof compute === "function" ? (compute as () => unknown) : null;
}

/** The committed expected values of a checks file ("05-hyperparameters"), read on first use; a
 * missing file is an error that says how to make it. */
export function committedExpected<T>(file: string): () => T {
  let value: T | undefined;
  return () => {
    if (value === undefined) {
      const json = path.join(findRoot(), CHECKS_DIR, `${file}.expected.json`);
      if (!fs.existsSync(json)) {
        throw new Error(
          `${CHECKS_DIR}/${file}.expected.json is missing: run \`npx tsx scripts/grader/cli.ts expected ${file.slice(0, 2)}\``,
        );
      }
      value = JSON.parse(fs.readFileSync(json, "utf8")) as T;
    }
    return value;
  };
}

/** The text of an expected-values file (stable, so that a recomputation diffs line by line). */
export function expectedJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Recomputes and writes the expected values of the files named (all when none); returns a line
 * per file written. */
export async function writeExpected(root: string, names: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const ref of selectExerciseFiles(root, names)) {
    const compute = await expectedComputation(ref);
    if (!compute) continue;
    const started = performance.now();
    const file = expectedFile(ref);
    fs.writeFileSync(file, expectedJson(await compute()));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    lines.push(`wrote ${file.slice(root.length + 1)} (${seconds} s)`);
  }
  return lines.length > 0 ? lines : ["none of these checks files needs expected values"];
}
