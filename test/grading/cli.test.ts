// The learner's commands, run as a learner runs them (tsx scripts/grader/cli.ts …), each in a
// temporary copy of the repository: grade (table, --json, --tree/NN_TREE, exit codes), progress,
// hint, reset and watch. The real exercises/ and .progress.json are never touched.

import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadChecks } from "../../scripts/grader/load";
import { listExerciseFiles } from "../../scripts/grader/paths";
import type { Progress } from "../../scripts/grader/progress";
import type { GradeReport } from "../../scripts/grader/report";
import { makeTempRepo, pristineStubs, removeTempRepo, ROOT, runCli } from "./helpers";
import { tsxLoader } from "../../scripts/grader/paths";

let temp = "";
let totalExercises = 0;
let exercises02 = 0;
let checks02 = 0;
let realExercises: Record<string, string> = {};
let realProgress: string | null = null;

const readReal = (): Record<string, string> =>
  Object.fromEntries(
    fs
      .readdirSync(path.join(ROOT, "exercises"))
      .map((f) => [f, fs.readFileSync(path.join(ROOT, "exercises", f), "utf8")]),
  );
const progressFile = (root: string): string => path.join(root, ".progress.json");
const readProgress = (root: string): Progress =>
  JSON.parse(fs.readFileSync(progressFile(root), "utf8")) as Progress;
const solution02 = (): string =>
  fs.readFileSync(path.join(ROOT, "solutions", "02-activations.ts"), "utf8");

beforeAll(async () => {
  realExercises = readReal();
  realProgress = fs.existsSync(progressFile(ROOT))
    ? fs.readFileSync(progressFile(ROOT), "utf8")
    : null;
  temp = makeTempRepo("stubs");
  for (const ref of listExerciseFiles(ROOT)) {
    const spec = await loadChecks(ref.checksFile);
    totalExercises += spec.exercises.length;
    if (ref.file === "02-activations") {
      exercises02 = spec.exercises.length;
      checks02 = spec.exercises.reduce((s, e) => s + e.checks.length, 0);
    }
  }
});

afterAll(() => {
  removeTempRepo(temp);
  expect(readReal(), "the real exercises/ is untouched").toEqual(realExercises);
  const now = fs.existsSync(progressFile(ROOT))
    ? fs.readFileSync(progressFile(ROOT), "utf8")
    : null;
  expect(now, "the real .progress.json is untouched").toBe(realProgress);
});

