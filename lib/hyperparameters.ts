// The hyper-parameters 超参数 one training step reads, kept in one place: a Float64Array per run,
// `h`. The epoch loop writes it (η, decayed as training goes on), back-propagation reads λ, and the
// optimizers' update rules read η, β and ε. Taught in notebooks/05-hyperparameters.ipynb.
//
// Why an array and not numbers passed along: V8 boxes (allocates) a number passed to a function it
// does not inline, which would be one allocation per step; an element of a Float64Array is read as
// a plain double. So `train(…, { eta })` checks eta once and writes it here, and the innermost
// loop reads `const eta = h[ETA]`, one hop away.

/** Index of η, the learning rate of the next step (with decay: η₀ · rate^(step / steps)). */
export const ETA = 0;
/** Index of λ, the L2 penalty's strength (0: no penalty). */
export const LAMBDA = 1;
/** Index of momentum's and RMSProp's β, or Adam's β1. */
export const BETA1 = 2;
/** Index of Adam's β2. */
export const BETA2 = 3;
/** Index of ε, RMSProp's and Adam's guard against dividing by zero. */
export const EPSILON = 4;
/** Indices of Adam's bias corrections 1 − β1ᵗ and 1 − β2ᵗ (rewritten every step). */
export const CORRECTION1 = 5;
export const CORRECTION2 = 6;

/** The numbers of one step, with names (what `stepNumbers` packs into its array). */
export interface StepSettings {
  eta: number;
  l2?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** A run's `h`: η, λ, β1, β2, ε and Adam's two corrections (NaN where a setting does not apply). */
export function stepNumbers(settings: StepSettings): Float64Array {
  const h = new Float64Array(7).fill(NaN);
  h[ETA] = settings.eta;
  h[LAMBDA] = settings.l2 ?? 0;
  if (settings.beta1 !== undefined) h[BETA1] = settings.beta1;
  if (settings.beta2 !== undefined) h[BETA2] = settings.beta2;
  if (settings.epsilon !== undefined) h[EPSILON] = settings.epsilon;
  return h;
}

/** Learning-rate decay options: η = η₀ · rate^(step / steps), counting mini-batch steps; with
 * `staircase` the exponent is ⌊step / steps⌋, so η drops once every `steps` steps (the course's
 * lr = 0.1 · 0.9^⌊step / 50⌋). */
export interface Decay {
  rate: number;
  steps: number;
  staircase?: boolean;
}

/** Learning-rate decay: η₀ · rate^(step / steps), or rate^⌊step / steps⌋ with `staircase`. */
export function decayedEta(
  eta0: number,
  decayRate: number,
  step: number,
  decaySteps: number,
  staircase = false,
): number {
  const exponent = staircase ? Math.floor(step / decaySteps) : step / decaySteps;
  return eta0 * Math.pow(decayRate, exponent);
}
