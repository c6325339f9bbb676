import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  andData,
  cobraData,
  column,
  dataSetJson,
  dataSetNames,
  fromRows,
  generateDataSet,
  linspace,
  loadDataSet,
  normalize,
  orData,
  scaleTo,
  sineData,
  toRows,
  xorData,
} from "../../lib";
import { expectClose, sameBits } from "./helpers";

const root = path.resolve(__dirname, "..", "..");
const sineF = (x: number) => Math.sin(2 * Math.PI * x);
const cobraF = (x: number) =>
  0.4 * x ** 2 + 0.3 * x * Math.sin(15 * x) + 0.01 * Math.cos(50 * x) - 0.3;

describe("the course's data sets", () => {
  it("sine: 500 noisy training samples with x in [0, 1), 100 clean test samples on linspace(0, 1)", () => {
    const { train, test, seed } = sineData();
    expect(seed).toBe(1);
    expect([train.X.rows, train.X.cols, train.Y.rows, test.X.rows]).toEqual([500, 1, 500, 100]);
    const x = Array.from(train.X.data);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...x)).toBeLessThan(1);
    expect(Math.min(...x)).toBeLessThan(0.01); // spread over the interval
    expect(Math.max(...x)).toBeGreaterThan(0.99);
    const noise = x.map((xi, i) => train.Y.data[i] - sineF(xi));
    expect(Math.max(...noise.map(Math.abs))).toBeLessThanOrEqual(0.1);
    expect(Math.max(...noise)).toBeGreaterThan(0.09); // the noise fills U(−0.1, 0.1)
    expect(Math.min(...noise)).toBeLessThan(-0.09);
    expect(Math.abs(noise.reduce((a, b) => a + b, 0) / 500)).toBeLessThan(0.01);
    expect(Array.from(test.X.data)).toEqual(linspace(0, 1, 100));
    expect(Array.from(test.Y.data)).toEqual(Array.from(test.X.data, sineF));
  });

  it("cobra: 1000 noisy training samples of the lecture's curve, 200 clean test samples", () => {
    const { train, test } = cobraData();
    expect([train.X.rows, test.X.rows]).toEqual([1000, 200]);
    const noise = Array.from(train.X.data, (x, i) => train.Y.data[i] - cobraF(x));
    expect(Math.max(...noise.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(Math.max(...noise)).toBeGreaterThan(0.045);
    expectClose(test.Y.data, Array.from(test.X.data, cobraF), 1e-14, 1e-3, "cobra test y");
    expect(test.X.data[0]).toBe(0);
    expect(test.X.data[199]).toBe(1);
  });

  it("XOR, AND and OR list all four input pairs with their truth values", () => {
    const table = (d: ReturnType<typeof xorData>) =>
      toRows(d.train.X).map((r, i) => [...r, d.train.Y.data[i]]);
    expect(table(xorData())).toEqual([
      [0, 0, 0],
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ]);
    expect(table(andData())).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
      [1, 1, 1],
    ]);
    expect(table(orData())).toEqual([
      [0, 0, 0],
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 1],
    ]);
  });

  it("are seeded: the same seed gives the same numbers, another seed others", () => {
    expect(sameBits(sineData(5).train.Y.data, sineData(5).train.Y.data)).toBe(true);
    expect(sameBits(sineData(5).train.X.data, sineData(6).train.X.data)).toBe(false);
    expect(sameBits(sineData().train.X.data, cobraData().train.X.data.subarray(0, 500))).toBe(
      false,
    );
  });

  it("loadDataSet returns the committed copies, identical to freshly generated ones, as fresh matrices", () => {
    for (const name of dataSetNames) {
      const loaded = loadDataSet(name);
      const generated = generateDataSet(name);
      expect(loaded.name).toBe(name);
      expect(loaded.formula).toBe(generated.formula);
      for (const part of ["train", "test"] as const) {
        expect(sameBits(loaded[part].X.data, generated[part].X.data), `${name}.${part}.X`).toBe(
          true,
        );
        expect(sameBits(loaded[part].Y.data, generated[part].Y.data), `${name}.${part}.Y`).toBe(
          true,
        );
      }
    }
    const a = loadDataSet("sine");
    a.train.X.data[0] = 42;
    expect(loadDataSet("sine").train.X.data[0]).not.toBe(42);
    expect(() => loadDataSet("sin" as never)).toThrow(
      /unknown data set 'sin' \(did you mean 'sine'\?\)/,
    );
  });

  it("the committed files in data/ are byte-identical to what the generators write", () => {
    for (const name of dataSetNames) {
      const committed = fs.readFileSync(path.join(root, "data", `${name}.json`), "utf8");
      expect(dataSetJson(generateDataSet(name)) === committed, `data/${name}.json`).toBe(true);
    }
  });

  it("`npm run data` (scripts/make-data.ts) regenerates every file byte for byte", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-data-"));
    try {
      const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
      const run = spawnSync(
        process.execPath,
        [tsx, path.join(root, "scripts", "make-data.ts"), dir],
        { cwd: root, encoding: "utf8" },
      );
      expect(run.status, run.stderr).toBe(0);
      const written = fs.readdirSync(dir).sort();
      expect(written).toEqual(dataSetNames.map((n) => `${n}.json`).sort());
      for (const file of written) {
        const fresh = fs.readFileSync(path.join(dir, file));
        const committed = fs.readFileSync(path.join(root, "data", file));
        expect(fresh.equals(committed), file).toBe(true);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("the JSON keeps every number exactly (shortest round-trip form)", () => {
    const json = JSON.parse(fs.readFileSync(path.join(root, "data", "cobra.json"), "utf8"));
    const { train } = cobraData();
    expect(sameBits(Float64Array.from(json.train.y), train.Y.data)).toBe(true);
    expect(json.inputs).toEqual(["x"]);
    expect(json.seed).toBe(2);
  });
});

describe("scaling", () => {
  it("scaleTo maps each column into [low, high] and scales new data the same way", () => {
    const X = fromRows([
      [0, 10],
      [5, 20],
      [10, 30],
    ]);
    const s = scaleTo(X);
    expectClose(s.X.data, [0.01, 0.01, 0.5, 0.5, 0.99, 0.99], 1e-15, 1, "scaled");
    expect(s.min).toEqual([0, 10]);
    expect(s.max).toEqual([10, 30]);
    expectClose(s.apply(fromRows([[2.5, 25]])).data, [0.255, 0.745], 1e-15, 1, "applied");
    const back = s.invert(s.X);
    back.data.forEach((v, i) => expect(v).toBeCloseTo(X.data[i], 12));
    expect(toRows(scaleTo(column([3, 3]), -1, 1).X)).toEqual([[0], [0]]); // constant column → middle
    expect(() => s.apply(column([1]))).toThrow(/fitted on 2 column\(s\) but this matrix is 1×1/);
    expect(() => scaleTo(X, 1, 0)).toThrow(/high must be > 1/);
    // one NaN would turn its whole column into NaN
    expect(() => scaleTo(column([1, Infinity, 3]))).toThrow(/scaleTo: X has Infinity at row 1/);
    expect(() => normalize(column([1, NaN, 3]))).toThrow(/normalize: X has NaN at row 1/);
    expect(() => s.apply(fromRows([[NaN, 1]]))).toThrow(/scaleTo.apply has NaN at row 0/);
  });

  it("normalize gives each column mean 0 and standard deviation 1", () => {
    const X = fromRows([
      [1, 100],
      [2, 100],
      [3, 100],
      [6, 100],
    ]);
    const n = normalize(X);
    const col = (j: number) => toRows(n.X).map((r) => r[j]);
    const mean = col(0).reduce((a, b) => a + b, 0) / 4;
    const std = Math.sqrt(col(0).reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    expect(mean).toBeCloseTo(0, 14);
    expect(std).toBeCloseTo(1, 14);
    expect(col(1)).toEqual([0, 0, 0, 0]); // a constant column is only shifted
    expect(n.mean).toEqual([3, 100]);
    n.invert(n.X).data.forEach((v, i) => expect(v).toBeCloseTo(X.data[i], 12));
  });

  it("linspace includes both ends", () => {
    expect(linspace(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(() => linspace(0, 1, 1)).toThrow(/n must be ≥ 2/);
  });
});
