// Backends 后端: where a training run's arithmetic happens. `plain` (the default) is the lib's own
// float64 loops; `tfjs-cpu` and `tfjs-wasm` are the same steps written with TensorFlow.js ops, in
// this process; `tfjs-webgl` runs them on WebGL in a real browser the kernel drives (tfjs/browser.ts);
// `auto` picks by a rule measured by `npm run bench -- backends`. One line switches a notebook:
// `await useBackend("tfjs-wasm")`, or `backend: "tfjs-wasm"` in train's options. Taught in
// notebooks/00-start-here.ipynb (the switch) and notebooks/07 (the GPU).
//
// TensorFlow.js is loaded only when a tfjs backend is first used: importing it takes a second or
// two, and the lib's own backend needs none of it.

import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import type { Network } from "./network";
import type { TfOps } from "./tfjs/ops";
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
    const { startBrowser } = await import("./tfjs/browser");
    return startBrowser();
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
  wasmPathSet = true;
}

/** `require` from the course's folder (found from the working directory: the kernel and the
 * scripts start there), so packages come from the project's node_modules. */
export function projectRequire(): NodeRequire {
  return createRequire(path.join(projectRoot(), "package.json"));
}

/** The course's folder: the nearest folder at or above the working directory with lib/index.ts. */
export function projectRoot(): string {
  let dir = process.cwd();
  for (;;) {
    if (fs.existsSync(path.join(dir, "lib", "index.ts"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

// ---------------------------------------------------------------------------------------------
// auto: the rule

/**
 * Multiply-adds of one training step (forward and backward) per sample, above which tfjs-wasm
 * trains faster than the plain backend on this kind of machine; measured by `npm run bench --
 * backends` (bench/README.md, "The speed map"). WebGL is never picked by `auto`: in a headless
 * browser without a GPU it runs on SwiftShader, and it needs trainAsync.
 */
export const AUTO_WASM_FROM = 200_000;

/** What `auto` picks for a net and a batch size, and why. */
export function autoBackend(
  net: Network,
  batchSize: number,
): { name: "plain" | "tfjs-wasm"; reason: string } {
  let perSample = 0;
  for (let l = 0; l < net.W.length; l++) perSample += 3 * net.W[l].rows * net.W[l].cols;
  const work = perSample * batchSize;
  const fmt = (x: number): string => Math.round(x).toLocaleString("en-US");
  return work >= AUTO_WASM_FROM
    ? {
        name: "tfjs-wasm",
        reason: `auto: tfjs-wasm — a step is ${fmt(work)} multiply-adds, at least the ${fmt(AUTO_WASM_FROM)} from which tfjs-wasm trains faster (bench/README.md)`,
      }
    : {
        name: "plain",
        reason: `auto: plain — a step is ${fmt(work)} multiply-adds, below the ${fmt(AUTO_WASM_FROM)} from which tfjs-wasm would train faster (bench/README.md)`,
      };
}
