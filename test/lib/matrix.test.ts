import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  add,
  addRowVector,
  affine,
  assertFinite,
  assertShape,
  column,
  copy,
  createRng,
  filled,
  formatMatrix,
  fromRows,
  get,
  hadamard,
  map,
  matMul,
  matMulABt,
  matMulAtB,
  matrix,
  maxAbs,
  mean,
  row,
  scale,
  set,
  shapeOf,
  sliceRows,
  sub,
  sum,
  sumColumns,
  toRows,
  transpose,
  zeros,
} from "../../lib";
import { randomMatrix, sameBits } from "./helpers";

/** The textbook triple loop, summing in the order t = 0, 1, … like the library promises. */
function naiveProduct(a: number[][], b: number[][]): number[][] {
  return a.map((r) =>
    b[0].map((_, j) => {
      let s = 0;
      for (let t = 0; t < r.length; t++) s += r[t] * b[t][j];
      return s;
    }),
  );
}
const T = (rows: number[][]): number[][] => rows[0].map((_, j) => rows.map((r) => r[j]));

const dims = fc.integer({ min: 1, max: 7 });

describe("construction", () => {
  it("builds row-major matrices and reads them back", () => {
    const M = fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(shapeOf(M)).toBe("2×3");
    expect(Array.from(M.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(get(M, 1, 0)).toBe(4);
    set(M, 1, 0, 9);
    expect(toRows(M)).toEqual([
      [1, 2, 3],
      [9, 5, 6],
    ]);
    expect(shapeOf(column([1, 2, 3]))).toBe("3×1");
    expect(shapeOf(row([1, 2, 3]))).toBe("1×3");
    expect(Array.from(zeros(2, 2).data)).toEqual([0, 0, 0, 0]);
    expect(Array.from(filled(1, 3, 7).data)).toEqual([7, 7, 7]);
    expect(Array.from(matrix(2, 1, [5, 6]).data)).toEqual([5, 6]);
    const C = copy(M);
    C.data[0] = 100;
    expect(M.data[0]).toBe(1);
    expect(toRows(sliceRows(M, 1, 2))).toEqual([[9, 5, 6]]);
  });

  it("formats a matrix as aligned text with its shape", () => {
    const text = formatMatrix(
      fromRows([
        [1, -0.5],
        [1e-9, NaN],
      ]),
      3,
    );
    expect(text.split("\n")[0]).toBe("2×2");
    expect(text).toContain("-0.5");
    expect(text).toContain("NaN");
    expect(text).toContain("1.00e-9");
  });

  it("rejects empty data, ragged rows, bad sizes and out-of-range indices", () => {
    expect(() => fromRows([])).toThrow(/empty data/);
    expect(() => column([])).toThrow(/empty data/);
    expect(() => fromRows([[1, 2], [3]])).toThrow(/row 1 has 1 values but row 0 has 2/);
    expect(() => matrix(0, 3)).toThrow(/rows must be ≥ 1/);
    expect(() => matrix(2, 1.5)).toThrow(/cols must be a whole number/);
    expect(() => matrix(2, 2, [1, 2, 3])).toThrow(/needs 4 values but got 3/);
    expect(() => get(zeros(2, 2), 2, 0)).toThrow(/outside a 2×2 matrix/);
    expect(() => sliceRows(zeros(2, 2), 1, 3)).toThrow(/past the last row/);
    // a Float64Array would store these as 0, NaN and 3 without a word
    expect(() =>
      fromRows([
        [1, null],
        [2, 3],
      ] as never),
    ).toThrow(/fromRows: row 0: value 1 is null, not a number/);
    expect(() => column([1, undefined] as never)).toThrow(/matrix: value 1 is undefined/);
    expect(() => matrix(1, 2, [1, "3"] as never)).toThrow(/value 1 is '3', not a number/);
  });
});

describe("products", () => {
  it("matMul, affine, matMulAtB and matMulABt equal the textbook loops bit for bit", () => {
    fc.assert(
      fc.property(dims, dims, dims, fc.integer({ min: 0, max: 10 ** 6 }), (n, k, p, seed) => {
        const rng = createRng(seed);
        const A = randomMatrix(rng, n, k);
        const B = randomMatrix(rng, k, p);
        const bias = randomMatrix(rng, 1, p);
        const expected = naiveProduct(toRows(A), toRows(B));
        expect(toRows(matMul(A, B))).toEqual(expected);
        // Aᵀ·B and A·Bᵀ without transposing, against the same loops on explicit transposes
        const At = fromRows(T(toRows(A)));
        expect(sameBits(matMulAtB(At, B).data, matMul(A, B).data)).toBe(true);
        const Bt = fromRows(T(toRows(B)));
        expect(sameBits(matMulABt(A, Bt).data, matMul(A, B).data)).toBe(true);
        // Z = X·W + B: bias first, then the products in order
        const withBias = toRows(A).map((r) =>
          bias.data.reduce<number[]>((acc, b, j) => {
            let s = b;
            for (let t = 0; t < k; t++) s += r[t] * B.data[t * p + j];
            acc.push(s);
            return acc;
          }, []),
        );
        expect(toRows(affine(A, B, bias))).toEqual(withBias);
        expect(toRows(transpose(A))).toEqual(T(toRows(A)));
      }),
      { numRuns: 100 },
    );
  });

  it("writes into out without allocating a new matrix", () => {
    const A = fromRows([
      [1, 2],
      [3, 4],
    ]);
    const out = zeros(2, 2);
    expect(matMul(A, A, out)).toBe(out);
    expect(toRows(out)).toEqual([
      [7, 10],
      [15, 22],
    ]);
  });

  it("names both shapes when they do not fit", () => {
    const A = zeros(10, 3);
    const B = zeros(4, 1);
    expect(() => matMul(A, B)).toThrow(
      "matMul: A is 10×3 but B is 4×1 — A's columns (3) must equal B's rows (4); did you mean to transpose?",
    );
    expect(() => matMulAtB(zeros(3, 2), zeros(4, 2))).toThrow(/A is 3×2 but B is 4×2/);
    expect(() => matMulABt(zeros(3, 2), zeros(3, 4))).toThrow(/A is 3×2 but B is 3×4/);
    expect(() => affine(zeros(2, 1), zeros(1, 4), zeros(1, 3))).toThrow(/B is 1×3 but must be 1×4/);
    expect(() => matMul(zeros(2, 2), zeros(2, 2), zeros(3, 2))).toThrow(
      /out is 3×2 but the result is 2×2/,
    );
    expect(() => matMul(A, zeros(3, 3), A)).toThrow(/out must be a different matrix/);
  });
});

describe("element-wise operations and reductions", () => {
  const A = fromRows([
    [1, -2],
    [3, 4],
  ]);
  const B = fromRows([
    [5, 6],
    [7, -8],
  ]);

  it("compute what they say", () => {
    expect(toRows(add(A, B))).toEqual([
      [6, 4],
      [10, -4],
    ]);
    expect(toRows(sub(A, B))).toEqual([
      [-4, -8],
      [-4, 12],
    ]);
    expect(toRows(hadamard(A, B))).toEqual([
      [5, -12],
      [21, -32],
    ]);
    expect(toRows(scale(A, 2))).toEqual([
      [2, -4],
      [6, 8],
    ]);
    expect(toRows(addRowVector(A, row([10, 20])))).toEqual([
      [11, 18],
      [13, 24],
    ]);
    expect(toRows(map(A, (v, i, j) => v + 10 * i + 100 * j))).toEqual([
      [1, 98],
      [13, 114],
    ]);
    expect(toRows(sumColumns(A))).toEqual([[4, 2]]);
    expect(sum(A)).toBe(6);
    expect(mean(A)).toBe(1.5);
    expect(maxAbs(A)).toBe(4);
    expect(maxAbs(fromRows([[1, NaN, 2]]))).toBeNaN();
    const C = copy(A);
    add(C, B, C); // out may be an input
    expect(toRows(C)).toEqual([
      [6, 4],
      [10, -4],
    ]);
  });

  it("check shapes", () => {
    expect(() => add(A, zeros(2, 3))).toThrow(/A is 2×2 but B is 2×3/);
    expect(() => hadamard(A, zeros(1, 2))).toThrow(/same shape/);
    expect(() => addRowVector(A, row([1, 2, 3]))).toThrow(/b must be 1×2, but b is 1×3/);
  });
});

describe("checks", () => {
  it("assertFinite names the matrix and the first bad element", () => {
    expect(() =>
      assertFinite(
        fromRows([
          [1, 2],
          [NaN, 4],
        ]),
        "X",
      ),
    ).toThrow(/X has NaN at row 1, column 0/);
    expect(() => assertFinite(fromRows([[Infinity]]), "Y")).toThrow(/Y has Infinity/);
    expect(() => assertFinite(zeros(2, 2), "Z")).not.toThrow();
  });

  it("assertShape names the expected shape", () => {
    expect(() => assertShape(zeros(2, 3), 3, 2, "W1")).toThrow("W1 is 2×3 but must be 3×2.");
    expect(() => assertShape(zeros(2, 3), 2, 3, "W1")).not.toThrow();
  });
});
