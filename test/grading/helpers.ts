// Shared by the grader's own tests: temporary copies of the repository (no test ever writes into
// the real exercises/ or .progress.json), and running the CLI in one.

import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { STUBS_DIR, tsxLoader } from "../../scripts/grader/paths";

export const ROOT = path.resolve(__dirname, "..", "..");

/** The pristine stubs, as { "02-activations": "…source…" }. */
export function pristineStubs(root = ROOT): Record<string, string> {
  const dir = path.join(root, STUBS_DIR);
  const stubs: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".ts.stub"))) {
    stubs[name.replace(/\.ts\.stub$/, "")] = fs.readFileSync(path.join(dir, name), "utf8");
  }
  return stubs;
}

/**
 * A temporary copy of the repository for the grader: lib, data, scripts/grader (with the checks)
 * and solutions copied, node_modules linked, and exercises/ holding the pristine stubs (or the
 * solutions). Remove it with removeTempRepo.
 */
export function makeTempRepo(exercises: "stubs" | "solutions" = "stubs"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-grader-test-"));
  for (const rel of ["lib", "data", path.join("scripts", "grader"), "solutions"]) {
    const from = path.join(ROOT, rel);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, rel), { recursive: true });
  }
  fs.copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "junction");
  fs.mkdirSync(path.join(dir, "exercises"));
  for (const [file, source] of Object.entries(pristineStubs())) {
    const target = path.join(dir, "exercises", `${file}.ts`);
    if (exercises === "stubs") fs.writeFileSync(target, source);
    else fs.copyFileSync(path.join(ROOT, "solutions", `${file}.ts`), target);
  }
  return dir;
}

export function removeTempRepo(dir: string): void {
  if (dir.startsWith(os.tmpdir()) && path.basename(dir).startsWith("nn-grader-test-")) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx scripts/grader/cli.ts …args` in `root` (its own copy of the grader). */
export function runCli(root: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", tsxLoader(root), path.join(root, "scripts", "grader", "cli.ts"), ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: "1", NN_TREE: "", NODE_OPTIONS: "", ...env } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The exported names of a TypeScript source (functions, consts, types, interfaces). */
export function exportedNames(source: string): string[] {
  const names = [
    ...source.matchAll(/^export (?:async )?(?:function|const|let|class|interface|type) (\w+)/gm),
  ];
  return names.map((m) => m[1]).sort();
}
