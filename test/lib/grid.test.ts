// The grid runner (lib/grid.ts): every row holds exactly the numbers of training that
// configuration alone with `train`, whatever the threads; a diverging or throwing run is a row; a
// finished grid is saved and reused, and recomputed when the runs, the data or lib/ change; it
// can be cancelled and leaves no thread behind; bad input says what is wrong at once. The start
// inside the tslab kernel is covered by notebook 05's headless run (test/notebooks).
import { spawn } from "child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { afterAll, describe, expect, it } from "vitest";
import { grid, type GridBase, loadDataSet, mlp, train, type TrainResult } from "../../lib";
import { gridCacheKey } from "../../lib/grid-cache";
import { gridJobs } from "../../lib/grid";
import { gridHeatmap } from "../../lib/grid-show";
import * as env from "../../scripts/env.js";

const cobra = loadDataSet("cobra").train;
const settings = { maxEpoch: 200, eps: 0.001, checkEvery: 50 };
const base: GridBase = { net: mlp([1, 4, 1]), data: cobra, options: settings };
const axes = { batchSize: [5, 10, 15], eta: [0.3, 0.7] };

/** Every number of a run, NaN included, in one comparable list. */
function numbers(r: {
  epochs: number;
  history: TrainResult["history"];
}): (number | null | string)[] {
  return [
    r.epochs,
    ...r.history.flatMap((h) => [
      h.epoch,
      h.iteration,
      h.eta,
      h.trainLoss,
      h.trainAccuracy,
      h.validationLoss,
      h.validationAccuracy,
    ]),
  ].map((v) => (typeof v === "number" && Number.isNaN(v) ? "NaN" : v));
}

/** This process's worker threads, as Node's diagnostic report lists them. */
function workerCount(): number {
  return (process.report.getReport() as { workers: unknown[] }).workers.length;
}

/** Wait up to 5 s for the worker threads to end (a terminated thread ends soon, not at once). */
async function workersAfterSettling(): Promise<number> {
  for (let i = 0; i < 50 && workerCount() > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500)); // a thread started late would show by now
  return workerCount();
}

const alone = axes.batchSize.flatMap((batchSize) =>
  axes.eta.map((eta) => train(base.net, cobra, { ...settings, eta, batchSize })),
);

describe("grid: the numbers of each run alone, whatever the threads", () => {
  it.each([2, 1, 0])(
    "threads: %i",
    async (threads) => {
      const result = await grid(base, axes, { threads, cache: false });
      expect(result.threads).toBe(threads);
      expect(result.rows.map((r) => r.params)).toEqual(
        axes.batchSize.flatMap((batchSize) => axes.eta.map((eta) => ({ batchSize, eta }))),
      );
      result.rows.forEach((row, i) => {
        expect(row.status).toBe(alone[i].status);
        expect(numbers(row)).toEqual(numbers(alone[i]));
        expect(row.validationLoss).toBe(alone[i].final.validationLoss);
      });
      if (threads > 0) expect(result.startupSeconds).toBeGreaterThan(0);
    },
    120_000,
  );

  it("varies the starting net (hidden units, its seed) and the data set", async () => {
    const result = await grid(
      { ...base, options: { ...base.options, eta: 0.5, batchSize: 10 } },
      { data: ["cobra", "sine"], hidden: [2, [3, 3]], netSeed: [1, 2] },
      { cache: false },
    );
    expect(result.rows).toHaveLength(8);
    for (const row of result.rows) {
      const data = loadDataSet(row.params.data as "cobra" | "sine").train;
      const hidden = Array.isArray(row.params.hidden) ? row.params.hidden : [row.params.hidden];
      const net = mlp([1, ...(hidden as number[]), 1], { seed: row.params.netSeed as number });
      const want = train(net, data, { ...settings, eta: 0.5, batchSize: 10 });
      expect(numbers(row), JSON.stringify(row.params)).toEqual(numbers(want));
    }
  }, 120_000);

  it("runs a backend axis on the backend named (tfjs-cpu within float32 of plain)", async () => {
    const result = await grid(
      { ...base, options: { ...base.options, maxEpoch: 20, eta: 0.5, batchSize: 30 } },
      { backend: ["plain", "tfjs-cpu"] },
      { cache: false },
    );
    expect(result.rows.map((r) => r.backend)).toEqual(["plain", "tfjs-cpu"]);
    const [plain, cpu] = result.rows.map((r) => r.validationLoss as number);
    expect(Math.abs(cpu - plain) / plain).toBeLessThan(1e-4);
  }, 120_000);
});

