// `npm run notebooks`: the per-cell limit can be set from npm (--timeout), and Ctrl+C stops the
// run cleanly — one line saying where, no traceback, no kernel and no temporary copy left behind.
import { spawn, spawnSync } from "child_process";
import { mkdtempSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";

const script = join(env.root, "scripts", "notebooks.js");

describe("npm run notebooks", () => {
  it("takes --timeout from the command line, and says what a bad one is", () => {
    const bad = spawnSync(process.execPath, [script, "00", "--timeout", "soon"], {
      encoding: "utf8",
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      "--timeout needs a number of seconds per cell, e.g. --timeout 900 (got soon)",
    );
    const unknown = spawnSync(process.execPath, [script, "--fast"], { encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("use notebook names (e.g. 03), --mine and --timeout S");
  });

  it("a cell over the --timeout limit fails with that limit", () => {
    const run = spawnSync(process.execPath, [script, "04", "--timeout=2"], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /FAIL 04-sine-fit\.ipynb[\s\S]*no reply within 2 s, the limit per cell/,
    );
  }, 150_000);

  /** `npm run notebooks -- 04`, Ctrl+C `afterMs` after its kernel's process appeared: what it
   * printed and its exit status, after checking that no copy, connection file or process is left. */
  async function interrupted(afterMs: number): Promise<{ code: number | null; stderr: string }> {
    // a temporary folder of its own, so that other tests' copies and kernels do not count
    const scratch = mkdtempSync(join(tmpdir(), "nn-ctrl-c-"));
    const mine = (): string =>
      spawnSync("pgrep", ["-af", scratch], { encoding: "utf8" }).stdout.trim();
    // its own process group, as a terminal's foreground job: Ctrl+C reaches every process in it
    const child = spawn(process.execPath, [script, "04"], {
      detached: true,
      stdio: "pipe",
      env: { ...process.env, TMPDIR: scratch },
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", () => {});
    // the kernel of the run's copy is starting (it runs from the copy in the scratch folder)
    for (let i = 0; i < 600 && !/kernel\.js/.test(mine()); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(mine()).toMatch(/kernel\.js/);
    await new Promise((r) => setTimeout(r, afterMs));
    process.kill(-(child.pid as number), "SIGINT");
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(stderr).not.toContain("Traceback");
    expect(readdirSync(scratch)).toEqual([]); // no copy, no connection file
    expect(mine()).toBe(""); // no kernel
    rmSync(scratch, { recursive: true, force: true });
    return { code, stderr: stderr.trim() };
  }

  it("Ctrl+C: one line, exit 130, no kernel or copy left", async () => {
    const { code, stderr } = await interrupted(4000);
    expect(code, stderr).toBe(130);
    // where it stopped: a code cell, or (on a loaded machine) while the kernel was starting
    expect(stderr).toMatch(
      /^Stopped \(Ctrl\+C\) in 04-sine-fit\.ipynb, (code cell \d+|while its kernel started); the kernel was shut down\.$/,
    );
  }, 90_000);

  it("Ctrl+C while the kernel starts: says so, and leaves neither the kernel nor its connection file", async () => {
    // (jupyter_client used to leave both: a tmp*.json in the temp folder and a running kernel)
    const { code, stderr } = await interrupted(0);
    expect(code, stderr).toBe(130);
    expect(stderr).toBe(
      "Stopped (Ctrl+C) in 04-sine-fit.ipynb, while its kernel started; the kernel was shut down.",
    );
  }, 90_000);
});
