// Every notebook runs top to bottom under the real tslab kernel, headless, with solutions/ in place
// of exercises/ (in a temporary copy, so the learner's files are never touched). Then a real
// browser opens JupyterLab and checks that plots render: it runs 00-start-here live, and opens
// every executed copy (untrusted, as a reopened notebook is) to see each Plotly figure drawn.
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";
import { pathToFileURL } from "url";
import { chromium as playwright } from "playwright-core";
import { buildBook } from "../../scripts/book/build";
import { CHROMIUM_FLAGS, drawVerticalStroke, findChromium, openLab, type Lab } from "./jupyterlab";
import { makeNotebook, readNotebook, runNotebooks } from "./helpers";

const notebooks = env.listNotebooks();
// its own folder: `npm run notebooks` (and its test) write build/notebooks
const executedDir = join(env.root, "build", "test-notebooks");
const screenshots = join(env.root, "build", "screenshots");
const PLOTLY = "application/vnd.plotly.v1+json";

let copy = "";

beforeAll(() => {
  copy = env.solvedCopy();
  mkdirSync(executedDir, { recursive: true });
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("notebooks run headless with the solutions in place", () => {
  it.each(notebooks.map((p) => [basename(p)]))(
    "%s",
    (name) => {
      // NN_COURSE_QUICK: the cells that say so train less (lib/display.ts quickRun)
      const { reports, output } = runNotebooks([join(copy, "notebooks", name)], {
        projectRoot: copy,
        out: executedDir,
        extraEnv: { NN_COURSE_QUICK: "1" },
      });
      const report = reports[0];
      expect(report, output).toBeDefined();
      console.log(`${name}: ${report.seconds} s, ${report.cells} code cells`);
      expect(report.failure).toBeNull();
      expect(report.ok).toBe(true);
    },
    600_000,
  );
});

/** All the text a cell printed or displayed (streams, plain-text displays). */
function cellText(path: string, marker: string): string {
  const cell = readNotebook(path).cells.find((c) => [c.source].flat().join("").includes(marker));
  expect(cell, `a cell containing ${marker}`).toBeDefined();
  return (cell?.outputs ?? [])
    .map((o) => [(o as { text?: unknown }).text ?? o.data?.["text/plain"] ?? ""].flat().join(""))
    .join("\n");
}

describe("00-start-here's backend section ran on every backend in the headless run", () => {
  it("trained on tfjs-webgl in the browser the kernel started, and auto picked by size", (ctx) => {
    const executed = join(executedDir, "00-start-here.ipynb");
    if (!existsSync(executed)) throw new Error(`${executed} is missing: the headless run failed`);
    const table = cellText(executed, "backendRows.push");
    for (const backend of ["plain", "tfjs-cpu", "tfjs-wasm"]) {
      expect(table).toMatch(new RegExp(`^${backend} +[\\d.]+ +[\\d.]+ `, "m"));
    }
    const auto = cellText(executed, 'backend: "auto"');
    expect(auto).toMatch(/^auto: plain — a step is 240 multiply-adds/m);
    if (!findChromium()) {
      // without a browser the notebook says so in its table and live-plot cell
      expect(cellText(executed, "trained on tfjs-webgl")).toMatch(
        /^\(no WebGL here: tfjs-webgl: /m,
      );
      return skipWithoutBrowser(ctx);
    }
    expect(table).toMatch(/^tfjs-webgl +[\d.]+ +[\d.]+ +\S/m);
    expect(cellText(executed, "trained on tfjs-webgl")).toMatch(
      /^(converged|maxEpoch) after \d+ epochs on \S/m,
    );
    expect(auto).toMatch(/^auto: tfjs-webgl — a step is 39,321,600 multiply-adds/m);
  });

  it("a tfjs-webgl cell fails with what to install or set when NN_COURSE_BROWSER points at nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "nn-nobrowser-"));
    try {
      const path = makeNotebook(dir, "webgl.ipynb", [
        {
          source: [
            'import { loadDataSet, mlp, trainAsync } from "./lib";',
            'await trainAsync(mlp([1, 2, 1]), loadDataSet("sine").train, { eta: 0.5, batchSize: 50, maxEpoch: 1, backend: "tfjs-webgl" });',
          ].join("\n"),
        },
      ]);
      const { reports, output } = runNotebooks([path], {
        projectRoot: copy,
        out: dir,
        extraEnv: { NN_COURSE_BROWSER: "/nowhere/chrome" },
      });
      expect(reports[0]?.ok, output).toBe(false);
      expect(reports[0]?.failure).toContain(
        "tfjs-webgl: NN_COURSE_BROWSER is /nowhere/chrome, which does not exist: point it at a " +
          "Chrome or Chromium executable, or unset it to use one installed in the usual places.",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

function plotlyOutputCount(path: string): number {
  return readNotebook(path)
    .cells.flatMap((c) => c.outputs ?? [])
    .filter((o) => o.data && PLOTLY in o.data).length;
}

/** No browser here: skip with the reason — except under CI=true, where that is a failure. */
function skipWithoutBrowser(ctx: { skip: (note?: string) => void }): void {
  if (process.env.CI === "true") throw new Error("CI=true but no Chromium/Chrome was found.");
  const reason = "no Chromium or Chrome found (install one, or set CHROMIUM_PATH)";
  console.warn(`Browser test skipped: ${reason}.`);
  ctx.skip(reason);
}

describe("06-rnn's long-range table says what its text says", () => {
  // LSTM and GRU train once per suite, in the headless run above; their claims are held here.
  it("at T = 30 the plain RNN is at chance from three starts, LSTM ≥ 0.99 and GRU ≥ 0.95", () => {
    const executed = join(executedDir, "06-rnn.ipynb");
    if (!existsSync(executed)) throw new Error(`${executed} is missing: the headless run failed`);
    const table = cellText(executed, "const longBudget");
    const row = (T: number): string[] => {
      const line = table.split("\n").find((l) => new RegExp(`^ *${T} `).test(l));
      expect(line, table).toBeDefined();
      return (line as string).trim().split(/ {2,}/);
    };
    // columns: T, plain RNN seeds 1/2/3, LSTM, LSTM s, GRU, GRU s
    const [, plain30, lstm30, , gru30] = row(30);
    for (const a of plain30.split(" / ")) expect(Number(a)).toBeLessThan(0.6);
    expect(Number(lstm30)).toBeGreaterThanOrEqual(0.99);
    expect(Number(gru30)).toBeGreaterThanOrEqual(0.95);
    for (const T of [5, 15]) {
      const [, , lstm, , gru] = row(T);
      expect(Number(lstm)).toBe(1);
      expect(Number(gru)).toBe(1);
    }
  });
});

describe("07-digits' tables say what its text says", () => {
  // read from the executed notebook (its quick run: the cells say what they cut), so that the
  // digit nets train once per suite
  const executed = join(executedDir, "07-digits.ipynb");
  const column = (marker: string, row: RegExp, index: number): number => {
    const table = cellText(executed, marker);
    const line = table.split("\n").find((l) => row.test(l));
    expect(line, table).toBeDefined();
    return Number((line as string).trim().split(/ {2,}/)[index]);
  };

  it("the book's net learns, below the book's 97.47%; its rule beats the true gradient at one epoch", () => {
    if (!existsSync(executed)) throw new Error(`${executed} is missing: the headless run failed`);
    const book = cellText(executed, "const bookEpochs");
    const accuracy = Number(/: ([\d.]+)% of the 2000 test digits right/.exec(book)?.[1]);
    expect(accuracy).toBeGreaterThan(85);
    expect(accuracy).toBeLessThan(97.47);
    expect(column("const ruleRows", /^book /, 1)).toBeGreaterThan(
      column("const ruleRows", /^gradient /, 1),
    );
  });

  it("the modern net is within a point of the book's in a hundredth of the steps and less time; the CNN beats the MLP with a seventh of the weights", () => {
    const book = column("const modern = await", /^the book's/, 4);
    const modern = column("const modern = await", /^modern/, 4);
    expect(Math.abs(modern - book)).toBeLessThanOrEqual(1);
    expect(column("const modern = await", /^modern/, 3)).toBeLessThan(
      column("const modern = await", /^the book's/, 3),
    );
    expect(column("const modern = await", /^modern/, 2) * 100).toBe(
      column("const modern = await", /^the book's/, 2),
    );
    const cnn = {
      weights: column("const cnnRun", /^CNN/, 1),
      accuracy: column("const cnnRun", /^CNN/, 3),
    };
    const mlp = {
      weights: column("const cnnRun", /^MLP/, 1),
      accuracy: column("const cnnRun", /^MLP/, 3),
    };
    expect(cnn.accuracy).toBeGreaterThan(mlp.accuracy);
    expect(Math.round(mlp.weights / cnn.weights)).toBe(7);
  });

  it("times one epoch on every backend, the same loss on each; plain is far faster on the 1-4-1 net", (ctx) => {
    const gpu = cellText(executed, "const gpuRows");
    const losses = ["plain", "tfjs-cpu", "tfjs-wasm"].map((b) =>
      column("const gpuRows", new RegExp(`^${b} `), 3),
    );
    for (const loss of losses) expect(loss).toBeCloseTo(losses[0], 2);
    const plainSmall = column("const smallRows", /^plain /, 1);
    for (const b of ["tfjs-cpu", "tfjs-wasm"]) {
      expect(plainSmall).toBeGreaterThan(50 * column("const smallRows", new RegExp(`^${b} `), 1));
    }
    if (!findChromium()) return skipWithoutBrowser(ctx);
    expect(gpu).toMatch(/^tfjs-webgl +\d+ +[\d.]+ +[\d.]+ +\S/m);
    expect(column("const gpuRows", /^tfjs-webgl /, 3)).toBeCloseTo(losses[0], 2);
    expect(plainSmall).toBeGreaterThan(50 * column("const smallRows", /^tfjs-webgl /, 1));
  });
});

describe("plots render in JupyterLab, in a real browser", () => {
  const chromium = findChromium();
  let lab: Lab | null = null;

  beforeAll(async () => {
    if (!chromium) return;
    lab = await openLab(copy, chromium);
  }, 180_000);

  afterAll(async () => {
    await lab?.close();
  });

  it("runs 00-start-here in JupyterLab: every cell runs, the plots are drawn, and again after save and reopen", async (ctx) => {
    if (!chromium || !lab) return skipWithoutBrowser(ctx);
    const result = await lab.runAll("00-start-here.ipynb");
    await lab.screenshot(join(screenshots, "00-start-here.png"));
    expect(result.errors).toEqual([]);
    expect(result.unrun).toBe(0);
    expect(result.plotsDrawn).toBeGreaterThan(0);
    expect(result.plotsDrawn).toBe(result.plotOutputs);
    // the live plot shows its last update, not its first (the Plotly renderer draws once unless
    // told otherwise: lib/plot.ts liveFigure)
    expect((await lab.plotLegends()).flat()).toContain("fit after 30 epochs");

    const reopened = await lab.saveAndReopen("00-start-here.ipynb");
    expect(reopened.errors).toEqual([]);
    expect(reopened.plotsDrawn).toBe(result.plotOutputs);
  }, 300_000);

  it("draws every plot of every executed notebook when reopened (untrusted)", async (ctx) => {
    if (!chromium || !lab) return skipWithoutBrowser(ctx);
    for (const path of notebooks) {
      const executed = join(executedDir, basename(path));
      expect(existsSync(executed), `${executed} (from the headless run)`).toBe(true);
      const expected = plotlyOutputCount(executed);
      expect(expected, `${basename(path)}: plots in the executed notebook`).toBeGreaterThan(0);
      const result = await lab.openCopy(executed);
      await lab.screenshot(join(screenshots, `${basename(path, ".ipynb")}.png`));
      // One picture per plot for a person to look at (all of them with NN_SCREENSHOT_PLOTS=all).
      const limit = process.env.NN_SCREENSHOT_PLOTS === "all" ? Infinity : 1;
      await lab.screenshotPlots(screenshots, basename(path, ".ipynb"), limit);
      expect(result.errors, basename(path)).toEqual([]);
      expect(result.plotsDrawn, `${basename(path)}: plots drawn`).toBe(expected);
      expect(
        result.strayHeatmapLabels,
        `${basename(path)}: heatmap labels off their cells`,
      ).toEqual([]);
    }
  }, 300_000);

  it("07-digits: the drawing pad says how to trust the notebook, then reads a digit drawn with the mouse", async (ctx) => {
    if (!chromium || !lab) return skipWithoutBrowser(ctx);
    await lab.openCopy(join(executedDir, "07-digits.ipynb"));
    const drawn = await lab.drawInPad();
    await lab.screenshot(join(screenshots, "07-digits-pad.png"));
    expect(drawn.untrusted).toMatch(/not trusted.*Trust Notebook/);
    expect(drawn.trusted).toBe("Draw a digit in the box.");
    expect(drawn.probabilities).toHaveLength(10);
    const best = drawn.probabilities.indexOf(Math.max(...drawn.probabilities));
    expect(drawn.prediction).toBe(String(best));
    // a vertical stroke: the book's network reads a 1
    expect(drawn.prediction).toBe("1");
  }, 180_000);

  it("underlines a type error in an exercise file, and completes names, in JupyterLab's editor (jupyterlab-lsp)", async (ctx) => {
    if (!chromium || !lab) return skipWithoutBrowser(ctx);
    // the editor checks exercises/ by the kernel's rules (exercises/tsconfig.json): a type error
    // there is what a notebook would refuse
    const file = join(copy, "exercises", "04-sine-fit.ts");
    const before = readFileSync(file, "utf8");
    appendFileSync(file, '\nexport const oops: number = "not a number";\n');
    try {
      const marked = await lab.editorDiagnostics("exercises/04-sine-fit.ts", 120_000);
      await lab.screenshot(join(screenshots, "exercise-type-error.png"));
      expect(marked).toContain("oops");
    } finally {
      writeFileSync(file, before);
    }
    // and completes names from the language server: Math's members, none of them in the file
    const offered = await lab.editorCompletions(
      "exercises/04-sine-fit.ts",
      "\nexport const r = Math.hy",
      60_000,
    );
    expect(offered).toContain("hypot");
  }, 240_000);
});

describe("the book (npm run book): every page from the file system, offline", () => {
  const chromium = findChromium();

  it("draws each page's figures, with nothing fetched from the network and no console error", async (ctx) => {
    if (!chromium) return skipWithoutBrowser(ctx);
    // from the executed copies this file's headless runs wrote
    for (const path of notebooks) expect(existsSync(join(executedDir, basename(path)))).toBe(true);
    const out = mkdtempSync(join(tmpdir(), "nn-book-"));
    const built = buildBook({ from: executedDir, out, log: () => {} });
    const names = built.pages.map((p) => p.file);
    expect(names).toEqual([
      "index.html",
      ...notebooks.map((p) => `${basename(p, ".ipynb")}.html`),
      "glossary.html",
    ]);
    for (const path of notebooks) {
      const figures = built.pages.find((p) => p.file === `${basename(path, ".ipynb")}.html`);
      expect(figures?.figures, basename(path)).toBe(
        plotlyOutputCount(join(executedDir, basename(path))),
      );
    }
    const browser = await playwright.launch({
      executablePath: chromium,
      args: CHROMIUM_FLAGS,
      headless: true,
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const offline: string[] = [];
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:")) return route.continue();
        offline.push(url);
        return route.abort();
      });
      let drawnInAll = 0;
      let padsDrawn = 0;
      for (const { file, figures } of built.pages) {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(pathToFileURL(join(out, file)).href);
        await page.waitForFunction(
          (n) => document.querySelectorAll(".figure .main-svg").length >= n,
          figures,
          { timeout: 60_000 },
        );
        const drawn = await page.evaluate(
          () =>
            Array.from(document.querySelectorAll(".figure")).filter((f) =>
              f.querySelector(".main-svg"),
            ).length,
        );
        expect(drawn, `${file}: figures drawn`).toBe(figures);
        drawnInAll += drawn;
        // highlighted code, and no formula left as $…$ source
        if (file !== "index.html" && file !== "glossary.html") {
          expect(await page.locator("pre.code .hljs-keyword").count(), file).toBeGreaterThan(0);
        }
        expect(await page.locator("main").innerText(), file).not.toMatch(/\$\$|\\\(/);
        // the drawing pad's script runs in the book too: draw a vertical stroke, read a 1
        for (const pad of await page.locator(".draw-digit").all()) {
          await pad.scrollIntoViewIfNeeded();
          await drawVerticalStroke(page, pad.locator("canvas"));
          expect(await pad.getAttribute("data-prediction"), `${file}: the pad's answer`).toBe("1");
          padsDrawn++;
        }
        expect(errors, file).toEqual([]);
        await page.screenshot({ path: join(screenshots, `book-${basename(file, ".html")}.png`) });
        await page.close();
      }
      expect(drawnInAll).toBeGreaterThan(0);
      expect(padsDrawn, "drawing pads that answered in the book").toBe(1);
      expect(offline, "requests that left the machine").toEqual([]);
    } finally {
      await browser.close();
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});
