// Saving a network's weights as plain JSON and loading them back: the course's
// `create_new = False` — save the initial weights once and start every compared run from them.
// Taught in notebooks/04-sine-fit.ipynb.

import { activation, elu, leakyRelu, type ActivationName } from "./activations";
import { emptyMatrix, type Matrix } from "./matrix";
import { type Network } from "./network";
import { checkNetwork, checkSizes, checkSoftmax } from "./validate-network";
import { describe } from "./validate";

/** A network as plain JSON data (the course's saved initial weights, `create_new = False`). */
export interface SavedNetwork {
  sizes: number[];
  activations: { name: ActivationName; alpha?: number }[];
  /** W[l] as rows. */
  W: number[][][];
  /** B[l] as one row. */
  B: number[][];
  /** false for a net without biases (absent: with biases). */
  bias?: boolean;
}

export function saveNetwork(net: Network): SavedNetwork {
  checkNetwork("saveNetwork", net);
  const rowsOf = (M: Matrix): number[][] =>
    Array.from({ length: M.rows }, (_, i) =>
      Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)),
    );
  return {
    sizes: net.sizes.slice(),
    activations: net.activations.map((f) =>
      f.alpha === undefined ? { name: f.name } : { name: f.name, alpha: f.alpha },
    ),
    W: net.W.map(rowsOf),
    B: net.B.map((b) => Array.from(b.data)),
    ...(net.bias === false ? { bias: false } : {}),
  };
}

/** The network saved by `saveNetwork` (or its JSON.parse'd text). */
export function loadNetwork(saved: SavedNetwork): Network {
  const bad = (why: string): Error =>
    new Error(`loadNetwork: ${why}; pass what saveNetwork returned.`);
  if (typeof saved !== "object" || saved === null) throw bad(`got ${describe(saved)}`);
  const { sizes } = saved;
  if (!Array.isArray(sizes) || sizes.length < 2) throw bad("sizes is missing");
  checkSizes("loadNetwork", sizes);
  const layers = sizes.length - 1;
  for (const key of ["activations", "W", "B"] as const) {
    if (!Array.isArray(saved[key]) || saved[key].length !== layers) {
      throw bad(`${key} must have ${layers} entries`);
    }
  }
  const activations = saved.activations.map((entry, l) => {
    if (typeof entry !== "object" || entry === null || typeof entry.name !== "string") {
      throw bad(`activation ${l + 1} must be { name } (got ${describe(entry)})`);
    }
    const { name, alpha } = entry;
    if (name === "leakyRelu" && alpha !== undefined) return leakyRelu(alpha);
    if (name === "elu" && alpha !== undefined) return elu(alpha);
    return activation(name);
  });
  checkSoftmax("loadNetwork", sizes, activations);
  const W = saved.W.map((rows, l) => {
    const M = emptyMatrix(sizes[l], sizes[l + 1]);
    if (!Array.isArray(rows) || rows.length !== sizes[l])
      throw bad(`W${l + 1} must have ${sizes[l]} rows`);
    rows.forEach((r, i) => {
      if (!Array.isArray(r) || r.length !== sizes[l + 1]) {
        throw bad(`row ${i} of W${l + 1} must have ${sizes[l + 1]} values`);
      }
      if (!r.every(isFiniteNumber)) throw bad(`row ${i} of W${l + 1} holds a non-finite value`);
      M.data.set(r, i * sizes[l + 1]);
    });
    return M;
  });
  const B = saved.B.map((r, l) => {
    if (!Array.isArray(r) || r.length !== sizes[l + 1])
      throw bad(`B${l + 1} must have ${sizes[l + 1]} values`);
    if (!r.every(isFiniteNumber)) throw bad(`B${l + 1} holds a non-finite value`);
    const M = emptyMatrix(1, sizes[l + 1]);
    M.data.set(r);
    return M;
  });
  const net: Network = { sizes: sizes.slice(), activations, W, B };
  if (saved.bias !== undefined && typeof saved.bias !== "boolean") {
    throw bad(`bias must be true or false (got ${describe(saved.bias)})`);
  }
  if (saved.bias === false) net.bias = false;
  checkNetwork("loadNetwork", net);
  return net;
}

function isFiniteNumber(v: unknown): boolean {
  return typeof v === "number" && Number.isFinite(v);
}
