// The notebook's `await grade("02")`: the report rendered as HTML (and as text outside a kernel),
// graded in a separate process. (Inside the real tslab kernel it runs in every notebook's
// headless run, test/notebooks.)

import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { grade, gradeReport, hint, ifDone } from "../../scripts/grader/notebook";
import { todo } from "../../scripts/grader/todo";
import { renderHtml, renderText } from "../../scripts/grader/render";
import type { GradeReport } from "../../scripts/grader/report";
import { makeTempRepo, removeTempRepo, ROOT } from "./helpers";

const report: GradeReport = {
  tree: "exercises",
  files: [
    {
      file: "02-activations",
      title: "Activation functions 激活函数",
      module: "exercises/02-activations.ts",
      ms: 5,
      exercises: [
        {
          id: "02.1",
          title: "step and its derivative",
          section: "02 · Activation functions 激活函数",
          status: "pass",
          points: 2,
          possible: 2,
          failure: "",
          checks: [{ name: "step", status: "pass", message: "", points: 2, possible: 2, ms: 1 }],
        },
        {
          id: "02.2",
          title: "sigmoid <b>and</b> its derivative",
          section: "02 · Activation functions 激活函数",
          status: "fail",
          points: 1,
          possible: 4,
          failure: "sigmoid(1000): expected ≈ 1, got NaN (not a number) — hint: x < 709 & y > 0",
          checks: [],
        },
        {
          id: "02.3",
          title: "tanh",
          section: "02 · Activation functions 激活函数",
          status: "todo",
          points: 0,
          possible: 3,
          failure: "not done yet: implement tanh(z)",
          checks: [],
        },
      ],
    },
  ],
  points: 3,
  possible: 9,
  checks: 9,
  checksPassed: 3,
  exercises: 3,
  exercisesPassed: 1,
  progress: { done: 1, total: 3 },
  allPassed: false,
};

describe("rendering", () => {
  it("HTML: a table row per exercise, escaped, with points, result and the failure line", () => {
    const html = renderHtml(report);
    expect(html).toMatch(/^<div class="nn-grade"><table/);
    expect(html).toContain("<caption");
    expect(html).toContain("exercises/02-activations.ts · Activation functions 激活函数");
    expect(html.match(/<tr>/g)?.length).toBe(4); // header + 3 exercises
    expect(html).toContain("<b>02.2</b>");
    expect(html).toContain("sigmoid &lt;b&gt;and&lt;/b&gt; its derivative");
    expect(html).toContain("got NaN (not a number) — hint: x &lt; 709 &amp; y &gt; 0");
    expect(html).toContain(">1/4<");
    expect(html).toMatch(/>FAIL<\/span>/);
    expect(html).toMatch(/>not done<\/span>/);
    expect(html).toContain("Score: 3/9 points · 1/3 exercises pass · 3 of 9 checks passed.");
    expect(html).toContain("Progress: 1/3 exercises done");
    expect(html).toContain("<code>npm run hint -- 02.2</code>");
    expect(html).not.toMatch(/<script/);
  });

  it("HTML: a failure that comes from an earlier exercise says which to fix first", () => {
    const files = report.files.map((f) => ({
      ...f,
      exercises: f.exercises.map((e) => (e.id === "02.2" ? { ...e, fixFirst: "02.1" } : e)),
    }));
    expect(renderHtml({ ...report, files })).toContain(
      "got NaN (not a number) — hint: x &lt; 709 &amp; y &gt; 0 (02.1 fails too and 02.2 uses it: fix 02.1 first)",
    );
  });

  it("text: the same table for a terminal", () => {
    const text = renderText(report);
    expect(text.split("\n").slice(0, 4)).toEqual([
      "exercises/02-activations.ts · Activation functions 激活函数",
      "  02.1  step and its derivative            2/2    pass",
      "  02.2  sigmoid <b>and</b> its derivative  1/4    FAIL      sigmoid(1000): expected ≈ 1, got NaN (not a number) — hint: x < 709 & y > 0",
      "  02.3  tanh                               0/3    not done  not done yet: implement tanh(z)",
    ]);
    expect(text).toContain("Progress: 1/3 exercises done");
  });

  it("says 'All N checks passed.' only when every check passed", () => {
    const all = { ...report, allPassed: true, checksPassed: 9 };
    expect(renderText(all)).toContain("All 9 checks passed.");
    expect(renderText(report)).not.toContain("All 9 checks passed.");
  });
});

