// Wrong (06.1): writes the new state into sPrev (and returns it), which also feeds later units the
// new values.

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
  for (let j = 0; j < b.length; j++) {
    let z = b[j];
    x.forEach((xi, i) => (z += xi * U[i][j]));
    sPrev.forEach((sk, k) => (z += sk * W[k][j]));
    sPrev[j] = Math.tanh(z);
  }
  return sPrev;
}
