// Wrong (06.3): clips each number to ±maxNorm (clipping by value), which turns the gradient.

export { rnnStep, bpttScalar, encodeSubtraction, decodeBits, forecastSettings } from "./06-rnn.alt";

export function clipByNorm(grads: number[][], maxNorm: number): number[][] {
  return grads.map((g) => g.map((v) => Math.max(-maxNorm, Math.min(maxNorm, v))));
}
