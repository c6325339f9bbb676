// What notebooks/05-hyperparameters.ipynb says about its grids must stay true: the runs are
// seeded and bit-reproducible, so the prose's claims are checked here with the same settings.
import { describe, expect, it } from "vitest";
import { loadDataSet, mlp, polynomialFeatures, train, type TrainOptions } from "../../lib";

const data = loadDataSet("cobra");
const net4 = mlp([1, 4, 1]);
const settings = { maxEpoch: 10000, eps: 0.001, checkEvery: 50 };
const run = (options: Partial<TrainOptions>, net = net4) =>
  train(net, data.train, { ...settings, eta: 0.5, batchSize: 10, ...options });

describe("05 hyper-parameters: the notebook's claims", () => {
  it("learning rate (hidden 4, batch 10): 0.1 never reaches eps; 0.3, 0.5, 0.7 do, each sooner", () => {
    const epochs = [0.1, 0.3, 0.5, 0.7].map((eta) => run({ eta }));
    expect(epochs[0].status).toBe("maxEpoch");
    expect(epochs.slice(1).map((r) => r.status)).toEqual(["converged", "converged", "converged"]);
    expect(epochs[1].epochs).toBeGreaterThan(epochs[2].epochs);
    expect(epochs[2].epochs).toBeGreaterThan(epochs[3].epochs);
  }, 60_000);

  it("η = 0.01 crawls, 1.5 oscillates, 3 diverges; decay rescues η = 2 and costs η = 0.5 a little", () => {
    const short = { maxEpoch: 2000, checkEvery: 10, maxLoss: 1e3 };
    const crawl = run({ ...short, eta: 0.01 });
    const good = run({ ...short, eta: 0.5 });
    expect(crawl.final.validationLoss).toBeGreaterThan(good.final.validationLoss ?? 0);
    const zigzag = run({ ...short, eta: 1.5 }).history.map((h) => h.validationLoss ?? NaN);
    const ups = zigzag.slice(1).filter((v, i) => v > zigzag[i]).length;
    expect(ups).toBeGreaterThan(zigzag.length / 3); // the loss goes up about as often as down
    expect(run({ ...short, eta: 3 }).status).toBe("diverged");
    // the decay grid (notebook: maxGrowth Infinity, so the wild run is not stopped)
    const wild = { ...short, maxGrowth: Infinity };
    const decay = { rate: 0.1, steps: 90000 };
    const constant = run({ ...wild, eta: 2 });
    const rescued = run({ ...wild, eta: 2, decay });
    const goodDecayed = run({ ...wild, eta: 0.5, decay });
    const goodConstant = run({ ...wild, eta: 0.5 });
    const v = (r: ReturnType<typeof run>) => r.final.validationLoss as number;
    const at = (r: ReturnType<typeof run>, e: number) =>
      r.history.find((h) => h.epoch === e)?.validationLoss as number;
    expect(constant.status).toBe("maxEpoch");
    expect(v(constant)).toBeCloseTo(564, -1); // "ends at 564"
    const wildLosses = constant.history.map((h) => h.validationLoss as number);
    expect(Math.min(...wildLosses)).toBeCloseTo(0.017, 3); // "as low as 0.017 at one check …
    expect(Math.max(...wildLosses)).toBeLessThan(1000); // … near 1,000 at another"
    expect(Math.max(...wildLosses)).toBeGreaterThan(900);
    expect(at(rescued, 100)).toBeCloseTo(0.032, 3);
    expect(at(rescued, 500)).toBeCloseTo(0.0095, 4);
    expect(v(rescued)).toBeCloseTo(0.0073, 4);
    expect(v(goodConstant)).toBeCloseTo(0.0064, 4);
    expect(v(goodDecayed)).toBeCloseTo(0.0079, 4);
    expect(v(goodDecayed)).toBeGreaterThan(v(goodConstant)); // decay costs a good start a little
  }, 60_000);

  it("batch size (hidden 4, η = 0.5): larger batches need more epochs; 20 never reaches eps", () => {
    const runs = [5, 10, 15, 20].map((batchSize) => run({ batchSize }));
    expect(runs.map((r) => r.status)).toEqual(["converged", "converged", "converged", "maxEpoch"]);
    expect(runs[0].epochs).toBeLessThan(runs[1].epochs);
    expect(runs[1].epochs).toBeLessThan(runs[2].epochs);
  }, 60_000);

  it("hidden units (batch 10, η = 0.5): 2 stalls above eps; 6 and 8 beat 4", () => {
    const runs = [2, 4, 6, 8].map((H) => run({}, mlp([1, H, 1])));
    expect(runs[0].status).toBe("maxEpoch");
    expect(runs[0].final.validationLoss).toBeGreaterThan(0.003);
    expect(runs[2].epochs).toBeLessThan(runs[1].epochs);
    expect(runs[3].epochs).toBeLessThan(runs[1].epochs);
  }, 60_000);

  it("作业二: the fastest η moves right as the batch grows; the never-converged cells are lower left", () => {
    const batchSizes = [2, 5, 10, 15];
    const etas = [0.1, 0.3, 0.5, 0.7];
    const epochs = batchSizes.map((batchSize) => etas.map((eta) => run({ eta, batchSize }).epochs));
    const fastest = epochs.map((row) => etas[row.indexOf(Math.min(...row))]);
    expect(fastest).toEqual([0.5, 0.5, 0.7, 0.7]); // the notebook prints these
    for (let k = 1; k < fastest.length; k++)
      expect(fastest[k]).toBeGreaterThanOrEqual(fastest[k - 1]);
    const never = epochs.flatMap((row, i) => row.flatMap((e, j) => (e === 10000 ? [[i, j]] : [])));
    expect(never).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [3, 1],
    ]);
  }, 120_000);

  it("degree 5 on the cobra: the least-squares floors, and the decay grid's training losses", () => {
    const fit = (degree: number, X: number[], Y: number[]) => leastSquares(degree, X, Y);
    const cobra = loadDataSet("cobra");
    const xs = Array.from(cobra.train.X.data);
    const ys = Array.from(cobra.train.Y.data);
    const xt = Array.from(cobra.test.X.data);
    const yt = Array.from(cobra.test.Y.data);
    const loss = (w: number[], X: number[], Y: number[]) =>
      X.reduce((s, x, i) => s + (w.reduce((p, wk, k) => p + wk * x ** k, 0) - Y[i]) ** 2, 0) /
      (2 * X.length);
    const w5 = fit(5, xs, ys);
    const w4 = fit(4, xs, ys);
    expect(loss(w5, xt, yt)).toBeCloseTo(0.00425, 5); // "0.00425 on the test set for degree 5"
    expect(loss(w4, xt, yt)).toBeCloseTo(0.00426, 5); // "and 0.00426 for degree 4"
    expect(loss(w5, xs, ys)).toBeCloseTo(0.00477, 5); // "the least-squares floor … 0.00477"
    const X5 = polynomialFeatures(cobra.train.X, 5);
    const five = (eta: number, decay?: { rate: number; steps: number }) =>
      train(
        mlp([5, 1]),
        { X: X5, Y: cobra.train.Y },
        {
          eta,
          batchSize: 10,
          maxEpoch: 5000,
          checkEvery: 100,
          validation: 0,
          ...(decay ? { decay } : {}),
        },
      ).final.trainLoss;
    const decay = { rate: 0.01, steps: 500000 };
    expect(five(1, decay)).toBeCloseTo(0.00484, 5);
    expect(five(1)).toBeCloseTo(0.00527, 5);
    expect(five(0.2, decay)).toBeCloseTo(0.00525, 5);
    expect(five(0.2)).toBeCloseTo(0.00486, 5);
  }, 60_000);
});

/** Polynomial least squares by the normal equations (weights for x⁰ … x^degree). */
function leastSquares(degree: number, X: number[], Y: number[]): number[] {
  const n = degree + 1;
  const A = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n + 1 }, (_, c) =>
      c < n ? X.reduce((s, x) => s + x ** (r + c), 0) : X.reduce((s, x, i) => s + x ** r * Y[i], 0),
    ),
  );
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r][col]) > Math.abs(A[pivot][col])) pivot = r;
    [A[col], A[pivot]] = [A[pivot], A[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = A[r][col] / A[col][col];
      for (let c = col; c <= n; c++) A[r][c] -= f * A[col][c];
    }
  }
  return A.map((row, r) => row[n] / A[r][r]);
}
