// Backends 后端: where a training run's arithmetic happens. `plain` (the default) is the lib's own
// float64 loops; `tfjs-cpu` and `tfjs-wasm` are the same steps written with TensorFlow.js ops, in
// this process; `tfjs-webgl` runs them on WebGL in a real browser the kernel drives (tfjs/browser.ts);
// `auto` picks by a rule measured by `npm run bench -- backends`. One line switches a notebook:
// `await useBackend("tfjs-wasm")`, or `backend: "tfjs-wasm"` in train's options. Taught in
// notebooks/00-start-here.ipynb (the switch) and notebooks/07 (the GPU).
//
// TensorFlow.js is loaded only when a tfjs backend is first used: importing it takes a second or
// two, and the lib's own backend needs none of it.

import * as path from "path";
import type { Network } from "./network";
import { projectRequire } from "./project";
import type { TfOps } from "./tfjs/ops";
import { registerWasmConvFilterGrad } from "./tfjs/wasm-conv-filter";
import { unknownName } from "./validate";

export type BackendName = "plain" | "tfjs-cpu" | "tfjs-wasm" | "tfjs-webgl" | "auto";
export const backendNames: readonly BackendName[] = [
  "plain",
  "tfjs-cpu",
  "tfjs-wasm",
  "tfjs-webgl",
  "auto",
];

/** Which backend trained a run, in words (a TrainResult's `backend`). */
export interface BackendUsed {
  name: Exclude<BackendName, "auto">;
  /** e.g. "plain TypeScript, float64", "TensorFlow.js 4.22.0 wasm (SIMD), float32". */
  detail: string;
  /** WebGL only: the GPU (or SwiftShader, software) the browser draws with. */
  renderer?: string;
  /** `auto` only: what it picked and why. */
  reason?: string;
}

let chosen: BackendName = "plain";
/** tfjs/browser.ts's startBrowser, registered by that file when it loads (train.ts imports it):
 * imported here instead, it would close an import cycle, which tslab cannot load. */
let browserStarter: (() => Promise<BackendUsed>) | null = null;
/** tfjs/browser.ts's findBrowser, registered the same way: `auto` asks whether WebGL can run. */
let browserFinder: (() => string) | null = null;

/** For tfjs/browser.ts: how to find and start the browser for tfjs-webgl. */
export function registerBrowserStarter(
  start: () => Promise<BackendUsed>,
  find: () => string,
): void {
  browserStarter = start;
  browserFinder = find;
}

