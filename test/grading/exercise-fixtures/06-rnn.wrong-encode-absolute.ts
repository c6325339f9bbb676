// Wrong (06.4): y holds |a − b| instead of wrapping around when b > a.

export { rnnStep, bpttScalar, clipByNorm, decodeBits, forecastSettings } from "./06-rnn.alt";

const bits = (n: number): number[] => [0, 1, 2, 3].map((t) => (n >> t) & 1);

export function encodeSubtraction(a: number, b: number): { x: number[][]; y: number[] } {
  return { x: bits(a).map((bit, t) => [bit, bits(b)[t]]), y: bits(Math.abs(a - b)) };
}
