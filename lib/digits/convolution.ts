// Convolution 卷积 on a greyscale image (the popular-science notes' CNN chapter): a small kernel
// (filter) slides over the image; the output at (i, j) is the sum of the patch under it times the
// kernel, plus a bias. With no padding and stride s, an H×W image and a k×k kernel give
// ⌊(H − k)/s⌋ + 1 rows (H − k + 1 with stride 1) and as many columns by the same rule. (Like
// every deep-learning library, this is cross-correlation: the kernel is not flipped.) Taught in
// notebooks/07-digits.ipynb.

import { checkNumber, describe } from "../validate";

/** Rows (or columns) of the output: ⌊(size − kernel)/stride⌋ + 1, no padding. */
export function convOutputSize(size: number, kernel: number, stride = 1): number {
  checkNumber("convOutputSize", "size", size, { min: 1, integer: true });
  checkNumber("convOutputSize", "kernel", kernel, { min: 1, max: size, integer: true });
  checkNumber("convOutputSize", "stride", stride, { min: 1, integer: true });
  return Math.floor((size - kernel) / stride) + 1;
}

/** The image (rows of numbers) convolved with the kernel, no padding. */
export function conv2d(
  image: readonly (readonly number[])[],
  kernel: readonly (readonly number[])[],
  options: { stride?: number; bias?: number } = {},
): number[][] {
  const rectangular = (m: readonly (readonly number[])[]): boolean =>
    Array.isArray(m) &&
    m.length > 0 &&
    m.every((r) => Array.isArray(r) && r.length === m[0].length);
  if (!rectangular(image) || !rectangular(kernel)) {
    throw new Error(
      `conv2d: the image and the kernel must be arrays of equally long rows (got ${describe(image)} and ${describe(kernel)}).`,
    );
  }
  const stride = options.stride ?? 1;
  const bias = options.bias ?? 0;
  const rows = convOutputSize(image.length, kernel.length, stride);
  const cols = convOutputSize(image[0].length, kernel[0].length, stride);
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => {
      let s = bias;
      for (let a = 0; a < kernel.length; a++) {
        for (let b = 0; b < kernel[0].length; b++)
          s += image[i * stride + a][j * stride + b] * kernel[a][b];
      }
      return s;
    }),
  );
}

/** A few hand-made kernels: edges in each direction (Sobel), a 3×3 blur, a sharpening one. */
export const kernels: Record<
  "vertical edges" | "horizontal edges" | "blur" | "sharpen",
  number[][]
> = {
  "vertical edges": [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ],
  "horizontal edges": [
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ],
  blur: [
    [1 / 9, 1 / 9, 1 / 9],
    [1 / 9, 1 / 9, 1 / 9],
    [1 / 9, 1 / 9, 1 / 9],
  ],
  sharpen: [
    [0, -1, 0],
    [-1, 5, -1],
    [0, -1, 0],
  ],
};
