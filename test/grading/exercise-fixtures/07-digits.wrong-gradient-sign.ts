// Wrong (07.1): the gradient as y − p (the direction to move, not the gradient).

import { softmax } from "./07-digits.alt";
export * from "./07-digits.alt";

export function softmaxCrossEntropyGradient(z: number[], y: number[]): number[] {
  return softmax(z).map((p, k) => y[k] - p);
}
