// tfjs-webgl from a notebook: tslab runs cells in Node, where WebGL does not exist (and tslab's
// browser mode does nothing), so the kernel drives a real browser. Once per kernel it bundles the
// lib for the browser (esbuild; cached in build/webgl/ by the lib's sources), starts a local
// Chrome/Chromium through playwright-core (never downloaded; talking over a pipe, no port), and
// loads the bundle into a blank page, which switches tfjs to WebGL and checks that it did (tfjs
// falls back silently). trainAsync then sends each run there: the page trains it with the lib's
// own trainAsync on WebGL, streaming every check back (so live plots update), and returns the same
// TrainResult. The browser closes with the kernel. Taught in notebooks/00-start-here.ipynb.
//
// Which browser: $NN_COURSE_BROWSER, else the usual install places, else Debian's
// /usr/bin/chromium. Extra flags: $NN_COURSE_BROWSER_FLAGS (e.g. "--use-angle=vulkan" or
// "--enable-gpu" to reach a GPU from a headless browser on Linux).

import * as fs from "fs";
import * as path from "path";
import { type BackendUsed, registerBrowserStarter } from "../backend";
import type { DataSet } from "../data";
import { copyNetwork, type Network } from "../network";
import { bundleOnce } from "../bundle";
import { projectRequire } from "../project";
import { loadNetwork, type SavedNetwork, saveNetwork } from "../saved-network";
import type { Check, TrainResult } from "../train";
import { resolveTrainOptions, type TrainOptions } from "../train-options";

/** The flags every headless browser of the course gets (nothing in the background, no sandbox
 * for containers). */
const BASE_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Where a Chrome or Chromium is usually installed, tried in this order. */
const USUAL_PLACES = [
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/chromium",
];

/** The browser to drive, or an error that says what to install or set. */
export function findBrowser(): string {
  const fromEnv = process.env.NN_COURSE_BROWSER;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new Error(
      `tfjs-webgl: NN_COURSE_BROWSER is ${fromEnv}, which does not exist: point it at a Chrome or ` +
        `Chromium executable, or unset it to use one installed in the usual places.`,
    );
  }
  const found = USUAL_PLACES.find((p) => fs.existsSync(p));
  if (found) return found;
  throw new Error(
    "tfjs-webgl: no Chrome or Chromium was found (nothing is downloaded): install one (Debian/" +
      "Ubuntu: sudo apt install chromium; elsewhere Google Chrome), or set NN_COURSE_BROWSER to its path.",
  );
}

