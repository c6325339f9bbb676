// JupyterLab's editor (jupyterlab-lsp, the TypeScript language server with the project's
// TypeScript and exercises/tsconfig.json) must underline what the notebook's kernel refuses and
// nothing else. The kernel compiles with tslab's TypeScript 5.0 and its own options
// (scripts/grader/typecheck.ts); here both compilers check the same exercise files and must
// report errors at the same places.
import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";
import { typeProblems } from "../../scripts/grader/typecheck";

const root = env.root;
const exercisesDir = join(root, "exercises");
const solution = (name: string): string => readFileSync(join(root, "solutions", name), "utf8");

/** Where the editor's TypeScript, with exercises/tsconfig.json, reports errors in each file. */
function editorErrors(files: Map<string, string>): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(exercisesDir, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText) },
  );
  if (!config) throw new Error("exercises/tsconfig.json did not parse");
  expect(config.errors).toEqual([]);
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  const program = ts.createProgram([...files.keys()], config.options, host);
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  expect(global.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "))).toEqual([]);
  return new Map(
    [...files.keys()].map((file) => {
      const sf = program.getSourceFile(file);
      const found = sf
        ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
        : [];
      return [
        file,
        found
          .map((d) => {
            const at = (d.file ?? sf)!.getLineAndCharacterOfPosition(d.start ?? 0);
            return `${at.line + 1}:${at.character + 1}`;
          })
          .sort(),
      ];
    }),
  );
}

/** Where the kernel's rules (the grader's type check) report errors in each file. */
function kernelErrors(files: Map<string, string>): Map<string, string[]> {
  const problems = typeProblems(root, [...files.keys()], files);
  return new Map(
    [...files.keys()].map((file) => {
      const label = `exercises/${file.split("/").pop()}`;
      return [
        file,
        problems
          .filter((p) => p.file === label)
          .map((p) => `${p.line}:${p.column}`)
          .sort(),
      ];
    }),
  );
}

// Mistakes a learner makes, each added to a correct solution; and what non-strict TypeScript
// allows (no error under either compiler).
const variants: Record<string, (text: string) => string> = {
  "as written": (text) => text,
  "a string where a number goes": (text) => `${text}\nexport const oops: number = "x";\n`,
  "an unused import of a missing file": (text) => `import { helper } from "./my-helpers";\n${text}`,
  "a name the lib does not export": (text) => `import { nonexistent } from "../lib";\n${text}`,
  "a call with too few arguments": (text) => `${text}\nexport const parsed = parseInt();\n`,
  "an undeclared name": (text) => `${text}\nexport const q = undefinedName + 1;\n`,
  "a method newer than ES2022": (text) =>
    `${text}\nexport const last = [1, 2].findLast((x) => x > 1);\n`,
  "an untyped parameter and a null number (allowed: not strict)": (text) =>
    `${text}\nexport function same(a) { return a; }\nexport const none: number = null;\n`,
};

describe("the editor's type check agrees with the notebook kernel's", () => {
  it("on every solution file, and on each kind of mistake, errors in the same places", () => {
    const files = new Map<string, string>();
    const names = readdirSync(join(root, "solutions")).filter((f) => f.endsWith(".ts"));
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const name of names) {
      files.set(join(exercisesDir, `editor-rules-${name}`), solution(name));
    }
    Object.values(variants).forEach((variant, i) => {
      files.set(join(exercisesDir, `editor-rules-v${i}.ts`), variant(solution(names[0])));
    });
    const editor = editorErrors(files);
    const kernel = kernelErrors(files);
    for (const [file] of files) {
      expect(editor.get(file), file).toEqual(kernel.get(file));
    }
    // the solutions and the non-strict variant are clean; every mistake is an error in both
    for (const name of names)
      expect(kernel.get(join(exercisesDir, `editor-rules-${name}`))).toEqual([]);
    Object.keys(variants).forEach((what, i) => {
      const found = kernel.get(join(exercisesDir, `editor-rules-v${i}.ts`)) ?? [];
      if (what === "as written" || what.includes("allowed")) expect(found, what).toEqual([]);
      else expect(found.length, what).toBe(1);
    });
  }, 60_000);
});
