// Wrong (06.3): scales the arrays it was given in place.

export { rnnStep, bpttScalar, encodeSubtraction, decodeBits, forecastSettings } from "./06-rnn.alt";

export function clipByNorm(grads: number[][], maxNorm: number): number[][] {
  const length = Math.hypot(...grads.flat());
  if (length > maxNorm)
    for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= maxNorm / length;
  return grads;
}
