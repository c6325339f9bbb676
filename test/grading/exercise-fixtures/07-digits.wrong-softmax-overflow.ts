// Wrong (07.1): softmax without subtracting the largest score: e^1000 overflows to Infinity.

export * from "./07-digits.alt";

export function softmax(z: number[]): number[] {
  const e = z.map((v) => Math.exp(v));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}
