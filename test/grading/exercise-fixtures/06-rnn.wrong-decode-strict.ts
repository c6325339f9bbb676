// Wrong (06.4): an output of exactly 0.5 decodes as 0 (> 0.5 instead of ≥ 0.5).

export { rnnStep, bpttScalar, clipByNorm, encodeSubtraction, forecastSettings } from "./06-rnn.alt";

export function decodeBits(outputs: number[]): number {
  return outputs.reduce((n, o, t) => n + (o > 0.5 ? 2 ** t : 0), 0);
}
