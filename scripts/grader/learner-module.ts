// The learner's module, loaded into a realm of its own (a node:vm context). Its globals — Math,
// JSON, Array.prototype, … — are its own, and the `process` it sees is a guarded stand-in, so
// nothing the learner's code patches or calls by accident (Math.abs = …, process.send = …,
// process.exit()) can reach the checks that judge it, or the notebook that runs it. Used by the
// grader's worker (child.ts) and by the notebook's tryExercise (notebook.ts).
//
// The file is compiled from the text given (the snapshot being graded) by esbuild, which only
// strips types (typecheck.ts checks them); errors thrown inside are mapped back to the .ts
// file's lines through esbuild's source map. The course's library and todo() are shared from
// outside the realm (so a Matrix made by the learner is the lib's own kind), and so are Node's
// typed arrays; other relative imports are compiled into the same realm.
// ES2022, no import.meta/__dirname: notebook.ts (compiled by tslab) imports this file.

import { Console } from "console";
import { transformSync } from "esbuild";
import * as fs from "fs";
import { createRequire, SourceMap } from "module";
import * as path from "path";
import { Writable } from "stream";
import * as vm from "vm";
import { relativeLabel } from "./paths";
import * as todoModule from "./todo";

export interface LearnerModule {
  exports: Record<string, unknown>;
  /** " (exercises/01-perceptron.ts:29)" for an error thrown in the learner's code, else "". */
  locate(error: unknown): string;
  /** The error's stack with the learner's frames pointing at the .ts lines (labelled). */
  mapStack(error: unknown): string;
}

export interface LoadOptions {
  /** The repository root (labels are relative to it). */
  root: string;
  /** The module's absolute path. */
  file: string;
  /** Its text (default: read from `file`). */
  source?: string;
  /** The course's library as the caller loaded it: shared into the realm (with todo.ts), so a
   * Matrix the learner makes is the lib's own kind. */
  lib: unknown;
  /** Where the learner's console.log goes (default: nowhere). */
  console?: Console;
}

/** What the top level of the learner's file threw while loading, with where (" (file:line)"). */
export class ModuleLoadError extends Error {
  constructor(
    readonly original: unknown,
    readonly where: string,
  ) {
    super("the learner's module could not be loaded");
    this.name = "ModuleLoadError";
  }
}

/** process.exit(), process.send() … called from the learner's code. */
export class ProcessCallError extends Error {
  constructor(what: string) {
    super(
      `your code called process.${what}, which would stop (or talk for) the program running it — ` +
        `the notebook's kernel or the grader: remove that call`,
    );
    this.name = "ProcessCallError";
  }
}

interface Compiled {
  map: SourceMap;
  label: string;
}

const SILENT = new Console({
  stdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
});

/** Loads `file` (or `source`) into a fresh realm and returns its exports. What its top level
 * throws (a syntax error included) comes out as a ModuleLoadError saying where. */
