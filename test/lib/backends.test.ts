// The backend switch: from the same initial weights and the same mini-batch order, every backend
// follows the plain backend's trajectory — losses after 1, 10 and 100 steps, and the weights after
// 100 — within float32 tolerances (tfjs computes in float32, the plain lib in float64). tfjs-cpu
// and tfjs-wasm run here; tfjs-webgl in headless Chromium (SwiftShader where there is no GPU: slow,
// correct), skipped with the reason when no browser is found (required under CI=true). Also: no
// tensor leaks, also after an error; no silent fallback; a clear error when no browser is found.
import { execFileSync, spawn } from "child_process";
import { readFileSync } from "fs";
import { setTimeout as sleep } from "timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";
import {
  type BackendName,
  type DataSet,
  createRng,
  evaluate,
  loadDataSet,
  matrix,
  mlp,
  type Network,
  polynomialFeatures,
  sliceRows,
  train,
  trainAsync,
  type TrainOptions,
  type TrainResult,
  useBackend,
  xorOneHot,
} from "../../lib";
import { autoBackend, tfjs } from "../../lib/backend";
import { closeBrowser, findBrowser } from "../../lib/tfjs/browser";

/** Tolerances reached (stated in bench/README.md and the closing note): float32 against float64. */
const LOSS_REL = 1e-4;
const WEIGHT_ABS = 2e-4;

const sine40: DataSet = {
  X: sliceRows(loadDataSet("sine").train.X, 0, 40),
  Y: sliceRows(loadDataSet("sine").train.Y, 0, 40),
};

interface Case {
  name: string;
  net: () => Network;
  data: DataSet;
  options: TrainOptions;
}

// batchSize = all samples and checkEvery 1, so that epoch k ends at step k
const full = { maxEpoch: 100, checkEvery: 1, validation: 0, shuffle: false } as const;
const cases: Case[] = [
  {
    name: "the lecture's sine 1-3-1 (sigmoid, linear output, halfMse, SGD)",
    net: () => mlp([1, 3, 1]),
    data: sine40,
    options: { ...full, eta: 0.5, batchSize: 40 },
  },
  {
    name: "XOR 2-3-2 with L2 (sigmoid outputs, cross-entropy)",
    net: () => mlp([2, 3, 2], { output: "sigmoid", seed: 2 }),
    data: xorOneHot(),
    options: { ...full, eta: 2, batchSize: 4, l2: 0.01 },
  },
  {
    name: "a deeper net with ReLU and Adam, mini-batches of 8, shuffled",
    net: () => mlp([1, 8, 8, 1], { hidden: "relu", seed: 3 }),
    data: sine40,
    options: {
      maxEpoch: 20,
      checkEvery: 1,
      validation: 0,
      eta: 0.01,
      batchSize: 8,
      optimizer: "adam",
    },
  },
  {
    name: "polynomial regression of degree 3 (a one-layer net on x, x², x³)",
    net: () => mlp([3, 1]),
    data: { X: polynomialFeatures(sine40.X, 3), Y: sine40.Y },
    options: { ...full, eta: 0.2, batchSize: 40 },
  },
];

/** Steps after which the losses are compared (the last entry: the weights too). */
function stepsOf(c: Case, r: TrainResult): number[] {
  const perEpoch = Math.ceil(c.data.X.rows / c.options.batchSize);
  return r.history
    .map((h) => h.iteration)
    .filter((s) => [1, 10, 100].includes(s) || s === 20 * perEpoch);
}

const plainRuns = new Map(cases.map((c) => [c.name, train(c.net(), c.data, c.options)]));

function expectParity(c: Case, got: TrainResult): void {
  const want = plainRuns.get(c.name) as TrainResult;
  expect(got.history.length).toBe(want.history.length);
  const steps = stepsOf(c, want);
  expect(steps.length).toBeGreaterThanOrEqual(2);
  for (const step of steps) {
    const a = got.history.find((h) => h.iteration === step)?.trainLoss as number;
    const b = want.history.find((h) => h.iteration === step)?.trainLoss as number;
    expect(Math.abs(a - b) / Math.abs(b), `${c.name}: loss after ${step} steps`).toBeLessThan(
      LOSS_REL,
    );
  }
  got.net.W.forEach((W, l) => {
    const diff = Math.max(...Array.from(W.data, (w, i) => Math.abs(w - want.net.W[l].data[i])));
    expect(diff, `${c.name}: W${l + 1} after training`).toBeLessThan(WEIGHT_ABS);
  });
}

