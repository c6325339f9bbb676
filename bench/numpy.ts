// The course-style NumPy implementation (bench/course_numpy.py), run in the course's Python
// (scripts/env.js coursePython(): the active nn-course conda env, else .venv) as a small server
// that trains on request, so that it can be timed in turns with the others.

import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { createInterface, type Interface } from "node:readline";
import * as env from "../scripts/env.js";
import type { Network } from "../lib/network";
import type { DataSet } from "../lib/train";
import { BATCH_SIZE, ETA, type Trainer } from "./workload";

const script = path.join(__dirname, "course_numpy.py");

/** The course's Python if it has NumPy, with versions; otherwise why not. */
export function findNumpy(): { python: string; numpy: string } | { missing: string } {
  const python = env.coursePython();
  if (!existsSync(python)) return { missing: `no course Python at ${python} (run npm run setup)` };
  const probe = spawnSync(python, ["-c", "import numpy; print(numpy.__version__)"], {
    encoding: "utf8",
  });
  if (probe.status !== 0) return { missing: `${python} has no NumPy` };
  return { python, numpy: probe.stdout.trim() };
}

/** A running course_numpy.py --serve. */
export class NumpyServer {
  private child: ChildProcessWithoutNullStreams;
  private lines: Interface;
  private waiting: ((line: string) => void)[] = [];
  private stderr = "";

  constructor(python: string) {
    this.child = spawn(python, [script, "--serve"], {
      // one BLAS thread: these matrices are far too small for more to help
      env: {
        ...process.env,
        OPENBLAS_NUM_THREADS: "1",
        OMP_NUM_THREADS: "1",
        MKL_NUM_THREADS: "1",
      },
    });
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on("line", (line) => this.waiting.shift()?.(line));
  }

  request<T>(message: object): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onExit = (): void => reject(new Error(`course_numpy.py exited: ${this.stderr.trim()}`));
      this.child.once("exit", onExit);
      this.waiting.push((line) => {
        this.child.off("exit", onExit);
        const answer = JSON.parse(line) as T & { error?: string };
        if (answer.error) reject(new Error(`course_numpy.py: ${answer.error}`));
        else resolve(answer);
      });
      this.child.stdin.write(JSON.stringify(message) + "\n");
    });
  }

  close(): void {
    this.lines.close();
    this.child.stdin.end();
  }
}

/** Sends the workload (data and initial weights) and returns a Trainer whose runs the server does.
 * `lastLoss` is the half-MSE after the latest run. */
export async function numpyTrainer(
  server: NumpyServer,
  net: Network,
  data: DataSet,
): Promise<Trainer & { lastLoss: () => number }> {
  const rows = (M: { rows: number; cols: number; data: Float64Array }): number[][] =>
    Array.from({ length: M.rows }, (_, i) =>
      Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)),
    );
  await server.request({
    cmd: "setup",
    X: Array.from(data.X.data),
    Y: Array.from(data.Y.data),
    W1: rows(net.W[0]),
    B1: rows(net.B[0]),
    W2: rows(net.W[1]),
    B2: rows(net.B[1]),
    eta: ETA,
    batch_size: BATCH_SIZE,
  });
  let loss = NaN;
  return {
    name: "NumPy, course style",
    async run(epochs) {
      const answer = await server.request<{ seconds: number; loss: number }>({
        cmd: "run",
        epochs,
      });
      loss = answer.loss;
      return answer.seconds;
    },
    lastLoss: () => loss,
  };
}
