// A fingerprint of the library's arithmetic: every weight and every history value after training
// a set of configurations that between them run every branch of the hot loop (1-H-1 regression with
// full and partial batches, sigmoid and softmax classifiers with L2, deeper nets with relu, tanh,
// leakyRelu, elu, softplus, every optimizer, learning-rate decay, a loss without the A − Y shortcut,
// and the forward/backward API). Use it around any change to the hot path: the numbers must not
// change by a single bit.
//
//   node --import tsx bench/fingerprint.ts --save /tmp/before.json   (before the change)
//   node --import tsx bench/fingerprint.ts --check /tmp/before.json  (after: exits 1 on a difference)
//
// Not a test: Math.exp/tanh/log/pow may differ between Node versions, so a stored fingerprint is only
// comparable on the same Node. (test/bench checks what can be checked anywhere: the fast path
// against the generic one, in the same process.)

import { readFileSync, writeFileSync } from "node:fs";
import { loadDataSet } from "../lib/datasets";
import { halfMse, type Loss } from "../lib/losses";
import { fromRows, type Matrix } from "../lib/matrix";
import { backward, forward, mlp, type MlpOptions, type Network } from "../lib/network";
import { type DataSet, train, trainAsync, type TrainOptions, type TrainResult } from "../lib/train";

interface Case {
  name: string;
  sizes: number[];
  net?: MlpOptions;
  data: DataSet;
  options: TrainOptions;
}

const cobra = loadDataSet("cobra").train;
const sine = loadDataSet("sine").train;
const xor = loadDataSet("xor").train;
/** XOR with two outputs: [y, 1 − y] (for a 2-3-2 sigmoid net and a softmax net). */
const xor2: DataSet = {
  X: xor.X,
  Y: fromRows(Array.from(xor.Y.data, (y) => [y, 1 - y])),
};
/** halfMse without its pairing: backward must use dA ⊙ f′(Z) instead of A − Y. */
const unpairedHalfMse: Loss = { name: "unpairedHalfMse", value: halfMse.value, dA: halfMse.dA };

export const fingerprintCases: Case[] = [
  {
    name: "1-4-1 cobra b10 (course default)",
    sizes: [1, 4, 1],
    data: cobra,
    options: { eta: 0.5, batchSize: 10, maxEpoch: 200, checkEvery: 50 },
  },
  {
    name: "1-4-1 cobra b2 no validation",
    sizes: [1, 4, 1],
    data: cobra,
    options: { eta: 0.5, batchSize: 2, maxEpoch: 40, checkEvery: 10, validation: 0 },
  },
  {
    name: "1-4-1 cobra b15 (smaller last batch)",
    sizes: [1, 4, 1],
    data: cobra,
    options: { eta: 0.3, batchSize: 15, maxEpoch: 60, checkEvery: 7, validation: 0 },
  },
  {
    name: "1-64-1 cobra b10",
    sizes: [1, 64, 1],
    data: cobra,
    options: { eta: 0.5, batchSize: 10, maxEpoch: 20, checkEvery: 5, validation: 0 },
  },
  {
    name: "1-3-1 sine checkEvery 1, eps",
    sizes: [1, 3, 1],
    data: sine,
    options: { eta: 0.7, batchSize: 5, maxEpoch: 300, eps: 0.02, shuffle: true, seed: 5 },
  },
  {
    name: "2-3-2 sigmoid XOR l2",
    sizes: [2, 3, 2],
    net: { output: "sigmoid", seed: 3 },
    data: xor2,
    options: { eta: 0.5, batchSize: 1, maxEpoch: 500, checkEvery: 25, l2: 0.01 },
  },
  {
    name: "2-4-1 sigmoid XOR b4 no shuffle",
    sizes: [2, 4, 1],
    net: { output: "sigmoid", init: "normal", seed: 7 },
    data: xor,
    options: { eta: 1, batchSize: 4, maxEpoch: 300, checkEvery: 30, shuffle: false },
  },
  {
    name: "2-5-2 softmax XOR momentum",
    sizes: [2, 5, 2],
    net: { hidden: "tanh", output: "softmax" },
    data: xor2,
    options: { eta: 0.2, batchSize: 2, maxEpoch: 200, checkEvery: 20, optimizer: "momentum" },
  },
  {
    name: "1-8-6-1 relu/tanh sine adam decay l2",
    sizes: [1, 8, 6, 1],
    net: { activations: ["relu", "tanh", "identity"], init: "he", seed: 4 },
    data: sine,
    options: {
      eta: 0.01,
      batchSize: 16,
      maxEpoch: 60,
      checkEvery: 6,
      optimizer: "adam",
      decay: { rate: 0.5, steps: 500 },
      l2: 0.001,
    },
  },
  {
    name: "1-5-5-5-1 leakyRelu/elu/softplus sine rmsprop",
    sizes: [1, 5, 5, 5, 1],
    net: { activations: ["leakyRelu", "elu", "softplus", "identity"], seed: 9 },
    data: sine,
    options: {
      eta: 0.005,
      batchSize: 8,
      maxEpoch: 40,
      checkEvery: 4,
      optimizer: { name: "rmsprop", beta: 0.8 },
      validation: 0.2,
    },
  },
  {
    name: "1-6-1 tanh output unpaired loss sgd decay",
    sizes: [1, 6, 1],
    net: { output: "tanh" },
    data: sine,
    options: {
      eta: 0.3,
      batchSize: 12,
      maxEpoch: 40,
      checkEvery: 8,
      loss: unpairedHalfMse,
      decay: { rate: 0.9, steps: 100 },
    },
  },
  {
    name: "1-4-1 sine sigmoid output unpaired loss",
    sizes: [1, 4, 1],
    net: { output: "sigmoid" },
    data: { X: sine.X, Y: fromRows(Array.from(sine.Y.data, (y) => [(y + 1.2) / 2.4])) },
    options: { eta: 0.5, batchSize: 10, maxEpoch: 30, checkEvery: 10, loss: unpairedHalfMse },
  },
  {
    name: "1-4-1 cobra diverges (eta 50)",
    sizes: [1, 4, 1],
    data: cobra,
    options: { eta: 50, batchSize: 10, maxEpoch: 100, checkEvery: 10, validation: 0 },
  },
];

