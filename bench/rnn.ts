// npm run bench -- rnn: training steps per second of the recurrent networks of notebook 06, side by
// side in one run, at two sizes:
//   - the hand-written RNN (lib/rnn: plain TypeScript, float64, BPTT by hand);
//   - the same RNN written with TensorFlow.js ops (lib/rnn/tfjs-rnn.ts), differentiated by
//     tf.variableGrads, SGD by assign — on tfjs-cpu and tfjs-wasm (float32);
//   - an LSTM of the same width from TensorFlow.js's layers (lib/rnn/tfjs-layers.ts), on both
//     (on tfjs-cpu at the smaller size only: it takes tens of seconds a step at the larger).
// A step is one mini-batch: forward over T steps, back-propagation through time, update. Every
// implementation trains on the same batch of sequences from the same initial RNN.
// Not a test: nothing asserts a speed (test/bench/bench.test.ts only checks that it runs).

import * as tf from "@tensorflow/tfjs";
import { type Matrix, matrix } from "../lib/matrix";
import { createRng } from "../lib/rng";
import { layersRnn, trainRecurrent } from "../lib/rnn/tfjs-layers";
import { matrixTensor, rnnTensors, tfjsRnnLoss } from "../lib/rnn/tfjs-rnn";
import { rnn, type SequenceSet } from "../lib/rnn/rnn";
import { trainRnn } from "../lib/rnn/train-rnn";
import type { Tensor, TfOps, Variable } from "../lib/tfjs/ops";
import { type TfBackend, useBackend } from "./tfjs";
import {
  machineSummary,
  measureSideBySide,
  type MeasureSettings,
  quickSettings,
  secondsSince,
  type Trainer,
} from "./workload";

export interface RnnSize {
  inputs: number;
  hidden: number;
  outputs: number;
  /** Time steps per sequence. */
  T: number;
  /** Sequences per mini-batch. */
  batch: number;
}

export const RNN_SIZES: RnnSize[] = [
  { inputs: 1, hidden: 16, outputs: 1, T: 20, batch: 32 }, // the forecaster's size
  { inputs: 27, hidden: 128, outputs: 27, T: 25, batch: 32 }, // a wider character model
];

const ETA = 0.01;
const tfOps = tf as unknown as TfOps;

/** One mini-batch of random sequences with targets at every step (seeded). */
export function rnnBatch(size: RnnSize): SequenceSet {
  const rng = createRng(21);
  const fill = (cols: number): Matrix =>
    matrix(
      size.batch,
      cols,
      Array.from({ length: size.batch * cols }, () => rng.uniform(-1, 1)),
    );
  return {
    X: Array.from({ length: size.T }, () => fill(size.inputs)),
    Y: Array.from({ length: size.T }, () => fill(size.outputs)),
    targets: "every",
  };
}

/** Multiply-adds of one step: forward (x·U, s·W, s·V) and about twice that backward. */
export function rnnMultiplyAdds(size: RnnSize): number {
  const { inputs: I, hidden: H, outputs: O, T, batch } = size;
  return 3 * batch * T * (I * H + H * H + H * O);
}

function plainRnnTrainer(size: RnnSize, data: SequenceSet): Trainer {
  const net = rnn([size.inputs, size.hidden, size.outputs], { seed: 1 });
  return {
    name: "hand-written RNN, plain (float64)",
    run(steps) {
      const start = performance.now();
      // one batch per epoch: an epoch is a step; a check only at the start and the end
      trainRnn(net, data, { eta: ETA, batchSize: size.batch, maxEpoch: steps, checkEvery: steps });
      return secondsSince(start);
    },
  };
}

function tfjsOpsTrainer(size: RnnSize, data: SequenceSet, backend: TfBackend): Trainer {
  const net = rnn([size.inputs, size.hidden, size.outputs], { seed: 1 });
  return {
    name: `the same RNN in tfjs ops, ${backend} (float32)`,
    async run(steps) {
      await useBackend(backend);
      const vars: Variable[] = rnnTensors(tfOps, net).map((t) => {
        const v = tfOps.variable(t);
        t.dispose();
        return v;
      });
      const X = data.X.map((M) => matrixTensor(tfOps, M));
      const Y = data.Y.map((M) => matrixTensor(tfOps, M));
      const start = performance.now();
      for (let k = 0; k < steps; k++) {
        tfOps.tidy(() => {
          const { value, grads } = tfOps.variableGrads(() =>
            tfjsRnnLoss(tfOps, net, vars, X, Y, "every"),
          );
          for (const v of vars) v.assign(tfOps.sub(v, tfOps.mul(grads[v.name], ETA)));
          value.dataSync(); // wait for the step, as the plain loop does
        });
      }
      const seconds = secondsSince(start);
      tfOps.dispose([...vars, ...X, ...Y] as Tensor[]);
      return seconds;
    },
  };
}

function lstmTrainer(size: RnnSize, data: SequenceSet, backend: TfBackend): Trainer {
  const net = layersRnn("lstm", [size.inputs, size.hidden, size.outputs], { seed: 1 });
  return {
    name: `LSTM, tfjs layers, ${backend} (float32)`,
    async run(steps) {
      const start = performance.now();
      await trainRecurrent(net, data, {
        eta: ETA,
        batchSize: size.batch,
        maxEpoch: steps,
        checkEvery: steps,
        backend: backend === "cpu" ? "tfjs-cpu" : "tfjs-wasm",
      });
      return secondsSince(start);
    },
  };
}

const fmt = (x: number, digits = 0): string =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The table: steps per second of each implementation, and each against the plain RNN. */
export async function runRnnBench(
  options: { quick?: boolean; sizes?: RnnSize[]; settings?: MeasureSettings } = {},
): Promise<string> {
  const settings =
    options.settings ??
    (options.quick ? quickSettings : { seconds: 1.5, repeats: 3, minEpochs: 3 });
  await useBackend("cpu"); // before any tfjs model is built (the LSTMs are built up front)
  const out = [`npm run bench -- rnn · ${machineSummary()}`, `TensorFlow.js ${tf.version.tfjs}`];
  for (const size of options.sizes ?? RNN_SIZES) {
    const data = rnnBatch(size);
    const trainers = [
      plainRnnTrainer(size, data),
      tfjsOpsTrainer(size, data, "cpu"),
      tfjsOpsTrainer(size, data, "wasm"),
      // (the LSTM on tfjs-cpu takes tens of seconds a step at the larger size: left out there)
      ...(rnnMultiplyAdds(size) < 5e6 ? [lstmTrainer(size, data, "cpu")] : []),
      lstmTrainer(size, data, "wasm"),
    ];
    const results = await measureSideBySide(trainers, settings);
    const plain = results[0].epochsPerSecond;
    const madds = rnnMultiplyAdds(size);
    out.push("");
    out.push(
      `${size.inputs}-${size.hidden}-${size.outputs} RNN, T = ${size.T}, batch ${size.batch}: ${fmt(madds)} multiply-adds per step (the plain RNN's)`,
    );
    out.push("| implementation | steps/s | × the plain RNN | GFLOP/s (plain RNN's count) |");
    out.push("|---|---:|---:|---:|");
    for (const r of results) {
      out.push(
        `| ${r.name} | ${fmt(r.epochsPerSecond, 1)} | ${fmt(r.epochsPerSecond / plain, 3)} | ${fmt((2 * madds * r.epochsPerSecond) / 1e9, 3)} |`,
      );
    }
  }
  out.push("");
  out.push(`at the end: ${machineSummary()}`);
  return out.join("\n");
}
