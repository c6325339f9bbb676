// The one random number generator of the course. Everything random — initial weights, batch
// shuffling, noisy data sets — comes from here, so the same seed gives bit-identical runs on every
// machine. (Math.random cannot be seeded, so the library never uses it.)
//
// The generator is sfc32 (Chris Doty-Humphrey's "small fast chaotic" 32-bit generator), with its
// state filled from the seed by splitmix32.
//
// Introduced in notebooks/00-start-here.ipynb (seeds), used wherever something is random.

import { checkNumber } from "./validate";

export interface Rng {
  /** A number in [0, 1) with 53 random bits. */
  next(): number;
  /** A 32-bit unsigned integer, uniform over [0, 2³²). */
  nextUint32(): number;
  /** A number uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** A normally distributed number (Box–Muller). */
  normal(mean?: number, std?: number): number;
  /** An integer uniform in [0, n). */
  int(n: number): number;
  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T;
  /** A new generator with its own stream, seeded from this one (e.g. one for init, one for batches). */
  fork(): Rng;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** splitmix32: turns a 32-bit state into a well-mixed 32-bit output. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * sfc32's state: four 32-bit words in an Int32Array. The generator's steps are module-level
 * functions of this state (not closures made per generator), so the training loop calls the same
 * function every run and V8's optimised code for it is never thrown away ("wrong call target").
 */
export type RngState = Int32Array;

/** A seed is any safe integer: the rule for functions that check a seed under their own name
 * before calling createRng (mlp, train). */
export const seedRule = {
  integer: true,
  min: -Number.MAX_SAFE_INTEGER,
  max: Number.MAX_SAFE_INTEGER,
};

/** sfc32's state for `seed`: splitmix32 fills the four words, then 15 steps let it forget how
 * similar seeds started. */
export function seedState(seed: number): RngState {
  checkNumber("createRng", "seed", seed, { integer: true }, "Use a whole number such as 1.");
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`createRng: seed must be a safe integer (got ${seed}). Use e.g. 1 or 2024.`);
  }
  // Mix both 32-bit halves of the seed into splitmix32's starting state.
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  let s = (low ^ splitmix32(high)) >>> 0;
  const state = new Int32Array(4);
  for (let i = 0; i < 4; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    state[i] = splitmix32(s) | 0;
  }
  for (let i = 0; i < 15; i++) nextUint32(state);
  return state;
}

/** One sfc32 step: a 32-bit unsigned integer, uniform over [0, 2³²). */
export function nextUint32(state: RngState): number {
  const a = state[0];
  const b = state[1];
  const c = state[2];
  const d = state[3];
  const t = (((a + b) | 0) + d) | 0;
  state[3] = (d + 1) | 0;
  state[0] = b ^ (b >>> 9);
  state[1] = (c + (c << 3)) | 0;
  state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t >>> 0;
}

/** A number in [0, 1) with 53 random bits. */
export function nextDouble(state: RngState): number {
  const hi = nextUint32(state) >>> 5; // 27 bits
  const lo = nextUint32(state) >>> 6; // 26 bits
  return (hi * 67108864 + lo) / TWO_POW_53;
}

/** Shuffles `array` in place (Fisher–Yates) with the generator `state`; returns it. */
export function shuffleInPlace<T extends { length: number; [index: number]: unknown }>(
  array: T,
  state: RngState,
): T {
  for (let i = array.length - 1; i > 0; i--) {
    // j uniform in [0, i]: exact in a double for i + 1 < 2²¹, else from 53 bits
    let j: number;
    if (i < 2097151) {
      // One sfc32 step, nextUint32 written out: the training loop shuffles every epoch, and a
      // uint32 returned by a call V8 did not inline (a value above 2³⁰) is a heap number — an
      // allocation per sample. The same arithmetic, so the same numbers.
      const a = state[0];
      const b = state[1];
      const c = state[2];
      const d = state[3];
      const t = (((a + b) | 0) + d) | 0;
      state[3] = (d + 1) | 0;
      state[0] = b ^ (b >>> 9);
      state[1] = (c + (c << 3)) | 0;
      state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
      j = Math.floor(((t >>> 0) * (i + 1)) / TWO_POW_32);
    } else {
      j = Math.floor(nextDouble(state) * (i + 1));
    }
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/** A seeded generator: `createRng(1)` gives the same sequence everywhere. */
export function createRng(seed: number): Rng {
  const state = seedState(seed);
  const next = (): number => nextDouble(state);
  const rng: Rng = {
    next,
    nextUint32: () => nextUint32(state),
    uniform: (low, high) => low + (high - low) * next(),
    normal(mean = 0, std = 1) {
      const u1 = 1 - next(); // in (0, 1], so the log is finite
      const u2 = next();
      return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    int(n: number): number {
      if (!(Number.isInteger(n) && n >= 1)) {
        throw new Error(`rng.int: n must be a whole number ≥ 1 (got ${n}).`);
      }
      // For n < 2²¹ the product is exact in a double; above that use 53 bits.
      return n < 2097152
        ? Math.floor((nextUint32(state) * n) / TWO_POW_32)
        : Math.floor(next() * n);
    },
    shuffle: (array) => shuffleInPlace(array, state),
    fork: () => createRng(nextUint32(state)),
  };
  return rng;
}
