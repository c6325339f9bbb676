import { describe, expect, it } from "vitest";
import { toRows, xorCloud, xorOneHot } from "../../lib";

describe("xor.ts: XOR with the LEGO article's one-hot targets", () => {
  it("xorOneHot: the four corners, XOR = 1 as [1, 0] and XOR = 0 as [0, 1]", () => {
    const { X, Y } = xorOneHot();
    expect(toRows(X)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(toRows(Y)).toEqual([
      [0, 1],
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
  });

  it("xorCloud: n seeded normal points labelled by the XOR of their signs", () => {
    const { X, Y } = xorCloud(300);
    expect([X.rows, X.cols, Y.rows, Y.cols]).toEqual([300, 2, 300, 2]);
    const xs = toRows(X);
    toRows(Y).forEach((y, i) => {
      const xor = xs[i][0] > 0 !== xs[i][1] > 0;
      expect(y).toEqual(xor ? [1, 0] : [0, 1]);
    });
    const spread = X.data.reduce((s, v) => s + v * v, 0) / X.data.length;
    expect(spread).toBeGreaterThan(0.7); // variance ≈ 1
    expect(spread).toBeLessThan(1.3);
    const ones = toRows(Y).filter((y) => y[0] === 1).length;
    expect(ones).toBeGreaterThan(100); // both classes well represented
    expect(ones).toBeLessThan(200);
  });

  it("is deterministic per seed, and different seeds differ", () => {
    expect(Array.from(xorCloud(50, 3).X.data)).toEqual(Array.from(xorCloud(50, 3).X.data));
    expect(Array.from(xorCloud(50, 3).X.data)).not.toEqual(Array.from(xorCloud(50, 4).X.data));
  });

  it("rejects a bad n with a clear message", () => {
    expect(() => xorCloud(0)).toThrow(/xorCloud: n must be ≥ 1/);
    expect(() => xorCloud(2.5)).toThrow(/whole number/);
  });
});
