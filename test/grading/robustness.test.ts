// A learner's code that loops forever, throws, returns NaN, mutates its input, calls
// process.exit, recurses without end, or forgets to return fails that one check, with a clear
// line; grading goes on with the next check and never hangs. Files that cannot even be loaded
// (a syntax error, a throw or an endless loop at the top level, a missing file) fail every check
// of the file with one clear line.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult, FileResult } from "../../scripts/grader/report";
import { gradeFile } from "../../scripts/grader/runner";
import { ROOT } from "./helpers";

const CHECKS = path.join(ROOT, "test", "grading", "fixtures", "robust.checks.ts");
const MODULE = path.join(ROOT, "test", "grading", "fixtures", "robust-module.ts");

describe("one misbehaving function fails only its own check", () => {
  let result: FileResult;
  let started = 0;
  let elapsed = 0;
  beforeAll(async () => {
    started = Date.now();
    result = await gradeFile({
      root: ROOT,
      checksFile: CHECKS,
      moduleFile: MODULE,
      timeoutScale: 1,
    });
    elapsed = Date.now() - started;
  }, 60_000);

  const check = (id: string): CheckResult => {
    const exercise = result.exercises.find((e) => e.id === id);
    if (!exercise) throw new Error(`no exercise ${id}`);
    return exercise.checks[0];
  };

  it("an endless loop times out; the next check still runs (in a fresh worker)", () => {
    expect(check("99.2").status).toBe("timeout");
    // what happened, not a guess: the limit, and both ways out (a loop that never ends, or slow code)
    expect(check("99.2").message).toMatch(
      /^loops: no answer within 400 ms, the time limit for this check — hint: if a loop never ends, check that its condition becomes false; if your code is only slow, make it faster .* NN_GRADER_TIMEOUT_SCALE=3 npm run grade gives every check 3 times as long$/,
    );
    expect(check("99.3").status).toBe("pass");
    expect(elapsed).toBeLessThan(30_000);
  });

  it("slow but correct code is told the limit and how to raise it, not only 'a loop?'", () => {
    expect(check("99.16").status).toBe("timeout");
    expect(check("99.16").message).toMatch(
      /^slow: no answer within 400 ms, the time limit for this check — hint: .*if your code is only slow, make it faster \(fewer epochs or passes\), or allow more time: NN_GRADER_TIMEOUT_SCALE=3 npm run grade/,
    );
    expect(check("99.16").message).not.toMatch(/endless loop\?/);
  });

  it("a throw names the call, the error and the line in the learner's file", () => {
    expect(check("99.4").status).toBe("error");
    expect(check("99.4").message).toBe(
      "throws() threw TypeError: cannot read properties of undefined (reading 'length') (test/grading/fixtures/robust-module.ts:13)",
    );
  });

  it("NaN is wrong, with a message that names it", () => {
    expect(check("99.5").status).toBe("fail");
    expect(check("99.5").message).toMatch(
      /^nan\(\): expected ≈ 1, got NaN \(not a number\) — hint: NaN comes from/,
    );
  });

  it("a mutated argument fails the check and says what changed", () => {
    expect(check("99.6").status).toBe("fail");
    expect(check("99.6").message).toMatch(
      /^mutates changed its argument xs \(xs\[0\]: was 3, now 1\)/,
    );
  });

  it("process.exit fails that check, saying what it would do; the next check still runs", () => {
    expect(check("99.7").status).toBe("error");
    expect(check("99.7").message).toBe(
      "exits() threw ProcessCallError: your code called process.exit(), which would stop (or talk for) the program running it — the notebook's kernel or the grader: remove that call (test/grading/fixtures/robust-module.ts:26)",
    );
    expect(check("99.8").status).toBe("pass");
  });

  it("code that crashes the worker (a throw in a timer) fails that check; the next still runs", () => {
    expect(check("99.14").status).toBe("error");
    expect(check("99.14").message).toBe(
      "crashesLater: your code threw Error: boom from a timer (test/grading/fixtures/robust-module.ts:50) in a timer or a promise, which ended the grader's worker process — hint: make sure nothing throws inside a timer or a promise",
    );
    expect(check("99.15").status).toBe("pass");
  });

  it("endless recursion, a missing export, a forgotten return, a todo()", () => {
    expect(check("99.9").message).toMatch(
      /^recurses\(0\) threw RangeError: Maximum call stack size exceeded/,
    );
    expect(check("99.10").message).toMatch(
      /does not export 'sigmoid'.*hint: did you rename or delete it\?/,
    );
    expect(check("99.11").message).toBe(
      "forgetsReturn(1): expected ≈ 2, got undefined — hint: did you forget to `return` the result?",
    );
    expect(check("99.12").status).toBe("todo");
    expect(check("99.12").message).toBe("not done yet: write pending()");
  });

  it("the learner's console.log does not disturb grading", () => {
    expect(check("99.13").status).toBe("pass");
    expect(check("99.1").status).toBe("pass");
  });

  it("every failure is one line", () => {
    for (const e of result.exercises) for (const c of e.checks) expect(c.message).not.toMatch(/\n/);
  });
});

