// lib/ (and everything a notebook imports) must pass two compilers: the project's TypeScript in
// strict mode, and tslab's own TypeScript 5.0 with the options tslab compiles notebook imports
// with (ES2022, CommonJS via ESNext modules, Node10 resolution, non-strict, declarations) — the same
// compiler and options the grader and tryExercise check a learner's file with.
import { spawnSync } from "child_process";
import { existsSync, readdirSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";
import { tslabOptions, tslabTypeScript } from "../../scripts/grader/typecheck";

const root = env.root;

/** The files notebooks import: the lib, the exercises (and solutions), the notebook grader. */
function notebookImports(): string[] {
  const files = [join(root, "lib", "index.ts")];
  for (const dir of ["exercises", "solutions"]) {
    const full = join(root, dir);
    if (!existsSync(full)) continue;
    for (const f of readdirSync(full)) if (f.endsWith(".ts")) files.push(join(full, f));
  }
  const grader = join(root, "scripts", "grader", "notebook.ts");
  if (existsSync(grader)) files.push(grader);
  return files;
}

describe("type checks", () => {
  it("the project type-checks in strict mode (tsconfig.json)", () => {
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.json")], {
      encoding: "utf8",
    });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("what notebooks import compiles under tslab's TypeScript 5.0 and options", () => {
    // the grader's own copy of tslab's compiler and options (scripts/grader/typecheck.ts)
    const ts = tslabTypeScript(root);
    expect(ts.version).toMatch(/^5\.0\./);
    const options = tslabOptions(ts, root);
    const files = notebookImports();
    const program = ts.createProgram(files, options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.replace(root + "/", "")}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(diagnostics).toEqual([]);
    // every exercise file and its solution was in the program, and the notebook grader
    const names = files.map((f) => f.replace(root + "/", ""));
    for (const ref of [
      "01-perceptron",
      "02-activations",
      "03-backprop",
      "04-sine-fit",
      "05-hyperparameters",
    ]) {
      expect(names).toContain(`exercises/${ref}.ts`);
      expect(names).toContain(`solutions/${ref}.ts`);
    }
    expect(names).toContain("scripts/grader/notebook.ts");
  });
});
