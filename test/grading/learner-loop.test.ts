// The learner's loop, as a careless learner lives it (issue: type errors caught where they are
// made, a grade no accident can fake, no silent waits, one version of the file graded). Each case
// runs the CLI in a temporary copy of the repository; each failed at 6b9f0c5 (a type error scored
// full marks, a patched process.send gave 76/76, Math.abs = () => 0 earned points and hung, a
// file could write its own progress, …).

import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GradeReport } from "../../scripts/grader/report";
import { listExerciseFiles, tsxLoader } from "../../scripts/grader/paths";
import { makeTempRepo, pristineStubs, removeTempRepo, ROOT, runCli } from "./helpers";

let temp = "";
const FILES = listExerciseFiles(ROOT).map((ref) => ref.file);
const solution = (file: string): string =>
  fs.readFileSync(path.join(ROOT, "solutions", `${file}.ts`), "utf8");
const write = (file: string, text: string): void =>
  fs.writeFileSync(path.join(temp, "exercises", `${file}.ts`), text);
const gradeJson = async (args: string[]): Promise<GradeReport> => {
  const run = await runCli(temp, ["grade", ...args, "--json"]);
  expect([0, 1], run.stderr).toContain(run.code);
  return JSON.parse(run.stdout) as GradeReport;
};
const statuses = (report: GradeReport): Set<string> =>
  new Set(report.files.flatMap((f) => f.exercises.flatMap((e) => e.checks.map((c) => c.status))));

beforeAll(() => {
  temp = makeTempRepo("stubs");
});
afterAll(() => removeTempRepo(temp));

