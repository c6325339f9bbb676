// Shared by the notebook tests: build small notebooks, run the headless runner, read results.
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import * as env from "../../scripts/env.js";

export const root = env.root;
export const python = env.coursePython();

export interface CellSpec {
  source: string;
  tags?: string[];
  markdown?: boolean;
}

export interface NotebookJson {
  cells: {
    cell_type: string;
    source: string | string[];
    metadata: { tags?: string[] };
    outputs?: { output_type: string; data?: Record<string, unknown>; name?: string }[];
    execution_count?: number | null;
  }[];
  metadata: { kernelspec?: { name: string } };
}

/** Write a notebook made of `cells` for the course kernel; returns its path. */
export function makeNotebook(dir: string, name: string, cells: CellSpec[]): string {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: {
        name: "nn-course",
        display_name: "TypeScript (NN course)",
        language: "typescript",
      },
      language_info: { name: "typescript" },
    },
    cells: cells.map((c, i) => ({
      id: `cell-${i}`,
      cell_type: c.markdown ? "markdown" : "code",
      source: c.source,
      metadata: c.tags ? { tags: c.tags } : {},
      ...(c.markdown ? {} : { outputs: [], execution_count: null }),
    })),
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(notebook, null, 1));
  return path;
}

export interface RunReport {
  notebook: string;
  ok: boolean;
  failure: string | null;
  seconds: number;
  cells: number;
}

/** Run notebooks with scripts/run_notebooks.py under the kernel of `projectRoot`. */
export function runNotebooks(
  paths: string[],
  options: {
    projectRoot?: string;
    out?: string;
    extraEnv?: Record<string, string>;
    timeout?: number;
  } = {},
): { status: number | null; reports: RunReport[]; output: string } {
  const scratch = mkdtempSync(join(tmpdir(), "nn-run-"));
  const jsonPath = join(scratch, "report.json");
  const args = [
    join(root, "scripts", "run_notebooks.py"),
    "--root",
    options.projectRoot ?? root,
    "--out",
    options.out ?? join(scratch, "out"),
    "--json",
    jsonPath,
    ...(options.timeout ? ["--timeout", String(options.timeout)] : []),
    ...paths,
  ];
  const r = spawnSync(python, args, {
    encoding: "utf8",
    env: { ...process.env, ...options.extraEnv },
  });
  let reports: RunReport[] = [];
  try {
    reports = JSON.parse(readFileSync(jsonPath, "utf8")) as RunReport[];
  } catch {
    // The runner failed before writing its report; `output` says why.
  }
  return { status: r.status, reports, output: `${r.stdout}\n${r.stderr}` };
}

export function readNotebook(path: string): NotebookJson {
  return JSON.parse(readFileSync(path, "utf8")) as NotebookJson;
}

export function notebookName(path: string): string {
  return basename(path, ".ipynb");
}
