import { describe, expect, it } from "vitest";
import {
  backward,
  type Check,
  column,
  copyNetwork,
  createOptimizer,
  createRng,
  type DataSet,
  decayedEta,
  evaluate,
  forward,
  fromRows,
  loadDataSet,
  mlp,
  type Network,
  sliceRows,
  train,
  trainAsync,
  type TrainOptions,
  xorData,
} from "../../lib";
import { randomMatrix, sameBits } from "./helpers";

const sine = loadDataSet("sine");
const sameNet = (a: Network, b: Network): boolean =>
  a.W.every((W, l) => sameBits(W.data, b.W[l].data) && sameBits(a.B[l].data, b.B[l].data));

describe("train", () => {
  it("never changes the network it is given, and returns a copy of it as `initial`", () => {
    const net = mlp([1, 3, 1]);
    const before = copyNetwork(net);
    const result = train(net, sine.train, { eta: 0.5, batchSize: 10, maxEpoch: 3 });
    expect(sameNet(net, before)).toBe(true);
    expect(sameNet(result.initial, before)).toBe(true);
    expect(result.initial).not.toBe(net);
    expect(sameNet(result.net, before)).toBe(false);
  });

  it("is bit-identical run to run for the same seed (weights and every history value)", () => {
    const options: TrainOptions = {
      eta: 0.3,
      batchSize: 7,
      maxEpoch: 40,
      checkEvery: 5,
      optimizer: "adam",
      l2: 0.01,
    };
    const a = train(mlp([1, 4, 1]), sine.train, options);
    const b = train(mlp([1, 4, 1]), sine.train, options);
    expect(sameNet(a.net, b.net)).toBe(true);
    expect(a.history.length).toBe(8);
    const values = (h: Check[]) => new Float64Array(h.flatMap((c) => Object.values(c) as number[]));
    expect(sameBits(values(a.history), values(b.history))).toBe(true);
    expect({ ...a, timings: null }).toEqual({ ...b, timings: null });
    const c = train(mlp([1, 4, 1]), sine.train, { ...options, seed: 2 });
    expect(sameNet(a.net, c.net)).toBe(false); // another shuffling seed: another run
  });

  it("trainAsync gives the same result as train and lets the event loop run at every check", async () => {
    const options: TrainOptions = { eta: 0.5, batchSize: 10, maxEpoch: 20, checkEvery: 2 };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    let checksSeenByCallback = 0;
    const promise = trainAsync(mlp([1, 4, 1]), sine.train, {
      ...options,
      onCheck: () => checksSeenByCallback++,
    });
    const a = await promise;
    clearInterval(timer);
    const b = train(mlp([1, 4, 1]), sine.train, options);
    expect(sameNet(a.net, b.net)).toBe(true);
    expect(a.history).toEqual(b.history);
    expect(checksSeenByCallback).toBe(10);
    expect(ticks).toBeGreaterThan(0);
  });

  it("does exactly what the lecture's loop does: shuffle, mini-batches (a smaller last one), forward, backward, step", () => {
    const rng = createRng(3);
    const data: DataSet = { X: randomMatrix(rng, 23, 2), Y: randomMatrix(rng, 23, 1) };
    const net = mlp([2, 3, 1], { seed: 5 });
    const [eta, batchSize, seed] = [0.4, 5, 9];
    const result = train(net, data, {
      eta,
      batchSize,
      maxEpoch: 3,
      validation: 0,
      seed,
      optimizer: "momentum",
    });
    // the same by hand, from the library's own pieces
    const mine = copyNetwork(net);
    const optimizer = createOptimizer("momentum", mine);
    const shuffler = createRng(seed);
    const order = Array.from({ length: 23 }, (_, i) => i);
    const rows = (M: typeof data.X, idx: number[]) =>
      fromRows(idx.map((i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols))));
    for (let epoch = 0; epoch < 3; epoch++) {
      shuffler.shuffle(order);
      for (let start = 0; start < 23; start += batchSize) {
        const idx = order.slice(start, start + batchSize); // the last batch has 3 samples
        const X = rows(data.X, idx);
        const grads = backward(mine, forward(mine, X), rows(data.Y, idx));
        optimizer.step(mine, grads, eta);
      }
    }
    expect(sameNet(result.net, mine)).toBe(true);
    expect(result.iterations).toBe(3 * 5);
  });

  it("holds out the first 10% of the training set for validation by default", () => {
    const result = train(mlp([1, 4, 1]), sine.train, { eta: 0.5, batchSize: 10, maxEpoch: 2 });
    expect(result.options.validationSamples).toBe(50);
    expect(result.options.trainSamples).toBe(450);
    const validation = { X: sliceRows(sine.train.X, 0, 50), Y: sliceRows(sine.train.Y, 0, 50) };
    const rest = { X: sliceRows(sine.train.X, 50, 500), Y: sliceRows(sine.train.Y, 50, 500) };
    expect(result.final.validationLoss).toBe(evaluate(result.net, validation).loss);
    expect(result.final.validationAccuracy).toBe(evaluate(result.net, validation).accuracy);
    expect(result.final.trainLoss).toBe(evaluate(result.net, rest).loss);
    // below 20 samples a tenth would be a single sample (no R²): no split unless asked for
    const few = (n: number): DataSet => ({
      X: sliceRows(sine.train.X, 0, n),
      Y: sliceRows(sine.train.Y, 0, n),
    });
    const options = { eta: 0.5, batchSize: 2, maxEpoch: 1 };
    expect(train(mlp([1, 2, 1]), few(19), options).options.validationSamples).toBe(0);
    expect(train(mlp([1, 2, 1]), few(20), options).options.validationSamples).toBe(2);
    // a separate validation set, or none
    const separate = train(mlp([1, 4, 1]), sine.train, {
      eta: 0.5,
      batchSize: 10,
      maxEpoch: 1,
      validation: sine.test,
    });
    expect(separate.options.trainSamples).toBe(500);
    expect(separate.final.validationLoss).toBe(evaluate(separate.net, sine.test).loss);
    const none = train(mlp([1, 4, 1]), sine.train, {
      eta: 0.5,
      batchSize: 10,
      maxEpoch: 1,
      validation: 0,
    });
    expect(none.final.validationLoss).toBeNull();
    expect(none.final.validationAccuracy).toBeNull();
  });

  it("checks every checkEvery epochs and at the last epoch, reporting progress", () => {
    const seen: number[] = [];
    const result = train(mlp([1, 2, 1]), sine.train, {
      eta: 0.5,
      batchSize: 50,
      maxEpoch: 23,
      checkEvery: 5,
      onCheck: (check, progress) => {
        seen.push(check.epoch);
        expect(progress.maxEpoch).toBe(23);
        expect(progress.epoch).toBe(check.epoch);
        expect(progress.net.sizes).toEqual([1, 2, 1]);
      },
    });
    expect(result.history.map((c) => c.epoch)).toEqual([5, 10, 15, 20, 23]);
    expect(seen).toEqual([5, 10, 15, 20, 23]);
    expect(result.history.map((c) => c.iteration)).toEqual([45, 90, 135, 180, 207]); // 450 samples / 50
    expect(result.status).toBe("maxEpoch");
    expect(result.epochs).toBe(23);
    expect(result.final).toBe(result.history[4]);
    expect(result.reason).toMatch(/reached maxEpoch 23/);
    expect(result.timings.ms).toBeGreaterThan(0);
  });

  it("stops as converged at the first check where the validation loss is ≤ eps", () => {
    const eps = 0.01;
    const result = train(mlp([1, 4, 1]), sine.train, {
      eta: 0.5,
      batchSize: 10,
      maxEpoch: 5000,
      eps,
      checkEvery: 10,
    });
    expect(result.status).toBe("converged");
    expect(result.epochs).toBeLessThan(5000);
    expect(result.epochs % 10).toBe(0);
    expect(result.final.validationLoss).toBeLessThanOrEqual(eps);
    expect(result.history.slice(0, -1).every((c) => (c.validationLoss as number) > eps)).toBe(true);
    expect(result.reason).toMatch(/validation loss .* ≤ eps 0.01 at epoch/);
    // without a validation set the training loss decides
    const noValidation = train(mlp([1, 4, 1]), sine.train, {
      eta: 0.5,
      batchSize: 10,
      maxEpoch: 5000,
      eps,
      validation: 0,
    });
    expect(noValidation.status).toBe("converged");
    expect(noValidation.final.trainLoss).toBeLessThanOrEqual(eps);
    expect(noValidation.reason).toMatch(/training loss/);
  });

  it("detects divergence (NaN/Inf) and records the epoch where it was seen", () => {
    const result = train(mlp([1, 4, 1]), sine.train, {
      eta: 50,
      batchSize: 10,
      maxEpoch: 1000,
      checkEvery: 50,
    });
    expect(result.status).toBe("diverged");
    expect(result.epochs).toBeLessThan(50);
    expect(result.divergedAt).toEqual({ epoch: result.epochs, iteration: result.iterations });
    expect(Number.isFinite(result.final.trainLoss)).toBe(false);
    expect(result.final.epoch).toBe(result.epochs);
    expect(result.reason).toMatch(/NaN or Infinity .* epoch \d+.*eta 50 is probably too large/);
    // a loss above maxLoss counts as diverged too
    const capped = train(mlp([1, 4, 1]), sine.train, {
      eta: 0.5,
      batchSize: 10,
      maxEpoch: 100,
      maxLoss: 1e-6,
    });
    expect(capped.status).toBe("diverged");
    expect(capped.divergedAt?.epoch).toBe(1);
    expect(capped.reason).toMatch(/maxLoss/);
    const fine = train(mlp([1, 4, 1]), sine.train, { eta: 0.5, batchSize: 10, maxEpoch: 3 });
    expect(fine.divergedAt).toBeUndefined();
  });

  it("fits the lecture's sine with a 1-2-1 sigmoid net (R² > 0.9 on the test set); 1-1-1 cannot", () => {
    const fit = train(mlp([1, 2, 1]), sine.train, {
      eta: 0.1,
      batchSize: 10,
      maxEpoch: 3000,
      checkEvery: 100,
    });
    expect(evaluate(fit.net, sine.test).accuracy).toBeGreaterThan(0.9);
    expect(fit.final.validationAccuracy).toBeGreaterThan(0.9);
    const tooSmall = train(mlp([1, 1, 1]), sine.train, {
      eta: 0.1,
      batchSize: 10,
      maxEpoch: 3000,
      checkEvery: 100,
    });
    expect(evaluate(tooSmall.net, sine.test).accuracy).toBeLessThan(0.9);
  });

  it("learns XOR with a sigmoid output, cross-entropy and classification accuracy", () => {
    const xor = xorData();
    const result = train(mlp([2, 3, 1], { output: "sigmoid" }), xor.train, {
      eta: 0.5,
      batchSize: 4,
      maxEpoch: 3000,
      checkEvery: 100,
    });
    expect(result.options.loss).toBe("binaryCrossEntropy");
    expect(result.options.accuracy).toBe("classification");
    expect(result.options.validationSamples).toBe(0); // fewer than 20 samples: no split
    expect(result.final.trainAccuracy).toBe(1);
  });

  it("decays the learning rate and adds the L2 penalty to the reported loss", () => {
    const decay = { rate: 0.5, steps: 100 };
    const result = train(mlp([1, 4, 1]), sine.train, {
      eta: 0.4,
      batchSize: 10,
      maxEpoch: 6,
      checkEvery: 3,
      decay,
      l2: 0.1,
    });
    for (const check of result.history)
      expect(check.eta).toBe(decayedEta(0.4, 0.5, check.iteration, 100));
    const rest = { X: sliceRows(sine.train.X, 50, 500), Y: sliceRows(sine.train.Y, 50, 500) };
    expect(result.final.trainLoss).toBe(evaluate(result.net, rest, { l2: 0.1 }).loss);
    expect(result.final.trainLoss).toBeGreaterThan(evaluate(result.net, rest).loss);
  });
});

