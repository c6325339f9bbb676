// The expected values committed beside the checks (scripts/grader/checks/NN-topic.expected.json:
// the training runs 04.3 and 05.1 are graded against) are what the lib computes today. A change to
// lib/ or data/ that moves a single number fails here, with the command that rewrites the file.
import * as fs from "fs";
import { describe, expect, it } from "vitest";
import { expectedComputation, expectedFile, expectedJson } from "../../scripts/grader/expected";
import { listExerciseFiles } from "../../scripts/grader/paths";
import { ROOT } from "./helpers";

const refs = listExerciseFiles(ROOT);

describe("committed expected values", () => {
  it("exist for the two exercises graded against training runs, and only for those", async () => {
    const needing: string[] = [];
    for (const ref of refs) if (await expectedComputation(ref)) needing.push(ref.file);
    expect(needing).toEqual(["04-sine-fit", "05-hyperparameters"]);
    const committed = fs
      .readdirSync(`${ROOT}/scripts/grader/checks`)
      .filter((name) => name.endsWith(".expected.json"));
    expect(committed).toEqual(needing.map((file) => `${file}.expected.json`));
  });

  it.each(["04-sine-fit", "05-hyperparameters"])(
    "%s: recomputed with the lib, identical to the committed file",
    async (file) => {
      const ref = refs.find((r) => r.file === file);
      if (!ref) throw new Error(`no checks for ${file}`);
      const compute = await expectedComputation(ref);
      if (!compute) throw new Error(`${file} exports no computeExpected`);
      const committed = fs.readFileSync(expectedFile(ref), "utf8");
      expect(
        expectedJson(await compute()),
        `the lib no longer gives the committed numbers: check why, then run \`npx tsx scripts/grader/cli.ts expected ${file.slice(0, 2)}\``,
      ).toBe(committed);
    },
    120_000,
  );

  it("04: the committed hidden sizes include one that reaches the target (answers beyond are wrong)", () => {
    const { runs } = JSON.parse(
      fs.readFileSync(`${ROOT}/scripts/grader/checks/04-sine-fit.expected.json`, "utf8"),
    ) as { runs: { hidden: number; r2: number }[] };
    expect(runs.map((r) => r.hidden)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(runs[runs.length - 1].r2).toBeGreaterThanOrEqual(0.95);
  });
});
