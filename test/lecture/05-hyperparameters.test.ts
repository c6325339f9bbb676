// What notebooks/05-hyperparameters.ipynb says about its grids must stay true: the runs are
// seeded and bit-reproducible, so the prose's claims are checked here with the same settings.
import { describe, expect, it } from "vitest";
import { loadDataSet, mlp, train, type TrainOptions } from "../../lib";

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

  it("η = 0.01 crawls, 1.5 oscillates, 3 diverges, and decay rescues η = 2", () => {
    const short = { maxEpoch: 2000, checkEvery: 10, maxLoss: 1e3 };
    const crawl = run({ ...short, eta: 0.01 });
    const good = run({ ...short, eta: 0.5 });
    expect(crawl.final.validationLoss).toBeGreaterThan(good.final.validationLoss ?? 0);
    const zigzag = run({ ...short, eta: 1.5 }).history.map((h) => h.validationLoss ?? NaN);
    const ups = zigzag.slice(1).filter((v, i) => v > zigzag[i]).length;
    expect(ups).toBeGreaterThan(zigzag.length / 3); // the loss goes up about as often as down
    expect(run({ ...short, eta: 3 }).status).toBe("diverged");
    const constant = run({ ...short, eta: 2 });
    const decayed = run({ ...short, eta: 2, decay: { rate: 0.1, steps: 90000 } });
    expect(constant.final.validationLoss).toBeGreaterThan(1);
    expect(decayed.final.validationLoss).toBeLessThan(0.01);
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
});
