// The fused fast path for the lecture's 1-H-1 net (lectureNetGradients in lib/lecture-net.ts) must
// give exactly the numbers of the general forwardInto + backwardInto, bit for bit: the gradients of
// one batch, and whole training runs through train().
import { describe, expect, it } from "vitest";
import { sigmoid, tanh } from "../../lib/activations";
import { loadDataSet } from "../../lib/datasets";
import { binaryCrossEntropy, halfMse, type Loss } from "../../lib/losses";
import { type Matrix } from "../../lib/matrix";
import { stepNumbers } from "../../lib/hyperparameters";
import { isLectureNet, lectureNetForward, lectureNetGradients } from "../../lib/lecture-net";
import { type BatchBuffers, backwardInto, forwardInto, mlp, type Network } from "../../lib/network";
import { createRng } from "../../lib/rng";
import { train, type TrainOptions, type TrainResult } from "../../lib/train";

const sameBits = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
const empty = (rows: number, cols: number): Matrix => ({
  rows,
  cols,
  data: new Float64Array(rows * cols),
});

function batchFor(H: number, m: number, seed: number): BatchBuffers {
  const rng = createRng(seed);
  const X = empty(m, 1);
  const Y = empty(m, 1);
  for (let i = 0; i < m; i++) {
    X.data[i] = rng.uniform(-2, 2);
    Y.data[i] = rng.uniform(-1, 1);
  }
  const layer = (w: number): Matrix[] => [empty(m, w), empty(m, 1)];
  return { X, Y, Z: layer(H), A: layer(H), dA: layer(H), dZ: layer(H) };
}

function randomNet(H: number, seed: number, scale: number): Network {
  const net = mlp([1, H, 1], { seed });
  const rng = createRng(seed + 100);
  for (const M of [...net.W, ...net.B]) {
    for (let i = 0; i < M.data.length; i++) M.data[i] = rng.normal(0, scale);
  }
  return net;
}

const gradientBuffers = (H: number): { dW: Matrix[]; dB: Matrix[] } => ({
  dW: [empty(1, H), empty(H, 1)],
  dB: [empty(1, H), empty(1, 1)],
});

describe("lectureNetGradients and lectureNetForward (the fused 1-H-1 step)", () => {
  it("gives bit-identical activations and gradients to forwardInto + backwardInto", () => {
    let cases = 0;
    for (const H of [1, 3, 4, 17, 64]) {
      for (const m of [1, 2, 7, 10, 15]) {
        for (const l2 of [0, 0.05]) {
          // scale 40 saturates the sigmoid (z of ±100s): a(1 − a) underflows to 0
          for (const scale of [0.5, 3, 40]) {
            const seed = 1000 * H + 10 * m + Math.round(scale * 2);
            const net = randomNet(H, seed, scale);
            const general = batchFor(H, m, seed);
            const fused = batchFor(H, m, seed);
            const g1 = gradientBuffers(H);
            const g2 = gradientBuffers(H);
            forwardInto(net, general.X, general.Z, general.A);
            backwardInto(net, general, halfMse, stepNumbers({ eta: NaN, l2 }), g1);
            lectureNetGradients(net, fused, stepNumbers({ eta: NaN, l2 }), g2);
            for (let l = 0; l < 2; l++) {
              expect(sameBits(g1.dW[l].data, g2.dW[l].data)).toBe(true);
              expect(sameBits(g1.dB[l].data, g2.dB[l].data)).toBe(true);
            }
            expect(sameBits(general.A[0].data, fused.A[0].data)).toBe(true); // A1
            expect(sameBits(general.dZ[1].data, fused.dZ[1].data)).toBe(true); // dZ2
            // the forward pass alone (train's checks use it): A1 and A2 = Z2
            const A1 = new Float64Array(m * H);
            const A2 = new Float64Array(m);
            lectureNetForward(net, general.X.data, m, A1, A2);
            expect(sameBits(general.A[0].data, A1)).toBe(true);
            expect(sameBits(general.A[1].data, A2)).toBe(true);
            cases++;
          }
        }
      }
    }
    expect(cases).toBe(150);
  });

  it("is used exactly for the lecture's net: mlp([1, H, 1]) with halfMse", () => {
    expect(isLectureNet(mlp([1, 4, 1]), halfMse)).toBe(true);
    expect(isLectureNet(mlp([1, 64, 1], { init: "normal", seed: 5 }), halfMse)).toBe(true);
    const unpaired: Loss = { name: "mine", value: halfMse.value, dA: halfMse.dA };
    const not: [Network, Loss][] = [
      [mlp([2, 4, 1]), halfMse],
      [mlp([1, 4, 2]), halfMse],
      [mlp([1, 4, 4, 1]), halfMse],
      [mlp([1, 1]), halfMse],
      [mlp([1, 4, 1], { hidden: "tanh" }), halfMse],
      [mlp([1, 4, 1], { hidden: { ...sigmoid } }), halfMse],
      [mlp([1, 4, 1], { output: "sigmoid" }), binaryCrossEntropy],
      [mlp([1, 4, 1], { output: tanh }), halfMse],
      [mlp([1, 4, 1]), unpaired],
    ];
    for (const [net, loss] of not) expect(isLectureNet(net, loss)).toBe(false);
  });
});