describe.each(["tfjs-cpu", "tfjs-wasm"] as const)("%s follows the plain backend", (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });
  afterAll(async () => {
    await useBackend("plain");
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = train(c.net(), c.data, c.options);
    expect(result.backend.name).toBe(backend);
    expect(tfjs().getBackend()).toBe(backend === "tfjs-cpu" ? "cpu" : "wasm"); // no silent fallback
    expectParity(c, result);
  });

  // every activation, optimizer, loss and decay the lib offers: 12 steps each, losses at every
  // step and the weights at the end against the plain backend's
  const variants: [string, () => Network, DataSet, Omit<TrainOptions, "maxEpoch">][] = [
    ...(["sigmoid", "tanh", "relu", "leakyRelu", "elu", "softplus"] as const).map(
      (hidden) =>
        [
          `hidden ${hidden}`,
          () => mlp([1, 5, 5, 1], { hidden, seed: 4 }),
          sine40,
          { eta: 0.05, batchSize: 10 },
        ] as [string, () => Network, DataSet, Omit<TrainOptions, "maxEpoch">],
    ),
    ...(["momentum", "rmsprop", "adam"] as const).map(
      (optimizer) =>
        [
          `${optimizer}, L2`,
          () => mlp([1, 6, 1], { hidden: "tanh", seed: 5 }),
          sine40,
          { eta: 0.02, batchSize: 8, optimizer, l2: 0.001 },
        ] as [string, () => Network, DataSet, Omit<TrainOptions, "maxEpoch">],
    ),
    [
      "softmax output, cross-entropy, staircase decay",
      () => mlp([2, 4, 2], { output: "softmax", seed: 6 }),
      xorOneHot(),
      { eta: 1, batchSize: 2, decay: { rate: 0.5, steps: 3, staircase: true } },
    ],
    [
      "sigmoid output, binary cross-entropy, smooth decay",
      () => mlp([2, 3, 2], { output: "sigmoid", seed: 7 }),
      xorOneHot(),
      { eta: 2, batchSize: 4, decay: { rate: 0.9, steps: 2 } },
    ],
  ];
  it.each(variants)("%s follows plain step by step", (_name, net, data, options) => {
    const o: TrainOptions = { ...options, maxEpoch: 12, checkEvery: 1, validation: 0 };
    const want = train(net(), data, { ...o, backend: "plain" });
    const got = train(net(), data, o);
    expect(got.backend.name).toBe(backend);
    expect(got.history.length).toBe(want.history.length);
    got.history.forEach((h, i) => {
      const b = want.history[i].trainLoss;
      expect(Math.abs(h.trainLoss - b) / Math.abs(b), `epoch ${h.epoch}`).toBeLessThan(LOSS_REL);
    });
    got.net.W.forEach((W, l) => {
      const diff = Math.max(...Array.from(W.data, (w, i) => Math.abs(w - want.net.W[l].data[i])));
      expect(diff, `W${l + 1}`).toBeLessThan(WEIGHT_ABS);
    });
  });

  it("leaks no tensor, also when a run ends in an error", () => {
    const before = tfjs().memory().numTensors;
    train(mlp([1, 4, 1]), sine40, { eta: 0.5, batchSize: 10, maxEpoch: 5 });
    expect(tfjs().memory().numTensors).toBe(before);
    expect(() =>
      train(mlp([1, 4, 1]), sine40, {
        eta: 0.5,
        batchSize: 10,
        maxEpoch: 5,
        onCheck: () => {
          throw new Error("a plot cell failed");
        },
      }),
    ).toThrow("a plot cell failed");
    expect(tfjs().memory().numTensors).toBe(before);
  });
});

