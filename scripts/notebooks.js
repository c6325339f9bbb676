#!/usr/bin/env node
// `npm run notebooks [-- 03 04] [--mine]`: run notebooks top to bottom under the course kernel,
// headless, in a temporary copy of the course with solutions/ in place of exercises/ (with
// --mine: your own exercises/). Executed copies go to build/notebooks/ (ignored by git); the
// time of each notebook is printed. Exit status 1 when any notebook fails.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const env = require("./env");

function main() {
  const args = process.argv.slice(2);
  const mine = args.includes("--mine");
  const names = args.filter((a) => a !== "--mine");
  const unknown = names.find((a) => a.startsWith("-"));
  if (unknown) {
    console.error(`✗ Unknown option ${unknown}: use notebook names (e.g. 03) and/or --mine.`);
    return 2;
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
  try {
    const inCopy = notebooks.map((p) => path.join(copy, "notebooks", path.basename(p)));
    const out = path.join(env.root, "build", "notebooks");
    console.log(
      `Running ${inCopy.length} notebook(s) with ${mine ? "your exercises" : "the solutions"} in place…`,
    );
    const r = spawnSync(
      python,
      [path.join(env.root, "scripts", "run_notebooks.py"), "--root", copy, "--out", out, ...inCopy],
      { stdio: "inherit", env: env.jupyterEnv(copy) },
    );
    return r.status ?? 1;
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

process.exitCode = main();
