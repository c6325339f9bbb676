// npm run bench -- backends: where each backend wins. One training step of an MLP (sigmoid hidden
// layer, linear output, halfMse, SGD) across sizes — inputs and hidden width 4 → 1024, batch
// 10 → 1000, the 784-256-10 digits classifier and the course's 1-4-1 net — on every backend,
// measured through the lib's own train/trainAsync (what a notebook gets), side by side in one
// run: steps per second, the best GFLOP/s, which backend is fastest, and the work per step from
// which tfjs-wasm overtakes the plain lib and tfjs-webgl overtakes wasm (`auto`'s rule,
// lib/backend.ts AUTO_WASM_FROM and AUTO_WEBGL_FROM).
//
// Not a test: nothing here asserts a speed.

import {
  AUTO_WASM_FROM,
  AUTO_WEBGL_BATCH,
  AUTO_WEBGL_FROM,
  type BackendName,
  multiplyAddsPerStep,
  useBackend,
} from "../lib/backend";
import type { DataSet } from "../lib/data";
import { emptyMatrix } from "../lib/matrix";
import { mlp } from "../lib/network";
import { createRng } from "../lib/rng";
import { closeBrowser, findBrowser } from "../lib/tfjs/browser";
import { train, trainAsync } from "../lib/train";
import { machineSummary } from "./workload";

export interface SizeCase {
  name: string;
  sizes: number[];
  batch: number;
  output?: "identity" | "softmax";
}

export const sizeCases: SizeCase[] = [
  { name: "1-4-1 (the course's net)", sizes: [1, 4, 1], batch: 10 },
  ...[4, 64, 256].flatMap((w) =>
    [10, 100, 1000].map((batch) => ({ name: `${w}-${w}-${w}`, sizes: [w, w, w], batch })),
  ),
  { name: "1024-1024-1024", sizes: [1024, 1024, 1024], batch: 10 },
  { name: "1024-1024-1024", sizes: [1024, 1024, 1024], batch: 100 },
  { name: "784-256-10 (digits)", sizes: [784, 256, 10], batch: 100, output: "softmax" },
];

/** Seeded inputs in [0, 1) and targets (one-hot for a softmax output), `batches` steps' worth. */
export function caseData(c: SizeCase, batches: number): DataSet {
  const n = c.batch * batches;
  const rng = createRng(7);
  const X = emptyMatrix(n, c.sizes[0]);
  const Y = emptyMatrix(n, c.sizes[c.sizes.length - 1]);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.next();
  if (c.output === "softmax") for (let i = 0; i < n; i++) Y.data[i * Y.cols + rng.int(Y.cols)] = 1;
  else for (let i = 0; i < Y.data.length; i++) Y.data[i] = rng.uniform(-1, 1);
  return { X, Y };
}

/** Steps per second of `backend` on one case: a warm-up epoch (JIT, shader compilation), then
 * as many epochs of 4 steps as fill about `seconds` (at least one). */
export async function stepsPerSecond(
  c: SizeCase,
  backend: Exclude<BackendName, "auto">,
  seconds: number,
): Promise<number> {
  const data = caseData(c, 4);
  const net = mlp(c.sizes, { output: c.output ?? "identity", seed: 1 });
  const run = (epochs: number) => {
    const options = {
      eta: 0.01,
      batchSize: c.batch,
      maxEpoch: epochs,
      checkEvery: epochs,
      validation: 0,
      maxGrowth: Infinity,
      backend,
    };
    return backend === "tfjs-webgl" ? trainAsync(net, data, options) : train(net, data, options);
  };
  const warm = await run(1);
  const perEpoch = warm.timings.ms / 1000;
  const epochs = Math.max(1, Math.min(200, Math.round(seconds / Math.max(perEpoch, 1e-6))));
  const timed = await run(epochs);
  return timed.iterations / (timed.timings.ms / 1000);
}