describe("grade() and hint() from a notebook, outside a kernel", () => {
  let temp = "";
  beforeAll(() => {
    temp = makeTempRepo("stubs");
  });
  afterAll(() => removeTempRepo(temp));

  it("gradeReport runs the grader in a child process and returns its report", async () => {
    const got = await gradeReport("02", { root: temp });
    expect(got.files[0].module).toBe("exercises/02-activations.ts");
    expect(got.files[0].exercises[0].failure).toBe("not done yet: implement step(z)");
    const solved = await gradeReport("02", { root: temp, tree: "solutions" });
    expect(solved.allPassed).toBe(true);
  });

  it("grade prints the text table when there is no kernel; hint prints the hint", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      await grade("02", { root: temp });
      await hint("02.2", { root: temp });
      const printed = log.mock.calls.map((call) => String(call[0]));
      expect(printed[0]).toMatch(/^exercises\/02-activations\.ts · Activation functions/);
      expect(printed[0]).toContain("not done yet: implement step(z)");
      expect(printed[1]).toMatch(/^Hint 1\/3 for 02\.2 sigmoid and its derivative/);
      expect(printed[1]).toContain('Run `await hint("02.2")` again for the next hint.');
    } finally {
      log.mockRestore();
    }
  });

  it("a type error in the file: grade()'s table shows it with file:line:column, and no check passes", async () => {
    const file = path.join(temp, "exercises", "02-activations.ts");
    const stub = fs.readFileSync(file, "utf8");
    const solution = fs.readFileSync(path.join(ROOT, "solutions", "02-activations.ts"), "utf8");
    const broken = solution.replace(
      /export function step\(z: number\): number \{/,
      'export function step(z: number): number {\n  const oops: number = "1";',
    );
    expect(broken).not.toBe(solution);
    const line = broken.split("\n").findIndex((l) => l.includes("const oops")) + 1;
    fs.writeFileSync(file, broken);
    try {
      const got = await gradeReport("02", { root: temp });
      expect(got.files[0].typeProblems?.[0]).toMatchObject({
        file: "exercises/02-activations.ts",
        line,
        column: 9,
        message: "Type 'string' is not assignable to type 'number'.",
      });
      expect(got.points).toBe(0);
      const html = renderHtml(got);
      expect(html).toContain(
        `type error at exercises/02-activations.ts:${line}:9: Type 'string' is not assignable to type 'number'. — hint: `,
      );
    } finally {
      fs.writeFileSync(file, stub);
    }
  });

  it("a grader that cannot run is an error that says why", async () => {
    await expect(gradeReport("99", { root: temp })).rejects.toThrow(
      /the grader could not run: .*no exercise file matches '99'/,
    );
  });
});

describe("ifDone: one row per exercise in a table", () => {
  it("gives the row, or what to show while the exercise is not done yet", () => {
    expect(
      ifDone(
        () => "the row",
        () => "not done",
      ),
    ).toBe("the row");
    expect(
      ifDone(
        () => todo("implement step(z)"),
        (why) => why,
      ),
    ).toBe("not done yet: implement step(z)");
  });
  it("lets any other error through", () => {
    expect(() =>
      ifDone(
        () => {
          throw new TypeError("x.map is not a function");
        },
        (why) => why,
      ),
    ).toThrow("x.map is not a function");
  });
});