describe("grid: runs that go wrong are rows", () => {
  it("a diverging run and a throwing run, beside a good one", async () => {
    const result = await grid(base, { eta: [0.5, 50], batchSize: [10, 5000] }, { cache: false });
    const by = (eta: number, batchSize: number) =>
      result.rows.find((r) => r.params.eta === eta && r.params.batchSize === batchSize);
    expect(by(0.5, 10)?.status).toBe("maxEpoch");
    expect(by(50, 10)?.status).toBe("diverged");
    expect(by(50, 10)?.reason).toMatch(/diverged|grew|NaN|Infinity/);
    for (const eta of [0.5, 50]) {
      const row = by(eta, 5000);
      expect(row?.status).toBe("error");
      expect(row?.error).toBe(
        "train: batchSize 5000 is more than the 900 training samples after 100 were taken for validation; use batchSize ≤ 900.",
      );
      expect(row?.history).toEqual([]);
    }
  }, 120_000);
});

describe("grid: saved and reused", () => {
  let root = "";
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("returns a finished grid at once, NaN and all, and recomputes when asked", async () => {
    const small = { eta: [0.5, 50], batchSize: [10] };
    const first = await grid(base, small, { title: "saved grid test", recompute: true });
    expect(first.fromCache).toBe(false);
    const again = await grid(base, small, { title: "saved grid test" });
    expect(again.fromCache).toBe(true);
    expect(again.seconds).toBe(first.seconds);
    expect(again.rows.map(numbers)).toEqual(first.rows.map(numbers));
    expect(again.rows[1].status).toBe("diverged");
    const recomputed = await grid(base, small, { title: "saved grid test", recompute: true });
    expect(recomputed.fromCache).toBe(false);
  }, 120_000);

  it("is keyed by the runs, the data and lib/: a change to any computes afresh", () => {
    const jobs = gridJobs(base, axes);
    const key = gridCacheKey("t", jobs);
    expect(gridCacheKey("t", gridJobs(base, axes))).toBe(key);
    expect(gridCacheKey("t", gridJobs(base, { ...axes, eta: [0.3, 0.71] }))).not.toBe(key);
    const changed = { X: cobra.X, Y: { ...cobra.Y, data: cobra.Y.data.slice() } };
    changed.Y.data[7] += 1e-12;
    expect(gridCacheKey("t", gridJobs({ ...base, data: changed }, axes))).not.toBe(key);
    expect(
      gridCacheKey("t", gridJobs({ ...base, net: mlp([1, 4, 1], { seed: 2 }) }, axes)),
    ).not.toBe(key);
    // lib/: the same grid in a copy of the project whose lib differs by one comment
    root = mkdtempSync(join(tmpdir(), "nn-gridkey-"));
    cpSync(join(env.root, "lib"), join(root, "lib"), { recursive: true });
    symlinkSync(join(env.root, "node_modules"), join(root, "node_modules"));
    const cwd = process.cwd();
    try {
      process.chdir(root);
      const copied = gridCacheKey("t", jobs);
      expect(copied).toBe(key);
      writeFileSync(join(root, "lib", "grid.ts"), "// changed\n", { flag: "a" });
      expect(gridCacheKey("t", jobs)).not.toBe(key);
    } finally {
      process.chdir(cwd);
    }
  });

  it("two processes finishing the same grid at once both leave a whole file", async () => {
    // npm run grid for the same small grid; its stdout
    const run = (...extra: string[]) =>
      new Promise<string>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            join(env.root, "scripts", "grid.ts"),
            ...["--eta", "0.3,0.5,0.7", "--batchSize", "10", "--maxEpoch", "100"],
            ...extra,
          ],
          { cwd: env.root, stdio: ["ignore", "pipe", "pipe"] },
        );
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.on("exit", () => resolve(out));
      });
    const [a, b] = await Promise.all([run("--recompute", "--json"), run("--recompute", "--json")]);
    const numbersOf = (json: string) =>
      (JSON.parse(json) as { seconds?: number }[]).map(({ seconds: _s, ...row }) => row);
    expect(numbersOf(a)).toEqual(numbersOf(b));
    // and the saved file is whole: a third run reads it
    const third = await run();
    expect(third).toMatch(/saved in build\/grids\//);
  }, 120_000);
});

