// The numbers notebooks/03-backprop.ipynb shows, computed with lib/ and solutions/ exactly as the
// notebook computes them. Runs are seeded and bit-reproducible, so a few exact epochs are held;
// the rest are ranges around the qualitative claims the notebook's prose makes.
import { describe, expect, it } from "vitest";
import {
  backward,
  copyNetwork,
  type DataSet,
  evaluate,
  forward,
  fromRows,
  halfMse,
  loadDataSet,
  map,
  matMulABt,
  matrix,
  maxAbs,
  mean,
  mlp,
  type Network,
  predict,
  scale,
  scaleTo,
  sineData,
  sub,
  toRows,
  train,
  type TrainResult,
  xorCloud,
  xorOneHot,
} from "../../lib";
import * as solution from "../../solutions/03-backprop";

const xor = xorOneHot();

describe("Make Your Own Neural Network notes: the chain rule and the hidden error", () => {
  const toy = mlp([2, 3, 2], { output: "sigmoid" });
  const x = matrix(1, 2, [0.5, -0.3]);
  const t = matrix(1, 2, [1, 0]);
  const pass = forward(toy, x);
  const grads = backward(toy, pass, t, "halfMse");

  it("∂E/∂w_jk = −(t_k − o_k)·o_k(1 − o_k)·o_j matches finite differences", () => {
    const E = (net: Network) => halfMse.value(predict(net, x), t);
    for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 2; k++) {
        const o = pass.A2.data[k];
        const formula = -(t.data[k] - o) * o * (1 - o) * pass.A1.data[j];
        const plus = copyNetwork(toy);
        const minus = copyNetwork(toy);
        plus.W[1].data[j * 2 + k] += 1e-6;
        minus.W[1].data[j * 2 + k] -= 1e-6;
        expect(Math.abs(formula - (E(plus) - E(minus)) / 2e-6)).toBeLessThan(1e-9);
        expect(grads.dW2.data[j * 2 + k]).toBeCloseTo(formula, 14);
      }
    }
  });

  it("the exact hidden error is (e ⊙ o(1 − o))·W2ᵀ; the raw shortcut e·W2ᵀ differs with sigmoid outputs", () => {
    const e = sub(t, pass.A2);
    const delta = map(e, (v, _i, k) => v * pass.A2.data[k] * (1 - pass.A2.data[k]));
    const exact = matMulABt(delta, toy.W[1]);
    const raw = matMulABt(e, toy.W[1]);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const slope = pass.A1.data[j] * (1 - pass.A1.data[j]);
        const fromExact = -exact.data[j] * slope * x.data[i];
        const fromRaw = -raw.data[j] * slope * x.data[i];
        expect(grads.dW1.data[i * 3 + j]).toBeCloseTo(fromExact, 14);
        expect(Math.sign(fromRaw)).toBe(Math.sign(fromExact));
        expect(Math.abs(fromRaw / fromExact)).toBeGreaterThan(2); // same direction, different size
      }
    }
  });
});

describe("gradient check: backward against central finite differences", () => {
  function worstRelativeError(net: Network, data: DataSet, l2: number): number {
    const lossOf = (n: Network) => evaluate(n, data, { loss: "halfMse", l2 }).loss;
    const grads = backward(net, forward(net, data.X), data.Y, "halfMse", { l2 });
    let worst = 0;
    for (let l = 0; l < net.W.length; l++) {
      for (const kind of ["W", "B"] as const) {
        const analytic = kind === "W" ? grads.dW[l] : grads.dB[l];
        for (let i = 0; i < analytic.data.length; i++) {
          const plus = copyNetwork(net);
          const minus = copyNetwork(net);
          plus[kind][l].data[i] += 1e-6;
          minus[kind][l].data[i] -= 1e-6;
          const numeric = (lossOf(plus) - lossOf(minus)) / 2e-6;
          const a = analytic.data[i];
          worst = Math.max(
            worst,
            Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), 1e-10),
          );
        }
      }
    }
    return worst;
  }

  it("1-3-1 on 40 sine samples and 2-3-2 on XOR with L2: relative errors below 1e-6", () => {
    const sine = sineData().train;
    const sine40 = {
      X: fromRows(toRows(sine.X).slice(0, 40)),
      Y: fromRows(toRows(sine.Y).slice(0, 40)),
    };
    expect(worstRelativeError(mlp([1, 3, 1]), sine40, 0)).toBeLessThan(1e-6);
    expect(worstRelativeError(mlp([2, 3, 2], { output: "sigmoid" }), xor, 0.01)).toBeLessThan(1e-6);
  });

  it("the article's regularisation gradient (λ/m·ΣW² added to every entry) is caught: error ≈ 0.39", () => {
    const net = mlp([2, 3, 2], { output: "sigmoid" });
    const exact = backward(net, forward(net, xor.X), xor.Y, "halfMse", { l2: 0.01 }).dW2;
    const plain = backward(net, forward(net, xor.X), xor.Y, "halfMse").dW2;
    const sumSquares = net.W[1].data.reduce((s, w) => s + w * w, 0);
    const wrong = map(plain, (g) => g + (0.01 / 4) * sumSquares);
    const error = maxAbs(sub(wrong, exact)) / Math.max(maxAbs(wrong), maxAbs(exact));
    expect(error).toBeGreaterThan(0.1);
    expect(error).toBeCloseTo(0.3862, 3);
  });
});