describe("a type error fails the file, as the notebook's kernel would", () => {
  it("in every exercise file: no check runs, each error named with file:line:column and a hint", async () => {
    for (const file of FILES) {
      // a correct solution, plus one line the notebook's kernel refuses
      write(file, `${solution(file)}\nexport const oops: number = "not a number";\n`);
    }
    const report = await gradeJson([]);
    expect(report.points).toBe(0);
    for (const file of report.files) {
      const lines = solution(file.file).split("\n").length;
      expect(file.typeProblems, file.file).toEqual([
        {
          file: `exercises/${file.file}.ts`,
          line: lines + 1,
          column: 14,
          message: "Type 'string' is not assignable to type 'number'.",
          hint: "the types do not fit: compare with the signature the stub gave (the notebook calls it that way)",
        },
      ]);
      for (const exercise of file.exercises) {
        expect(exercise.status).toBe("fail");
        expect(exercise.failure).toBe(
          `type error at exercises/${file.file}.ts:${lines + 1}:14: Type 'string' is not assignable to type 'number'. — hint: the types do not fit: compare with the signature the stub gave (the notebook calls it that way); the notebook's kernel refuses a file with a type error, so no check ran`,
        );
      }
    }
  }, 120_000);

  it("an unused import of a missing module, in the text table and the JSON", async () => {
    write(
      "02-activations",
      `import { helper } from "./my-helpers";\n${solution("02-activations")}`,
    );
    const run = await runCli(temp, ["grade", "02"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "  type error at exercises/02-activations.ts:1:24: Cannot find module './my-helpers' or its corresponding type declarations. — hint: remove that import, or fix its path",
    );
    expect(run.stdout).toMatch(/Score: 0\/\d+ points/);
    for (const file of FILES) write(file, pristineStubs()[file]);
  }, 60_000);
});

describe("a grade that no accident can fake", () => {
  it("a stub that patches process.send earns nothing", async () => {
    write(
      "01-perceptron",
      `${pristineStubs()["01-perceptron"]}
const realSend = process.send;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
(process as any).send = (m: any, cb: any) =>
  realSend?.call(process, m.type === "result" ? { ...m, status: "pass", message: "" } : m, cb);
`,
    );
    const report = await gradeJson(["01"]);
    expect(report.points).toBe(0);
    expect(statuses(report)).toEqual(new Set(["todo"]));
  }, 60_000);

  it("Math.abs = () => 0 in a stub earns nothing and hangs nothing", async () => {
    write("02-activations", `${pristineStubs()["02-activations"]}\nMath.abs = () => 0;\n`);
    const started = Date.now();
    const report = await gradeJson(["02"]);
    expect(report.points).toBe(0);
    expect(statuses(report)).toEqual(new Set(["todo"]));
    expect(Date.now() - started).toBeLessThan(60_000); // not a timed assertion of speed: no hang
    // and on a correct file whose code does not use Math.abs the patch changes nothing: the
    // checks keep their own Math (at 6b9f0c5 the checks' own helpers broke)
    write("02-activations", pristineStubs()["02-activations"]);
    write("03-backprop", `${solution("03-backprop")}\nMath.abs = () => 0;\n`);
    expect((await gradeJson(["03"])).allPassed).toBe(true);
    write("03-backprop", pristineStubs()["03-backprop"]);
  }, 120_000);

  it("exercise code that writes .progress.json changes nothing: only the grader writes it", async () => {
    const fake = { version: 1, exercises: { "01.1": { passed: true }, "03.1": { passed: true } } };
    write(
      "01-perceptron",
      `import * as fs from "fs";\n${pristineStubs()["01-perceptron"]}\nfs.writeFileSync(".progress.json", ${JSON.stringify(JSON.stringify(fake))});\n`,
    );
    fs.rmSync(path.join(temp, ".progress.json"), { force: true });
    const report = await gradeJson(["01"]);
    expect(report.progress?.done).toBe(0);
    const saved = JSON.parse(fs.readFileSync(path.join(temp, ".progress.json"), "utf8")) as {
      exercises: Record<string, { passed: boolean }>;
    };
    expect(saved.exercises["01.1"].passed).toBe(false);
    expect(saved.exercises["03.1"]).toBeUndefined();
    write("01-perceptron", pristineStubs()["01-perceptron"]);
  }, 60_000);
});

describe("one version of the file", () => {
  it("grades the text as it was when grading started, and says when it changed meanwhile", async () => {
    const source = `import * as fs from "fs";\n${solution("03-backprop")}\nfs.appendFileSync(__filename, "\\n// saved again\\n");\n`;
    write("03-backprop", source);
    const run = await runCli(temp, ["grade", "03"]);
    expect(run.stdout).toMatch(
      /exercises\/03-backprop\.ts · .*\(graded as saved at \d\d:\d\d:\d\d \([0-9a-f]{7}\) — saved again while it was graded: grade again for the new version\)/,
    );
    expect(run.code).toBe(0); // the snapshot graded is correct
    write("03-backprop", pristineStubs()["03-backprop"]);
  }, 60_000);

  it("watch grades again when the file was saved while it was being graded", async () => {
    const marker = path.join(temp, "save-once");
    fs.writeFileSync(marker, "");
    write(
      "01-perceptron",
      `import * as fs from "fs";\n${solution("01-perceptron")}\nif (fs.existsSync(${JSON.stringify(marker)})) {\n  fs.rmSync(${JSON.stringify(marker)});\n  fs.appendFileSync(__filename, "\\n// saved again\\n");\n}\n`,
    );
    const child = spawn(
      process.execPath,
      ["--import", tsxLoader(temp), path.join(temp, "scripts", "grader", "cli.ts"), "watch"],
      { cwd: temp, env: { ...process.env, NO_COLOR: "1", NN_TREE: "", NODE_OPTIONS: "" } },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      const until = Date.now() + 60_000;
      while (!/changed — re-grading[\s\S]*Progress:/.test(output) && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).toMatch(/saved again while it was graded/);
      expect(output).toMatch(/exercises\/01-perceptron\.ts changed — re-grading/);
      const hashes = [...output.matchAll(/graded as saved at [\d:]+ \(([0-9a-f]{7})\)/g)].map(
        (m) => m[1],
      );
      expect(new Set(hashes).size).toBeGreaterThan(1); // two versions, each graded
    } finally {
      child.kill("SIGINT");
      await new Promise((resolve) => child.once("exit", resolve));
      write("01-perceptron", pristineStubs()["01-perceptron"]);
    }
  }, 90_000);
});

describe("say what happened", () => {
  it("--tree nowhere names the folder and the way out (not npm run reset)", async () => {
    const run = await runCli(temp, ["grade", "--tree", "nowhere"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^grader: there is no folder 'nowhere' \(.*nowhere\) to grade: leave --tree out to grade your exercises\/, or use --tree solutions/,
    );
    expect(run.stderr).not.toContain("reset");
  });

  it("a wrong 01.1 is named next to the later exercises that use it", async () => {
    write("01-perceptron", solution("01-perceptron").replace("let z = b;", "let z = 0;"));
    const report = await gradeJson(["01"]);
    const byId = Object.fromEntries(report.files[0].exercises.map((e) => [e.id, e]));
    expect(byId["01.1"].status).toBe("fail");
    expect(byId["01.1"].fixFirst).toBeUndefined();
    expect(byId["01.2"].status).toBe("fail");
    expect(byId["01.2"].fixFirst).toBe("01.1");
    const text = (await runCli(temp, ["grade", "01"])).stdout;
    expect(text).toMatch(/01\.2 .* \(01\.1 fails too and 01\.2 uses it: fix 01\.1 first\)$/m);
    write("01-perceptron", pristineStubs()["01-perceptron"]);
  }, 60_000);
});

describe("no silent waits", () => {
  it("--progress says what runs, and Ctrl+C stops cleanly: one line, no workers left", async () => {
    write(
      "04-sine-fit",
      pristineStubs()["04-sine-fit"].replace(
        'return todo("implement fitSinePolynomial()");',
        "for (;;) {\n    // an endless loop\n  }",
      ),
    );
    const child = spawn(
      process.execPath,
      [
        "--import",
        tsxLoader(temp),
        path.join(temp, "scripts", "grader", "cli.ts"),
        "grade",
        "04",
        "--progress",
      ],
      { cwd: temp, env: { ...process.env, NO_COLOR: "1", NN_TREE: "", NODE_OPTIONS: "" } },
    );
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const until = Date.now() + 30_000;
    while (!/04\.2 its loss/.test(stderr) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(stderr).toMatch(
      /^progress: type-checking 1 file\(s\) the way the notebook's kernel will…$/m,
    );
    expect(stderr).toMatch(
      /^progress: 04-sine-fit · 04\.1 values and shapes .* \(check 1 of 4\)$/m,
    );
    expect(stderr).toMatch(
      /^progress: 04-sine-fit · 04\.2 its loss on the sine's test set .* \(check 2 of 4\)$/m,
    );
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/Grading stopped \(Ctrl\+C\): nothing was recorded\.\n$/);
    expect(stdout).toBe("");
    const left = spawnSync("pgrep", ["-f", path.join(temp, "scripts", "grader", "child.ts")]);
    expect(left.stdout.toString().trim(), "workers still running").toBe("");
    write("04-sine-fit", pristineStubs()["04-sine-fit"]);
  }, 60_000);

  it("in a terminal, a spinner names the running check and counts its seconds", async () => {
    write(
      "04-sine-fit",
      pristineStubs()["04-sine-fit"].replace(
        'return todo("implement fitSinePolynomial()");',
        "for (;;) {\n    // an endless loop\n  }",
      ),
    );
    // `script` gives the grader a terminal (a pseudo-TTY), as a learner's shell does
    const command = [process.execPath, "--import", tsxLoader(temp)]
      .concat([path.join(temp, "scripts", "grader", "cli.ts"), "grade", "04"])
      .map((part) => `'${part}'`)
      .join(" ");
    const child = spawn("script", ["-qfec", `stty cols 160 rows 40; ${command}`, "/dev/null"], {
      cwd: temp,
      // ora draws only where it thinks a person watches: no CI variable, a real TERM
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "CI")),
        TERM: "xterm",
        NO_COLOR: "1",
        NN_TREE: "",
        NODE_OPTIONS: "",
      },
    });
    let screen = "";
    child.stdout.on("data", (chunk: Buffer) => (screen += chunk.toString()));
    const ticking =
      /04-sine-fit · 04\.2 its loss on the sine's test set .* \(check 2 of 4\) ([1-9]\.\d) s/;
    const until = Date.now() + 40_000;
    while (!ticking.test(screen) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill("SIGINT");
    await new Promise((resolve) => child.once("exit", resolve));
    write("04-sine-fit", pristineStubs()["04-sine-fit"]);
    // ora redraws the line in place; its frames, not "progress:" lines
    // eslint-disable-next-line no-control-regex -- the terminal's escape sequences
    const text = screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
    expect(text, text.slice(0, 2000)).toMatch(ticking);
    expect(text).not.toContain("progress:");
  }, 60_000);
});
