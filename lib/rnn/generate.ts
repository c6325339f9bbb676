// Sampling text from a character model 生成文本: feed a start string one character at a time,
// then draw each next character from the softmax of the output divided by a temperature τ, and
// feed it back in (the model's output becomes its next input: one-to-many). Low τ picks the
// likeliest characters (repetitive), high τ flattens the distribution (inventive, misspelt).
// Taught in notebooks/06-rnn.ipynb.

import { createRng } from "../rng";
import { checkNumber, checkOptionNames } from "../validate";
import { matrix } from "../matrix";
import { type Rnn, rnnForwardInto, rnnPass } from "./rnn";

export interface GenerateOptions {
  /** The text fed in first (default: the vocabulary's first character). */
  start?: string;
  /** Characters to generate (default 200). */
  length?: number;
  /** τ > 0 (default 1). */
  temperature?: number;
  /** Seed of the draws (default 1). */
  seed?: number;
}

/** `start` followed by `length` characters drawn from the net (softmax output over `vocab`). */
export function generate(net: Rnn, vocab: string, options: GenerateOptions = {}): string {
  checkOptionNames("generate", options, ["start", "length", "temperature", "seed"]);
  const { inputs: I, outputs: O } = net.sizes;
  if (net.output !== "softmax" || I !== vocab.length || O !== vocab.length) {
    throw new Error(
      `generate: the net must read and write one-hot characters of the ${vocab.length}-character vocabulary with a softmax output (got ${I} inputs, ${O} outputs, '${net.output}').`,
    );
  }
  const start = options.start ?? vocab[0];
  const missing = [...start].find((ch) => !vocab.includes(ch));
  if (missing !== undefined) {
    throw new Error(`generate: '${missing}' in start is not in the vocabulary '${vocab}'.`);
  }
  const length = checkNumber("generate", "length", options.length ?? 200, {
    min: 0,
    integer: true,
  });
  const tau = checkNumber("generate", "temperature", options.temperature ?? 1, { above: 0 });
  const rng = createRng(checkNumber("generate", "seed", options.seed ?? 1, { integer: true }));
  // one step at a time through the RNN's own forward pass, the state carried in S[0]
  const pass = rnnPass(net, 1, 1, "every");
  const x = [matrix(1, I)];
  const p = new Float64Array(O);
  /** One step with character k as input; leaves the next character's probabilities in p:
   * softmax(z/τ), computed from the net's o = softmax(z) as (o_j / max o)^(1/τ), normalised —
   * divided by the largest first, so that a small τ (nearly greedy) cannot underflow every term. */
  const step = (k: number): void => {
    x[0].data.fill(0);
    x[0].data[k] = 1;
    rnnForwardInto(net, x, pass, 1);
    pass.S[0].data.set(pass.S[1].data);
    const o = pass.O[0].data;
    let max = 0;
    for (let j = 0; j < O; j++) if (o[j] > max) max = o[j];
    let sum = 0;
    for (let j = 0; j < O; j++) sum += p[j] = Math.pow(o[j] / max, 1 / tau);
    for (let j = 0; j < O; j++) p[j] /= sum;
  };
  for (const ch of start) step(vocab.indexOf(ch));
  let text = start;
  for (let n = 0; n < length; n++) {
    let u = rng.next();
    let k = 0;
    while (k < O - 1 && u >= p[k]) u -= p[k++];
    text += vocab[k];
    step(k);
  }
  return text;
}
