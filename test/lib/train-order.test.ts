// What an outside cross-check needs (lib/train.ts's header): the order of the samples, as
// documented, reproduced here from the documented rule alone; a shuffle of the caller's own; the
// course's staircase decay; and networks without biases.
import { describe, expect, it } from "vitest";
import {
  createRng,
  decayedEta,
  evaluate,
  loadDataSet,
  loadNetwork,
  mlp,
  parameterCount,
  params,
  saveNetwork,
  sigmoid,
  train,
  xorData,
} from "../../lib";

const cobra = loadDataSet("cobra").train;

/** The documented rule: order starts as 0 … n−1; each epoch, for i = n−1 down to 1,
 * j = ⌊u·(i+1) / 2³²⌋ with u the generator's next uint32, then swap. */
function documentedOrders(n: number, seed: number, epochs: number): number[][] {
  const rng = createRng(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const orders: number[][] = [];
  for (let e = 0; e < epochs; e++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor((rng.nextUint32() * (i + 1)) / 2 ** 32);
      [order[i], order[j]] = [order[j], order[i]];
    }
    orders.push(order.slice());
  }
  return orders;
}

describe("the order of the samples", () => {
  it("is the documented Fisher–Yates order, seen through onBatch, batch by batch", () => {
    const batches: { epoch: number; iteration: number; samples: number[] }[] = [];
    train(mlp([1, 4, 1]), cobra, {
      eta: 0.5,
      batchSize: 64,
      maxEpoch: 3,
      seed: 7,
      onBatch: ({ epoch, iteration, samples }) =>
        batches.push({ epoch, iteration, samples: Array.from(samples) }),
    });
    const n = 900; // 1000 samples, the first 100 held out for validation
    const expected = documentedOrders(n, 7, 3);
    expect(batches).toHaveLength(3 * Math.ceil(n / 64));
    for (let e = 0; e < 3; e++) {
      const ofEpoch = batches.filter((b) => b.epoch === e + 1);
      expect(ofEpoch.flatMap((b) => b.samples)).toEqual(expected[e]);
      expect(ofEpoch.map((b) => b.samples.length).at(-1)).toBe(n % 64); // a shorter last batch
    }
    expect(batches.map((b) => b.iteration)).toEqual(batches.map((_, k) => k));
  });

  it("a shuffle function of your own decides the order, and gets the epoch", () => {
    const seen: number[] = [];
    const reverse = (order: Int32Array, epoch: number): void => {
      seen.push(epoch);
      order.reverse();
    };
    const firsts: number[] = [];
    const result = train(mlp([1, 4, 1]), cobra, {
      eta: 0.5,
      batchSize: 100,
      maxEpoch: 2,
      shuffle: reverse,
      onBatch: ({ samples }) => firsts.push(samples[0]),
    });
    expect(seen).toEqual([1, 2]);
    expect(firsts.slice(0, 2)).toEqual([899, 799]); // epoch 1: 899, 898, … ; then back to 0, 1, …
    expect(firsts[9]).toBe(0);
    expect(result.options.shuffle).toBe("custom");
  });

  it("a shuffle function that loses a sample is an error that says so", () => {
    expect(() =>
      train(mlp([1, 4, 1]), cobra, {
        eta: 0.5,
        batchSize: 10,
        maxEpoch: 1,
        shuffle: (order) => order.fill(0),
      }),
    ).toThrow(/your shuffle function left order\[1\] = 0; it must reorder the numbers 0 … 899/);
  });

  it("shuffle: false visits the samples in their order", () => {
    const firsts: number[] = [];
    train(mlp([1, 4, 1]), cobra, {
      eta: 0.5,
      batchSize: 450,
      maxEpoch: 2,
      shuffle: false,
      onBatch: ({ samples }) => firsts.push(samples[0]),
    });
    expect(firsts).toEqual([0, 450, 0, 450]);
  });
});

describe("staircase decay", () => {
  it("is the course's lr = 0.1·0.9^⌊step/50⌋", () => {
    const result = train(mlp([1, 4, 1]), cobra, {
      eta: 0.1,
      batchSize: 10,
      maxEpoch: 3,
      decay: { rate: 0.9, steps: 50, staircase: true },
    });
    for (const check of result.history) {
      expect(check.eta).toBe(0.1 * 0.9 ** Math.floor(check.iteration / 50));
    }
    expect(decayedEta(0.1, 0.9, 49, 50, true)).toBe(0.1);
    expect(decayedEta(0.1, 0.9, 50, 50, true)).toBeCloseTo(0.09, 15);
    expect(result.options.decay).toEqual({ rate: 0.9, steps: 50, staircase: true });
    expect(() =>
      train(mlp([1, 4, 1]), cobra, {
        eta: 0.1,
        batchSize: 10,
        maxEpoch: 1,
        decay: { rate: 0.9, steps: 50, staircase: "yes" as never },
      }),
    ).toThrow(/decay.staircase must be true or false/);
  });
});

describe("networks without biases", () => {
  it("mlp(sizes, { bias: false }): B stays 0 through training, and is not a parameter", () => {
    const net = mlp([2, 3, 1], { bias: false, output: "sigmoid" });
    expect(parameterCount(net)).toBe(2 * 3 + 3 * 1);
    expect(Object.keys(params(net))).toEqual(["W1", "W2"]);
    const xor = xorData().train;
    const result = train(net, xor, { eta: 2, batchSize: 4, maxEpoch: 200, optimizer: "adam" });
    expect(result.net.bias).toBe(false);
    for (const B of result.net.B) expect(Array.from(B.data).every((b) => b === 0)).toBe(true);
    expect(result.net.W[0].data).not.toEqual(net.W[0].data);
    expect(Number.isFinite(evaluate(result.net, xor).loss)).toBe(true);
  });

  it("is saved and loaded as a net without biases", () => {
    const net = mlp([1, 2, 1], { bias: false });
    const saved = JSON.parse(JSON.stringify(saveNetwork(net)));
    expect(saved.bias).toBe(false);
    expect(loadNetwork(saved).bias).toBe(false);
    expect(saveNetwork(mlp([1, 2, 1]))).not.toHaveProperty("bias");
    expect(() => mlp([1, 2, 1], { bias: "no" as never })).toThrow(
      /mlp: bias must be true or false/,
    );
  });

  it("the lecture's 1-H-1 shape without biases: B stays 0, the same numbers on either path", () => {
    const options = { eta: 0.5, batchSize: 10, maxEpoch: 5, validation: 0 } as const;
    const a = train(mlp([1, 4, 1], { bias: false }), cobra, options);
    // a copy of sigmoid is not `sigmoid` itself, so this one surely takes the general path
    const b = train(mlp([1, 4, 1], { bias: false, hidden: { ...sigmoid } }), cobra, options);
    expect(Array.from(a.net.W[0].data)).toEqual(Array.from(b.net.W[0].data));
    expect(Array.from(a.net.B[0].data)).toEqual([0, 0, 0, 0]);
  });
});
