// The browser page's side of tfjs-webgl (see browser.ts): bundled with the lib by esbuild and
// loaded into a blank page. `start()` switches tfjs to WebGL and checks that it did (tfjs falls
// back silently when WebGL fails), reading the renderer the browser draws with; `train(job)` runs
// the lib's own trainAsync there and streams every check back to the kernel. Taught in
// notebooks/00-start-here.ipynb (the backend switch).

import * as tf from "@tensorflow/tfjs";
import { registerPageTfjs } from "../backend";
import type { DataSet } from "../data";
import type { Matrix } from "../matrix";
import { loadNetwork, type SavedNetwork, saveNetwork } from "../saved-network";
import { trainAsync } from "../train";
import type { TrainOptions } from "../train-options";
import type { TfOps } from "./ops";

type PlainMatrix = { rows: number; cols: number; data: number[] };

interface Job {
  net: SavedNetwork;
  data: { X: PlainMatrix; Y: PlainMatrix };
  options: Omit<TrainOptions, "validation"> & {
    validation?: number | { X: PlainMatrix; Y: PlainMatrix };
  };
  report: boolean;
}

const page = globalThis as unknown as {
  nnCourse: object;
  nnCourseReport: (report: unknown) => Promise<void>;
};

const matrix = (M: PlainMatrix): Matrix => ({
  rows: M.rows,
  cols: M.cols,
  data: Float64Array.from(M.data),
});

page.nnCourse = {
  async start() {
    const ok = await tf.setBackend("webgl");
    await tf.ready();
    if (!ok || tf.getBackend() !== "webgl") {
      throw new Error(`WebGL did not start in this browser (tfjs is using '${tf.getBackend()}')`);
    }
    // (the page's WebGL context, typed by hand: the lib compiles without the DOM's types)
    type Gl = {
      RENDERER: number;
      getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
      getParameter(name: number): unknown;
    };
    const gl = (tf.backend() as unknown as { gpgpu: { gl: Gl } }).gpgpu.gl;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(
      info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    registerPageTfjs(tf as unknown as TfOps, renderer); // (ops.ts types the part the lib uses)
    return {
      backend: tf.getBackend(),
      renderer,
      float32: tf.env().getBool("WEBGL_RENDER_FLOAT32_ENABLED"),
      tfjs: tf.version.tfjs,
    };
  },

  async train(job: Job) {
    const net = loadNetwork(job.net);
    const data: DataSet = { X: matrix(job.data.X), Y: matrix(job.data.Y) };
    const { validation, ...rest } = job.options;
    const options: TrainOptions = { ...rest, backend: "tfjs-webgl" };
    if (typeof validation === "object") {
      options.validation = { X: matrix(validation.X), Y: matrix(validation.Y) };
    } else if (validation !== undefined) options.validation = validation;
    if (job.report) {
      let kernelThrew: unknown = null;
      options.onCheck = (check, progress) => {
        if (kernelThrew !== null) throw kernelThrew; // the kernel's onCheck threw: stop here
        page
          .nnCourseReport({
            check,
            epoch: progress.epoch,
            iteration: progress.iteration,
            elapsedMs: progress.elapsedMs,
            // the weights too, for live plots of the fit (progress.net); a check's cost next to an
            // epoch's, which reads every training sample through the same weights
            net: saveNetwork(progress.net),
          })
          .catch((error: unknown) => {
            kernelThrew = error;
          });
      };
    }
    const result = await trainAsync(net, data, options);
    const { status, epochs, iterations, reason, divergedAt, history, final, timings } = result;
    const sent = { status, epochs, iterations, reason, history, final, timings };
    return { result: divergedAt ? { ...sent, divergedAt } : sent, net: saveNetwork(result.net) };
  },
};
