// The digits' CNN from tfjs layers (lib/digits/cnn.ts): trained by the tfjs recurrent nets' loop
// with the same result shape, seeded and repeatable, probabilities out, a clear error on tfjs-wasm
// (which cannot train a convolution in tfjs 4.22). Tiny on purpose: tfjs-cpu's convolution is
// slow (two epochs over 8,000 digits with 8 kernels took 508 s here).
import { describe, expect, it } from "vitest";
import {
  echoData,
  evaluateCnn,
  layersCnn,
  loadDigits,
  predictCnn,
  rnn,
  trainCnn,
  trainRnn,
} from "../../lib";

describe("trainCnn", () => {
  const digits = loadDigits({ train: 200 });
  const settings = { eta: 0.01, batchSize: 20, maxEpoch: 2, optimizer: "adam" } as const;

  it("trains a copy of the CNN with train's result shape, the same numbers every time", async () => {
    const net = layersCnn({ filters: 2, seed: 3 });
    const a = await trainCnn(net, digits.train, settings);
    const b = await trainCnn(net, digits.train, settings);
    const shape = trainRnn(rnn([1, 2, 1]), echoData({ n: 10, T: 3 }), {
      ...settings,
      batchSize: 5,
    });
    expect(Object.keys(a).sort()).toEqual(Object.keys(shape).sort());
    expect(a.history.map((c) => c.trainLoss)).toEqual(b.history.map((c) => c.trainLoss));
    expect(a.final.trainLoss).toBeLessThan(a.history[0].trainLoss);
    expect(a.backend.name).toBe("tfjs-cpu");
    expect(a.iterations).toBe(20);
    const P = predictCnn(a.net, digits.test.X);
    expect([P.rows, P.cols]).toEqual([2000, 10]);
    expect(P.data.slice(0, 10).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    expect(evaluateCnn(a.net, digits.train).loss).toBeCloseTo(a.final.trainLoss, 5);
    // the net given is unchanged: its loss is the first check's
    expect(evaluateCnn(net, digits.train).loss).toBeCloseTo(a.history[0].trainLoss, 5);
  });

  it("names the problem and the fix", async () => {
    const net = layersCnn({ filters: 1 });
    await expect(
      trainCnn(net, digits.train, { ...settings, backend: "tfjs-wasm" }),
    ).rejects.toThrow(/tfjs-wasm cannot train a convolution .* leave out backend \(tfjs-cpu\)/);
    await expect(trainCnn(net, { X: digits.train.Y, Y: digits.train.Y }, settings)).rejects.toThrow(
      /X n×784 and one-hot Y n×10/,
    );
    expect(() => layersCnn({ kernel: 40 })).toThrow(/kernel must be ≤ 28/);
  });
});
