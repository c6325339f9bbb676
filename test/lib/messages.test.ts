// Lib messages that used to mislead (each case ran at 6b9f0c5 and said something else): NaN in
// the starting weights, a finite loss above maxLoss, a loss that grows by orders of magnitude, a
// NaN network through forward/backward, and a data set with a part missing.
import { describe, expect, it } from "vitest";
import { backward, column, evaluate, forward, loadDataSet, mlp, predict, train } from "../../lib";

const sine = loadDataSet("sine").train;
const cobra = loadDataSet("cobra").train;

describe("messages that say what happened", () => {
  it("NaN in the starting weights: says so, and where, before any epoch", () => {
    const net = mlp([1, 4, 1]);
    net.W[1].data[2] = NaN;
    expect(() => train(net, sine, { eta: 0.5, batchSize: 10, maxEpoch: 10 })).toThrow(
      "train: the network's weights hold NaN: W2 row 2, column 0 — it was broken before this call (a run that diverged?); start from its `initial` copy or a fresh mlp(…).",
    );
  });

  it("forward, predict, backward and evaluate refuse NaN weights instead of returning NaN", () => {
    const net = mlp([1, 3, 1]);
    net.B[0].data[1] = Infinity;
    const X = column([0.1, 0.2]);
    expect(() => forward(net, X)).toThrow(
      /^forward: the network's weights hold Infinity: B1 row 0, column 1/,
    );
    expect(() => predict(net, X)).toThrow(/^forward: the network's weights hold Infinity/);
    const pass = forward(mlp([1, 3, 1]), X);
    expect(() => backward(net, pass, column([1, 2]))).toThrow(
      /^backward: the network's weights hold Infinity/,
    );
    expect(() => evaluate(net, { X, Y: column([1, 2]) })).toThrow(
      /^evaluate: the network's weights hold Infinity/,
    );
  });

  it("a finite loss above maxLoss is named as such, not as NaN or Infinity", () => {
    const result = train(mlp([1, 4, 1]), sine, {
      eta: 0.5,
      batchSize: 10,
      maxEpoch: 5,
      maxLoss: 0.01,
    });
    expect(result.status).toBe("diverged");
    expect(result.reason).toMatch(
      /^the loss 0\.\d+ went above maxLoss 0\.01 at epoch 1 \(iteration 45\): eta 0\.5 is probably too large/,
    );
    expect(result.reason).not.toContain("NaN");
  });

  it("a loss that grows a hundredfold ends the run as diverged, by a stated rule", () => {
    const options = { eta: 2, batchSize: 10, maxEpoch: 100, checkEvery: 5 };
    const result = train(mlp([1, 4, 1]), sine, options);
    expect(result.status).toBe("diverged");
    expect(result.divergedAt).toEqual({ epoch: 10, iteration: 450 });
    expect(result.reason).toBe(
      "the training loss grew from 0.2496 (the starting weights) to 37.25 at epoch 10 (iteration 450), more than 100 times: eta 2 is probably too large — try a smaller eta, learning-rate decay or L2 (maxGrowth: Infinity lets such a run go on)",
    );
    expect(result.options.maxGrowth).toBe(100);
    // the rule can be turned off, and a run that only wobbles never meets it
    expect(train(mlp([1, 4, 1]), sine, { ...options, maxGrowth: Infinity }).status).toBe(
      "maxEpoch",
    );
    expect(train(mlp([1, 4, 1]), cobra, { eta: 1.5, batchSize: 1, maxEpoch: 20 }).status).toBe(
      "maxEpoch",
    );
    expect(() => train(mlp([1, 4, 1]), sine, { ...options, maxGrowth: 1 })).toThrow(
      "train: maxGrowth must be a number > 1, or Infinity (got 1).",
    );
  });

  it("a data set with a part missing or of the wrong kind says which part", () => {
    const net = mlp([1, 4, 1]);
    const ok = { eta: 0.5, batchSize: 10, maxEpoch: 1 };
    expect(() => train(net, { X: sine.X } as never, ok)).toThrow(
      "train: data.Y must be a Matrix (got nothing: there is no Y); build it with matrix(), fromRows([[…], …]) or column([…]).",
    );
    expect(() => train(net, { X: [[1], [2]], Y: sine.Y } as never, ok)).toThrow(
      "train: data.X must be a Matrix (got an array of length 2); build it with matrix(), fromRows([[…], …]) or column([…]).",
    );
    expect(() => train(net, "sine" as never, ok)).toThrow(
      "train: data must be { X, Y } with X and Y matrices (got 'sine').",
    );
  });
});
