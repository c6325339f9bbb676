// The digits' CNN from tfjs layers (lib/digits/cnn.ts): trained by the tfjs recurrent nets' loop
// with the same result shape, seeded and repeatable, probabilities out; on tfjs-wasm through the
// kernel gradient lib/tfjs/wasm-conv-filter.ts adds, with tfjs-cpu's numbers.
import { describe, expect, it } from "vitest";
import * as tfTypes from "@tensorflow/tfjs";
import { startBackend, tfjs } from "../../lib/backend";
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
    expect(a.backend.name).toBe("tfjs-wasm");
    expect(a.iterations).toBe(20);
    const P = predictCnn(a.net, digits.test.X);
    expect([P.rows, P.cols]).toEqual([2000, 10]);
    expect(P.data.slice(0, 10).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    expect(evaluateCnn(a.net, digits.train).loss).toBeCloseTo(a.final.trainLoss, 5);
    // the net given is unchanged: its loss is the first check's
    expect(evaluateCnn(net, digits.train).loss).toBeCloseTo(a.history[0].trainLoss, 5);
  });

  it("trains to tfjs-cpu's numbers on tfjs-wasm (float32: within 1e-5)", async () => {
    const net = layersCnn({ filters: 2, seed: 3 });
    const wasm = await trainCnn(net, digits.train, settings);
    const cpu = await trainCnn(net, digits.train, { ...settings, backend: "tfjs-cpu" });
    expect(cpu.backend.name).toBe("tfjs-cpu");
    wasm.history.forEach((check, i) => {
      expect(check.trainLoss).toBeCloseTo(cpu.history[i].trainLoss, 5);
      expect(check.trainAccuracy).toBe(cpu.history[i].trainAccuracy);
    });
  });

  it("names the problem and the fix", async () => {
    const net = layersCnn({ filters: 1 });
    await expect(
      trainCnn(net, digits.train, { ...settings, backend: "plain" as "tfjs-cpu" }),
    ).rejects.toThrow(/backend must be 'tfjs-wasm' \(the default\) or 'tfjs-cpu' \(got 'plain'\)/);
    await expect(trainCnn(net, { X: digits.train.Y, Y: digits.train.Y }, settings)).rejects.toThrow(
      /X n×784 and one-hot Y n×10/,
    );
    expect(() => layersCnn({ kernel: 40 })).toThrow(/kernel must be ≤ 28/);
  });
});

describe("the convolution's kernel gradient on tfjs-wasm (lib/tfjs/wasm-conv-filter.ts)", () => {
  // x: 3 images 11×10 with 2 channels; kernels 4×3 to 3 channels; every output position's
  // gradient random: ∂(Σ dy·conv(x, K))/∂K is Conv2DBackpropFilter(x, dy)
  async function filterGradient(
    backend: "tfjs-cpu" | "tfjs-wasm",
    stride: number,
  ): Promise<{ values: number[]; shape: number[]; leaked: number }> {
    await startBackend(backend);
    const tf = tfjs() as unknown as typeof tfTypes;
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([3, 11, 10, 2], 0, 1, "float32", 1) as tfTypes.Tensor4D;
    const K0 = tf.zeros([4, 3, 2, 3]) as tfTypes.Tensor4D;
    const out = tf.conv2d(x, K0, stride, "valid");
    const dy = tf.randomNormal(out.shape, 0, 1, "float32", 2);
    const dK = tf.grad((K) =>
      tf.sum(tf.mul(tf.conv2d(x, K as tfTypes.Tensor4D, stride, "valid"), dy)),
    )(K0);
    const result = { values: Array.from(dK.dataSync()), shape: dK.shape };
    tf.dispose([x, K0, out, dy, dK]);
    return { ...result, leaked: tf.memory().numTensors - before };
  }

  it.each([1, 2, 3])("equals tfjs-cpu's at stride %i, and leaves no tensor behind", async (s) => {
    const cpu = await filterGradient("tfjs-cpu", s);
    const wasm = await filterGradient("tfjs-wasm", s);
    expect(wasm.shape).toEqual([4, 3, 2, 3]);
    expect(wasm.leaked).toBe(0);
    const scale = Math.max(...cpu.values.map(Math.abs));
    wasm.values.forEach((v, i) => expect(Math.abs(v - cpu.values[i])).toBeLessThan(1e-5 * scale));
  });
});
