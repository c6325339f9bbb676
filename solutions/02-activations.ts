// Reference solutions for exercises/02-activations.ts (notebook 02 · Activation functions 激活函数).
// Try the exercises first: `npm run grade -- 02` grades your version, `npm run hint -- 02.1` helps.
// Any implementation that behaves the same passes; these are one way to write them.

// ---- 02.1 Step 阶跃函数 -------------------------------------------------------------------------

export function step(z: number): number {
  return z >= 0 ? 1 : 0;
}

export function stepDerivative(_z: number): number {
  return 0; // flat on both sides (at z = 0 it jumps, and has no slope at all)
}

// ---- 02.2 Sigmoid ------------------------------------------------------------------------------

export function sigmoid(z: number): number {
  // exp only ever sees a non-positive argument, so nothing overflows.
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function sigmoidDerivative(z: number): number {
  const a = sigmoid(z);
  return a * (1 - a);
}

// ---- 02.3 tanh ---------------------------------------------------------------------------------

export function tanh(z: number): number {
  return Math.tanh(z);
}

export function tanhDerivative(z: number): number {
  const a = Math.tanh(z);
  return 1 - a * a;
}

// ---- 02.4 ReLU ---------------------------------------------------------------------------------

export function relu(z: number): number {
  return z > 0 ? z : 0;
}

export function reluDerivative(z: number): number {
  return z > 0 ? 1 : 0;
}

// ---- 02.5 Leaky ReLU ---------------------------------------------------------------------------

export function leakyRelu(z: number, alpha = 0.01): number {
  return z > 0 ? z : alpha * z;
}

export function leakyReluDerivative(z: number, alpha = 0.01): number {
  return z > 0 ? 1 : alpha;
}

// ---- 02.6 ELU ----------------------------------------------------------------------------------

export function elu(z: number, alpha = 1): number {
  return z > 0 ? z : alpha * (Math.exp(z) - 1);
}

export function eluDerivative(z: number, alpha = 1): number {
  return z > 0 ? 1 : alpha * Math.exp(z);
}

// ---- 02.7 Softplus -----------------------------------------------------------------------------

export function softplus(z: number): number {
  // log(1 + e^z) = max(z, 0) + log(1 + e^-|z|): no overflow for large z.
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

export function softplusDerivative(z: number): number {
  return sigmoid(z);
}

// ---- 02.8 The lecture's 67 steps: gradient descent on a saturated unit 67步 --------------------

export function stepsToTarget(
  f: (z: number) => number,
  df: (z: number) => number,
  z0: number,
  target = 0.5,
  eta = 0.2,
  maxSteps = 10000,
): number {
  let z = z0;
  for (let steps = 0; steps <= maxSteps; steps++) {
    if (f(z) <= target) return steps; // checked before every step (and after the last one)
    if (steps < maxSteps) z -= eta * df(z);
  }
  return Infinity; // still above the target after maxSteps steps
}

// ---- 02.9 Dead ReLU units 死神经元 -------------------------------------------------------------

export function deadUnits(Z: number[][]): number[] {
  const units = Z.length > 0 ? Z[0].length : 0;
  const dead: number[] = [];
  for (let j = 0; j < units; j++) {
    if (Z.every((row) => row[j] <= 0)) dead.push(j);
  }
  return dead;
}