describe("the LEGO XOR article: XOR with a 2-3-2 sigmoid network, squared error + L2", () => {
  const run = train(mlp([2, 3, 2], { output: "sigmoid" }), xor, {
    eta: 5,
    batchSize: 4,
    maxEpoch: 2000,
    validation: 0,
    loss: "halfMse",
    l2: 0.001,
    checkEvery: 10,
  });

  it("gets all four points right from epoch 160 and ends near 0.91 / 0.09 (L2 keeps it off 0 and 1)", () => {
    expect(run.history.find((c) => c.trainAccuracy === 1)?.epoch).toBe(160);
    expect(run.final.trainAccuracy).toBe(1);
    expect(run.final.trainLoss).toBeCloseTo(0.0378, 3);
    const out = predict(run.net, xor.X).data;
    for (let i = 0; i < 4; i++) {
      const high = xor.Y.data[2 * i] === 1 ? out[2 * i] : out[2 * i + 1];
      expect(high).toBeGreaterThan(0.88);
      expect(high).toBeLessThan(0.95);
    }
  });

  it("the exercise's reference trainXor() classifies all four points", () => {
    const out = predict(solution.trainXor(), xor.X).data;
    expect([0, 1, 2, 3].map((i) => (out[2 * i] > out[2 * i + 1] ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });
});

describe("ai-edu §10.3: the lecturer's 2-2-1 XOR run (lecture: 5900 epochs, validation loss 0.004952)", () => {
  it("the same settings stop after 5800 epochs here", () => {
    const data = loadDataSet("xor");
    const run = train(mlp([2, 2, 1], { output: "sigmoid" }), data.train, {
      eta: 0.1,
      batchSize: 1,
      maxEpoch: 10000,
      eps: 0.005,
      checkEvery: 100,
      validation: data.train,
    });
    expect(run.status).toBe("converged");
    expect(run.epochs).toBe(5800);
    expect(Math.abs(run.epochs - 5900)).toBeLessThanOrEqual(500);
    expect(run.final.validationLoss).toBeLessThanOrEqual(0.005);
    expect(run.final.validationAccuracy).toBe(1);
  });
});

/**
 * The notebook's settings for the 300-point XOR cloud (sections "3 or 50 hidden units" and
 * "Preparing the data").
 */
const cloudSettings = {
  eta: 10,
  batchSize: 50,
  maxEpoch: 1000,
  validation: 0,
  loss: "halfMse" as const,
  l2: 0.001,
  checkEvery: 10,
};

describe("the LEGO XOR article: 3 vs 50 hidden units on its 300 XOR points", () => {
  it("3 units reach about 79%, 50 units 99.7%", () => {
    const cloud = xorCloud(300);
    const settings = cloudSettings;
    const three = train(mlp([2, 3, 2], { output: "sigmoid" }), cloud, settings);
    const fifty = train(mlp([2, 50, 2], { output: "sigmoid" }), cloud, settings);
    expect(three.final.trainAccuracy).toBeGreaterThan(0.7);
    expect(three.final.trainAccuracy).toBeLessThan(0.9);
    expect(three.final.trainAccuracy).toBeCloseTo(0.7867, 3);
    expect(fifty.final.trainAccuracy).toBeGreaterThan(0.98);
    expect(fifty.final.trainAccuracy).toBeCloseTo(0.9967, 3);
  });
});

describe("the LEGO XOR article: too high a learning rate for 50 units", () => {
  function lateBlowUp(run: TrainResult): number | null {
    let best = Infinity;
    let allRightYet = false;
    for (const c of run.history) {
      if (allRightYet && c.trainLoss > 3 * best && c.trainLoss > 0.3) return c.epoch;
      if (c.trainAccuracy === 1) allRightYet = true;
      best = Math.min(best, c.trainLoss);
    }
    return null;
  }
  const settings = {
    batchSize: 4,
    maxEpoch: 600,
    validation: 0,
    loss: "halfMse" as const,
    l2: 0.001,
  };
  const both = (hidden: number, eta: number, decay?: { rate: number; steps: number }) => {
    const net = mlp([2, hidden, 2], { output: "sigmoid" });
    const options = decay ? { ...settings, eta, decay } : { ...settings, eta };
    return {
      plain: train(net, xor, options),
      guarded: train(net, xor, { ...options, maxLoss: 0.4 }),
    };
  };

  it("3 units at η = 25: no blow-up", () => {
    const { plain, guarded } = both(3, 25);
    expect(guarded.status).toBe("maxEpoch");
    expect(lateBlowUp(plain)).toBeNull();
    expect(plain.final.trainAccuracy).toBe(1);
  });

  it("50 units at η = 25: the loss doubles in the first step (diverged at epoch 1), and jumps again late (epoch 374)", () => {
    const { plain, guarded } = both(50, 25);
    expect(plain.history[0].trainLoss).toBeGreaterThan(0.45);
    expect(guarded.status).toBe("diverged");
    expect(guarded.divergedAt?.epoch).toBe(1);
    expect(plain.history.find((c) => c.trainAccuracy === 1)?.epoch).toBe(308);
    expect(lateBlowUp(plain)).toBe(374);
  });

  it("fix 1, η = 5: neither blow-up; fix 2, decay from 25: the first-step jump stays, the late one is gone", () => {
    const low = both(50, 5);
    expect(low.guarded.status).toBe("maxEpoch");
    expect(lateBlowUp(low.plain)).toBeNull();
    expect(low.plain.final.trainAccuracy).toBe(1);
    const decayed = both(50, 25, { rate: 0.7, steps: 100 });
    expect(decayed.guarded.status).toBe("diverged");
    expect(decayed.guarded.divergedAt?.epoch).toBe(1);
    expect(lateBlowUp(decayed.plain)).toBeNull();
    expect(decayed.plain.final.trainAccuracy).toBe(1);
    expect(decayed.plain.history[373].eta).toBeCloseTo(25 * 0.7 ** (374 / 100), 10);
  });
});

describe("Make Your Own Neural Network notes: preparing the data", () => {
  const settings = cloudSettings;
  const slope = (net: Network, X: DataSet["X"]) =>
    mean(map(forward(net, X).A1, (a) => a * (1 - a)));

  it("inputs ×100 saturate the hidden units and stall learning; scaled to 0.01–0.99 they learn", () => {
    const cloud = xorCloud(300);
    const big = { X: scale(cloud.X, 100), Y: cloud.Y };
    const scaled = { X: scaleTo(big.X).X, Y: cloud.Y };
    expect(Math.min(...scaled.X.data)).toBeCloseTo(0.01, 12);
    expect(Math.max(...scaled.X.data)).toBeCloseTo(0.99, 12);
    expect(slope(mlp([2, 8, 2], { output: "sigmoid" }), big.X)).toBeLessThan(0.02);
    expect(slope(mlp([2, 8, 2], { output: "sigmoid" }), scaled.X)).toBeGreaterThan(0.2);
    const raw = train(mlp([2, 8, 2], { output: "sigmoid" }), big, settings);
    const good = train(mlp([2, 8, 2], { output: "sigmoid" }), scaled, settings);
    expect(raw.final.trainAccuracy).toBeLessThan(0.7);
    expect(good.final.trainAccuracy).toBeGreaterThan(0.9);
  });

  it("targets 0/1 keep the weights growing; 0.01/0.99 let them settle (200,000 epochs)", () => {
    const growth = (data: DataSet) => {
      const largest: number[] = [];
      train(mlp([2, 3, 2], { output: "sigmoid" }), data, {
        eta: 5,
        batchSize: 4,
        maxEpoch: 200000,
        validation: 0,
        loss: "halfMse",
        checkEvery: 2000,
        onCheck: (_c, p) => largest.push(Math.max(maxAbs(p.net.W[0]), maxAbs(p.net.W[1]))),
      });
      return {
        last: largest[largest.length - 1],
        growth: largest[largest.length - 1] - largest[largest.length - 26],
      };
    };
    const hard = growth(xor);
    const soft = growth({ X: xor.X, Y: map(xor.Y, (y) => (y === 1 ? 0.99 : 0.01)) });
    expect(hard.growth).toBeGreaterThan(0.2);
    expect(Math.abs(soft.growth)).toBeLessThan(0.01);
    expect(soft.last).toBeCloseTo(10.42, 1);
  });

  it("initial weights ×10 saturate (slope ≈ 0.085) and plateau until epoch 1170; zeros never learn", () => {
    const run = (k: number) => {
      const net = mlp([2, 3, 2], { output: "sigmoid" });
      net.W = net.W.map((W) => scale(W, k));
      const result = train(net, xor, {
        eta: 5,
        batchSize: 4,
        maxEpoch: 2000,
        validation: 0,
        loss: "halfMse",
        l2: 0.001,
        checkEvery: 10,
      });
      return {
        slope: slope(net, xor.X),
        result,
        right: result.history.find((c) => c.trainAccuracy === 1)?.epoch,
      };
    };
    const small = run(1);
    const large = run(10);
    const zero = run(0);
    expect(small.slope).toBeCloseTo(0.2222, 4);
    expect(large.slope).toBeCloseTo(0.0848, 4);
    expect(small.right).toBe(160);
    expect(large.right).toBe(1170);
    expect(zero.right).toBeUndefined();
    expect(zero.result.final.trainAccuracy).toBe(0.5);
    expect(maxAbs(zero.result.net.W[0])).toBe(0);
  });
});
