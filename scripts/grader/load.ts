// Loading a checks file or a learner's module from a path (tsx compiles the TypeScript).

import { pathToFileURL } from "url";
import type { AnyExerciseFile } from "./define";
import { listExerciseFiles } from "./paths";

type Namespace = Record<string, unknown>;

/**
 * A module's exports as a plain object. tsx may hand back a CommonJS module as `default` with
 * the named exports inside; both shapes give the same object here.
 */
export async function importFile(file: string): Promise<Namespace> {
  const ns = (await import(pathToFileURL(file).href)) as Namespace;
  const exports: Namespace = {};
  const inner = ns.default;
  if (typeof inner === "object" && inner !== null && (inner as Namespace).__esModule === true) {
    Object.assign(exports, inner);
  }
  for (const [key, value] of Object.entries(ns)) {
    if (key === "default" && exports.__esModule === true) continue;
    if (key !== "module.exports") exports[key] = value;
  }
  delete exports.__esModule;
  return exports;
}

/** The `checks` a checks file exports (see define.ts). */
export async function loadChecks(checksFile: string): Promise<AnyExerciseFile> {
  const ns = await importFile(checksFile);
  const spec = ns.checks as AnyExerciseFile | undefined;
  if (!spec || !Array.isArray(spec.exercises)) {
    throw new Error(
      `${checksFile} does not export \`checks\`: write \`export const checks = defineExercises({ … })\``,
    );
  }
  return spec;
}

/** Every exercise file's checks, in notebook order. */
export async function loadAllChecks(root: string): Promise<AnyExerciseFile[]> {
  return Promise.all(listExerciseFiles(root).map((ref) => loadChecks(ref.checksFile)));
}