describe("switching", () => {
  it("one line: useBackend sets every later run's backend; an option overrides it", async () => {
    const c = cases[0];
    await useBackend("tfjs-cpu");
    expect(train(c.net(), c.data, c.options).backend.name).toBe("tfjs-cpu");
    expect(train(c.net(), c.data, { ...c.options, backend: "plain" }).backend.name).toBe("plain");
    await useBackend("plain");
    expect(train(c.net(), c.data, c.options).backend).toEqual({
      name: "plain",
      detail: "plain TypeScript, float64",
    });
  });

  it("auto picks by the work of one step, and says what and why", async () => {
    await useBackend("tfjs-wasm"); // loads the WebAssembly module, which sync train cannot
    await useBackend("plain");
    const small = train(mlp([1, 4, 1]), sine40, {
      eta: 0.5,
      batchSize: 10,
      maxEpoch: 2,
      backend: "auto",
    });
    expect(small.backend.name).toBe("plain");
    expect(small.backend.reason).toMatch(/^auto: plain — a step is 240 multiply-adds, below the /);
    expect(small.options.backend).toBe("auto");

    const rng = createRng(5);
    const wideData = {
      X: matrix(
        100,
        256,
        Array.from({ length: 100 * 256 }, () => rng.next()),
      ),
      Y: matrix(
        100,
        256,
        Array.from({ length: 100 * 256 }, () => rng.uniform(-1, 1)),
      ),
    };
    const wideOptions = {
      eta: 0.01,
      batchSize: 100,
      maxEpoch: 1,
      validation: 0,
      backend: "auto",
    } as const;
    const wide = train(mlp([256, 256, 256]), wideData, wideOptions);
    expect(wide.backend.name).toBe("tfjs-wasm");
    expect(wide.backend.reason).toBe(
      "auto: tfjs-wasm — a step is 39,321,600 multiply-adds, at least the 200,000 from which " +
        "tfjs-wasm trains faster (bench/README.md); tfjs-webgl would be faster still, but train() " +
        "is synchronous: use `await trainAsync(…)`",
    );
    // below WebGL's batch size, wasm without a word about WebGL
    const narrowBatch = autoBackend(mlp([1024, 1024, 1024]), 10, null);
    expect(narrowBatch.name).toBe("tfjs-wasm");
    expect(narrowBatch.reason).not.toMatch(/webgl/);
    expect(autoBackend(mlp([784, 256, 10]), 100, null).name).toBe("tfjs-webgl");
  });

  it("names a bad backend, a sync webgl run, and a custom loss", () => {
    expect(() =>
      train(mlp([1, 2, 1]), sine40, {
        eta: 1,
        batchSize: 4,
        maxEpoch: 1,
        backend: "gpu" as BackendName,
      }),
    ).toThrow(
      /train: unknown backend 'gpu'.*choose one of plain, tfjs-cpu, tfjs-wasm, tfjs-webgl, auto/,
    );
    expect(() =>
      train(mlp([1, 2, 1]), sine40, { eta: 1, batchSize: 4, maxEpoch: 1, backend: "tfjs-webgl" }),
    ).toThrow(
      "train: tfjs-webgl trains in a browser, which answers asynchronously: use `await trainAsync(net, data, options)` (the same arguments and result) instead of train.",
    );
    const mine = { name: "myLoss", value: () => 0, dA: (A: never) => A };
    expect(() =>
      train(mlp([1, 2, 1]), sine40, {
        eta: 1,
        batchSize: 4,
        maxEpoch: 1,
        backend: "tfjs-cpu",
        loss: mine,
      }),
    ).toThrow(/the loss 'myLoss' is one of your own: the tfjs backends know halfMse/);
  });
});

