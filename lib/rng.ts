// The one random number generator of the course. Everything random — initial weights, batch
// shuffling, noisy data sets — comes from here, so the same seed gives bit-identical runs on every
// machine. (Math.random cannot be seeded, so the library never uses it.)
//
// The generator is sfc32 (Chris Doty-Humphrey's "small fast chaotic" 32-bit generator), with its
// state filled from the seed by splitmix32.

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

/** A seeded generator: `createRng(1)` gives the same sequence everywhere. */
export function createRng(seed: number): Rng {
  checkNumber("createRng", "seed", seed, { integer: true }, "Use a whole number such as 1.");
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`createRng: seed must be a safe integer (got ${seed}). Use e.g. 1 or 2024.`);
  }
  // Mix both 32-bit halves of the seed into splitmix32's starting state.
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  let s = (low ^ splitmix32(high)) >>> 0;
  const nextSeedWord = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    return splitmix32(s);
  };
  let a = nextSeedWord() | 0;
  let b = nextSeedWord() | 0;
  let c = nextSeedWord() | 0;
  let d = nextSeedWord() | 0;

  function nextUint32(): number {
    // sfc32 step
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }
  // Let the state forget how similar seeds started.
  for (let i = 0; i < 15; i++) nextUint32();

  function next(): number {
    const hi = nextUint32() >>> 5; // 27 bits
    const lo = nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  function int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1)) {
      throw new Error(`rng.int: n must be a whole number ≥ 1 (got ${n}).`);
    }
    // For n < 2²¹ the product is exact in a double; above that use 53 bits.
    return n < 2097152 ? Math.floor((nextUint32() * n) / TWO_POW_32) : Math.floor(next() * n);
  }

  const rng: Rng = {
    next,
    nextUint32,
    uniform: (low, high) => low + (high - low) * next(),
    normal(mean = 0, std = 1) {
      const u1 = 1 - next(); // in (0, 1], so the log is finite
      const u2 = next();
      return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    int,
    shuffle(array) {
      for (let i = array.length - 1; i > 0; i--) {
        // j = int(i + 1), without int's argument check (this runs once per sample per epoch)
        const j =
          i < 2097151
            ? Math.floor((nextUint32() * (i + 1)) / TWO_POW_32)
            : Math.floor(next() * (i + 1));
        const t = array[i];
        array[i] = array[j];
        array[j] = t;
      }
      return array;
    },
    fork: () => createRng(nextUint32()),
  };
  return rng;
}
