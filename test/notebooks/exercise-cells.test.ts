// An exercise cell in the real tslab kernel (scripts/grader/notebook.ts's tryExercise): it runs
// the exercise file as last saved (no kernel restart, no stale version), says "not done yet" per
// exercise, shows a type error with file:line:column, and an error in the learner's code with
// its line in the .ts file first. At 6b9f0c5 a saved file was not picked up, a type error stopped
// the import cell, and a runtime error pointed into a .js file that does not exist.
import { readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";
import { makeNotebook, readNotebook, runNotebooks, type RunReport } from "./helpers";

let copy = "";
let report: RunReport | undefined;
let outputs: string[] = [];
/** The course's own notebooks 01 and 02 with the untouched stubs: each exercise's own feedback. */
const stubbed: Record<string, string[]> = {};
let stubbedReports: RunReport[] = [];

const solution = readFileSync(join(env.root, "solutions", "01-perceptron.ts"), "utf8");
const lines = solution.split("\n");
const weightedSumBody = lines.findIndex((l) => l.includes("let z = b;")); // 0-based
const throwing = [
  ...lines.slice(0, weightedSumBody),
  '  if (x.length === 1) throw new RangeError("one input only");',
  ...lines.slice(weightedSumBody),
].join("\n");
const typeError = `${solution}\nexport const oops: number = "x";\n`;
const looping = [
  ...lines.slice(0, weightedSumBody),
  "  while (x.length >= 0) b += 0; // never false: an endless loop",
  ...lines.slice(weightedSumBody),
].join("\n");

beforeAll(() => {
  copy = env.solvedCopy({ mine: false });
  const write = (name: string, text: string): string =>
    `fs.writeFileSync("exercises/01-perceptron.ts", ${JSON.stringify(text)}); // ${name}`;
  const nb = makeNotebook(join(copy, "notebooks"), "exercise-cells.ipynb", [
    {
      source: 'import * as fs from "fs";\nimport { tryExercise } from "./scripts/grader/notebook";',
    },
    {
      source: write(
        "the stub",
        readFileSync(join(env.root, "scripts", "grader", "stubs", "01-perceptron.ts.stub"), "utf8"),
      ),
    },
    {
      source:
        'await tryExercise("01.1", (my) => console.log("first:", my.weightedSum([1], [2], 3)));',
    },
    { source: write("the solution", solution) },
    {
      source:
        'await tryExercise("01.1", (my) => console.log("second:", my.weightedSum([1], [2], 3)));',
    },
    { source: write("a type error", typeError) },
    {
      source:
        'await tryExercise("01.1", (my) => console.log("third:", my.weightedSum([1], [2], 3)));',
      tags: ["raises-exception"],
    },
    { source: write("a throw at a known line", throwing) },
    {
      source:
        'await tryExercise("01.1", (my) => console.log("fourth:", my.weightedSum([1], [2], 3)));',
      tags: ["raises-exception"],
    },
    { source: write("an endless loop", looping) },
    {
      // after an await, where tslab's own interrupt cannot stop a loop
      source:
        "await new Promise((r) => setTimeout(r, 10));\n" +
        'await tryExercise("01.1", (my) => console.log("fifth:", my.weightedSum([1], [2], 3)), { seconds: 2 });',
      tags: ["raises-exception"],
    },
    { source: 'console.log("the kernel carries on");' },
  ]);
  const out = join(copy, "out");
  // notebooks 01 and 02 as a learner first runs them: every exercise file still the stub
  for (const file of ["01-perceptron", "02-activations"]) {
    writeFileSync(
      join(copy, "exercises", `${file}.ts`),
      readFileSync(join(env.root, "scripts", "grader", "stubs", `${file}.ts.stub`), "utf8"),
    );
  }
  const course = ["01-perceptron.ipynb", "02-activations.ipynb"].map((n) =>
    join(copy, "notebooks", n),
  );
  stubbedReports = runNotebooks(course, { projectRoot: copy, out }).reports;
  for (const name of ["01-perceptron", "02-activations"]) {
    stubbed[name] = readNotebook(join(out, `${name}.ipynb`)).cells.map((c) =>
      (c.outputs ?? [])
        .map((o) => {
          const text = (o as { text?: string | string[] }).text ?? o.data?.["text/plain"];
          return Array.isArray(text) ? text.join("") : String(text ?? "");
        })
        .join(""),
    );
  }
  const run = runNotebooks([nb], { projectRoot: copy, out });
  report = run.reports[0];
  const executed = readNotebook(join(out, "exercise-cells.ipynb"));
  outputs = executed.cells.map((c) =>
    (c.outputs ?? [])
      .map((o) => {
        const text = (o as { text?: string | string[] }).text;
        return Array.isArray(text) ? text.join("") : (text ?? "");
      })
      .join(""),
  );
}, 180_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("tryExercise in the tslab kernel", () => {
  it("runs every cell as expected (two of them fail on purpose)", () => {
    expect(report?.ok, report?.failure ?? "").toBe(true);
  });

  it("says which exercise is not done yet", () => {
    expect(outputs[2]).toBe("01.1 · not done yet: implement weightedSum(x, w, b)\n");
  });

  it("uses the file as saved, without restarting the kernel", () => {
    expect(outputs[4]).toBe("second: 5\n");
  });

  it("shows a type error with file:line:column, as the kernel would refuse the file", () => {
    const line = typeError.split("\n").length - 1;
    expect(outputs[6]).toContain(
      `exercises/01-perceptron.ts has a type error, so the notebook cannot use it:\n  exercises/01-perceptron.ts:${line}:14: Type 'string' is not assignable to type 'number'.`,
    );
    expect(outputs[6]).not.toContain("third:");
  });

  it("shows an error in the learner's code with its line in the .ts file first", () => {
    const line = weightedSumBody + 1; // the inserted throw, 1-based
    expect(outputs[8]).toMatch(
      new RegExp(`^RangeError: one input only \\(exercises/01-perceptron\\.ts:${line}\\)\\n`),
    );
    expect(outputs[8]).toMatch(
      new RegExp(
        `\\n {4}at (Object\\.)?weightedSum \\(exercises/01-perceptron\\.ts:${line}:\\d+\\)\\n`,
      ),
    );
    expect(outputs[8]).not.toMatch(/01-perceptron\.js|tslab\/dist|notebook\.js/);
  });

  it("stops code that never returns after its time limit, with a line that says so", () => {
    expect(outputs[10]).toContain(
      '01.1: your code ran for 2 s without returning, the limit for an exercise cell, and was stopped — if a loop never ends, check that its condition becomes false; if your code is only slow, make it faster, or allow more: tryExercise("01.1", …, { seconds: 600 })',
    );
    expect(outputs[10]).not.toContain("fifth:");
    expect(outputs[11]).toBe("the kernel carries on\n");
  });

  it("with the stubs, notebooks 01 and 02 run on, and each exercise gives its own feedback", () => {
    for (const r of stubbedReports) expect(r.ok, r.failure ?? "").toBe(true);
    const out01 = stubbed["01-perceptron"].join("\n");
    // 01.1, 01.2 and 01.3 share a cell, and each says what is not done (at 6b9f0c5 the cell
    // named only trainPerceptron, before and after 01.1 was written)
    expect(out01).toContain("01.1 · not done yet: implement neuron(x, w, b, f)");
    expect(out01).toContain("01.2 · not done yet: implement perceptronOutput(x, w, b)");
    expect(out01).toContain("01.3 · not done yet: implement trainPerceptron(X, T, eta, maxEpoch)");
    expect(out01).toContain("01.4 · not done yet: implement convergenceReport(X, T, budget, eta)");
    const out02 = stubbed["02-activations"].join("\n");
    for (const [id, name] of [
      ["02.1", "step"],
      ["02.2", "sigmoid"],
      ["02.7", "softplus"],
    ]) {
      expect(out02).toMatch(
        new RegExp(`${id.replace(".", "\\.")} +${name} +not done yet: implement ${name}\\(`),
      );
    }
  });
});
