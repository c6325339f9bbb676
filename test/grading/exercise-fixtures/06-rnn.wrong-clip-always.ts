// Wrong (06.3): always rescales to length maxNorm, stretching short gradients too.

export { rnnStep, bpttScalar, encodeSubtraction, decodeBits, forecastSettings } from "./06-rnn.alt";

export function clipByNorm(grads: number[][], maxNorm: number): number[][] {
  const length = Math.hypot(...grads.flat());
  return grads.map((g) => g.map((v) => (v * maxNorm) / length));
}
