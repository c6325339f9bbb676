// Wrong (07.1): the gradient from the scores, z − y, forgetting softmax.

export * from "./07-digits.alt";

export function softmaxCrossEntropyGradient(z: number[], y: number[]): number[] {
  return z.map((v, k) => v - y[k]);
}
