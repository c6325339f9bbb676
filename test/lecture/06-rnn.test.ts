// The numbers notebooks/06-rnn.ipynb states in its text, computed with lib/ exactly as the
// notebook computes them (seeded runs: the same numbers every time). The long-range table's
// LSTM and GRU columns (tfjs, half a minute) are read from the executed notebook instead, in
// test/notebooks/notebooks.test.ts, so that they train once per suite.
import { describe, expect, it } from "vitest";
import {
  charData,
  corpusText,
  echoData,
  evaluateRnn,
  firstSymbolData,
  forecastData,
  fromBits,
  meanSquaredError,
  naiveForecast,
  noisySine,
  priceSeries,
  rnn,
  rnnForward,
  rnnPredict,
  stateGradientNorms,
  subtractionData,
  trainRnn,
} from "../../lib";
import { forecastSettings } from "../../solutions/06-rnn";

describe("06 · echo", () => {
  it("learns every bit, one unit holds x_{t−1}, and one W entry carries it there", () => {
    const echo = echoData({ n: 200, T: 10 });
    const run = trainRnn(rnn([1, 2, 1], { output: "sigmoid" }), echo, {
      eta: 0.5,
      batchSize: 10,
      maxEpoch: 200,
      checkEvery: 10,
    });
    expect(run.final.trainAccuracy).toBe(1);
    const S = rnnForward(run.net, echo.X).S;
    const corr = (j: number, lag: number): number => {
      const a: number[] = [];
      const b: number[] = [];
      for (let t = 2; t <= 10; t++) {
        for (let i = 0; i < 200; i++) {
          a.push(S[t].data[i * 2 + j]);
          b.push(echo.X[t - 1 - lag].data[i]);
        }
      }
      const m = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
      const [ma, mb] = [m(a), m(b)];
      let ab = 0;
      let aa = 0;
      let bb = 0;
      a.forEach((v, i) => {
        ab += (v - ma) * (b[i] - mb);
        aa += (v - ma) ** 2;
        bb += (b[i] - mb) ** 2;
      });
      return ab / Math.sqrt(aa * bb);
    };
    const memory = corr(0, 1) > corr(1, 1) ? 0 : 1;
    const reader = 1 - memory;
    expect(corr(memory, 1)).toBeGreaterThan(0.99);
    expect(corr(reader, 0)).toBeGreaterThan(0.8);
    const W = Array.from(run.net.W.data, Math.abs);
    expect(Math.max(...W)).toBe(W[reader * 2 + memory]); // "a large entry of W moves" it
    expect(Math.abs(run.net.V.data[memory])).toBeGreaterThan(Math.abs(run.net.V.data[reader]));
  });
});

describe("06 · forgetting and clipping", () => {
  it("the error shrinks ~150× in 10 steps and ~10⁹× in 39; W × 0.5: ~10⁵× in 10; W × 3 grows ~1,500×", () => {
    const probe = firstSymbolData({ n: 64, T: 40 });
    const norms = (scale: number): number[] => {
      const net = rnn([6, 16, 1], { output: "sigmoid", seed: 7 });
      net.W.data.forEach((w, i) => (net.W.data[i] = w * scale));
      return stateGradientNorms(net, probe);
    };
    const one = norms(1);
    expect(one[0] / one[10]).toBeGreaterThan(100);
    expect(one[0] / one[10]).toBeLessThan(200);
    expect(Math.log10(one[0] / one[39])).toBeCloseTo(9, 0);
    const half = norms(0.5);
    expect(Math.log10(half[0] / half[10])).toBeCloseTo(5, 0);
    const triple = norms(3);
    expect(triple[39] / triple[0]).toBeGreaterThan(1000);
    expect(triple[39] / triple[0]).toBeLessThan(2000);
  });

  it("the relu net with W × 2 diverges in epoch 1; clipped at 1 it trains, after gradients in the hundreds", () => {
    const sine25 = forecastData(noisySine(), { window: 25 });
    const wild = rnn([1, 16, 1], { state: "relu", seed: 3 });
    wild.W.data.forEach((w, i) => (wild.W.data[i] = 2 * w));
    const settings = { eta: 0.05, batchSize: 10, maxEpoch: 30, checkEvery: 2 };
    expect(trainRnn(wild, sine25.train, settings).reason).toMatch(/^diverged at epoch 1:/);
    const clipped = trainRnn(wild, sine25.train, { ...settings, clip: 1 });
    expect(clipped.status).toBe("maxEpoch");
    expect(Math.max(...clipped.history.map((c) => c.gradientNorm.max))).toBeGreaterThan(100);
    expect(clipped.final.trainLoss).toBeLessThan(0.05);
  });
});

