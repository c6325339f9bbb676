// A correct implementation written differently from solutions/: softmax through log-sum-exp, the
// gradient as the softmax Jacobian applied to −y/p (no shortcut), reduce for the argmax, filter
// for the accuracy, Array.from for the confusion matrix and the convolution, and other settings
// (sigmoid units, a larger η).

export function softmax(z: number[]): number[] {
  const top = z.reduce((a, b) => Math.max(a, b), -Infinity);
  const lse = top + Math.log(z.reduce((s, v) => s + Math.exp(v - top), 0));
  return z.map((v) => Math.exp(v - lse));
}

export function softmaxCrossEntropyGradient(z: number[], y: number[]): number[] {
  // ∂L/∂z_k = Σ_j ∂L/∂p_j · ∂p_j/∂z_k with ∂L/∂p_j = −y_j/p_j and ∂p_j/∂z_k = p_j(δ_jk − p_k)
  const p = softmax(z);
  return z.map((_, k) =>
    p.reduce((s, pj, j) => s + (-y[j] / pj) * pj * ((j === k ? 1 : 0) - p[k]), 0),
  );
}

export function predictedDigit(p: number[]): number {
  return p.reduce((best, v, k) => (v > p[best] ? k : best), 0);
}

export function accuracy(P: number[][], labels: number[]): number {
  return P.filter((p, i) => predictedDigit(p) === labels[i]).length / labels.length;
}

export function confusion(predicted: number[], actual: number[], classes: number): number[][] {
  return Array.from({ length: classes }, (_, a) =>
    Array.from({ length: classes }, (_, q) =>
      predicted.reduce((n, p, i) => n + (p === q && actual[i] === a ? 1 : 0), 0),
    ),
  );
}

export function convolve(image: number[][], kernel: number[][], stride: number): number[][] {
  const rows = Math.floor((image.length - kernel.length) / stride) + 1;
  const cols = Math.floor((image[0].length - kernel[0].length) / stride) + 1;
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) =>
      kernel.reduce(
        (s, row, a) =>
          s + row.reduce((t, w, b) => t + w * image[i * stride + a][j * stride + b], 0),
        0,
      ),
    ),
  );
}

export const digitSettings = {
  hidden: 100,
  activation: "sigmoid" as const,
  eta: 0.02,
  batchSize: 100,
  epochs: 5,
  optimizer: "adam" as const,
};
