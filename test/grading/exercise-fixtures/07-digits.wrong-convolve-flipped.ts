// Wrong (07.3): the kernel flipped (the mathematicians' convolution).

import { convolve as correlate } from "./07-digits.alt";
export * from "./07-digits.alt";

export function convolve(image: number[][], kernel: number[][], stride: number): number[][] {
  const flipped = kernel.map((row) => [...row].reverse()).reverse();
  return correlate(image, flipped, stride);
}
