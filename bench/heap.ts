// Does a training step allocate? Count the garbage collections V8 reports (PerformanceObserver
// 'gc' entries) during the steady part of a long run. A step that allocated even one small object
// would fill the young generation (a few MB) every few hundred thousand steps and show up as minor
// GCs here.
//
// Only GCs after the run's first tenth count: a new run starts in code V8 has not yet (re)optimised
// for it (optimised code that referred to the previous run's objects is thrown away once they are
// collected), and unoptimised code boxes numbers — megabytes in the first fraction of a second,
// which is warm-up, not a cost per step. test/lib/allocation.test.ts makes the same cut.

import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import type { Network } from "../lib/network";
import type { DataSet } from "../lib/train";
import { trainPlain } from "./plain";

export interface GcCount {
  /** Mini-batch steps in the counted part of the run. */
  steps: number;
  minor: number;
  major: number;
  seconds: number;
}

/** Waits until the GC entries of what just ran have been delivered. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

/** GCs during `train` of `epochs` epochs (mini-batches of 10 on 1000 samples: 100 steps each),
 * counted from the first check at or after a tenth of the epochs to the end. */
export async function countGcs(net: Network, data: DataSet, epochs: number): Promise<GcCount> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  await settle();
  observer.observe({ entryTypes: ["gc"] });
  const warm = Math.ceil(epochs / 10);
  let from = { time: performance.now(), iteration: 0 };
  const result = trainPlain(net, data, epochs, (check) => {
    if (check.epoch >= warm && from.iteration === 0) {
      from = { time: performance.now(), iteration: check.iteration };
    }
  });
  const end = performance.now();
  await settle();
  observer.disconnect();
  let minor = 0;
  let major = 0;
  for (const entry of entries) {
    if (entry.startTime < from.time || entry.startTime > end) continue;
    const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
    if (detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
    else major++;
  }
  return {
    steps: result.iterations - from.iteration,
    minor,
    major,
    seconds: (end - from.time) / 1000,
  };
}

/** Bytes of one semi-space of the young generation: roughly what one minor GC means was allocated. */
export function youngGenerationBytes(): number {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
  return space ? space.space_size / 2 : 0;
}

/** "allocation per step: none (0 minor GCs over N steps …)" — or what was seen. */
export async function allocationReport(
  net: Network,
  data: DataSet,
  epochs: number,
): Promise<string> {
  const gcs = await countGcs(net, data, epochs);
  const steps = gcs.steps.toLocaleString("en-US");
  const seen = `${gcs.minor} minor GCs over ${steps} steps in ${gcs.seconds.toFixed(1)} s, after the run's first tenth`;
  if (gcs.minor === 0) return `allocation per step: none (${seen})`;
  const perStep = (gcs.minor * youngGenerationBytes()) / Math.max(1, gcs.steps);
  return `allocation per step: about ${perStep.toFixed(1)} bytes (${seen})`;
}
