// Wrong (07.1): softmax subtracting the first score instead of the largest: fine while the
// scores are close, Infinity/Infinity = NaN when a later one is far larger.

export * from "./07-digits.alt";

export function softmax(z: number[]): number[] {
  const e = z.map((v) => Math.exp(v - z[0]));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}
