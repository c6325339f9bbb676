// Wrong (06.4): the bits most-significant first.

export { rnnStep, bpttScalar, clipByNorm, forecastSettings } from "./06-rnn.alt";

const bits = (n: number): number[] => n.toString(2).padStart(4, "0").split("").map(Number);

export function encodeSubtraction(a: number, b: number): { x: number[][]; y: number[] } {
  return { x: bits(a).map((bit, t) => [bit, bits(b)[t]]), y: bits((a - b + 16) % 16) };
}

export function decodeBits(outputs: number[]): number {
  return outputs.reduce((n, o) => 2 * n + (o >= 0.5 ? 1 : 0), 0);
}
