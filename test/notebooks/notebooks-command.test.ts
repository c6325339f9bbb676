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

  it("Ctrl+C: one line, exit 130, no kernel or copy left", async () => {
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
    let stdout = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    // the kernel of the run's copy is up (it runs from the copy in the scratch folder)
    for (let i = 0; i < 120 && !/kernel\.js/.test(mine()); i++) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(mine()).toMatch(/kernel\.js/);
    await new Promise((r) => setTimeout(r, 4000)); // most likely running cells by now
    process.kill(-(child.pid as number), "SIGINT");
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, stdout + stderr).toBe(130);
    // where it stopped: a code cell, or still starting the kernel on a loaded machine
    expect(stderr.trim()).toMatch(
      /^Stopped \(Ctrl\+C\) in 04-sine-fit\.ipynb(, code cell \d+)?; the kernel was shut down\.$/,
    );
    expect(stderr).not.toContain("Traceback");
    expect(readdirSync(scratch)).toEqual([]); // no copy left
    expect(mine()).toBe(""); // no kernel left
    rmSync(scratch, { recursive: true, force: true });
  }, 90_000);
});