describe("train with the fast path", () => {
  const cobra = loadDataSet("cobra").train;
  const sine = loadDataSet("sine").train;
  /** The same numbers as `train`, but through the general passes: a copy of the sigmoid is not
   * `sigmoid` itself, so train cannot take the fast path. */
  const generalNet = (H: number): Network => mlp([1, H, 1], { hidden: { ...sigmoid } });
  const numbers = (r: TrainResult): unknown[] => [
    r.status,
    r.epochs,
    r.iterations,
    r.reason,
    r.divergedAt,
    r.history,
    r.net.W.map((W) => Array.from(W.data)),
    r.net.B.map((B) => Array.from(B.data)),
  ];

  const cases: [string, number, TrainOptions, "cobra" | "sine"][] = [
    [
      "course default, batch 10",
      4,
      { eta: 0.5, batchSize: 10, maxEpoch: 60, checkEvery: 20 },
      "cobra",
    ],
    ["batch 2, no validation", 4, { eta: 0.5, batchSize: 2, maxEpoch: 10, validation: 0 }, "cobra"],
    ["smaller last batch", 3, { eta: 0.3, batchSize: 15, maxEpoch: 20, validation: 0 }, "cobra"],
    ["H = 64", 64, { eta: 0.5, batchSize: 10, maxEpoch: 5, checkEvery: 2 }, "cobra"],
    [
      "l2 and decay",
      5,
      { eta: 0.7, batchSize: 8, maxEpoch: 30, l2: 0.01, decay: { rate: 0.5, steps: 300 } },
      "sine",
    ],
    [
      "adam",
      4,
      { eta: 0.01, batchSize: 16, maxEpoch: 20, optimizer: "adam", checkEvery: 5 },
      "sine",
    ],
    [
      "momentum, no shuffle",
      4,
      { eta: 0.1, batchSize: 10, maxEpoch: 20, optimizer: "momentum", shuffle: false },
      "sine",
    ],
    ["converges (eps)", 3, { eta: 0.7, batchSize: 5, maxEpoch: 300, eps: 0.02 }, "sine"],
    ["diverges", 4, { eta: 50, batchSize: 10, maxEpoch: 50, validation: 0 }, "cobra"],
  ];
  for (const [name, H, options, set] of cases) {
    it(`gives the same result as the general path: ${name}`, () => {
      const data = set === "cobra" ? cobra : sine;
      const fast = train(mlp([1, H, 1]), data, options);
      const general = train(generalNet(H), data, options);
      expect(numbers(fast)).toEqual(numbers(general));
      const weights = (r: TrainResult): Float64Array[] =>
        [...r.net.W, ...r.net.B].map((M) => M.data);
      const a = weights(fast);
      const b = weights(general);
      expect(a.every((w, k) => sameBits(w, b[k]))).toBe(true); // toEqual treats −0 and +0 alike
    });
  }
});