function cell(x: number | null): string {
  if (x === null) return "—";
  return x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3);
}

/** The map, as Markdown, with the crossover and the renderer in use. */
export async function runBackends(
  options: { seconds?: number; webgl?: boolean; cases?: SizeCase[] } = {},
): Promise<string> {
  const seconds = options.seconds ?? 0.6;
  const cases = options.cases ?? sizeCases;
  const out: string[] = [
    `npm run bench -- backends — ${new Date().toISOString()}`,
    machineSummary(),
    "",
  ];
  const backends: Exclude<BackendName, "auto">[] = ["plain", "tfjs-cpu", "tfjs-wasm"];
  let renderer = "no browser: tfjs-webgl not measured";
  if (options.webgl !== false) {
    try {
      findBrowser();
      const used = await useBackend("tfjs-webgl");
      renderer = `${used.detail}; renderer: ${used.renderer}`;
      backends.push("tfjs-webgl");
    } catch (error) {
      renderer = `tfjs-webgl not measured: ${(error as Error).message}`;
    }
  }
  await useBackend("tfjs-wasm");
  await useBackend("plain");
  out.push(`WebGL: ${renderer}`, "");
  out.push(
    `| net | batch | multiply-adds per step | ${backends.join(" | ")} | fastest | its GFLOP/s |`,
    `|---|---:|---:|${backends.map(() => "---:").join("|")}|---|---:|`,
  );
  const rows: { work: number; batch: number; best: string; speeds: Record<string, number> }[] = [];
  for (const c of cases) {
    const speeds: Record<string, number> = {};
    for (const backend of backends) speeds[backend] = await stepsPerSecond(c, backend, seconds);
    const best = backends.reduce((a, b) => (speeds[b] > speeds[a] ? b : a));
    const work = multiplyAddsPerStep(mlp(c.sizes), c.batch);
    rows.push({ work, batch: c.batch, best, speeds });
    out.push(
      `| ${c.name} | ${c.batch} | ${work.toLocaleString("en-US")} | ${backends.map((b) => cell(speeds[b])).join(" | ")} | ${best} | ${((2 * work * speeds[best]) / 1e9).toFixed(2)} |`,
    );
  }
  out.push(
    "",
    "(steps per second through train/trainAsync; a GFLOP is 10⁹ multiplications or additions)",
  );
  // The crossover: the least work per step at which wasm beat plain, and the most at which plain won.
  const wasmWins = rows.filter((r) => r.speeds["tfjs-wasm"] > r.speeds.plain).map((r) => r.work);
  const plainWins = rows.filter((r) => r.speeds.plain >= r.speeds["tfjs-wasm"]).map((r) => r.work);
  const from = wasmWins.length > 0 ? Math.min(...wasmWins) : null;
  const upTo = plainWins.length > 0 ? Math.max(...plainWins) : null;
  out.push(
    "",
    `crossover: plain wins up to ${upTo === null ? "—" : upTo.toLocaleString("en-US")} multiply-adds per step, tfjs-wasm from ${from === null ? "— (never, here)" : from.toLocaleString("en-US")}; auto's rule (lib/backend.ts) switches at ${AUTO_WASM_FROM.toLocaleString("en-US")}`,
  );
  if (backends.includes("tfjs-webgl")) {
    const webglWins = rows.filter((r) => r.best === "tfjs-webgl");
    out.push(
      `tfjs-webgl is fastest on ${webglWins.length} of ${rows.length} sizes${webglWins.length ? ` (${webglWins.map((r) => `${r.work.toLocaleString("en-US")} in batches of ${r.batch}`).join(", ")} multiply-adds)` : ""}; auto's rule picks it (in trainAsync) from ${AUTO_WEBGL_FROM.toLocaleString("en-US")} in batches of ${AUTO_WEBGL_BATCH} or more`,
    );
  }
  await closeBrowser();
  out.push("", `at the end: ${machineSummary()}`);
  return out.join("\n");
}
