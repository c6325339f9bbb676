// The plain backend allocates nothing per training step (a rule of the project): after the JIT
// has settled, 200,000 steps must not fill even a 1 MB young generation. Held for the lecture's net
// (the fused path every course experiment takes) with SGD, decay and L2, for the general path
// (other activations, deeper nets, momentum, Adam, RMSProp), and for the hand-written RNN's
// trainRnn (full and truncated BPTT, clipping). Each configuration runs in a fresh
// process. V8's choices depend on when it optimises, so a boxed number can appear in some runs
// only (the optimizers' `h[0] = stepEta ?? eta` once did, in about one run in three): a failure
// here that does not repeat is still a real allocation.
import { spawnSync } from "child_process";
import { join } from "path";
import { describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";
import { configs, rnnConfigs } from "./fixtures/allocation-probe";

const probe = join(env.root, "test", "lib", "fixtures", "allocation-probe.ts");

/** Scavenges V8 reported between the probe's two marks, or null when the marks are missing. */
function scavengesInSteadyState(name: string): { count: number | null; output: string } {
  const r = spawnSync(
    process.execPath,
    ["--max-semi-space-size=1", "--trace-gc", "--require", "tsx/cjs", probe, name],
    { cwd: env.root, encoding: "utf8", timeout: 120_000 },
  );
  const lines = r.stdout.split("\n");
  const start = lines.indexOf(`MARK start ${name}`);
  const end = lines.indexOf(`MARK end ${name}`);
  const count =
    r.status === 0 && start >= 0 && end > start
      ? lines.slice(start, end).filter((l) => l.includes("Scavenge")).length
      : null;
  return { count, output: `${r.stdout}\n${r.stderr}`.slice(-2000) };
}

describe("allocation per training step", () => {
  const held = Object.keys(configs);
  it("covers the lecture net and the general path with every optimizer", () => {
    expect(held.filter((name) => name.startsWith("lecture net"))).toHaveLength(3);
    for (const optimizer of ["SGD", "momentum", "Adam", "RMSProp"]) {
      expect(held.some((name) => name.startsWith("general path") && name.includes(optimizer))).toBe(
        true,
      );
    }
  });
  it.each([...held, ...Object.keys(rnnConfigs)].map((name) => [name]))(
    "%s: no allocation per step over 200,000 steps",
    (name) => {
      const { count, output } = scavengesInSteadyState(name);
      // One boxed number (16 bytes) per step would be 3.2 MB here: three or more scavenges of a
      // 1 MB young generation. One scavenge can come from the four checks' own objects.
      expect(count, output).not.toBeNull();
      expect(count, output).toBeLessThanOrEqual(1);
    },
    60_000,
  );
});
