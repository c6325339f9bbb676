// The sequence data sets of notebook 06 (lib/rnn/sequences.ts) hold the formulas data/README.md
// gives, and the same seed gives the same numbers.
import { describe, expect, it } from "vitest";
import {
  charData,
  corpusText,
  echoData,
  firstSymbolData,
  forecastData,
  fromBits,
  naiveForecast,
  noisySine,
  priceSeries,
  subtractionData,
  toBits,
} from "../../lib";

describe("sequence data sets", () => {
  it("echo: y_t = x_{t−1}, y_1 = 0, bits about half ones", () => {
    const { X, Y, targets } = echoData({ n: 50, T: 6 });
    expect(targets).toBe("every");
    expect(X).toHaveLength(6);
    for (let i = 0; i < 50; i++) {
      expect(Y[0].data[i]).toBe(0);
      for (let t = 1; t < 6; t++) expect(Y[t].data[i]).toBe(X[t - 1].data[i]);
    }
    const ones = X.flatMap((M) => Array.from(M.data)).filter((v) => v === 1).length;
    expect(ones / 300).toBeGreaterThan(0.4);
    expect(ones / 300).toBeLessThan(0.6);
    expect(echoData({ n: 50, T: 6 }).X[3].data).toEqual(X[3].data);
  });

  it("subtraction: every pair once, bits least-significant first, (a − b) mod 16", () => {
    expect(toBits(6)).toEqual([0, 1, 1, 0]);
    expect(fromBits([0.9, 0.2, 0.7, 0.1])).toBe(5);
    const sub = subtractionData();
    const pairs = [...sub.trainPairs, ...sub.testPairs].map((p) => p.a * 16 + p.b);
    expect(new Set(pairs).size).toBe(256);
    expect(sub.testPairs).toHaveLength(64);
    sub.trainPairs.forEach(({ a, b }, i) => {
      expect(sub.train.X.map((M) => M.data[2 * i])).toEqual(toBits(a));
      expect(sub.train.X.map((M) => M.data[2 * i + 1])).toEqual(toBits(b));
      expect(fromBits(sub.train.Y.map((M) => M.data[i]))).toBe((a - b + 16) % 16);
    });
  });

  it("price: geometric Brownian motion from 100 with a 20-day season; sine: period 25, noise 0.1", () => {
    const p = priceSeries();
    expect(p).toHaveLength(600);
    expect(p[0]).toBe(100);
    const r = p.slice(1).map((v, t) => Math.log(v / p[t]));
    const season = (t: number): number =>
      0.05 * (Math.sin((2 * Math.PI * t) / 20) - Math.sin((2 * Math.PI * (t - 1)) / 20));
    const noise = r.map((v, k) => v - 0.0003 - season(k + 1)); // σ·ε_t
    const mean = noise.reduce((s, v) => s + v, 0) / noise.length;
    const sd = Math.sqrt(noise.reduce((s, v) => s + (v - mean) ** 2, 0) / noise.length);
    expect(sd).toBeGreaterThan(0.009);
    expect(sd).toBeLessThan(0.011);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    const s = noisySine();
    const residual = s.map((v, t) => v - Math.sin((2 * Math.PI * t) / 25));
    const rsd = Math.sqrt(residual.reduce((a, v) => a + v * v, 0) / residual.length);
    expect(rsd).toBeGreaterThan(0.09);
    expect(rsd).toBeLessThan(0.11);
    expect(priceSeries()).toEqual(p);
  });

  it("forecast windows: split in time, scaled by the training part, the naive forecast is the last value", () => {
    const series = Array.from({ length: 40 }, (_, t) => t * t);
    const f = forecastData(series, { window: 5, trainFraction: 0.75 });
    expect(f.testStart).toBe(30);
    expect(f.train.X).toHaveLength(5);
    expect(f.train.X[0].rows).toBe(25); // windows predicting 5 … 29
    expect(f.test.X[0].rows).toBe(10); // predicting 30 … 39
    const head = series.slice(0, 30);
    const mean = head.reduce((s, v) => s + v, 0) / 30;
    expect(f.mean).toBeCloseTo(mean, 12);
    expect(f.test.Y[0].data[0] * f.std + f.mean).toBeCloseTo(900, 9);
    expect(naiveForecast(f.test).data[0] * f.std + f.mean).toBeCloseTo(841, 9);
    expect(() => forecastData([1, 2, 3], { window: 5 })).toThrow(/too short for windows of 5/);
  });

  it("characters: one-hot, targets shifted by one; first symbol: A or B then noise", () => {
    const text = corpusText();
    expect([...new Set(text)].every((c) => /[a-z ,.\n]/.test(c))).toBe(true);
    const { data, vocab } = charData("abcabcab", 3);
    expect(vocab).toBe("abc");
    expect(data.X[0].rows).toBe(2);
    expect(Array.from(data.X[1].data.slice(0, 3))).toEqual([0, 1, 0]); // "b"
    expect(Array.from(data.Y[0].data.slice(0, 3))).toEqual([0, 1, 0]); // the next is "b"
    const long = firstSymbolData({ n: 4, T: 5 });
    expect(long.targets).toBe("last");
    expect(Array.from(long.X[0].data.slice(0, 6))).toEqual([1, 0, 0, 0, 0, 0]);
    expect(Array.from(long.X[0].data.slice(6, 12))).toEqual([0, 1, 0, 0, 0, 0]);
    expect(Array.from(long.Y[0].data)).toEqual([1, 0, 1, 0]);
    expect(long.X[2].data[0]).toBe(0);
    expect(long.X[2].data[1]).toBe(0);
    expect(long.X[2].data[2]).not.toBe(0);
  });
});