describe("train rejects bad input with a message that names the problem", () => {
  const net = mlp([1, 4, 1]);
  const data = sine.train;
  const ok: TrainOptions = { eta: 0.5, batchSize: 10, maxEpoch: 10 };
  const cases: [string, () => unknown, RegExp][] = [
    ["eta = 0", () => train(net, data, { ...ok, eta: 0 }), /train: eta must be > 0 \(got 0\)/],
    ["eta < 0", () => train(net, data, { ...ok, eta: -0.1 }), /eta must be > 0 \(got -0.1\)/],
    ["eta NaN", () => train(net, data, { ...ok, eta: NaN }), /eta must be a finite number/],
    [
      "batchSize 0",
      () => train(net, data, { ...ok, batchSize: 0 }),
      /batchSize must be ≥ 1 \(got 0\)/,
    ],
    [
      "batchSize > n",
      () => train(net, data, { ...ok, batchSize: 460 }),
      /batchSize 460 is more than the 450 training samples after 50 were taken for validation/,
    ],
    [
      "batchSize 2.5",
      () => train(net, data, { ...ok, batchSize: 2.5 }),
      /batchSize must be a whole number/,
    ],
    [
      "maxEpoch 0",
      () => train(net, data, { ...ok, maxEpoch: 0 }),
      /maxEpoch must be ≥ 1 \(got 0\)/,
    ],
    ["eps < 0", () => train(net, data, { ...ok, eps: -1 }), /eps must be ≥ 0/],
    [
      "maxLoss not a number",
      () => train(net, data, { ...ok, maxLoss: "5" as never }),
      /maxLoss must be a number > 0 \(got '5'\)/,
    ],
    ["checkEvery 0", () => train(net, data, { ...ok, checkEvery: 0 }), /checkEvery must be ≥ 1/],
    ["validation 1", () => train(net, data, { ...ok, validation: 1 }), /validation must be < 1/],
    [
      "validation too small",
      () => train(mlp([2, 3, 1]), xorData().train, { ...ok, batchSize: 1, validation: 0.1 }),
      /validation 0.1 of 4 samples is less than one sample/,
    ],
    [
      "a typo in an option",
      () => train(net, data, { ...ok, batch_size: 10 } as never),
      /unknown option 'batch_size': did you mean 'batchSize'\?/,
    ],
    [
      "unknown optimizer",
      () => train(net, data, { ...ok, optimizer: "sdg" as never }),
      /unknown optimizer 'sdg' \(did you mean 'sgd'\?\)/,
    ],
    ["unknown loss", () => train(net, data, { ...ok, loss: "mse" as never }), /unknown loss 'mse'/],
    [
      "bad decay",
      () => train(net, data, { ...ok, decay: { rate: 2, steps: 10 } }),
      /decay.rate must be ≤ 1/,
    ],
    [
      "NaN in X",
      () => train(net, { X: column([1, NaN, 3]), Y: column([1, 2, 3]) }, { ...ok, batchSize: 1 }),
      /data.X has NaN at row 1, column 0/,
    ],
    [
      "Infinity in Y",
      () =>
        train(net, { X: column([1, 2, 3]), Y: column([1, Infinity, 3]) }, { ...ok, batchSize: 1 }),
      /data.Y has Infinity at row 1/,
    ],
    [
      "wrong X shape",
      () => train(net, { X: fromRows([[1, 2]]), Y: column([1]) }, { ...ok, batchSize: 1 }),
      /data.X is 1×2 but W1 is 1×4/,
    ],
    [
      "wrong Y shape",
      () => train(net, { X: column([1, 2]), Y: column([1]) }, { ...ok, batchSize: 1 }),
      /data.Y is 1×1 but must be 2×1/,
    ],
    [
      "empty data",
      () =>
        train(
          net,
          {
            X: { rows: 0, cols: 1, data: new Float64Array(0) },
            Y: { rows: 0, cols: 1, data: new Float64Array(0) },
          },
          ok,
        ),
      /data is empty \(0 samples\)/,
    ],
    [
      "a loaded data set instead of its .train",
      () => train(net, sine as never, ok),
      /pass its .train part/,
    ],
    [
      "constant targets (R² undefined)",
      () => train(net, { X: column([1, 2, 3]), Y: column([5, 5, 5]) }, { ...ok, batchSize: 1 }),
      /every target in the training set is the same/,
    ],
    ["not a network", () => train({} as never, data, ok), /net must be a Network/],
    [
      "a sigmoid output (binary cross-entropy) on regression targets",
      () => train(mlp([1, 4, 1], { output: "sigmoid" }), sine.train, ok),
      /train: binaryCrossEntropy needs targets between 0 and 1 .* data.Y has -?0\.\d+ at row/,
    ],
    [
      "a validation set of one sample, given as a fraction (R² needs targets that vary)",
      () =>
        train(
          net,
          { X: column([1, 2, 3, 4]), Y: column([1, 2, 3, 4]) },
          { ...ok, batchSize: 1, validation: 0.25 },
        ),
      /the validation set has only 1 sample/,
    ],
    [
      "a seed that is not a safe integer",
      () => train(net, data, { ...ok, seed: 2 ** 60 }),
      /^train: seed must be ≤/,
    ],
  ];
  for (const [name, run, message] of cases) {
    it(name, () => expect(run).toThrow(message));
  }
});
