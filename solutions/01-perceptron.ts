// Reference solutions for exercises/01-perceptron.ts (notebook 01 · The perceptron 感知器).
// Try the exercises first: `npm run grade -- 01` grades your version, `npm run hint -- 01.1` helps.
// Any implementation that behaves the same passes; these are one way to write them.

// ---- 01.1 A neuron 神经元 ------------------------------------------------------------------------

export function weightedSum(x: number[], w: number[], b: number): number {
  let z = b;
  for (let i = 0; i < x.length; i++) z += w[i] * x[i];
  return z;
}

export function neuron(x: number[], w: number[], b: number, f: (z: number) => number): number {
  return f(weightedSum(x, w, b));
}

// ---- 01.2 The perceptron's answer and its learning rule 感知器学习规则 ------------------------------

export function perceptronOutput(x: number[], w: number[], b: number): number {
  return weightedSum(x, w, b) >= 0 ? 1 : 0;
}

export function perceptronUpdate(
  x: number[],
  t: number,
  w: number[],
  b: number,
  eta: number,
): { w: number[]; b: number } {
  const y = perceptronOutput(x, w, b);
  const error = t - y; // −1, 0 or 1: only a wrong answer changes anything
  return { w: w.map((wi, i) => wi + eta * error * x[i]), b: b + eta * error };
}

// ---- 01.3 Train until an epoch without mistakes 训练到没有错误 ---------------------------------------

export function trainPerceptron(
  X: number[][],
  T: number[],
  eta = 1,
  maxEpoch = 100,
): { w: number[]; b: number; epochs: number } {
  const { w, b, epochs } = run(X, T, eta, maxEpoch);
  return { w, b, epochs };
}

// ---- 01.4 When training never ends: XOR 异或 ---------------------------------------------------

export function convergenceReport(
  X: number[][],
  T: number[],
  budget: number,
  eta = 1,
): { converged: boolean; epochs: number; errorsPerEpoch: number[] } {
  const { converged, epochs, errorsPerEpoch } = run(X, T, eta, budget);
  return { converged, epochs, errorsPerEpoch };
}

/** The training loop both exercises share. */
function run(X: number[][], T: number[], eta: number, maxEpoch: number) {
  let w: number[] = new Array(X[0].length).fill(0);
  let b = 0;
  const errorsPerEpoch: number[] = [];
  for (let epoch = 1; epoch <= maxEpoch; epoch++) {
    let errors = 0;
    for (let i = 0; i < X.length; i++) {
      if (perceptronOutput(X[i], w, b) !== T[i]) errors++;
      ({ w, b } = perceptronUpdate(X[i], T[i], w, b, eta));
    }
    errorsPerEpoch.push(errors);
    if (errors === 0) return { w, b, epochs: epoch, converged: true, errorsPerEpoch };
  }
  return { w, b, epochs: maxEpoch, converged: false, errorsPerEpoch };
}
