// npm run bench -- digits: how long one epoch over the 8,000 training digits takes for the
// 784-100-10 classifier (sigmoid hidden layer, softmax output, cross-entropy, SGD) at batch 1, 10
// and 100, on every backend, side by side in one run (notebook 07's "the lecture's GPU").
//
// Measured through the lib's own train/trainAsync, as a notebook gets it: a warm-up epoch (JIT,
// shaders), then two runs of the same data, 1 and 1 + E epochs; the difference is E epochs of
// steps alone (each run's checks — a forward pass over the data at its start and end — cancel
// out). The data is the first `batch × k` training digits (k steps an epoch), so that batch 1
// on a slow backend still finishes; an epoch over all 8,000 is 8,000/batch steps at that speed.
// Not a test: nothing here asserts a speed.

import { type BackendName, multiplyAddsPerStep, useBackend } from "../lib/backend";
import type { DataSet } from "../lib/data";
import { loadDigits } from "../lib/digits/digits";
import { sliceRows } from "../lib/matrix";
import { mlp } from "../lib/network";
import { closeBrowser, findBrowser } from "../lib/tfjs/browser";
import { train, trainAsync } from "../lib/train";
import { machineSummary } from "./workload";

type Backend = Exclude<BackendName, "auto">;

export interface DigitsBenchOptions {
  /** Hidden units (default 100). */
  hidden?: number;
  batches?: number[];
  /** Seconds a timed run should last, about (default 1.5). */
  seconds?: number;
  webgl?: boolean;
  /** Training data (default: loadDigits().train, 8,000 digits). */
  data?: DataSet;
}

/** Steps per second of one backend at one batch size (see the top of the file). */
export async function digitSteps(
  data: DataSet,
  hidden: number,
  batch: number,
  backend: Backend,
  seconds: number,
): Promise<number> {
  const k = Math.max(1, Math.min(Math.floor(data.X.rows / batch), batch === 1 ? 200 : 40));
  const part = { X: sliceRows(data.X, 0, batch * k), Y: sliceRows(data.Y, 0, batch * k) };
  const net = mlp([data.X.cols, hidden, data.Y.cols], { output: "softmax", seed: 1 });
  const run = async (epochs: number): Promise<number> => {
    const options = {
      eta: 0.1,
      batchSize: batch,
      maxEpoch: epochs,
      checkEvery: epochs,
      validation: 0,
      maxGrowth: Infinity,
      backend,
    };
    const result =
      backend === "tfjs-webgl" ? await trainAsync(net, part, options) : train(net, part, options);
    return result.timings.ms / 1000;
  };
  const warm = await run(1);
  let epochs = Math.max(2, Math.min(50, Math.round(seconds / Math.max(warm, 1e-3))));
  // The difference of two timed runs is the epochs' steps alone — unless noise (a busy machine, a
  // garbage collection in the shorter run) eats it: then the runs are too short to tell, so run
  // more epochs; if it never shows, the longer run's average (overheads included) is what is known.
  for (let attempt = 0; ; attempt++) {
    const one = await run(1);
    const many = await run(1 + epochs);
    if (many - one > 0.2 * many) return (epochs * k) / (many - one);
    if (attempt === 3) return ((1 + epochs) * k) / many;
    epochs *= 4;
  }
}

/** The table: seconds per epoch over all the training digits, and GFLOP/s, per backend and batch. */
export async function runDigitsBench(options: DigitsBenchOptions = {}): Promise<string> {
  const data = options.data ?? loadDigits().train;
  const hidden = options.hidden ?? 100;
  const batches = options.batches ?? [1, 10, 100];
  const seconds = options.seconds ?? 1.5;
  const n = data.X.rows;
  const sizes = `${data.X.cols}-${hidden}-${data.Y.cols}`;
  const out = [`npm run bench -- digits · ${machineSummary()}`];
  const backends: Backend[] = ["plain", "tfjs-cpu", "tfjs-wasm"];
  let renderer = "tfjs-webgl not measured (--no-webgl)";
  if (options.webgl !== false) {
    try {
      findBrowser();
      const used = await useBackend("tfjs-webgl");
      renderer = `tfjs-webgl: ${used.detail}; renderer: ${used.renderer ?? "?"}`;
      backends.push("tfjs-webgl");
    } catch (error) {
      renderer = `tfjs-webgl not measured: ${(error as Error).message}`;
    }
  }
  await useBackend("tfjs-wasm");
  await useBackend("plain");
  out.push(renderer, "");
  out.push(
    `${sizes} (sigmoid hidden, softmax output, SGD), one epoch = ${n.toLocaleString("en-US")} digits: seconds per epoch (GFLOP/s)`,
    "",
    `| backend | ${batches.map((b) => `batch ${b}`).join(" | ")} |`,
    `|---|${batches.map(() => "---:").join("|")}|`,
  );
  const best: Record<number, { backend: Backend; seconds: number }> = {};
  for (const backend of backends) {
    const cells: string[] = [];
    for (const batch of batches) {
      const steps = await digitSteps(data, hidden, batch, backend, seconds);
      const epochSeconds = n / batch / steps;
      const work = multiplyAddsPerStep(mlp([data.X.cols, hidden, data.Y.cols]), batch);
      cells.push(`${epochSeconds.toPrecision(3)} s (${((2 * work * steps) / 1e9).toFixed(2)})`);
      if (!best[batch] || epochSeconds < best[batch].seconds) {
        best[batch] = { backend, seconds: epochSeconds };
      }
    }
    out.push(`| ${backend} | ${cells.join(" | ")} |`);
  }
  out.push("");
  for (const batch of batches) {
    out.push(
      `batch ${batch}: fastest ${best[batch].backend}, ${best[batch].seconds.toPrecision(3)} s per epoch`,
    );
  }
  await closeBrowser();
  out.push("", `at the end: ${machineSummary()}`);
  return out.join("\n");
}
