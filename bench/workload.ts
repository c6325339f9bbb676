// The benchmark's workload and its measuring rules, shared by every implementation.
//
// Workload: the lecture's 1-H-1 regression net (sigmoid hidden layer, identity output, half-MSE)
// on the 1000 training samples of the cobra data set, mini-batches of 10, eta 0.5, plain SGD, the
// samples shuffled every epoch. Every implementation starts from the same initial weights
// (`mlp([1, H, 1])`, Xavier, seed 1).

import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { loadDataSet } from "../lib/datasets";
import { mlp, type Network } from "../lib/network";
import type { DataSet } from "../lib/train";

export const ETA = 0.5;
export const BATCH_SIZE = 10;
export const HIDDEN_SIZES = [4, 64] as const;

/** The cobra training set: 1000 samples, x in [0, 1), one target each. */
export function workloadData(): DataSet {
  return loadDataSet("cobra").train;
}

/** The initial network every implementation starts from. */
export function initialNet(hidden: number): Network {
  return mlp([1, hidden, 1]);
}

/**
 * Multiply-adds of one epoch of the 1-H-1 net, counted analytically: per sample, the products
 * X·W1 and A1·W2 of the forward pass and A1ᵀ·dZ2, dZ2·W2ᵀ and Xᵀ·dZ1 of the backward pass are H
 * multiply-adds each (5·H); per mini-batch, the update W ← W − η·dW is one multiply-add per
 * parameter (3·H + 1). Bias additions, the sigmoid (its e^x), its slope a(1 − a), the sums for dB
 * and the divisions by m are not counted. One multiply-add = 2 floating-point operations.
 */
export function multiplyAddsPerEpoch(hidden: number, samples: number, batchSize: number): number {
  const batches = Math.ceil(samples / batchSize);
  return 5 * samples * hidden + batches * (3 * hidden + 1);
}

/** GFLOP/s at a given speed: 2 FLOPs per multiply-add. */
export function gflops(hidden: number, epochsPerSecond: number, samples = 1000): number {
  return (2 * multiplyAddsPerEpoch(hidden, samples, BATCH_SIZE) * epochsPerSecond) / 1e9;
}

/** Half the mean squared error, the course's loss: Σ(a − y)² / (2n). */
export function halfMseOf(predictions: ArrayLike<number>, targets: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < targets.length; i++) {
    const e = predictions[i] - targets[i];
    s += e * e;
  }
  return s / (2 * targets.length);
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** Something that trains for a given number of epochs (from its initial weights each time). */
export interface Trainer {
  name: string;
  /** Runs `epochs` epochs and returns the wall-clock seconds they took. */
  run(epochs: number): number | Promise<number>;
}

export interface MeasureSettings {
  /** Seconds one timed run should take (its epochs are sized from a calibration run). */
  seconds: number;
  /** Timed runs per implementation; the best counts. */
  repeats: number;
  /** At least this many epochs per timed run. */
  minEpochs: number;
}

export const fullSettings: MeasureSettings = { seconds: 1.5, repeats: 5, minEpochs: 3 };
export const quickSettings: MeasureSettings = { seconds: 0.15, repeats: 2, minEpochs: 1 };

/** Calibration, which also warms the JIT up: double the epochs until a run takes ≥ 0.25 s (or a
 * tenth of the target), and return the epochs per timed run. */
export async function calibrate(trainer: Trainer, settings: MeasureSettings): Promise<number> {
  const warm = Math.min(0.25, settings.seconds / 2);
  let epochs = 1;
  for (;;) {
    const seconds = await trainer.run(epochs);
    if (seconds >= warm || epochs >= 1e7) {
      return Math.max(settings.minEpochs, Math.round((epochs / seconds) * settings.seconds));
    }
    epochs *= seconds < warm / 8 ? 8 : 2;
  }
}

export interface Measurement {
  name: string;
  /** The best run's epochs per second. */
  epochsPerSecond: number;
  /** Every timed run's epochs per second, in order. */
  runs: number[];
  /** Epochs per timed run. */
  epochs: number;
}

/**
 * Times several trainers side by side: after calibrating each, it runs them in turns (one timed
 * run of each, then the next round), so that a change in the machine's load hits them all alike,
 * and keeps each one's best run.
 */
export async function measureSideBySide(
  trainers: Trainer[],
  settings: MeasureSettings,
  onRun?: (name: string, epochsPerSecond: number) => void,
): Promise<Measurement[]> {
  const epochs: number[] = [];
  for (const t of trainers) epochs.push(await calibrate(t, settings));
  const runs: number[][] = trainers.map(() => []);
  for (let r = 0; r < settings.repeats; r++) {
    for (let k = 0; k < trainers.length; k++) {
      const rate = epochs[k] / (await trainers[k].run(epochs[k]));
      runs[k].push(rate);
      onRun?.(trainers[k].name, rate);
    }
  }
  return trainers.map((t, k) => ({
    name: t.name,
    epochsPerSecond: Math.max(...runs[k]),
    runs: runs[k],
    epochs: epochs[k],
  }));
}

/** Seconds since `start` (a performance.now() reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/** One line about the machine and its load (`nproc`, the CPU model and clock from /proc/cpuinfo
 * on Linux, Node's version, the load average over 1, 5 and 15 minutes). */
export function machineSummary(): string {
  let cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  try {
    const mhz = /cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (mhz) cpu += ` at ${Math.round(Number(mhz[1]))} MHz`;
  } catch {
    // not Linux: the model name is all we have
  }
  const [one, five, fifteen] = loadavg().map((x) => x.toFixed(2));
  return `${cpus().length} CPU(s), ${cpu}; Node ${process.version}; load average ${one} ${five} ${fifteen}`;
}
