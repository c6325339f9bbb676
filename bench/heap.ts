// Does a training step allocate? Count the garbage collections V8 reports (PerformanceObserver
// 'gc' entries) during a long run. A step that allocated even one small object would fill the
// young generation (a few MB) every few thousand steps and show up as minor GCs here.

import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import type { Network } from "../lib/network";
import type { DataSet } from "../lib/train";
import { trainPlain } from "./plain";

export interface GcCount {
  steps: number;
  minor: number;
  major: number;
  seconds: number;
}

/** Waits until the GC entries of what just ran have been delivered. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

/** GCs during `train` of `epochs` epochs (mini-batches of 10 on 1000 samples: 100 steps each). */
export async function countGcs(net: Network, data: DataSet, epochs: number): Promise<GcCount> {
  let minor = 0;
  let major = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      const kind = detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
      else major++;
    }
  });
  await settle();
  observer.observe({ entryTypes: ["gc"] });
  const start = performance.now();
  const result = trainPlain(net, data, epochs);
  const seconds = (performance.now() - start) / 1000;
  await settle();
  observer.disconnect();
  return { steps: result.iterations, minor, major, seconds };
}

/** Bytes of the young generation: roughly what one minor GC means was allocated. */
export function youngGenerationBytes(): number {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
  return space ? space.space_size / 2 : 0;
}

/**
 * "allocation per step: none (0 minor GCs over N steps)" — or what was seen. A short run first
 * counts what setting up a run costs (its buffers, the history), so that only GCs beyond that are
 * blamed on the steps.
 */
export async function allocationReport(
  net: Network,
  data: DataSet,
  epochs: number,
): Promise<string> {
  const setup = await countGcs(net, data, 1);
  const long = await countGcs(net, data, epochs);
  const extra = long.minor - setup.minor;
  const steps = long.steps.toLocaleString("en-US");
  if (extra <= 0) {
    return `allocation per step: none (${long.minor} minor GCs over ${steps} steps in ${long.seconds.toFixed(1)} s)`;
  }
  const perStep = (extra * youngGenerationBytes()) / long.steps;
  return (
    `allocation per step: about ${perStep.toFixed(1)} bytes (${long.minor} minor GCs over ${steps} ` +
    `steps in ${long.seconds.toFixed(1)} s; ${setup.minor} in a 1-epoch run)`
  );
}