describe("grade", () => {
  it("on the stubs: every exercise 'not done', a progress line, exit status 1", async () => {
    const run = await runCli(temp, ["grade"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const lines = run.stdout.split("\n");
    // Files are graded in order: 01-perceptron comes first.
    expect(lines[0]).toMatch(
      /^exercises\/01-perceptron\.ts · The perceptron 感知器 {2}\(graded as saved at \d\d:\d\d:\d\d \([0-9a-f]{7}\)\)$/,
    );
    expect(lines[1]).toMatch(
      /^ {2}01\.1 {2}a neuron: weighted sum, bias, activation +0\/3 +not done +not done yet: implement weightedSum\(x, w, b\)$/,
    );
    expect(run.stdout).toMatch(
      /^ {2}02\.1 {2}step and its derivative +0\/3 +not done +not done yet: implement step\(z\)$/m,
    );
    expect(run.stdout).toMatch(/0 of \d+ checks passed\./);
    expect(run.stdout).toContain(`Progress: 0/${totalExercises} exercises done`);
    expect(run.stdout).toContain("Next: 01.1 a neuron: weighted sum, bias, activation");
    expect(run.stdout).not.toMatch(/all \d+ checks passed/i);
  });

  it("--json prints the report, one file when asked for 02", async () => {
    const run = await runCli(temp, ["grade", "02", "--json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as GradeReport;
    expect(report.files.map((f) => f.file)).toEqual(["02-activations"]);
    expect(report.checks).toBe(checks02);
    expect(report.checksPassed).toBe(0);
    expect(report.allPassed).toBe(false);
    expect(report.progress?.total).toBe(totalExercises);
  });

  it("--tree solutions and NN_TREE=solutions grade the reference: all pass, exit 0, no progress recorded", async () => {
    fs.rmSync(progressFile(temp), { force: true });
    const byFlag = await runCli(temp, ["grade", "02", "--tree", "solutions"]);
    expect(byFlag.code).toBe(0);
    expect(byFlag.stdout).toContain("solutions/02-activations.ts · Activation functions");
    expect(byFlag.stdout).toContain(`All ${checks02} checks passed.`);
    expect(byFlag.stdout).not.toContain("Progress:");
    const byEnv = await runCli(temp, ["grade", "02"], { NN_TREE: "solutions" });
    expect(byEnv.code).toBe(0);
    expect(fs.existsSync(progressFile(temp))).toBe(false);
  });

  it("an unknown option is a usage error (exit 2) with the usage", async () => {
    const run = await runCli(temp, ["grade", "--fast"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Unknown option '--fast'\n\nusage: tsx scripts\/grader\/cli\.ts/);
  });

  it("an unknown exercise file is a usage error (exit 2) that lists the files", async () => {
    const run = await runCli(temp, ["grade", "99"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /no exercise file matches '99': the exercise files are 01 \(01-perceptron\), 02 \(02-activations\)/,
    );
  });

  it("records progress: what passes and when it first passed, kept across runs", async () => {
    fs.writeFileSync(path.join(temp, "exercises", "02-activations.ts"), solution02());
    const first = await runCli(temp, ["grade", "02"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Progress: ${exercises02}/${totalExercises} exercises done`);
    const saved = readProgress(temp);
    expect(saved.exercises["02.1"].passed).toBe(true);
    const firstPassedAt = saved.exercises["02.1"].firstPassedAt;
    expect(firstPassedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    await runCli(temp, ["grade", "02"]);
    expect(readProgress(temp).exercises["02.1"].firstPassedAt).toBe(firstPassedAt);
  });
});

describe("hint", () => {
  it("shows the next hint on each call, and stays on the last", async () => {
    const shown: string[] = [];
    for (let k = 0; k < 4; k++) {
      const run = await runCli(temp, ["hint", "02.3"]);
      expect(run.code).toBe(0);
      shown.push(run.stdout);
    }
    expect(shown[0]).toMatch(/^Hint 1\/3 for 02\.3 tanh and its derivative/);
    expect(shown[0]).toContain("again for the next hint");
    expect(shown[1]).toMatch(/^Hint 2\/3/);
    expect(shown[2]).toMatch(/^Hint 3\/3/);
    expect(shown[2]).toContain("That was the last hint");
    expect(shown[3]).toBe(shown[2]);
    expect(readProgress(temp).exercises["02.3"].hintsShown).toBe(3);
  });

  it("without an id, hints at the first exercise not done yet", async () => {
    // 02 passes already (above); with 01 done too the first open exercise is 03.1, not the first one
    fs.writeFileSync(
      path.join(temp, "exercises", "01-perceptron.ts"),
      fs.readFileSync(path.join(ROOT, "solutions", "01-perceptron.ts"), "utf8"),
    );
    expect((await runCli(temp, ["grade", "01"])).code).toBe(0);
    const run = await runCli(temp, ["hint"]);
    // back to the stub, so that the tests below start from 0 exercises done
    fs.writeFileSync(
      path.join(temp, "exercises", "01-perceptron.ts"),
      pristineStubs()["01-perceptron"],
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Hint 1\/\d for 03\.1 /);
  });

  it("names the exercises when the id is wrong", async () => {
    const run = await runCli(temp, ["hint", "02"]);
    expect(run.code).toBe(2);
    // one per line, not all of them on one line
    expect(run.stderr).toMatch(
      /there is no exercise '02'; the exercises of 02 are:\n {2}02\.1 {2}step and its derivative\n {2}02\.2 {2}/,
    );
    expect(run.stderr).not.toContain("03.1");
    const nowhere = await runCli(temp, ["hint", "09.1"]);
    expect(nowhere.stderr).toMatch(/the exercises are:\n {2}01-perceptron: 01\.1 … 01\.4\n/);
  });
});

describe("reset", () => {
  it("backs up the learner's version, names the backup, and restores the stub", async () => {
    const target = path.join(temp, "exercises", "02-activations.ts");
    const mine = `${solution02()}\n// my work\n`;
    fs.writeFileSync(target, mine);
    const run = await runCli(temp, ["reset", "02"]);
    expect(run.code).toBe(0);
    const match =
      /^Restored exercises\/02-activations\.ts to its stub\. Your previous version is saved in (\.backups\/02-activations\.[\dT:Z-]+\.ts)$/m.exec(
        run.stdout,
      );
    expect(match, run.stdout).not.toBeNull();
    expect(fs.readFileSync(path.join(temp, match?.[1] ?? ""), "utf8")).toBe(mine);
    expect(fs.readFileSync(target, "utf8")).toBe(pristineStubs()["02-activations"]);
    expect(readProgress(temp).exercises["02.1"].passed).toBe(false);
    expect(readProgress(temp).exercises["02.1"].firstPassedAt).toBeDefined();
  });

  it("has nothing to back up when the file is already the stub", async () => {
    const run = await runCli(temp, ["reset", "02-activations"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("nothing to back up");
  });

  it("works on whole files only", async () => {
    const run = await runCli(temp, ["reset", "02.3"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "reset works on a whole file, not one exercise: npm run reset -- 02",
    );
  });
});

describe("watch", () => {
  it("re-grades the file just saved and shows the progress line", async () => {
    fs.writeFileSync(
      path.join(temp, "exercises", "02-activations.ts"),
      pristineStubs()["02-activations"],
    );
    const child = spawn(
      process.execPath,
      ["--import", tsxLoader(temp), path.join(temp, "scripts", "grader", "cli.ts"), "watch"],
      { cwd: temp, env: { ...process.env, NO_COLOR: "1", NN_TREE: "", NODE_OPTIONS: "" } },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const waitFor = async (pattern: RegExp, ms = 30_000): Promise<RegExpExecArray> => {
      const until = Date.now() + ms;
      for (;;) {
        const match = pattern.exec(output);
        if (match) return match;
        if (Date.now() > until || child.exitCode !== null)
          throw new Error(`no ${pattern} in:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await waitFor(/Watching exercises\//);
      expect(output).toContain(`Progress: 0/${totalExercises} exercises done`);
      fs.writeFileSync(path.join(temp, "exercises", "02-activations.ts"), solution02());
      await waitFor(/exercises\/02-activations\.ts changed — re-grading/);
      const done = await waitFor(
        /changed — re-grading[\s\S]*Progress: (\d+)\/(\d+) exercises done/,
      );
      expect(Number(done[1])).toBe(exercises02);
      expect(Number(done[2])).toBe(totalExercises);
      const regrade = output.slice(output.indexOf("changed — re-grading"));
      expect(regrade).toContain("02.9  find the dead ReLU units of a layer");
      expect(regrade).not.toContain("05-hyperparameters"); // only the saved file is re-graded

      // a type error, saved: watch shows it where it is, as the notebook's kernel would refuse it
      const broken = solution02().replace(
        /export function step\(z: number\): number \{/,
        'export function step(z: number): number {\n  const oops: number = "1";',
      );
      expect(broken).not.toBe(solution02());
      const line = broken.split("\n").findIndex((l) => l.includes("const oops")) + 1;
      const before = output.length;
      fs.writeFileSync(path.join(temp, "exercises", "02-activations.ts"), broken);
      await waitFor(/changed — re-grading[\s\S]*changed — re-grading[\s\S]*Progress: /);
      const typeRun = output.slice(before);
      expect(typeRun).toContain(
        `type error at exercises/02-activations.ts:${line}:9: Type 'string' is not assignable to type 'number'.`,
      );
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  }, 60_000);
});