describe("grid: cancelling", () => {
  it("an aborted signal stops the runs, rejects, saves nothing and leaves no thread", async () => {
    expect(workerCount()).toBe(0);
    const stop = new AbortController();
    const long = { ...base, options: { ...settings, batchSize: 10, maxEpoch: 10_000, eps: 0 } };
    const running = grid(
      long,
      { eta: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] },
      {
        signal: stop.signal,
        onRow: () => stop.abort(),
        title: "cancelled grid test",
        recompute: true,
      },
    );
    setTimeout(() => stop.abort(), 1500); // in case no row finishes first
    await expect(running).rejects.toThrow(
      /^grid "cancelled grid test": cancelled after \d of 6 runs; nothing was saved/,
    );
    expect(await workersAfterSettling()).toBe(0);
    const after = await grid(
      long,
      { eta: [0.1] },
      { title: "cancelled grid test", cache: true, threads: 0, signal: AbortSignal.abort() },
    ).catch((e: Error) => e.message);
    expect(after).toMatch(/cancelled after 0 of 1 runs/);
  }, 120_000);

  it("an abort in the middle of every run ends all threads, also those the pool would restart", async () => {
    const stop = new AbortController();
    const endless = {
      ...base,
      options: { ...settings, batchSize: 10, maxEpoch: 10_000_000, eps: 0 },
    };
    const running = grid(
      endless,
      { eta: [0.1, 0.2, 0.3] },
      {
        threads: 2,
        signal: stop.signal,
        title: "aborted mid-run test",
        recompute: true,
      },
    );
    for (let i = 0; i < 100 && workerCount() < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(workerCount()).toBe(2); // both threads are training
    await new Promise((r) => setTimeout(r, 2500));
    stop.abort();
    await expect(running).rejects.toThrow(/cancelled after 0 of 3 runs/);
    expect(await workersAfterSettling()).toBe(0);
  }, 60_000);

  it("Ctrl+C in a terminal stops the grid with exit status 130", async () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(env.root, "scripts", "grid.ts"),
        "--eta",
        "0.1,0.2,0.3,0.4",
        "--batchSize",
        "2",
        "--eps",
        "0",
        "--recompute",
      ],
      { cwd: env.root, stdio: ["ignore", "pipe", "pipe"] },
    );
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    setTimeout(() => child.kill("SIGINT"), 3000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code, err).toBe(130);
    expect(err).toMatch(/cancelled after \d of 4 runs; nothing was saved/);
  }, 60_000);
});

describe("grid: bad input says what is wrong, before any run", () => {
  it("names the problem and the fix", async () => {
    await expect(grid(base, { etaa: [0.1] })).rejects.toThrow(
      "grid: unknown grid axis 'etaa' (did you mean 'eta'?)",
    );
    await expect(grid(base, { eta: [] })).rejects.toThrow(
      "grid: axis eta must be a non-empty list of values to try (got an array of length 0).",
    );
    await expect(grid(base, { eta: [0.1] })).rejects.toThrow(
      "grid: every run needs batchSize: put it in the options ({ batchSize: … }) or make it an axis.",
    );
    await expect(
      grid({ ...base, options: { ...base.options, onCheck: () => {} } as never }, { eta: [1] }),
    ).rejects.toThrow(/^grid: options.onCheck is a function, which cannot go to a worker thread/);
    await expect(grid(base, { data: ["cobraa"], eta: [1], batchSize: [10] })).rejects.toThrow(
      "grid: axis data: unknown data set 'cobraa' (did you mean 'cobra'?)",
    );
    await expect(grid(base, { hidden: [0], eta: [1], batchSize: [10] })).rejects.toThrow(
      /^grid: axis hidden takes hidden units, a whole number ≥ 1/,
    );
    await expect(
      grid(base, { eta: [1], batchSize: [10], seed: [1] }, { show: "heatmap" }),
    ).rejects.toThrow('grid: show: "heatmap" needs two axes (this grid has 3); use show: "table".');
    expect(() => gridHeatmap({ title: "", axes: { eta: [1] }, rows: [] })).toThrow(
      /^gridHeatmap: a heatmap needs a grid of two axes; this one has 1/,
    );
  });
});

describe("gridHeatmap", () => {
  it("puts the first axis down and the second across, one cell per run", async () => {
    const result = await grid(base, axes, { cache: false });
    const figure = gridHeatmap(result, "epochs");
    const cells = figure.data[0] as { z: (number | null)[][]; x: string[]; y: string[] };
    expect(cells.y).toEqual(["5", "10", "15"]);
    expect(cells.x).toEqual(["0.3", "0.7"]);
    expect(cells.z).toEqual([0, 1, 2].map((i) => [0, 1].map((j) => alone[i * 2 + j].epochs)));
  }, 120_000);
});
