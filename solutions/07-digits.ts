// Reference solutions for exercises/07-digits.ts (notebook 07 · Handwritten digits 手写数字).
// Try the exercises first: `npm run grade -- 07` grades them, `npm run hint -- 07.1` helps.

// ---- 07.1 Softmax and its cross-entropy gradient 软最大与交叉熵 --------------------------------
// softmax(z)[k] = e^{z_k} / Σ_j e^{z_j}: ten scores z in, ten probabilities out (each > 0, sum 1).
// Large scores must not overflow: e^{1000} is Infinity, but softmax([1000, 1001]) is fine —
// subtract the largest score first (it cancels in the fraction).
// The loss of one sample with target y (one-hot, or any probabilities summing to 1) is
//   L(z) = −Σ_k y_k · log softmax(z)_k
// and softmaxCrossEntropyGradient(z, y) returns ∂L/∂z_k for every k (ten numbers).

export function softmax(z: number[]): number[] {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

export function softmaxCrossEntropyGradient(z: number[], y: number[]): number[] {
  // ∂L/∂z_k = p_k·Σ_j y_j − y_k, which is p_k − y_k because the targets sum to 1
  const p = softmax(z);
  return p.map((pk, k) => pk - y[k]);
}

// ---- 07.2 Accuracy and the confusion matrix 准确率与混淆矩阵 ------------------------------------
// P holds one row of ten probabilities per test digit; labels the true digits.
// predictedDigit(p): the index of the largest probability (the first one on a tie).
// accuracy(P, labels): the fraction (0 … 1) of rows whose predicted digit is the label.
// confusion(predicted, actual, classes): counts[a][p] = how many samples of true class a were
// predicted as p — rows the truth, columns the prediction, so the diagonal is what was right.
//   confusion([1, 1, 0], [1, 0, 0], 2) → [[1, 1], [0, 1]]

export function predictedDigit(p: number[]): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  return best;
}

export function accuracy(P: number[][], labels: number[]): number {
  let right = 0;
  P.forEach((p, i) => {
    if (predictedDigit(p) === labels[i]) right++;
  });
  return right / P.length;
}

export function confusion(predicted: number[], actual: number[], classes: number): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  predicted.forEach((p, i) => counts[actual[i]][p]++);
  return counts;
}

// ---- 07.3 A convolution with a stride 步长卷积 -------------------------------------------------
// Slide the kernel (k×l) over the image (H×W) in steps of `stride`, no padding: the output has
// ⌊(H − k)/stride⌋ + 1 rows and ⌊(W − l)/stride⌋ + 1 columns, and
//   out[i][j] = Σ_a Σ_b image[i·stride + a][j·stride + b] · kernel[a][b]
// (not flipped — what deep-learning libraries call convolution). Return a new array.

export function convolve(image: number[][], kernel: number[][], stride: number): number[][] {
  const rows = Math.floor((image.length - kernel.length) / stride) + 1;
  const cols = Math.floor((image[0].length - kernel[0].length) / stride) + 1;
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let a = 0; a < kernel.length; a++) {
        for (let b = 0; b < kernel[0].length; b++) {
          s += image[i * stride + a][j * stride + b] * kernel[a][b];
        }
      }
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

// ---- 07.4 A digit classifier of your own 你的手写数字分类器 -------------------------------------
// Choose the settings with which the grader trains a classifier on the notebook's digits:
//   const digits = loadDigits();   // 8,000 training digits, 2,000 test digits, pixels 0 … 1
//   const net = mlp([784, hidden, 10], { hidden: activation, output: "softmax" });
//   const result = await trainAsync(net, digits.train,
//     { eta, batchSize, maxEpoch: epochs, optimizer, validation: 0, backend: "tfjs-wasm" });
// Its accuracy on the 2,000 test digits must be at least 93%. The budget: hidden 1 … 100,
// epochs 1 … 5, batchSize 16 … 500; activation 'sigmoid', 'tanh' or 'relu'; optimizer 'sgd',
// 'momentum', 'rmsprop' or 'adam'. Replace the nulls.

export interface DigitSettings {
  hidden: number | null;
  activation: "sigmoid" | "tanh" | "relu" | null;
  eta: number | null;
  batchSize: number | null;
  epochs: number | null;
  optimizer: "sgd" | "momentum" | "rmsprop" | "adam" | null;
}

export const digitSettings: DigitSettings = {
  hidden: 100,
  activation: "relu",
  eta: 0.005,
  batchSize: 100,
  epochs: 5,
  optimizer: "adam",
};
