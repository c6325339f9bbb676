#!/usr/bin/env node
// The course's Jupyter kernel: tslab, started from the repository root.
//
// Jupyter starts a kernel in the notebook's folder, and tslab refuses to import a file outside
// the folder it starts in. Starting it from the repo root lets every notebook write
// `import { train } from "./lib"` and `import { sigmoid } from "./exercises/02-activations"`.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const tslabMain = path.join(root, "node_modules", "tslab", "dist", "main.js");
const connectionFile = process.argv[2];

if (!fs.existsSync(tslabMain)) {
  console.error(
    `The course kernel cannot start: ${tslabMain} is missing. Run \`npm run setup\` (or \`npm run lab\`) in ${root} first.`,
  );
  process.exit(1);
}
if (connectionFile === "--check") {
  // Used by `npm run setup`: tslab and its zeromq binary load (the usual failure on a new machine).
  require(tslabMain);
  require(require.resolve("zeromq", { paths: [path.dirname(tslabMain)] }));
  process.exit(0);
}
if (!connectionFile) {
  console.error(
    "Usage: node scripts/kernel.js CONNECTION_FILE (Jupyter passes it; see jupyter/kernels/nn-course/kernel.json)",
  );
  process.exit(2);
}
process.chdir(root);
process.env.NN_COURSE_KERNEL = "1";
require(tslabMain).startKernel({ configPath: connectionFile, enableFindLocal: false });
