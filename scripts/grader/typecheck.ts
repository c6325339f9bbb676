// Type-checking a learner's file the way the notebook's kernel will. tslab compiles every file a
// notebook imports with its own TypeScript 5.0 and fixed options, and refuses to run a cell whose
// imports have a type error; tsx, which runs the checks, only strips types. So the grader checks
// first, with tslab's compiler and options, and reports each error with file:line:column.
// Used by grade.ts (before any check runs) and by notebook.ts (before an exercise cell runs).

import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";

type Ts = typeof import("typescript");

/** One type error, as a learner reads it. */
export interface TypeProblem {
  /** e.g. "exercises/01-perceptron.ts" */
  file: string;
  line: number;
  column: number;
  message: string;
  hint: string;
}

let compiler: Ts | null = null;

/** tslab's own TypeScript (the kernel's compiler), loaded once. */
export function tslabTypeScript(root: string): Ts {
  compiler ??= createRequire(path.join(root, "package.json"))("@tslab/typescript-for-tslab") as Ts;
  return compiler;
}

/** tslab 1.0.22's options for the files a notebook imports (converter.js): ES2022, ES modules
 * turned into CommonJS, Node10 resolution, not strict, declarations on. */
export function tslabOptions(ts: Ts, root: string): import("typescript").CompilerOptions {
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    skipLibCheck: true,
    rootDir: root,
    noEmit: true,
  };
}

/** A hint for the errors learners make most. */
function hintFor(code: number): string {
  switch (code) {
    case 2307:
      return 'remove that import, or fix its path (the course\'s library is imported from "../lib")';
    case 2304:
    case 2552:
      return 'a name that is not declared: a typo, or something to import from "../lib"';
    case 2322:
    case 2345:
    case 2355:
      return "the types do not fit: compare with the signature the stub gave (the notebook calls it that way)";
    case 2554:
      return "the number of arguments does not match the function's parameters";
    default:
      return "fix it here first: the notebook's kernel refuses to import a file with a type error";
  }
}

/**
 * The type errors of `files` (absolute paths) under tslab's rules. `sources` replaces what is on
 * disk for some files (the snapshot being graded). Files outside `files` (the lib) are not
 * reported on: their own tests keep them clean.
 */
export function typeProblems(
  root: string,
  files: readonly string[],
  sources: ReadonlyMap<string, string> = new Map(),
): TypeProblem[] {
  const ts = tslabTypeScript(root);
  const options = tslabOptions(ts, root);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => sources.get(path.resolve(file)) ?? readFile(file);
  const program = ts.createProgram(
    files.filter((f) => sources.has(f) || fs.existsSync(f)),
    options,
    host,
  );
  // Only the files asked about (the lib they import is checked by its own tests): about 1 s for
  // all five exercise files, where checking everything they import takes 3.
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) continue;
    diagnostics.push(
      ...program.getSyntacticDiagnostics(sf),
      ...program.getSemanticDiagnostics(sf),
      ...program.getDeclarationDiagnostics(sf),
    );
  }
  return diagnostics.map((d) => {
    const at = d.file?.getLineAndCharacterOfPosition(d.start ?? 0);
    return {
      file: d.file ? path.relative(root, d.file.fileName).split(path.sep).join("/") : "(compiler)",
      line: (at?.line ?? 0) + 1,
      column: (at?.character ?? 0) + 1,
      message: ts.flattenDiagnosticMessageText(d.messageText, " "),
      hint: hintFor(d.code),
    };
  });
}

/** "exercises/01-perceptron.ts:12:5: <message>" — the form editors make clickable. */
export function describeTypeProblem(p: TypeProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}
