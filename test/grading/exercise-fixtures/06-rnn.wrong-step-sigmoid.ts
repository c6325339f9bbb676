// Wrong (06.1): the state's f is sigmoid instead of tanh.

export {
  bpttScalar,
  clipByNorm,
  encodeSubtraction,
  decodeBits,
  forecastSettings,
} from "./06-rnn.alt";

export function rnnStep(
  x: number[],
  sPrev: number[],
  U: number[][],
  W: number[][],
  b: number[],
): number[] {
  return b.map((bj, j) => {
    let z = bj;
    x.forEach((xi, i) => (z += xi * U[i][j]));
    sPrev.forEach((sk, k) => (z += sk * W[k][j]));
    return 1 / (1 + Math.exp(-z));
  });
}
