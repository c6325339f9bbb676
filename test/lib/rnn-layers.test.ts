// LSTM and GRU from tfjs layers (lib/rnn/tfjs-layers.ts), trained by the same call as the
// hand-written RNN: the same result shape and loss numbers, seeded and repeatable, the given net
// left as it was, decay and clipping applied, no tensors left behind, and clear errors.
import { describe, expect, it } from "vitest";
import {
  echoData,
  evaluateRecurrent,
  evaluateRnn,
  layersRnn,
  predictRecurrent,
  rnn,
  trainRecurrent,
  trainRnn,
} from "../../lib";
import { tfjs } from "../../lib/backend";
import { measureOutputs } from "../../lib/rnn/train-rnn";

const echo = echoData({ n: 40, T: 6 });
const settings = {
  eta: 0.02,
  batchSize: 10,
  maxEpoch: 12,
  checkEvery: 4,
  optimizer: "adam",
} as const;

describe("trainRecurrent", () => {
  it("trains an LSTM with the hand-written RNN's options and result shape, the same run every time", async () => {
    const net = layersRnn("lstm", [1, 8, 1], { output: "sigmoid", targets: "every", seed: 4 });
    const before = net.model.getWeights().map((w) => Array.from(w.dataSync()));
    const a = await trainRecurrent(net, echo, settings);
    const b = await trainRecurrent(net, echo, settings);
    const plain = trainRnn(rnn([1, 8, 1], { output: "sigmoid" }), echo, settings);
    expect(Object.keys(a).sort()).toEqual(Object.keys(plain).sort());
    expect(Object.keys(a.final).sort()).toEqual(Object.keys(plain.final).sort());
    expect(a.history.map((c) => c.epoch)).toEqual([0, 4, 8, 12]);
    expect(a.iterations).toBe(48);
    expect(a.backend.name).toBe("tfjs-wasm");
    expect(a.history.map((c) => c.trainLoss)).toEqual(b.history.map((c) => c.trainLoss));
    expect(a.final.trainLoss).toBeLessThan(a.history[0].trainLoss);
    expect(net.model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    // the same numbers as the lib's own loss and accuracy of the net's outputs
    const again = measureOutputs(a.net, predictRecurrent(a.net, echo.X), echo.Y);
    expect(a.final.trainLoss).toBeCloseTo(again.loss, 5);
    expect(evaluateRecurrent(a.net, echo)).toEqual(again);
    // and the hand-written RNN through the same call is trainRnn
    const viaSameCall = await trainRecurrent(rnn([1, 8, 1], { output: "sigmoid" }), echo, settings);
    expect(viaSameCall.history.map((c) => c.trainLoss)).toEqual(
      plain.history.map((c) => c.trainLoss),
    );
    expect(evaluateRecurrent(plain.net, echo)).toEqual(evaluateRnn(plain.net, echo));
  });

  it("applies decay (SGD included) and clipping, and leaves no tensors behind", async () => {
    const tf = tfjs();
    const net = layersRnn("gru", [1, 6, 1], { output: "sigmoid", targets: "every" });
    await trainRecurrent(net, echo, { ...settings, maxEpoch: 1 }); // backend started
    const tensors = tf.memory().numTensors;
    const sgd = { eta: 0.5, batchSize: 10, maxEpoch: 4, checkEvery: 2, optimizer: "sgd" } as const;
    const fixed = await trainRecurrent(net, echo, sgd);
    const decayed = await trainRecurrent(net, echo, { ...sgd, decay: { rate: 0.01, steps: 4 } });
    expect(decayed.history[1].eta).toBeCloseTo(0.5 * 0.01 ** 2, 12);
    expect(decayed.final.trainLoss).not.toBe(fixed.final.trainLoss);
    const clipped = await trainRecurrent(net, echo, { ...sgd, clip: 1e-3 });
    // every step moved the weights by at most η·0.001: hardly any change from the start
    expect(Math.abs(clipped.final.trainLoss - clipped.history[0].trainLoss)).toBeLessThan(0.01);
    expect(clipped.history[1].gradientNorm.max).toBeGreaterThan(1e-3);
    // the trained copies' weights are the only tensors added
    const weights = (r: { net: { model: { getWeights(): unknown[] } } }): number =>
      r.net.model.getWeights().length;
    expect(tf.memory().numTensors - tensors).toBe(
      weights(fixed) + weights(decayed) + weights(clipped),
    );
  });

  it("names the problem and the fix", async () => {
    const net = layersRnn("lstm", [1, 4, 1], { targets: "last" });
    await expect(trainRecurrent(net, echo, settings)).rejects.toThrow(
      /reads targets 'last' but the data has 'every': make the net with layersRnn\(…, \{ targets: 'every' \}\)/,
    );
    const every = layersRnn("lstm", [1, 4, 1]);
    await expect(trainRecurrent(every, echo, { ...settings, truncate: 3 })).rejects.toThrow(
      /truncate is for the hand-written RNN/,
    );
    await expect(
      trainRecurrent(every, echo, { ...settings, backend: "tfjs-webgl" as never }),
    ).rejects.toThrow(/backend must be 'tfjs-cpu' or 'tfjs-wasm'/);
    await expect(
      trainRecurrent(every, echo, { ...settings, optimizer: { name: "adam", beta: 0.9 } as never }),
    ).rejects.toThrow(/optimizer 'adam'.*beta/);
    expect(() => layersRnn("lstmm" as never, [1, 4, 1])).toThrow(
      /cell must be 'lstm', 'gru' or 'simpleRNN'/,
    );
  });
});
