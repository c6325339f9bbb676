// The benchmark still runs: its building blocks with tiny sizes. No timing is asserted anywhere
// (the machine's load decides the numbers); `npm run bench` is never part of `npm test`.
import { describe, expect, it } from "vitest";
import { runBackends, sizeCases } from "../../bench/backends";
import { parseOptions, runBench } from "../../bench/bench";
import { IN_CLASS, runGridBench, timeGrid } from "../../bench/grid";
import { allocationReport } from "../../bench/heap";
import { findNumpy, NumpyServer, numpyTrainer } from "../../bench/numpy";
import {
  fusedReference,
  fusedReferenceTrainer,
  genericTrainer,
  plainTrainer,
  trainPlain,
} from "../../bench/plain";
import { runDigitsBench } from "../../bench/digits";
import { rnnMultiplyAdds, runRnnBench } from "../../bench/rnn";
import { loadDigits } from "../../lib/digits/digits";
import { tfjsModel, useBackend } from "../../bench/tfjs";
import {
  gflops,
  initialNet,
  measureSideBySide,
  multiplyAddsPerEpoch,
  workloadData,
} from "../../bench/workload";

const data = workloadData();
const tiny = { seconds: 0.005, repeats: 1, minEpochs: 1 };

describe("bench building blocks", () => {
  it("counts the multiply-adds of an epoch analytically", () => {
    // 1-4-1, 1000 samples, batches of 10: 5·1000·4 products + 100 updates of 13 parameters
    expect(multiplyAddsPerEpoch(4, 1000, 10)).toBe(20000 + 100 * 13);
    expect(multiplyAddsPerEpoch(4, 1000, 15)).toBe(20000 + 67 * 13); // the last batch is smaller
    expect(gflops(4, 1e4)).toBeCloseTo((2 * 21300 * 1e4) / 1e9, 12);
  });

  it("times the plain lib, its general path and the reference loop side by side", async () => {
    const trainers = [
      plainTrainer(2, data),
      genericTrainer(2, data),
      fusedReferenceTrainer(2, data),
    ];
    const measured = await measureSideBySide(trainers, tiny);
    expect(measured.map((m) => m.name)).toEqual(trainers.map((t) => t.name));
    for (const m of measured) {
      expect(m.epochsPerSecond).toBeGreaterThan(0);
      expect(m.runs).toHaveLength(1);
    }
  });

  it("the hand-fused reference loop gives the lib's weights bit for bit", () => {
    const net = initialNet(3);
    const lib = trainPlain(net, data, 3).net;
    const ref = fusedReference(net, data, 3);
    const same = (a: Float64Array, b: Float64Array): boolean =>
      a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
    expect(same(ref.W1, lib.W[0].data) && same(ref.B1, lib.B[0].data)).toBe(true);
    expect(same(ref.W2, lib.W[1].data) && same(ref.B2, lib.B[1].data)).toBe(true);
  });

  it("trains with tfjs (cpu and wasm) to the plain lib's loss, within float32", async () => {
    const net = initialNet(3);
    const plain = trainPlain(net, data, 2).final.trainLoss;
    for (const backend of ["cpu", "wasm"] as const) {
      await useBackend(backend);
      const model = tfjsModel(net, data);
      const before = model.loss();
      model.train(2);
      const after = model.loss();
      model.dispose();
      expect(after).toBeLessThan(before);
      expect(Math.abs(after - plain) / plain).toBeLessThan(1e-3);
    }
  });

  const numpy = findNumpy();
  it("trains with the course-style NumPy code", async (ctx) => {
    if ("missing" in numpy) {
      // setup installs NumPy into the course's Python; in CI its absence is a failure, not a skip
      if (process.env.CI === "true") throw new Error(`CI=true but ${numpy.missing}`);
      ctx.skip(numpy.missing);
      return;
    }
    const server = new NumpyServer(numpy.python);
    try {
      const trainer = await numpyTrainer(server, initialNet(3), data);
      const seconds = await trainer.run(2);
      expect(seconds).toBeGreaterThan(0);
      const plain = trainPlain(initialNet(3), data, 2).final.trainLoss;
      // its own shuffling: close to the lib's loss, not equal
      expect(Math.abs(trainer.lastLoss() - plain) / plain).toBeLessThan(0.5);
    } finally {
      server.close();
    }
  });

  it("reports allocation per step", async () => {
    const line = await allocationReport(initialNet(2), data, 5);
    expect(line).toMatch(/^allocation per step: /);
  });

  it("times a grid in a loop and on worker threads, with the same results", async () => {
    const text = await timeGrid({ ...IN_CLASS, maxEpoch: 20 }, 1);
    expect(text).toContain("| train in a loop, one process |");
    expect(text).toMatch(/\| grid, \d worker threads \| [\d.]+ \| [\d.]+ \| [\d.]+× \|/);
    expect(text).toContain("results: identical to the loop's, bit for bit");
    expect(await runGridBench({ quick: true })).toMatch(/^npm run bench -- grid — /);
  }, 60_000);

  it("prints the table in a quick run without tfjs, NumPy, grid or heap", async () => {
    const options = parseOptions([
      "--quick",
      "--no-tfjs",
      "--no-numpy",
      "--no-grid",
      "--no-heap",
      "--hidden=2",
    ]);
    const text = await runBench(options);
    expect(text).toContain("| H | implementation | epochs/s |");
    expect(text).toMatch(/\| 2 \| plain lib \| [\d,.]+ \| 1\.00× \|/);
    expect(text).toContain("general path bit-identical");
    expect(() => parseOptions(["--fast"])).toThrow(/unknown option --fast/);
  });

  it("maps the backends: a row per size, the fastest, and the crossover (tiny sizes, no browser)", async () => {
    const text = await runBackends({ seconds: 0.01, webgl: false, cases: sizeCases.slice(0, 2) });
    expect(text).toContain("WebGL: no browser: tfjs-webgl not measured");
    expect(text).toContain(
      "| net | batch | multiply-adds per step | plain | tfjs-cpu | tfjs-wasm | fastest | its GFLOP/s |",
    );
    expect(text).toMatch(
      /\| 1-4-1 \(the course's net\) \| 10 \| 240 \| [\d,.]+ \| [\d,.]+ \| [\d,.]+ \| (plain|tfjs-cpu|tfjs-wasm) \| [\d.]+ \|/,
    );
    expect(text).toMatch(/\| 4-4-4 \| 10 \| 960 \|/);
    expect(text).toMatch(
      /^crossover: plain wins up to .* auto's rule \(lib\/backend\.ts\) switches at 200,000$/m,
    );
  }, 60_000);

  it("times the hand-written RNN beside the same RNN in tfjs ops and an LSTM (npm run bench -- rnn)", async () => {
    const size = { inputs: 2, hidden: 3, outputs: 1, T: 4, batch: 5 };
    expect(rnnMultiplyAdds(size)).toBe(3 * 5 * 4 * (2 * 3 + 3 * 3 + 3 * 1));
    const report = await runRnnBench({ sizes: [size], settings: tiny });
    for (const name of [
      "hand-written RNN, plain (float64)",
      "the same RNN in tfjs ops, cpu (float32)",
      "the same RNN in tfjs ops, wasm (float32)",
      "LSTM, tfjs layers, cpu (float32)",
      "LSTM, tfjs layers, wasm (float32)",
    ]) {
      expect(report).toMatch(
        new RegExp(
          `^\\| ${name.replace(/[()]/g, "\\$&")} \\| [\\d,.]+ \\| [\\d,.]+ \\| [\\d,.]+ \\|$`,
          "m",
        ),
      );
    }
    expect(report).toMatch(/^\| hand-written RNN, plain \(float64\) \| [\d,.]+ \| 1\.000 \|/m);
  });

  it("times an epoch of the digit classifier per backend and batch (npm run bench -- digits)", async () => {
    const data = loadDigits({ train: 200 }).train;
    const report = await runDigitsBench({
      data,
      hidden: 4,
      batches: [1, 10],
      seconds: 0.01,
      webgl: false,
    });
    expect(report).toContain(
      "784-4-10 (sigmoid hidden, softmax output, SGD), one epoch = 200 digits",
    );
    for (const backend of ["plain", "tfjs-cpu", "tfjs-wasm"]) {
      expect(report).toMatch(
        new RegExp(
          `^\\| ${backend} \\| [\\d.e+]+ s \\([\\d.]+\\) \\| [\\d.e+]+ s \\([\\d.]+\\) \\|$`,
          "m",
        ),
      );
    }
    expect(report).toMatch(/^batch 10: fastest (plain|tfjs-cpu|tfjs-wasm), [\d.e+]+ s per epoch$/m);
  });
});
