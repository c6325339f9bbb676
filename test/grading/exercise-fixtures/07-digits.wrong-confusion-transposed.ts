// Wrong (07.2): counts[predicted][actual], rows and columns swapped.

export * from "./07-digits.alt";

export function confusion(predicted: number[], actual: number[], classes: number): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  predicted.forEach((p, i) => counts[p][actual[i]]++);
  return counts;
}
