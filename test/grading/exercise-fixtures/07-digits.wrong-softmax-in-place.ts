// Wrong (07.1): softmax written into the scores it was given.

export * from "./07-digits.alt";

export function softmax(z: number[]): number[] {
  const top = Math.max(...z);
  for (let k = 0; k < z.length; k++) z[k] = Math.exp(z[k] - top);
  const sum = z.reduce((s, v) => s + v, 0);
  for (let k = 0; k < z.length; k++) z[k] /= sum;
  return z;
}

export function softmaxCrossEntropyGradient(z: number[], y: number[]): number[] {
  const p = softmax(z.slice());
  return p.map((pk, k) => pk - y[k]);
}
