// Wrong (06.3): each array clipped by its own length, not the length of all of them together.

export { rnnStep, bpttScalar, encodeSubtraction, decodeBits, forecastSettings } from "./06-rnn.alt";

export function clipByNorm(grads: number[][], maxNorm: number): number[][] {
  return grads.map((g) => {
    const length = Math.hypot(...g);
    return length > maxNorm ? g.map((v) => (v * maxNorm) / length) : g.slice();
  });
}