export function loadLearnerModule(options: LoadOptions): LearnerModule {
  const { root } = options;
  const shared = new Map<string, unknown>([
    [path.join(root, "lib", "index.ts"), options.lib],
    [path.join(root, "scripts", "grader", "todo.ts"), todoModule],
  ]);
  const compiled = new Map<string, Compiled>(); // by the generated file name
  const modules = new Map<string, { exports: Record<string, unknown> }>();
  const guarded = guardedProcess(options.console !== undefined);
  const context = vm.createContext(realmGlobals(options.console ?? SILENT, guarded));

  const load = (file: string, source: string): Record<string, unknown> => {
    const module = { exports: {} as Record<string, unknown> };
    modules.set(file, module);
    const out = transformSync(source, {
      loader: file.endsWith(".json") ? "json" : "ts",
      format: "cjs",
      target: "es2022",
      sourcemap: "external",
      sourcefile: file,
    });
    compiled.set(file, {
      map: new SourceMap(JSON.parse(out.map) as ConstructorParameters<typeof SourceMap>[0]),
      label: relativeLabel(root, file),
    });
    // The wrapper's first line shifts the code by one line: WRAPPER_LINES below.
    const wrapper = `(function (exports, require, module, __filename, __dirname) {\n${out.code}\n})`;
    const run = new vm.Script(wrapper, { filename: file }).runInContext(context) as (
      ...args: unknown[]
    ) => void;
    run(module.exports, requireFrom(file), module, file, path.dirname(file));
    return module.exports;
  };

  const requireFrom = (from: string) => {
    const outside = createRequire(from);
    return (specifier: string): unknown => {
      if (specifier === "process" || specifier === "node:process") return guarded;
      if (!specifier.startsWith(".") && !path.isAbsolute(specifier)) return outside(specifier);
      const target = resolveSource(path.resolve(path.dirname(from), specifier));
      if (target === null) return outside(specifier); // let Node say what is missing
      if (shared.has(target)) return shared.get(target);
      return modules.get(target)?.exports ?? load(target, fs.readFileSync(target, "utf8"));
    };
  };

  const locateFrame = (error: unknown): { label: string; line: number; column: number } | null => {
    for (const frame of stackOf(error).split("\n")) {
      const found = mapFrame(frame, compiled);
      if (found) return found;
    }
    return null;
  };

  const locate = (error: unknown): string => {
    const at = locateFrame(error);
    return at ? ` (${at.label}:${at.line})` : "";
  };
  let exports: Record<string, unknown>;
  try {
    exports = load(options.file, options.source ?? fs.readFileSync(options.file, "utf8"));
  } catch (error) {
    throw new ModuleLoadError(error, locate(error));
  }
  return {
    exports,
    locate,
    mapStack(error) {
      return stackOf(error)
        .split("\n")
        .map((frame) => {
          const at = mapFrame(frame, compiled);
          return at ? frame.replace(FRAME, `${at.label}:${at.line}:${at.column}`) : frame;
        })
        .join("\n");
    },
  };
}

const WRAPPER_LINES = 1;
const FRAME = /(\/[^():\s]+):(\d+):(\d+)/;

function mapFrame(
  frame: string,
  compiled: ReadonlyMap<string, Compiled>,
): { label: string; line: number; column: number } | null {
  const match = FRAME.exec(frame);
  const entry = match ? compiled.get(match[1]) : undefined;
  if (!match || !entry) return null;
  const found = entry.map.findEntry(Number(match[2]) - 1 - WRAPPER_LINES, Number(match[3]) - 1);
  if (!found || !("originalLine" in found)) return null;
  return { label: entry.label, line: found.originalLine + 1, column: found.originalColumn + 1 };
}

function stackOf(error: unknown): string {
  const stack = (error as { stack?: unknown } | null)?.stack;
  return typeof stack === "string" ? stack : "";
}

/** The .ts (or .json) file an import means: as written, with .ts, or a folder's index.ts. */
function resolveSource(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (/\.(ts|json)$/.test(candidate) && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** What the learner's code can see besides the language's own built-ins. */
function realmGlobals(console: Console, guarded: Record<string, unknown>): Record<string, unknown> {
  return {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    setImmediate,
    clearImmediate,
    queueMicrotask,
    structuredClone,
    performance,
    TextEncoder,
    TextDecoder,
    URL,
    Buffer,
    // Node's own typed arrays, so that a matrix the learner builds passes the lib's checks
    // (`data instanceof Float64Array`) like one the lib builds.
    ArrayBuffer,
    Float64Array,
    Float32Array,
    Int32Array,
    Uint32Array,
    Int16Array,
    Uint16Array,
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    process: guarded,
  };
}

/** `process` as the learner's code sees it: what it may read, and calls that would stop or
 * speak for the program running it made into clear errors. */
function guardedProcess(loud: boolean): Record<string, unknown> {
  const refuse = (what: string) => () => {
    throw new ProcessCallError(what);
  };
  return {
    env: { ...process.env },
    argv: [...process.argv],
    platform: process.platform,
    version: process.version,
    versions: { ...process.versions },
    hrtime: process.hrtime,
    memoryUsage: () => process.memoryUsage(),
    nextTick: process.nextTick,
    cwd: () => process.cwd(),
    stdout: { write: (text: string) => (loud ? process.stdout.write(text) : true) },
    stderr: { write: (text: string) => (loud ? process.stderr.write(text) : true) },
    exit: refuse("exit()"),
    abort: refuse("abort()"),
    kill: refuse("kill()"),
    send: refuse("send()"),
    disconnect: refuse("disconnect()"),
    chdir: refuse("chdir()"),
    on: refuse("on()"),
    once: refuse("once()"),
  };
}
