// The plain backend allocates nothing per training step (a rule of the project): after the JIT
// has settled, 200,000 steps must not fill even a 1 MB young generation. Held here for the
// lecture's net (the fused path every course experiment takes), with SGD, decay and L2. The
// general path (other activations, momentum, Adam, RMSProp) is in the probe too, but is not
// asserted: in some runs V8's optimised code for it boxes about one number per step (0 or 3–4
// scavenges here, varying from run to run) — see lib/README.md. Each configuration runs in a
// fresh process.
import { spawnSync } from "child_process";
import { join } from "path";
import { describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";
import { configs } from "./fixtures/allocation-probe";

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
  const held = Object.keys(configs).filter((name) => name.startsWith("lecture net"));
  it("covers the lecture net with SGD, decay and L2", () => expect(held).toHaveLength(3));
  it.each(held.map((name) => [name]))(
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