describe.concurrent("a module that cannot be loaded fails every check with one line", () => {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-grader-load-"));
    fs.writeFileSync(
      path.join(dir, "syntax.ts"),
      "export function double(x: number): number {\n  return 2 * x\n",
    );
    fs.writeFileSync(
      path.join(dir, "throws.ts"),
      'export const table = JSON.parse("{ not json");\n',
    );
    fs.writeFileSync(path.join(dir, "exits.ts"), "export const x = 1;\nprocess.exit(3);\n");
    fs.writeFileSync(
      path.join(dir, "loops.ts"),
      "let n = 0;\nfor (;;) n++;\nexport const x = n;\n",
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const grade = (name: string, loadTimeoutMs?: number): Promise<FileResult> =>
    gradeFile({
      root: ROOT,
      checksFile: CHECKS,
      moduleFile: path.join(dir, name),
      loadTimeoutMs,
      timeoutScale: 1,
    });

  const all = (result: FileResult): CheckResult[] => result.exercises.flatMap((e) => e.checks);

  it("a syntax error", async () => {
    const checks = all(await grade("syntax.ts"));
    expect(new Set(checks.map((c) => c.status))).toEqual(new Set(["error"]));
    expect(checks[0].message).toMatch(
      /^could not load .*syntax\.ts: syntax error at .*syntax\.ts:3:0: Unexpected end of file — hint: fix this first/,
    );
  });

  it("a throw at the top level", async () => {
    const checks = all(await grade("throws.ts"));
    expect(checks.every((c) => c.status === "error")).toBe(true);
    expect(checks[0].message).toMatch(
      /^could not load .*throws\.ts: SyntaxError: .*JSON.*hint: fix this first/,
    );
  });

  it("process.exit at the top level, with where it is and what to do", async () => {
    const checks = all(await grade("exits.ts"));
    expect(checks.every((c) => c.status === "error")).toBe(true);
    expect(checks[0].message).toMatch(
      /^could not load .*exits\.ts: ProcessCallError: your code called process\.exit\(\), .* \(.*exits\.ts:2\) — hint: remove it from the top level of the file$/,
    );
  });

  it("an endless loop at the top level", async () => {
    const checks = all(await grade("loops.ts", 4000));
    expect(checks.every((c) => c.status === "timeout")).toBe(true);
    expect(checks[0].message).toMatch(
      /^loading .*loops\.ts did not finish within 4 s — hint: is there an endless loop at the top level/,
    );
  }, 30_000);

  it("a missing file", async () => {
    const checks = all(await grade("missing.ts"));
    expect(checks.every((c) => c.status === "error")).toBe(true);
    expect(checks[0].message).toMatch(
      /missing\.ts is missing — hint: `npm run reset -- 99` restores the stub/,
    );
  });
});
