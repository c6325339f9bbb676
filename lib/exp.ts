// e^x for the sigmoid in the training loop.
//
// Math.exp is a call into C that V8 cannot inline; inside the training loop's tight loops that
// call costs more than the arithmetic around it. This version is plain arithmetic, which V8
// inlines: about twice as fast there, and within 2 units in the last place of Math.exp (it falls
// back to Math.exp where the result would overflow, underflow or be NaN).
//
// How: write x = (256·k + j)·ln2/256 + r with whole numbers k, j (0 ≤ j < 256) and |r| ≤ ln2/512.
// Then e^x = 2^k · 2^(j/256) · e^r, where 2^k and 2^(j/256) come from tables and e^r from its
// Taylor series (the terms up to r⁵ are exact to double precision for so small an r).
//
// Not taught in a notebook: a speed detail behind the sigmoid of notebooks/02-activations.ipynb
// (measured in bench/README.md).

const N = 256;
const LOG2E_N = N * Math.LOG2E; // N / ln2
// ln2 / N split into a high part with trailing zero bits (so k·LN2N_HI is exact) and the rest
const LN2N_HI = 6.9314718036912381649e-1 / N;
const LN2N_LO = 1.90821492927058770002e-10 / N;
// Adding then subtracting 1.5·2⁵² rounds a double to the nearest whole number.
const ROUND = 6755399441055744;

/** 2^(j/256) for j = 0 … 255 */
const TWO_TO_J_OVER_N = Float64Array.from({ length: N }, (_, j) => Math.pow(2, j / N));
/** 2^k for k = −1022 … 1023, at index k + 1022 */
const TWO_TO_K = Float64Array.from({ length: 2046 }, (_, i) => Math.pow(2, i - 1022));

export function exp(x: number): number {
  if (x > -708 && x < 709) {
    const kj = x * LOG2E_N + ROUND - ROUND; // 256·k + j, the nearest whole number to x·256/ln2
    const r = x - kj * LN2N_HI - kj * LN2N_LO; // |r| ≤ ln2/512
    const e = kj | 0;
    const j = e & (N - 1);
    const k = e >> 8; // floor(kj / 256)
    const er = 1 + r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
    return er * TWO_TO_J_OVER_N[j] * TWO_TO_K[k + 1022];
  }
  return Math.exp(x); // overflow to Infinity, underflow towards 0, NaN
}

/** tanh(x) from the same e^x: 1 − 2/(e^{2|x|} + 1) with x's sign, and its Taylor series near 0
 * (where the subtraction would lose digits). Within about 1e-14 of Math.tanh, which is a call
 * into C as slow as three of these; used by the RNN's state (notebooks/06-rnn.ipynb). */
export function tanh(x: number): number {
  const a = x < 0 ? -x : x;
  if (a < 0.02) {
    const a2 = x * x;
    return x * (1 + a2 * (-1 / 3 + a2 * (2 / 15 + a2 * (-17 / 315))));
  }
  const t = 1 - 2 / (exp(2 * a) + 1);
  return x < 0 ? -t : t;
}
