import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../lib";

/** sfc32 seeded through splitmix32, written independently from lib/rng.ts (BigInt arithmetic),
 * from the algorithm's published description. */
function referenceUint32s(seed: number, count: number): number[] {
  const M = 0xffffffffn;
  const mix = (state: bigint): bigint => {
    let z = (state + 0x9e3779b9n) & M;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M;
    return (z ^ (z >> 16n)) & M;
  };
  const low = BigInt(seed >>> 0);
  const high = BigInt(Math.floor(seed / 2 ** 32) >>> 0);
  let s = (low ^ mix(high)) & M;
  const words: bigint[] = [];
  for (let i = 0; i < 4; i++) {
    s = (s + 0x9e3779b9n) & M;
    words.push(mix(s));
  }
  let [a, b, c, d] = words;
  const step = (): bigint => {
    const t = (a + b + d) & M;
    d = (d + 1n) & M;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M;
    c = ((c << 21n) | (c >> 11n)) & M;
    c = (c + t) & M;
    return t;
  };
  for (let i = 0; i < 15; i++) step();
  return Array.from({ length: count }, () => Number(step()));
}

describe("createRng", () => {
  it("is sfc32 seeded by splitmix32, as documented", () => {
    for (const seed of [0, 1, 42, 2 ** 32 + 5, -7]) {
      const rng = createRng(seed);
      expect(Array.from({ length: 20 }, () => rng.nextUint32())).toEqual(
        referenceUint32s(seed, 20),
      );
    }
  });

  it("gives the same sequence for the same seed and different ones for different seeds", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        const c = createRng(seed + 1);
        const xs = Array.from({ length: 8 }, () => a.next());
        expect(Array.from({ length: 8 }, () => b.next())).toEqual(xs);
        expect(Array.from({ length: 8 }, () => c.next())).not.toEqual(xs);
      }),
      { numRuns: 50 },
    );
  });

  it("next() is in [0, 1) with 53 random bits and a uniform mean", () => {
    const rng = createRng(3);
    let sum = 0;
    let oddLowBit = 0;
    let outside = 0;
    for (let i = 0; i < 20000; i++) {
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
      if (Math.floor(x * 2 ** 53) % 2 === 1) oddLowBit++;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
    expect(oddLowBit / 20000).toBeGreaterThan(0.45); // the 53rd bit is used, not always 0
  });

  it("uniform, int and normal have the right ranges and moments", () => {
    const rng = createRng(11);
    const n = 20000;
    const us = Array.from({ length: n }, () => rng.uniform(-3, 5));
    expect(Math.min(...us)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...us)).toBeLessThan(5);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[rng.int(5)]++;
    for (const c of counts) expect(Math.abs(c / n - 0.2)).toBeLessThan(0.02);
    const zs = Array.from({ length: n }, () => rng.normal(2, 3));
    const mean = zs.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(zs.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(Math.abs(mean - 2)).toBeLessThan(0.1);
    expect(Math.abs(std - 3)).toBeLessThan(0.1);
    expect(zs.every(Number.isFinite)).toBe(true);
  });

  it("shuffle is a permutation, seeded, and visits every order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 40 }), (seed, n) => {
        const a = createRng(seed).shuffle(Array.from({ length: n }, (_, i) => i));
        expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
        const b = createRng(seed).shuffle(Int32Array.from({ length: n }, (_, i) => i));
        expect(Array.from(b)).toEqual(a);
      }),
      { numRuns: 50 },
    );
    const rng = createRng(5);
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) seen.add(rng.shuffle([0, 1, 2]).join(""));
    expect(seen.size).toBe(6);
  });

  it("fork gives an independent, reproducible stream", () => {
    const a = createRng(9);
    const child = a.fork();
    const childValues = Array.from({ length: 5 }, () => child.next());
    const parentValues = Array.from({ length: 5 }, () => a.next());
    expect(childValues).not.toEqual(parentValues);
    const again = createRng(9).fork();
    expect(Array.from({ length: 5 }, () => again.next())).toEqual(childValues);
  });

  it("rejects seeds and n that are not whole numbers", () => {
    expect(() => createRng(1.5)).toThrow(/seed must be a whole number/);
    expect(() => createRng(NaN)).toThrow(/seed must be a finite number/);
    expect(() => createRng(2 ** 60)).toThrow(/safe integer/);
    expect(() => createRng(1).int(0)).toThrow(/n must be a whole number ≥ 1/);
  });
});
