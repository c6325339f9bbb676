// A correct implementation written differently from solutions/: the step with map/reduce, the
// gradient by forward-mode differentiation (real-time recurrent learning: ∂s_t/∂u and ∂s_t/∂w
// carried along the forward pass, no backward sweep), Math.hypot for the length, the bits through
// binary strings, and other forecast settings (a longer window, RMSProp).

export function rnnStep(
  x: number[],
  sPrev: number[],
  U: number[][],
  W: number[][],
  b: number[],
): number[] {
  return b.map((bj, j) => {
    const fromX = x.reduce((sum, xi, i) => sum + xi * U[i][j], 0);
    const fromS = sPrev.reduce((sum, sk, k) => sum + sk * W[k][j], 0);
    return Math.tanh(fromX + fromS + bj);
  });
}

export function bpttScalar(
  xs: number[],
  ys: number[],
  u: number,
  w: number,
  v: number,
): { du: number; dw: number; dv: number } {
  let s = 0;
  let dsdu = 0; // ∂s_t/∂u
  let dsdw = 0; // ∂s_t/∂w
  const grad = { du: 0, dw: 0, dv: 0 };
  for (let t = 0; t < xs.length; t++) {
    const next = Math.tanh(u * xs[t] + w * s);
    const slope = 1 - next * next;
    dsdu = slope * (xs[t] + w * dsdu);
    dsdw = slope * (s + w * dsdw);
    s = next;
    const e = v * s - ys[t];
    grad.du += e * v * dsdu;
    grad.dw += e * v * dsdw;
    grad.dv += e * s;
  }
  return grad;
}

export function clipByNorm(grads: number[][], maxNorm: number): number[][] {
  const length = Math.hypot(...grads.flat());
  if (length <= maxNorm) return grads.map((g) => g.slice());
  return grads.map((g) => g.map((v) => (v / length) * maxNorm));
}

export function encodeSubtraction(a: number, b: number): { x: number[][]; y: number[] } {
  const bits = (n: number): number[] =>
    n.toString(2).padStart(4, "0").split("").reverse().map(Number);
  const d = a >= b ? a - b : 16 + a - b;
  return { x: bits(a).map((bit, t) => [bit, bits(b)[t]]), y: bits(d) };
}

export function decodeBits(outputs: number[]): number {
  return outputs.reduceRight((n, o) => 2 * n + (o < 0.5 ? 0 : 1), 0);
}

export interface ForecastSettings {
  window: number | null;
  hidden: number | null;
  eta: number | null;
  batchSize: number | null;
  maxEpoch: number | null;
  optimizer: "sgd" | "momentum" | "rmsprop" | "adam" | null;
}

export const forecastSettings: ForecastSettings = {
  window: 20,
  hidden: 8,
  eta: 0.005,
  batchSize: 32,
  maxEpoch: 80,
  optimizer: "rmsprop",
};
