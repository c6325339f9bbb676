#!/usr/bin/env node
// `npm run notebooks [-- 03 04] [--mine] [--timeout 900]`: run notebooks top to bottom under the
// course kernel, headless, in a temporary copy of the course with solutions/ in place of
// exercises/ (with --mine: your own exercises/). Executed copies go to build/notebooks/ (ignored
// by git); the time of each notebook is printed, and in a terminal a progress bar shows the cell
// running. --timeout is the limit per cell in seconds (default 300). Ctrl+C stops the kernel,
// says where in one line, and removes the temporary copy. Exit status 1 when any notebook fails,
// 130 after Ctrl+C.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const env = require("./env");

function main() {
  const args = process.argv.slice(2);
  const mine = args.includes("--mine");
  const names = [];
  let timeout = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--mine") continue;
    if (arg === "--timeout" || arg.startsWith("--timeout=")) {
      const value = arg.includes("=") ? arg.split("=")[1] : args[++i];
      if (!(Number(value) > 0)) {
        console.error(
          `✗ --timeout needs a number of seconds per cell, e.g. --timeout 900 (got ${value}).`,
        );
        return 2;
      }
      timeout = value;
    } else if (arg.startsWith("-")) {
      console.error(
        `✗ Unknown option ${arg}: use notebook names (e.g. 03), --mine and --timeout S.`,
      );
      return 2;
    } else names.push(arg);
  }
  let notebooks;
  try {
    notebooks = env.findNotebooks(names);
  } catch (err) {
    console.error(`✗ ${err.message}`);
    return 2;
  }
  const python = env.coursePython();
  if (!fs.existsSync(python)) {
    console.error("✗ The course's Python environment is missing: run `npm run setup` first.");
    return 2;
  }
  const copy = env.solvedCopy({ mine });
  // Ctrl+C reaches the Python runner too, which stops the kernel and says where; this process
  // only has to outlive it to remove the copy.
  let interrupted = false;
  process.on("SIGINT", () => (interrupted = true));
  try {
    const inCopy = notebooks.map((p) => path.join(copy, "notebooks", path.basename(p)));
    const out = path.join(env.root, "build", "notebooks");
    console.log(
      `Running ${inCopy.length} notebook(s) with ${mine ? "your exercises" : "the solutions"} in place…`,
    );
    const r = spawnSync(
      python,
      [
        path.join(env.root, "scripts", "run_notebooks.py"),
        "--root",
        copy,
        "--out",
        out,
        ...(timeout ? ["--timeout", timeout] : []),
        ...inCopy,
      ],
      { stdio: "inherit", env: env.jupyterEnv(copy) },
    );
    return interrupted || r.signal === "SIGINT" ? 130 : (r.status ?? 1);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

process.exitCode = main();
