// Drive a real JupyterLab in Debian's Chromium (playwright-core; no browser download).
// In-page code is written as strings: the project's type check has no DOM library.
import { spawn, type ChildProcess } from "child_process";
import { randomBytes } from "crypto";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "fs";
import { createServer } from "net";
import { basename, dirname, join } from "path";
import { chromium as playwright, type Browser, type Locator, type Page } from "playwright-core";
import * as env from "../../scripts/env.js";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A Chromium or Chrome to drive: $CHROMIUM_PATH, else the usual install locations. */
export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
  ];
  return candidates.find((p): p is string => Boolean(p && existsSync(p))) ?? null;
}

/** A "1": a vertical stroke down the middle of a drawing pad's canvas, with the mouse. */
export async function drawVerticalStroke(page: Page, canvas: Locator): Promise<void> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the drawing pad's canvas is not on the page");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let f = 0.25; f <= 0.8; f += 0.05) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * f);
  }
  await page.mouse.up();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function writeSettings(projectRoot: string, plugin: string, settings: object): void {
  const [pkg, name] = plugin.split(":");
  const file = join(
    projectRoot,
    ".jupyter",
    "config",
    "lab",
    "user-settings",
    pkg,
    `${name}.jupyterlab-settings`,
  );
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(settings));
}

export interface PageResult {
  /** Text of stderr / error outputs shown in the notebook. */
  errors: string[];
  /** Code cells without an execution count after "Run All". */
  unrun: number;
  /** Plotly outputs in the notebook, and how many of them hold a drawn SVG. */
  plotOutputs: number;
  plotsDrawn: number;
  /** Labels of heatmap cells drawn outside the heatmap (a label belongs on its cell). */
  strayHeatmapLabels: string[];
}

export interface Lab {
  runAll(notebook: string): Promise<PageResult>;
  /** Open a file (relative to the project) in JupyterLab's editor; the texts of the type errors
   * the editor underlines (jupyterlab-lsp), once there are any (or [] after `timeoutMs`). */
  editorDiagnostics(file: string, timeoutMs: number): Promise<string[]>;
  /** Open a file in the editor, type `text` at its end and ask for completion (Tab's command):
   * the labels offered, once there are any (or [] after `timeoutMs`). The file is not saved. */
  editorCompletions(file: string, text: string, timeoutMs: number): Promise<string[]>;
  /** Save the open notebook, reload JupyterLab and open it again. */
  saveAndReopen(notebook: string): Promise<PageResult>;
  openCopy(executedPath: string): Promise<PageResult>;
  /** In the open notebook: read the drawing pad's line (untrusted, its script has not run), trust
   * the notebook (Trust Notebook, as a learner does), draw a vertical stroke on the pad with the
   * mouse and read what the page's network says. */
  drawInPad(): Promise<{
    untrusted: string;
    trusted: string;
    prediction: string | null;
    probabilities: number[];
  }>;
  screenshot(path: string): Promise<void>;
  /** The legend entries of each drawn plot of the open notebook, in order. */
  plotLegends(): Promise<string[][]>;
  /** Save each drawn plot of the open notebook as its own PNG (at most `limit`). */
  screenshotPlots(dir: string, prefix: string, limit: number): Promise<number>;
  close(): Promise<void>;
}

const NOTEBOOK_STATE = `(() => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext) return null;
  const cells = panel.content.widgets.filter((c) => c.model.type === "code");
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const node = panel.node;
  const errors = [...node.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
  )].map((e) => e.textContent.slice(0, 500));
  // jupyterlab-plotly's renderer: one .jp-RenderedPlotly per output, holding the drawn SVG — or,
  // in a notebook JupyterLab saved after drawing it, the PNG snapshot it stored (img.plot-img).
  const plots = [...node.querySelectorAll(".jp-RenderedPlotly")];
  const drawn = (p) => p.querySelector(".main-svg") ||
    [...p.querySelectorAll("img.plot-img")].some((img) => img.complete && img.naturalWidth > 0);
  // a heatmap's cell labels (annotations) must sit on the heatmap, not beside it
  const strayHeatmapLabels = plots.flatMap((p) => {
    const image = p.querySelector("g.hm image");
    if (!image) return [];
    const r = image.getBoundingClientRect();
    return [...p.querySelectorAll("g.annotation")].filter((a) => {
      const b = a.getBoundingClientRect();
      const x = b.x + b.width / 2, y = b.y + b.height / 2;
      return x < r.left || x > r.right || y < r.top || y > r.bottom;
    }).map((a) => a.textContent);
  });
  return {
    strayHeatmapLabels,
    ready: panel.context.isReady && panel.content.widgets.length > 0,
    kernel: kernel ? kernel.status : "none",
    unrun: cells.filter((c) => c.model.executionCount === null).length,
    errors,
    plotOutputs: plots.length,
    plotsDrawn: plots.filter(drawn).length,
  };
})()`;

