// Wrong (06.2): each step's direct share only — the error does not flow back through w into the
// earlier states (truncated to one step).

export { rnnStep, clipByNorm, encodeSubtraction, decodeBits, forecastSettings } from "./06-rnn.alt";

export function bpttScalar(
  xs: number[],
  ys: number[],
  u: number,
  w: number,
  v: number,
): { du: number; dw: number; dv: number } {
  const s = [0];
  xs.forEach((x, t) => s.push(Math.tanh(u * x + w * s[t])));
  let du = 0;
  let dw = 0;
  let dv = 0;
  for (let t = xs.length; t >= 1; t--) {
    const e = v * s[t] - ys[t - 1];
    dv += e * s[t];
    const dz = e * v * (1 - s[t] * s[t]);
    du += dz * xs[t - 1];
    dw += dz * s[t - 1];
  }
  return { du, dw, dv };
}