/** Why tfjs-webgl cannot run here (no browser found), or null when it can. */
export function webglUnavailable(): string | null {
  if (!browserFinder) return "the browser side of the lib is not loaded";
  try {
    browserFinder();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
let tfModule: TfOps | null = null;
/** Set in the browser page (tfjs/page.ts), where tfjs is bundled and WebGL already started. */
let inPage: { renderer: string } | null = null;

/** The backend `train` uses when its options name none. */
export function backendInUse(): BackendName {
  return chosen;
}

/**
 * Makes `name` the backend every later `train`/`trainAsync` uses, after starting it: tfjs-wasm
 * loads its WebAssembly module, tfjs-webgl starts the browser (once per kernel). Returns what is
 * now in use. Throws, saying what to install or set, when it cannot start — never falling back.
 */
export async function useBackend(name: BackendName): Promise<BackendUsed> {
  checkBackendName("useBackend", name);
  const used =
    name === "auto" ? { name: "plain" as const, detail: plainDetail } : await startBackend(name);
  chosen = name;
  return used;
}

/** Throws unless `name` is a backend. */
export function checkBackendName(where: string, name: unknown): asserts name is BackendName {
  if (!backendNames.includes(name as BackendName)) {
    throw Object.assign(unknownName("backend", name, backendNames), {
      message: `${where}: ${unknownName("backend", name, backendNames).message}`,
    });
  }
}

const plainDetail = "plain TypeScript, float64";

/** Starts a backend (idempotent) and says what it is. */
export async function startBackend(name: Exclude<BackendName, "auto">): Promise<BackendUsed> {
  if (name === "plain") return { name, detail: plainDetail };
  if (name === "tfjs-webgl" && !inPage) {
    if (!browserStarter) throw new Error("tfjs-webgl: the browser side of the lib is not loaded");
    return browserStarter();
  }
  const tf = tfjs();
  const wanted = name === "tfjs-webgl" ? "webgl" : name === "tfjs-wasm" ? "wasm" : "cpu";
  if (wanted === "wasm") {
    // The wasm backend's Emscripten code installs process handlers that rethrow any unhandled
    // rejection, which would turn a slip in a notebook cell into a dead kernel: removed again.
    const before = {
      uncaughtException: process.listeners("uncaughtException"),
      unhandledRejection: process.listeners("unhandledRejection"),
    };
    wasmFiles();
    if (tf.getBackend() !== wanted) await tf.setBackend(wanted);
    await tf.ready();
    for (const listener of process.listeners("uncaughtException")) {
      if (!before.uncaughtException.includes(listener)) {
        process.removeListener("uncaughtException", listener);
      }
    }
    for (const listener of process.listeners("unhandledRejection")) {
      if (!before.unhandledRejection.includes(listener)) {
        process.removeListener("unhandledRejection", listener);
      }
    }
  } else if (tf.getBackend() !== wanted) await tf.setBackend(wanted);
  await tf.ready();
  return tfjsReady(name);
}

/** The tfjs backend in use is the one asked for (tfjs falls back silently when one fails). */
export function tfjsReady(name: Exclude<BackendName, "auto" | "plain">): BackendUsed {
  const tf = tfjs();
  const wanted = name === "tfjs-webgl" ? "webgl" : name === "tfjs-wasm" ? "wasm" : "cpu";
  if (tf.getBackend() !== wanted) {
    const fix =
      wanted === "wasm"
        ? 'the first use of tfjs-wasm loads its WebAssembly module: call `await useBackend("tfjs-wasm")` once first, or use trainAsync'
        : 'call `await useBackend("' + name + '")` first';
    throw new Error(
      `backend ${name}: tfjs is using '${tf.getBackend()}', not '${wanted}': ${fix}.`,
    );
  }
  const simd =
    wanted === "wasm" ? ` (${tf.env().getBool("WASM_HAS_SIMD_SUPPORT") ? "SIMD" : "no SIMD"})` : "";
  const used: BackendUsed = {
    name,
    detail: `TensorFlow.js ${tf.version.tfjs} ${wanted}${simd}, float32`,
  };
  if (inPage) used.renderer = inPage.renderer;
  return used;
}

/** TensorFlow.js, loaded on first use (in Node from the project's node_modules; in the browser
 * page, the bundled copy registered by page.ts). */
export function tfjs(): TfOps {
  if (tfModule) return tfModule;
  const required = projectRequire()("@tensorflow/tfjs") as TfOps;
  // PROD silences tfjs's "install tfjs-node" banner (written to stderr on first use in Node)
  required.env().set("PROD", true);
  tfModule = required;
  return required;
}

/** For the browser page only: the bundled tfjs, already on WebGL, and its renderer. */
export function registerPageTfjs(tf: TfOps, renderer: string): void {
  tfModule = tf;
  inPage = { renderer };
}

/** True in the browser page that trains on WebGL for the kernel. */
export function inBrowserPage(): boolean {
  return inPage !== null;
}

let wasmPathSet = false;

/** In Node the wasm backend loads its .wasm files from its own dist folder in node_modules. */
function wasmFiles(): void {
  if (wasmPathSet) return;
  const requireHere = projectRequire();
  // registers the wasm backend with the same tfjs
  const wasm = requireHere("@tensorflow/tfjs-backend-wasm") as {
    setWasmPaths: (prefix: string) => void;
  };
  wasm.setWasmPaths(path.dirname(requireHere.resolve("@tensorflow/tfjs-backend-wasm")) + path.sep);
  registerWasmConvFilterGrad(tfjs()); // what training a convolution on wasm lacks
  wasmPathSet = true;
}

// ---------------------------------------------------------------------------------------------
// auto: the rule

/**
 * Multiply-adds of one training step (forward and backward, the whole mini-batch) from which
 * tfjs-wasm trains faster than the plain backend on this kind of machine; measured by `npm run
 * bench -- backends` (bench/README.md, "The speed map": plain won up to 96,000, wasm from 245,760).
 */
export const AUTO_WASM_FROM = 200_000;

/**
 * From this much work per step, with mini-batches of at least AUTO_WEBGL_BATCH, tfjs-webgl beat
 * tfjs-wasm in the same run — even on SwiftShader, a software renderer (a GPU wins far earlier).
 * Only trainAsync can use it (the browser answers asynchronously), and only where a browser is found.
 */
export const AUTO_WEBGL_FROM = 30_000_000;
export const AUTO_WEBGL_BATCH = 100;

/** Multiply-adds of one training step: the forward pass and back-propagation's two products. */
export function multiplyAddsPerStep(net: Network, batchSize: number): number {
  let perSample = 0;
  for (let l = 0; l < net.W.length; l++) perSample += 3 * net.W[l].rows * net.W[l].cols;
  return perSample * batchSize;
}

/**
 * What `auto` picks for a net and a batch size, and why. `webgl`: null when tfjs-webgl can run
 * (trainAsync, a browser found), else why not.
 */
export function autoBackend(
  net: Network,
  batchSize: number,
  webgl: string | null,
): { name: "plain" | "tfjs-wasm" | "tfjs-webgl"; reason: string } {
  const work = multiplyAddsPerStep(net, batchSize);
  const fmt = (x: number): string => Math.round(x).toLocaleString("en-US");
  const step = `a step is ${fmt(work)} multiply-adds`;
  if (work < AUTO_WASM_FROM) {
    return {
      name: "plain",
      reason: `auto: plain — ${step}, below the ${fmt(AUTO_WASM_FROM)} from which tfjs-wasm would train faster (bench/README.md)`,
    };
  }
  const webglWins = work >= AUTO_WEBGL_FROM && batchSize >= AUTO_WEBGL_BATCH;
  if (webglWins && webgl === null) {
    return {
      name: "tfjs-webgl",
      reason: `auto: tfjs-webgl — ${step} in mini-batches of ${batchSize}, at least the ${fmt(AUTO_WEBGL_FROM)} (in batches of ${AUTO_WEBGL_BATCH} or more) from which WebGL trains faster (bench/README.md)`,
    };
  }
  const notWebgl = webglWins ? `; tfjs-webgl would be faster still, but ${webgl}` : "";
  return {
    name: "tfjs-wasm",
    reason: `auto: tfjs-wasm — ${step}, at least the ${fmt(AUTO_WASM_FROM)} from which tfjs-wasm trains faster (bench/README.md)${notWebgl}`,
  };
}
