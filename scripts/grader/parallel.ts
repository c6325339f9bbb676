// Expensive computations (an exercise table's training runs) in parallel worker processes, as
// many at a time as the machine has cores.

import { fork } from "child_process";
import * as os from "os";
import * as path from "path";
import { tsxLoader } from "./paths";

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  const limit = Math.max(1, os.availableParallelism());
  if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** Calls `exportName(job)` from `moduleFile` in a separate process and returns its result. */
export async function inProcess<R>(
  root: string,
  moduleFile: string,
  exportName: string,
  job: unknown,
): Promise<R> {
  const release = await slot();
  try {
    return await new Promise<R>((resolve, reject) => {
      let stderr = "";
      let value: { value: R } | null = null;
      const child = fork(
        path.join(root, "scripts", "grader", "compute-child.ts"),
        [JSON.stringify({ moduleFile, exportName, job })],
        {
          cwd: root,
          execArgv: ["--import", tsxLoader(root)],
          stdio: ["ignore", "ignore", "pipe", "ipc"],
          env: { ...process.env, NODE_OPTIONS: "" },
        },
      );
      child.stderr?.on(
        "data",
        (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)),
      );
      child.on("message", (message) => (value = message as { value: R }));
      child.on("error", reject);
      child.on("exit", (code) => {
        if (value) resolve(value.value);
        else
          reject(
            new Error(
              `${exportName}(${JSON.stringify(job)}) failed (exit ${code}): ${stderr.trim()}`,
            ),
          );
      });
    });
  } finally {
    release();
  }
}