interface State extends PageResult {
  ready: boolean;
  kernel: string;
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | null = null;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== null && done(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `Timed out after ${timeoutMs / 1000} s waiting for ${what}; last state: ${JSON.stringify(last)}`,
  );
}

/** Start JupyterLab for `projectRoot` (a copy of the course) and open Chromium on it. */
export async function openLab(projectRoot: string, chromiumPath: string): Promise<Lab> {
  // Render every cell (no virtual scrolling) so off-screen plots are drawn too. (No news pop-ups:
  // the course's own settings, which labServerArgs passes, turn them off.)
  writeSettings(projectRoot, "@jupyterlab/notebook-extension:tracker", { windowingMode: "none" });
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    env.coursePython(),
    [
      "-m",
      "jupyter",
      "lab",
      "--no-browser",
      "--ServerApp.ip=127.0.0.1",
      `--ServerApp.port=${port}`,
      "--ServerApp.port_retries=0",
      `--IdentityProvider.token=${token}`,
      // as npm run lab starts it (the same root, kernel and settings)
      ...env.labServerArgs(projectRoot),
      "--LabApp.expose_app_in_browser=True",
      ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ],
    { cwd: projectRoot, env: env.jupyterEnv(projectRoot), stdio: ["ignore", "pipe", "pipe"] },
  );
  let serverLog = "";
  server.stdout?.on("data", (d: Buffer) => (serverLog += d.toString()));
  server.stderr?.on("data", (d: Buffer) => (serverLog += d.toString()));

  let browser: Browser | null = null;
  const close = async (): Promise<void> => {
    await browser?.close();
    server.kill("SIGTERM");
  };
  try {
    await waitFor(
      "JupyterLab to answer",
      90_000,
      async () => {
        if (server.exitCode !== null) throw new Error(`JupyterLab exited:\n${serverLog}`);
        try {
          return (await fetch(`${base}/api/status?token=${token}`)).ok;
        } catch {
          return null;
        }
      },
      (ok) => ok,
    );
    browser = await playwright.launch({
      executablePath: chromiumPath,
      args: CHROMIUM_FLAGS,
      headless: true,
    });
    const page: Page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });

    const state = async (): Promise<State | null> =>
      (await page.evaluate(NOTEBOOK_STATE)) as State | null;
    const open = async (name: string): Promise<void> => {
      await page.goto(
        `${base}/lab/tree/notebooks/${encodeURIComponent(name)}?token=${token}&reset`,
      );
      await waitFor(
        `${name} to open with an idle kernel`,
        120_000,
        state,
        (s) => s.ready && s.kernel === "idle",
      );
    };
    const settle = async (name: string): Promise<PageResult> => {
      // Plotly draws asynchronously after the output is attached.
      const s = await waitFor(
        `${name}'s plots to be drawn`,
        60_000,
        state,
        (x) => x.plotsDrawn === x.plotOutputs,
      );
      return {
        errors: s.errors,
        unrun: s.unrun,
        plotOutputs: s.plotOutputs,
        plotsDrawn: s.plotsDrawn,
        strayHeatmapLabels: s.strayHeatmapLabels,
      };
    };

    return {
      async editorDiagnostics(file, timeoutMs) {
        await page.goto(`${base}/lab/tree/${file}?token=${token}&reset`);
        // jupyterlab-lsp shows what the language server reports as CodeMirror lint ranges: read
        // the text under each error mark
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
          const found = (await page.evaluate(`(() => {
            const marks = [...document.querySelectorAll(".cm-editor .cm-lintRange-error")];
            return marks.map((m) => m.textContent);
          })()`)) as string[];
          if (found.length > 0) return found;
          await new Promise((r) => setTimeout(r, 500));
        }
        return [];
      },
      async editorCompletions(file, text, timeoutMs) {
        await page.goto(`${base}/lab/tree/${file}?token=${token}&reset`);
        await page.locator(".jp-FileEditor .cm-content").first().click({ timeout: 60_000 });
        await page.keyboard.press("Control+End");
        await page.keyboard.type(text);
        const deadline = Date.now() + timeoutMs;
        try {
          while (Date.now() < deadline) {
            await page.evaluate(`window.jupyterapp.commands.execute("completer:invoke-file")`);
            await new Promise((r) => setTimeout(r, 1000));
            const items = (await page.evaluate(`(() =>
              [...document.querySelectorAll(".jp-Completer .jp-Completer-item .jp-Completer-match")]
                .map((m) => m.textContent))()`)) as string[];
            if (items.length > 0) return items;
          }
          return [];
        } finally {
          await page.keyboard.press("Escape");
        }
      },
      async runAll(name) {
        await open(name);
        await page.evaluate(`window.jupyterapp.commands.execute("notebook:run-all-cells")`);
        // Finished when the kernel stays idle with every cell run, or an error stopped "Run All".
        let calm = 0;
        await waitFor(`${name} to finish running`, 240_000, state, (s) => {
          const finished = s.kernel === "idle" && (s.unrun === 0 || s.errors.length > 0);
          calm = finished ? calm + 1 : 0;
          return calm >= 4;
        });
        return settle(name);
      },
      async saveAndReopen(name) {
        await page.evaluate(`window.jupyterapp.commands.execute("docmanager:save")`);
        await waitFor(
          `${name} to be saved`,
          30_000,
          () =>
            page.evaluate(
              `!window.jupyterapp.shell.currentWidget.context.model.dirty`,
            ) as Promise<boolean>,
          (clean) => clean,
        );
        await open(name);
        return settle(name);
      },
      async openCopy(executedPath) {
        const name = `executed-${basename(executedPath)}`;
        copyFileSync(executedPath, join(projectRoot, "notebooks", name));
        await open(name);
        return settle(name);
      },
      async drawInPad() {
        const pad = page.locator(".draw-digit").first();
        await pad.scrollIntoViewIfNeeded();
        const untrusted = (await pad.locator(".draw-digit-status").textContent()) ?? "";
        // (not awaited in the page: the command resolves only once its dialog is answered)
        await page.evaluate(`void window.jupyterapp.commands.execute("notebook:trust")`);
        await page.locator(".jp-Dialog .jp-mod-accept").click({ timeout: 30_000 });
        // trusted, JupyterLab renders the outputs again, now running their scripts
        const ready = page.locator(".draw-digit[data-ready]").first();
        await ready.waitFor({ timeout: 60_000 });
        await ready.scrollIntoViewIfNeeded();
        const trusted = (await ready.locator(".draw-digit-status").textContent()) ?? "";
        await drawVerticalStroke(page, ready.locator("canvas"));
        const shown = (await ready.getAttribute("data-probabilities")) ?? "";
        return {
          untrusted,
          trusted,
          prediction: await ready.getAttribute("data-prediction"),
          probabilities: shown === "" ? [] : shown.split(",").map(Number),
        };
      },
      async screenshotPlots(dir, prefix, limit) {
        mkdirSync(dir, { recursive: true });
        const plots = await page.locator(".jp-RenderedPlotly").all();
        const count = Math.min(limit, plots.length);
        for (let i = 0; i < count; i++) {
          await plots[i].scrollIntoViewIfNeeded();
          await plots[i].screenshot({
            path: join(dir, `${prefix}-plot${String(i + 1).padStart(2, "0")}.png`),
          });
        }
        return count;
      },
      async plotLegends() {
        return (await page.evaluate(`[...document.querySelectorAll(".jp-RenderedPlotly")].map(
          (p) => [...p.querySelectorAll(".legendtext")].map((t) => t.textContent))`)) as string[][];
      },
      async screenshot(path) {
        mkdirSync(dirname(path), { recursive: true });
        await page.screenshot({ path, fullPage: true });
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