// The parts of playwright-core used here, typed here (their own declarations would
// be read by the notebooks' compiler on every cell; see ops.ts).
interface BrowserPage {
  exposeFunction(name: string, fn: (arg: never) => void): Promise<void>;
  addScriptTag(options: { path: string }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}
interface Playwright {
  chromium: {
    launch(options: {
      executablePath: string;
      args: string[];
      handleSIGINT: boolean;
      handleSIGTERM: boolean;
      handleSIGHUP: boolean;
    }): Promise<{
      newPage(): Promise<BrowserPage>;
      close(): Promise<void>;
    }>;
  };
}
/** What the bundled page offers (tfjs/page.ts). */
interface PageApi {
  start(): Promise<{ backend: string; renderer: string; float32: boolean; tfjs: string }>;
  train(job: unknown): Promise<unknown>;
}

interface PageSession {
  close: () => Promise<void>;
  train: (job: unknown) => Promise<unknown>;
  onReport: (handler: ((report: Report) => void) | null) => void;
  used: BackendUsed;
  startMs: number;
}

/** A check as the page streams it: the check, where training is, and (small nets) the weights. */
interface Report {
  check: Check;
  epoch: number;
  iteration: number;
  elapsedMs: number;
  net: SavedNetwork;
}

let session: Promise<PageSession> | null = null;

/** Starts the browser and WebGL in it, once per process; says what it runs on. */
export async function startBrowser(): Promise<BackendUsed> {
  return (await browserSession()).used;
}

registerBrowserStarter(startBrowser, findBrowser);

/** Closes the browser (the kernel's exit does it too). */
export async function closeBrowser(): Promise<void> {
  const open = session;
  session = null;
  if (open) await (await open).close();
}

function browserSession(): Promise<PageSession> {
  session ??= openSession().catch((error: unknown) => {
    session = null; // a later call may try again, e.g. after the learner installed a browser
    throw error;
  });
  return session;
}

async function openSession(): Promise<PageSession> {
  const started = performance.now();
  const executablePath = findBrowser();
  const script = await pageBundle();
  const { chromium } = projectRequire()("playwright-core") as Playwright;
  const extra = (process.env.NN_COURSE_BROWSER_FLAGS ?? "").split(/\s+/).filter(Boolean);
  // Playwright's own signal handlers are off: its SIGINT handler would exit the process, and an
  // interrupted cell must not kill the kernel. The browser needs none of them: it talks over a
  // pipe, and it quits when the kernel's process ends, however it ends (tested).
  const browser = await chromium.launch({
    executablePath,
    args: [...BASE_FLAGS, ...extra],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  try {
    const page = await browser.newPage();
    let handler: ((report: Report) => void) | null = null;
    await page.exposeFunction("nnCourseReport", (report: Report) => handler?.(report));
    await page.addScriptTag({ path: script });
    // (functions given to evaluate run in the page: they cannot use anything from here)
    const info = await page.evaluate(() =>
      (globalThis as unknown as { nnCourse: PageApi }).nnCourse.start(),
    );
    const float = info.float32 ? "float32" : "float16 render targets (less precise)";
    const used: BackendUsed = {
      name: "tfjs-webgl",
      detail: `TensorFlow.js ${info.tfjs} webgl in ${path.basename(executablePath)}, ${float}`,
      renderer: info.renderer,
    };
    return {
      close: () => browser.close(),
      train: (job) =>
        page.evaluate(
          (j) => (globalThis as unknown as { nnCourse: PageApi }).nnCourse.train(j),
          job,
        ),
      onReport: (h) => (handler = h),
      used,
      startMs: performance.now() - started,
    };
  } catch (error) {
    await browser.close();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `tfjs-webgl: ${message.replace(/^page\.evaluate: (Error: )?/, "")} (browser: ${executablePath}; ` +
        `extra flags come from NN_COURSE_BROWSER_FLAGS, e.g. --use-angle=vulkan or --enable-gpu)`,
    );
  }
}

/** The lib bundled for the browser page (tfjs/page.ts and what it imports, tfjs included). */
async function pageBundle(): Promise<string> {
  const tfjsVersion = (projectRequire()("@tensorflow/tfjs/package.json") as { version: string })
    .version;
  const nodeOnly = /^(fs|path|module|crypto|child_process|url|os|vm|util|stream|node:.*)$/;
  const { file } = await bundleOnce({
    folder: "webgl",
    name: "page",
    entry: path.join("tfjs", "page.ts"),
    platform: "browser",
    extraKey: tfjsVersion,
    plugins: [
      {
        // The page needs none of the Node side: Node's modules and this file become empty.
        name: "node-side-out",
        setup(build) {
          build.onResolve({ filter: nodeOnly }, (args) => ({
            path: args.path,
            namespace: "empty",
          }));
          build.onResolve({ filter: /tfjs\/browser$/ }, (args) => ({
            path: args.path,
            namespace: "empty",
          }));
          build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({
            contents: "module.exports = {};",
          }));
        },
      },
    ],
  });
  return file;
}

/** trainAsync on WebGL: checks the arguments here, trains in the page, streams the checks back. */
export async function webglTrainAsync(
  net: Network,
  data: DataSet,
  options: TrainOptions,
): Promise<TrainResult> {
  const where = "trainAsync";
  const resolved = resolveTrainOptions(where, net, data, options); // bad input fails here, at once
  for (const hook of ["onBatch", "shuffle"] as const) {
    if (typeof options[hook] === "function") {
      throw new Error(
        `${where}: tfjs-webgl trains in a browser, where a ${hook} function of yours cannot run: ` +
          `leave it out, or train on "plain" or "tfjs-cpu".`,
      );
    }
  }
  if (typeof options.loss === "object") {
    throw new Error(
      `${where}: tfjs-webgl knows the lib's losses by name only; pass loss: "${resolved.lossFn.name}".`,
    );
  }
  const page = await browserSession();
  const current = copyNetwork(net); // progress.net in the checks: the page's weights at each check
  // An onCheck that throws ends the run with its error, as on the other backends: thrown back to
  // the page (which stops at its next check) and rethrown here.
  const onCheckThrew: { yes: boolean; error: unknown } = { yes: false, error: null };
  page.onReport((report) => {
    if (onCheckThrew.yes) throw new Error("the kernel's onCheck threw");
    const fresh = loadNetwork(report.net);
    fresh.W.forEach((W, l) => current.W[l].data.set(W.data));
    fresh.B.forEach((B, l) => current.B[l].data.set(B.data));
    try {
      options.onCheck?.(report.check, {
        epoch: report.epoch,
        maxEpoch: resolved.options.maxEpoch,
        iteration: report.iteration,
        elapsedMs: report.elapsedMs,
        net: current,
      });
    } catch (error) {
      Object.assign(onCheckThrew, { yes: true, error });
      throw error;
    }
  });
  const plain = (M: { rows: number; cols: number; data: Float64Array }) => ({
    rows: M.rows,
    cols: M.cols,
    data: Array.from(M.data),
  });
  const { onCheck, validation, ...rest } = options;
  const job = {
    net: saveNetwork(net),
    data: { X: plain(data.X), Y: plain(data.Y) },
    options: {
      ...rest,
      ...(typeof validation === "object"
        ? { validation: { X: plain(validation.X), Y: plain(validation.Y) } }
        : validation === undefined
          ? {}
          : { validation }),
    },
    report: onCheck !== undefined,
  };
  try {
    const out = (await page.train(job)) as {
      result: Omit<TrainResult, "net" | "initial" | "options" | "backend">;
      net: SavedNetwork;
    };
    if (onCheckThrew.yes) throw onCheckThrew.error; // (the run ended before the page heard of it)
    return {
      ...out.result,
      net: loadNetwork(out.net),
      initial: copyNetwork(net),
      options: resolved.options,
      backend: page.used,
    };
  } catch (error) {
    if (onCheckThrew.yes) throw onCheckThrew.error;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replace(/^page\.evaluate: (Error: )?/, "").split("\n")[0]);
  } finally {
    page.onReport(null);
  }
}

/** How long starting the browser took (for the notebook and the bench), once it has started. */
export async function browserStartMs(): Promise<number> {
  return (await browserSession()).startMs;
}
