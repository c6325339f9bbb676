// XOR 异或 the way the LEGO XOR article ("Math, LEGO bricks and neural networks", after Omar U.
// Florez) sets it up for a 2-H-2 sigmoid network: two inputs and two outputs with one-hot targets,
// XOR = 0 as y1 = [0, 1] and XOR = 1 as y2 = [1, 0] (so the first output column is "XOR is 1").
// Taught in notebooks/03-backprop.ipynb.

import { emptyMatrix } from "./matrix";
import { createRng } from "./rng";
import type { DataSet } from "./data";
import { checkNumber } from "./validate";

/** The four corners (0,0), (0,1), (1,0), (1,1) with the article's one-hot targets. */
export function xorOneHot(): DataSet {
  return build([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]);
}

/**
 * The article's own training data: n points with x1, x2 ~ N(0, 1) (seeded) and the label
 * XOR(x1 > 0, x2 > 0) — the four quadrants of the plane, a noisy-looking XOR with many samples.
 */
export function xorCloud(n = 300, seed = 1): DataSet {
  checkNumber("xorCloud", "n", n, { integer: true, min: 1 });
  checkNumber("xorCloud", "seed", seed, { integer: true });
  const rng = createRng(seed);
  const points: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x1 = rng.normal();
    const x2 = rng.normal();
    points.push([x1, x2]);
  }
  return build(points);
}

function build(points: number[][]): DataSet {
  const n = points.length;
  const X = emptyMatrix(n, 2);
  const Y = emptyMatrix(n, 2);
  points.forEach(([x1, x2], i) => {
    X.data[2 * i] = x1;
    X.data[2 * i + 1] = x2;
    const xor = x1 > 0 !== x2 > 0; // exactly one of the two is "on"
    Y.data[2 * i] = xor ? 1 : 0; // y2 = [1, 0] when XOR is 1
    Y.data[2 * i + 1] = xor ? 0 : 1; // y1 = [0, 1] when XOR is 0
  });
  return { X, Y };
}