describe("06 · subtraction, forecasting, characters, long range", () => {
  it("subtraction: every bit and all 64 test answers right after 40 epochs", () => {
    const sub = subtractionData();
    expect(sub.testPairs).toHaveLength(64);
    const run = trainRnn(rnn([2, 8, 1], { output: "sigmoid" }), sub.train, {
      eta: 0.01,
      batchSize: 8,
      maxEpoch: 40,
      checkEvery: 2,
      optimizer: "adam",
      validation: sub.test,
    });
    expect(run.final.validationAccuracy).toBe(1);
    const O = rnnPredict(run.net, sub.test.X);
    const right = sub.testPairs.filter(
      (p, i) => fromBits(O.map((M) => M.data[i])) === (p.a - p.b + 16) % 16,
    );
    expect(right).toHaveLength(64);
  });

  it("forecasting: the sine RNN errs ~0.31 of the naive forecast, the price RNN less than naive", () => {
    const ratio = (series: number[]): number => {
      const f = forecastData(series, { window: 10 });
      const run = trainRnn(rnn([1, 16, 1]), f.train, {
        eta: 0.01,
        batchSize: 16,
        maxEpoch: 60,
        checkEvery: 10,
        optimizer: "adam",
      });
      const mse = meanSquaredError(rnnPredict(run.net, f.test.X, "last")[0], f.test.Y[0]);
      return mse / meanSquaredError(naiveForecast(f.test), f.test.Y[0]);
    };
    expect(ratio(noisySine())).toBeCloseTo(0.31, 1);
    const price = ratio(priceSeries());
    expect(price).toBeLessThan(0.8);
    expect(price).toBeGreaterThan(0.5);
    expect(forecastSettings.window).toBe(10); // the solution is the notebook's own settings
  });

  it("the corpus: 3.2 kB, 27 characters, 129 chunks of 25", () => {
    const text = corpusText();
    expect(text.length).toBeGreaterThan(3100);
    expect(text.length).toBeLessThan(3300);
    const chars = charData(text, 25);
    expect(chars.vocab).toHaveLength(27);
    expect(chars.data.X[0].rows).toBe(129);
  });

  it("long range: the plain RNN solves T = 5, two of three seeds T = 15, none T = 30", () => {
    const budget = {
      eta: 0.01,
      batchSize: 32,
      maxEpoch: 20,
      checkEvery: 5,
      optimizer: "adam" as const,
    };
    const accuracies = (T: number): number[] => {
      const data = firstSymbolData({ n: 256, T, seed: 15 });
      const test = firstSymbolData({ n: 256, T, seed: 16 });
      return [1, 2, 3].map(
        (seed) =>
          evaluateRnn(
            trainRnn(rnn([6, 16, 1], { output: "sigmoid", seed }), data, budget).net,
            test,
          ).accuracy,
      );
    };
    expect(accuracies(5)).toEqual([1, 1, 1]);
    expect(accuracies(15).filter((a) => a > 0.95)).toHaveLength(2);
    for (const a of accuracies(30)) expect(a).toBeLessThan(0.6);
  });
});