describe("tfjs-webgl, in a real browser", () => {
  let browser: string | null = null;
  beforeAll(() => {
    try {
      browser = findBrowser();
    } catch {
      browser = null;
    }
  });
  afterAll(async () => {
    await closeBrowser();
  });
  const skipWithoutBrowser = (ctx: { skip: (note?: string) => void }): boolean => {
    if (browser) return false;
    if (process.env.CI === "true") throw new Error("CI=true but no Chrome/Chromium was found.");
    ctx.skip("no Chrome or Chromium found (install one, or set NN_COURSE_BROWSER)");
    return true;
  };

  it("says exactly what is missing when the browser cannot be found", async () => {
    const saved = process.env.NN_COURSE_BROWSER;
    process.env.NN_COURSE_BROWSER = "/nowhere/chromium";
    try {
      await closeBrowser();
      await expect(useBackend("tfjs-webgl")).rejects.toThrow(
        "tfjs-webgl: NN_COURSE_BROWSER is /nowhere/chromium, which does not exist: point it at a Chrome or Chromium executable, or unset it to use one installed in the usual places.",
      );
      await expect(
        trainAsync(mlp([1, 2, 1]), sine40, {
          eta: 1,
          batchSize: 4,
          maxEpoch: 1,
          backend: "tfjs-webgl",
        }),
      ).rejects.toThrow(/NN_COURSE_BROWSER is \/nowhere\/chromium/);
    } finally {
      if (saved === undefined) delete process.env.NN_COURSE_BROWSER;
      else process.env.NN_COURSE_BROWSER = saved;
    }
  });

  it("auto picks WebGL in trainAsync for a big enough step, and wasm when no browser is found", async (ctx) => {
    if (skipWithoutBrowser(ctx)) return;
    const rng = createRng(6);
    const digitsLike = {
      X: matrix(
        100,
        784,
        Array.from({ length: 100 * 784 }, () => rng.next()),
      ),
      Y: matrix(
        100,
        10,
        Array.from({ length: 100 * 10 }, (_, i) => (i % 10 === i % 7 ? 1 : 0)),
      ),
    };
    const options = {
      eta: 0.1,
      batchSize: 100,
      maxEpoch: 1,
      validation: 0,
      backend: "auto",
    } as const;
    const onWebgl = await trainAsync(mlp([784, 256, 10]), digitsLike, options);
    expect(onWebgl.backend.name).toBe("tfjs-webgl");
    expect(onWebgl.backend.reason).toMatch(
      /^auto: tfjs-webgl — a step is 60,979,200 multiply-adds in mini-batches of 100/,
    );
    expect(onWebgl.options.backend).toBe("auto");
    const saved = process.env.NN_COURSE_BROWSER;
    process.env.NN_COURSE_BROWSER = "/nowhere/chromium";
    try {
      const onWasm = await trainAsync(mlp([784, 256, 10]), digitsLike, options);
      expect(onWasm.backend.name).toBe("tfjs-wasm");
      expect(onWasm.backend.reason).toMatch(
        /; tfjs-webgl would be faster still, but tfjs-webgl: NN_COURSE_BROWSER is \/nowhere\/chromium, which does not exist/,
      );
      expect(onWasm.final.trainLoss).toBeCloseTo(onWebgl.final.trainLoss, 4);
    } finally {
      if (saved === undefined) delete process.env.NN_COURSE_BROWSER;
      else process.env.NN_COURSE_BROWSER = saved;
    }
  }, 120_000);

  it.for(["SIGKILL", "SIGTERM", "SIGINT", "SIGHUP"] as const)(
    "leaves no browser behind when the kernel's process ends (%s)",
    { timeout: 60_000 },
    async (signal, ctx) => {
      if (skipWithoutBrowser(ctx)) return;
      // a kernel in miniature: a Node process that starts tfjs-webgl, then is stopped
      const code = [
        'const { useBackend } = require("./lib/backend");',
        'require("./lib/tfjs/browser");',
        'useBackend("tfjs-webgl").then(() => { console.log("ready"); setInterval(() => {}, 1000); });',
      ].join("\n");
      const kernel = spawn(process.execPath, ["--require", "tsx/cjs", "-e", code], {
        cwd: env.root,
        stdio: ["ignore", "pipe", "pipe"],
      });
      // whatever happens, nothing this test started outlives it
      let browsers: number[] = [];
      try {
        const ready = await new Promise<boolean>((resolve) => {
          kernel.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve(true));
          kernel.on("exit", () => resolve(false));
        });
        expect(ready).toBe(true);
        // the browser the lib started (Debian's /usr/bin/chromium is a script that runs another
        // file), not esbuild's service process
        browsers = execFileSync("pgrep", ["-P", String(kernel.pid)], { encoding: "utf8" })
          .trim()
          .split("\n")
          .map(Number)
          .filter((pid) =>
            /chrom.*\0--headless\0/is.test(readFileSync(`/proc/${pid}/cmdline`, "utf8")),
          );
        expect(browsers.length).toBeGreaterThan(0);
        kernel.kill(signal);
        await new Promise((resolve) => kernel.on("exit", resolve));
        const alive = async () =>
          browsers.filter((pid) => {
            try {
              process.kill(pid, 0);
              return true;
            } catch {
              return false;
            }
          });
        for (let i = 0; i < 50 && (await alive()).length > 0; i++) await sleep(100);
        expect(await alive()).toEqual([]);
      } finally {
        if (kernel.exitCode === null && kernel.signalCode === null) kernel.kill("SIGKILL");
        for (const pid of browsers) {
          try {
            // (only if that pid is still a browser: a finished one's number may be reused)
            if (/chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"))) {
              process.kill(pid, "SIGKILL");
            }
          } catch {
            // gone already
          }
        }
      }
    },
  );

  it("an onCheck that throws ends the run with its own error, as on the plain backend", async (ctx) => {
    if (skipWithoutBrowser(ctx)) return;
    for (const backend of ["plain", "tfjs-webgl"] as const) {
      const seen: number[] = [];
      const mine = new Error("my plot broke");
      const run = trainAsync(mlp([1, 3, 1]), sine40, {
        eta: 0.5,
        batchSize: 10,
        maxEpoch: 50,
        backend,
        onCheck: (check) => {
          seen.push(check.epoch);
          if (check.epoch === 2) throw mine;
        },
      });
      await expect(run, backend).rejects.toBe(mine);
      expect(seen, backend).toEqual([1, 2]); // no call after the one that threw
    }
    // and the browser trains the next run as usual
    const next = await trainAsync(mlp([1, 3, 1]), sine40, {
      eta: 0.5,
      batchSize: 10,
      maxEpoch: 2,
      backend: "tfjs-webgl",
    });
    expect(next.epochs).toBe(2);
  }, 120_000);

  it("starts WebGL (not a fallback) and names the renderer", async (ctx) => {
    if (skipWithoutBrowser(ctx)) return;
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
    const listeners = signals.map((s) => process.listenerCount(s));
    const used = await useBackend("tfjs-webgl");
    // no signal handlers of the browser's: an interrupted notebook cell must not end the kernel
    expect(signals.map((s) => process.listenerCount(s))).toEqual(listeners);
    await useBackend("plain");
    expect(used.name).toBe("tfjs-webgl");
    expect(used.detail).toMatch(/^TensorFlow\.js 4\.22\.0 webgl in .*, float32$/);
    expect(used.renderer).toMatch(/\S/);
  }, 120_000);

  it.for(cases.map((c) => [c.name, c] as const))("%s", { timeout: 120_000 }, async ([, c], ctx) => {
    if (skipWithoutBrowser(ctx)) return;
    const seen: number[] = [];
    const result = await trainAsync(c.net(), c.data, {
      ...c.options,
      backend: "tfjs-webgl",
      onCheck: (check, progress) => {
        seen.push(check.epoch); // the checks stream back as they happen, with the weights then
        const { loss } = evaluate(progress.net, c.data, { l2: c.options.l2 });
        expect(Math.abs(loss - check.trainLoss) / check.trainLoss).toBeLessThan(LOSS_REL);
        if (check.epoch > 1) expect(progress.net.W[0].data).not.toEqual(c.net().W[0].data);
      },
    });
    expect(result.backend.name).toBe("tfjs-webgl");
    expect(result.backend.renderer).toMatch(/\S/);
    expect(seen).toEqual(result.history.map((h) => h.epoch));
    expectParity(c, result);
  });
});