/** Every number a run produced, in a fixed order (NaN and ±Infinity as strings). */
function numbersOf(result: TrainResult): (number | string)[] {
  const out: (number | string)[] = [result.epochs, result.iterations, result.status];
  for (const check of result.history) {
    for (const value of Object.values(check)) out.push(value === null ? "null" : value);
  }
  for (const M of [...result.net.W, ...result.net.B]) out.push(...M.data);
  return out.map((v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}

function matrices(list: Matrix[]): number[] {
  return list.flatMap((M) => Array.from(M.data));
}

/** The fingerprint: case name → its numbers. */
export async function fingerprint(): Promise<Record<string, (number | string)[]>> {
  const out: Record<string, (number | string)[]> = {};
  for (const c of fingerprintCases) {
    const net: Network = mlp(c.sizes, c.net);
    out[c.name] = numbersOf(train(net, c.data, c.options));
  }
  // trainAsync runs the same loop
  const first = fingerprintCases[0];
  out["trainAsync " + first.name] = numbersOf(
    await trainAsync(mlp(first.sizes), first.data, first.options),
  );
  // the forward/backward API on one batch of a deeper net (every intermediate)
  const net = mlp([1, 5, 3, 1], { activations: ["sigmoid", "tanh", "identity"], seed: 11 });
  const X = fromRows(Array.from({ length: 7 }, (_, i) => [i / 7 - 0.4]));
  const Y = fromRows(Array.from({ length: 7 }, (_, i) => [Math.sin(i)]));
  const pass = forward(net, X);
  const grads = backward(net, pass, Y, undefined, { l2: 0.1 });
  out["forward/backward 1-5-3-1"] = [
    ...matrices(pass.Z),
    ...matrices(pass.A),
    ...matrices(grads.dZ),
    ...matrices(grads.dW),
    ...matrices(grads.dB),
  ];
  return out;
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  const current = await fingerprint();
  if (mode === "--save" && file) {
    writeFileSync(file, JSON.stringify(current));
    const count = Object.values(current).reduce((n, v) => n + v.length, 0);
    console.log(`saved ${count} numbers from ${Object.keys(current).length} cases to ${file}`);
    return;
  }
  if (mode === "--check" && file) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as Record<string, (number | string)[]>;
    let bad = 0;
    for (const [name, values] of Object.entries(saved)) {
      const now = current[name];
      const at = now ? values.findIndex((v, i) => !Object.is(v, now[i])) : 0;
      if (!now || now.length !== values.length || at >= 0) {
        bad++;
        const where = at >= 0 ? ` (first at index ${at}: ${values[at]} → ${now?.[at]})` : "";
        console.log(`DIFFERENT  ${name}${where}`);
      } else {
        console.log(`identical  ${name} (${values.length} numbers)`);
      }
    }
    console.log(bad === 0 ? "fingerprint: bit-identical" : `fingerprint: ${bad} case(s) differ`);
    process.exitCode = bad === 0 ? 0 : 1;
    return;
  }
  console.log("usage: node --import tsx bench/fingerprint.ts --save FILE | --check FILE");
  process.exitCode = 2;
}

if (process.argv[1]?.endsWith("fingerprint.ts")) void main();
