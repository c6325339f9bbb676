// Wrong (07.3): the output size rounded up, so the last step reads past the edge (as 0).

export * from "./07-digits.alt";

export function convolve(image: number[][], kernel: number[][], stride: number): number[][] {
  const rows = Math.ceil((image.length - kernel.length) / stride) + 1;
  const cols = Math.ceil((image[0].length - kernel[0].length) / stride) + 1;
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => {
      let s = 0;
      kernel.forEach((row, a) =>
        row.forEach((w, b) => (s += (image[i * stride + a]?.[j * stride + b] ?? 0) * w)),
      );
      return s;
    }),
  );
}
