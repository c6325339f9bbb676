// The one kernel TensorFlow.js 4.22's wasm backend lacks to train a convolution: the gradient of
// the loss with respect to the kernels (Conv2DBackpropFilter). Without it tfjs-wasm stops at the
// first training step of the digits' CNN, and tfjs-cpu, which has it, trains that CNN some 30 times
// slower. Built from two kernels wasm has, because the filter gradient is itself a convolution:
//   dK[i][j][c][f] = Σ over images b and output positions (r, q) of x[b][r·s + i][q·s + j][c] · dy[b][r][q][f]
// i.e. the input, read with its images as channels, convolved with dy as the kernel (dilated by the
// stride s). backend.ts registers it when tfjs-wasm starts; a test compares it with tfjs-cpu's.
// Taught (as what makes the CNN fast) in notebooks/07-digits.ipynb.

/** A tensor as a kernel sees it (tfjs's TensorInfo). */
interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}

interface WasmBackend {
  disposeData(dataId: object): boolean;
}

type KernelFunc = (args: {
  inputs: Record<string, TensorInfo>;
  backend: WasmBackend;
  attrs: Record<string, unknown>;
}) => TensorInfo;

/** The part of tfjs's kernel registry this file uses. */
export interface KernelRegistry {
  getKernel(name: string, backend: string): { kernelFunc: unknown } | undefined;
  registerKernel(config: { kernelName: string; backendName: string; kernelFunc: unknown }): void;
}

const NAME = "Conv2DBackpropFilter";

/** Registers the filter gradient for tfjs-wasm, once (idempotent; tfjs's own, should a later
 * release add one, is kept). */
export function registerWasmConvFilterGrad(tf: KernelRegistry): void {
  if (tf.getKernel(NAME, "wasm")) return;
  tf.registerKernel({ kernelName: NAME, backendName: "wasm", kernelFunc: convFilterGrad(tf) });
}

function convFilterGrad(tf: KernelRegistry): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const transpose = kernel(tf, "Transpose");
    const conv2d = kernel(tf, "Conv2D");
    const { x, dy } = inputs;
    const strides = attrs.strides as number | [number, number];
    const dataFormat = (attrs.dataFormat as string | undefined) ?? "NHWC";
    const dilations = attrs.dilations as number | [number, number] | undefined;
    const undilated = dilations === undefined || [dilations].flat().every((d) => d === 1);
    if (dataFormat !== "NHWC" || !undilated || attrs.pad !== "valid") {
      throw new Error(
        `${NAME} on tfjs-wasm: only channels-last (NHWC), undilated convolutions without padding ("valid") are supported (got ${dataFormat}, dilations ${String(dilations)}, padding ${String(attrs.pad)}); train this model on tfjs-cpu.`,
      );
    }
    // x [b, h, w, c] → [c, h, w, b]: the images become the channels the sum runs over
    const xT = transpose({ inputs: { x }, backend, attrs: { perm: [3, 1, 2, 0] } });
    // dy [b, r, q, f] → [r, q, b, f]: a kernel of size r×q from channels b to channels f
    const dyT = transpose({ inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } });
    const dK = conv2d({
      inputs: { x: xT, filter: dyT },
      backend,
      attrs: {
        strides: [1, 1],
        pad: attrs.pad,
        dataFormat: "NHWC",
        dilations: typeof strides === "number" ? [strides, strides] : strides,
        dimRoundingMode: attrs.dimRoundingMode,
      },
    });
    // [c, i, j, f] → the kernels' layout [i, j, c, f]
    const full = transpose({ inputs: { x: dK }, backend, attrs: { perm: [1, 2, 0, 3] } });
    for (const t of [xT, dyT, dK]) backend.disposeData(t.dataId);
    // with a stride that does not divide (h − k), the last rows/columns of x were never read: the
    // convolution above runs past the kernel's size there, and those extra taps are cut off
    const size = attrs.filterShape as number[];
    if (full.shape.every((n, d) => n === size[d])) return full;
    const out = kernel(
      tf,
      "Slice",
    )({
      inputs: { x: full },
      backend,
      attrs: { begin: [0, 0, 0, 0], size },
    });
    backend.disposeData(full.dataId);
    return out;
  };
}

function kernel(tf: KernelRegistry, name: string): KernelFunc {
  const found = tf.getKernel(name, "wasm");
  if (!found)
    throw new Error(`${NAME} on tfjs-wasm needs wasm's ${name} kernel, which is missing.`);
  return found.kernelFunc as KernelFunc;
}
