// The headless runner must catch every way tslab reports a failure: an `error` reply with no
// error output, an `abort` reply (tslab aborts requests arriving right after an error), text on
// stderr, and a cell that never finishes.
import { spawn } from "child_process";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeNotebook, python, readNotebook, root, runNotebooks, type RunReport } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "nn-runner-"));

// Kernel starts dominate the time, so the failing cases run in one runner call and the passing
// features (allow-stderr, raises-exception) share one notebook.
const failing = {
  throws: makeNotebook(dir, "throws.ipynb", [
    { source: "const a = 1;" },
    { source: 'throw new Error("the weights are NaN");' },
    { source: "console.log('never reached');" },
  ]),
  types: makeNotebook(dir, "types.ipynb", [{ source: 'const eta: number = "0.5";' }]),
  stderr: makeNotebook(dir, "stderr.ipynb", [
    { source: 'console.error("Warning: loss is rising");' },
  ]),
  noraise: makeNotebook(dir, "noraise.ipynb", [{ source: "1 + 1;", tags: ["raises-exception"] }]),
  slow: makeNotebook(dir, "slow.ipynb", [
    { source: "await new Promise((r) => setTimeout(r, 20000));" },
  ]),
  exits: makeNotebook(dir, "exits.ipynb", [
    { source: "process.exit(0);" },
    { source: "console.log('never reached');" },
  ]),
};

describe("run_notebooks.py", () => {
  let reports: Record<string, RunReport> = {};
  let failingStatus: number | null = null;

  beforeAll(() => {
    const run = runNotebooks(Object.values(failing), { timeout: 3 });
    failingStatus = run.status;
    reports = Object.fromEntries(run.reports.map((r) => [r.notebook.replace(".ipynb", ""), r]));
  });

  it("passes a clean notebook, including allowed stderr and an expected error, and keeps outputs", () => {
    const nb = makeNotebook(dir, "clean.ipynb", [
      { source: "# A heading", markdown: true },
      {
        source: 'import { formatNumber } from "./lib/display";\nconsole.log(formatNumber(1 / 3));',
      },
      { source: 'console.error("expected note");', tags: ["allow-stderr"] },
      { source: 'throw new Error("shapes 3×1 and 4×1 do not match");', tags: ["raises-exception"] },
      { source: "const t = 2 + 2;\nconsole.log(`t = ${t}`);" },
    ]);
    const out = join(dir, "out-clean");
    const { status, reports } = runNotebooks([nb], { out });
    expect(status).toBe(0);
    expect(reports[0]).toMatchObject({ notebook: "clean.ipynb", ok: true, cells: 4 });
    const texts = JSON.stringify(readNotebook(join(out, "clean.ipynb")).cells);
    expect(texts).toContain("0.3333");
    expect(texts).toContain("t = 4");
  });

  it("exits 1 when any notebook fails", () => {
    expect(failingStatus).toBe(1);
    expect(Object.keys(reports).sort()).toEqual(Object.keys(failing).sort());
  });

  it("fails on a runtime error and names the notebook, the cell and the message", () => {
    expect(reports.throws.ok).toBe(false);
    expect(reports.throws.failure).toContain("throws.ipynb, cell 2");
    expect(reports.throws.failure).toContain("the weights are NaN");
  });

  it("fails on a type error, which tslab reports only on stderr", () => {
    expect(reports.types.ok).toBe(false);
    expect(reports.types.failure).toMatch(/cell 1 .*not assignable to type 'number'/s);
  });

  it("fails on unexpected stderr output even when the cell succeeds", () => {
    expect(reports.stderr.ok).toBe(false);
    expect(reports.stderr.failure).toContain("unexpected output on stderr");
    expect(reports.stderr.failure).toContain("loss is rising");
  });

  it("fails when a raises-exception cell does not raise", () => {
    expect(reports.noraise.failure).toContain("ran without an error");
  });

  it("stops a cell that runs past the time limit, and says how to allow more", () => {
    expect(reports.slow.ok).toBe(false);
    expect(reports.slow.failure).toContain(
      "no reply within 3 s, the limit per cell (interrupting the kernel); if the cell is only slow, allow more: npm run notebooks -- NN --timeout 900",
    );
  });

  it("says that the kernel stopped when a cell ends its process (not a timeout)", () => {
    expect(reports.exits.ok).toBe(false);
    expect(reports.exits.failure).toMatch(
      /exits\.ipynb, cell 1 .*: the kernel stopped while running this cell \(its process exited: did the cell call process\.exit\(\)\?\)/,
    );
    expect(reports.exits.failure).not.toContain("no reply");
  });

  it("reports tslab's silent abort of a cell sent right after an error", () => {
    const nb = makeNotebook(dir, "abort.ipynb", [
      { source: 'throw new Error("first");', tags: ["raises-exception"] },
      { source: "console.log('sent too soon');" },
    ]);
    const { reports } = runNotebooks([nb], { extraEnv: { NN_RUNNER_PAUSE: "0" } });
    expect(reports[0].ok).toBe(false);
    expect(reports[0].failure).toContain("cell 2");
    expect(reports[0].failure).toContain("aborted");
  });

  it("in a terminal, shows a bar with the running cell and its seconds", async () => {
    const nb = makeNotebook(dir, "bar.ipynb", [
      { source: "const a = 1;" },
      { source: "await new Promise((r) => setTimeout(r, 3000)); // a slow cell" },
    ]);
    // `script` gives the runner a terminal (a pseudo-TTY) of a real width, as a learner's shell
    const command = [
      python,
      join(root, "scripts", "run_notebooks.py"),
      "--out",
      join(dir, "out-bar"),
      nb,
    ]
      .map((part) => `'${part}'`)
      .join(" ");
    const child = spawn("script", ["-qfec", `stty cols 160 rows 40; ${command}`, "/dev/null"], {
      env: { ...process.env, TERM: "xterm" },
    });
    let screen = "";
    child.stdout.on("data", (chunk: Buffer) => (screen += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    // eslint-disable-next-line no-control-regex -- the terminal's escape sequences
    const text = screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
    expect(code, text).toBe(0);
    expect(text).toMatch(
      /bar\.ipynb: +50%.*cell 2: await new Promise\(\(r\) => setTimeout\(r, 3 \([0-3] s\)/,
    );
    expect(text).toContain("ok   bar.ipynb");
  }, 120_000);

  it("says clearly when a notebook does not exist", () => {
    const { status, output } = runNotebooks([join(dir, "missing.ipynb")]);
    expect(status).toBe(2);
    expect(output).toContain("no such notebook");
  });
});
