#!/usr/bin/env node
// Set up the course (idempotent) and, with --open, start JupyterLab on notebooks/.
//
//   npm run setup            set up only (npm test runs this first)
//   npm run lab              set up, then open JupyterLab
//   npm run lab -- 03        … and open notebooks/03-….ipynb
//   npm run lab -- --port 8890 --no-browser
//
// Steps, each skipped when already in place: check Node and Python; create .venv with pip and
// install requirements.txt (or use the active conda env made from environment.yml); install the
// npm packages from package-lock.json; check the project-local tslab kernel. Nothing is written
// outside the project folder and its .venv, and nothing in exercises/ is touched.
// Plain CommonJS with no dependencies: it runs before `npm install`.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const net = require("net");
const path = require("path");
const { spawn, spawnSync } = require("child_process");
const env = require("./env");

const MIN_NODE = [20, 19];
const MIN_PYTHON = [3, 10];
const root = env.root;

class SetupError extends Error {}

function say(line) {
  process.stdout.write(`${line}\n`);
}

function versionAtLeast(found, wanted) {
  for (let i = 0; i < wanted.length; i++) {
    if ((found[i] || 0) !== wanted[i]) return (found[i] || 0) > wanted[i];
  }
  return true;
}

function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, encoding: "utf8", ...options });
  return result;
}

function checkNode() {
  const found = process.versions.node.split(".").map(Number);
  if (!versionAtLeast(found, MIN_NODE)) {
    throw new SetupError(
      `Node ${process.versions.node} is too old: this course needs Node ≥ ${MIN_NODE.join(".")} ` +
        "(install a current LTS from nodejs.org, or use the conda environment: conda env create -f environment.yml).",
    );
  }
  return `Node ${process.versions.node}`;
}

function pythonVersion(python) {
  const r = run(python, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"]);
  if (r.error || r.status !== 0) return null;
  return r.stdout.trim();
}

function findSystemPython() {
  const candidates = env.isWindows ? ["python", "py"] : ["python3", "python"];
  for (const candidate of candidates) {
    const version = pythonVersion(candidate);
    if (version) return { python: candidate, version };
  }
  return null;
}

function stampMatches(stampFile, hash) {
  return fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === hash;
}

/** The Python side: a project .venv with JupyterLab, or the active conda env. */
function setupPython() {
  const requirements = path.join(root, "requirements.txt");
  if (env.inCourseCondaEnv()) {
    const python = env.coursePython();
    const version = pythonVersion(python);
    if (!version) {
      throw new SetupError(
        `The conda environment '${env.CONDA_ENV_NAME}' is active but has no working Python at ${python}: ` +
          "recreate it with `conda env create -f environment.yml --force`.",
      );
    }
    const r = run(python, ["-c", "import jupyterlab, plotly, jupyter_client, nbformat"]);
    if (r.status !== 0) {
      throw new SetupError(
        `The conda environment '${env.CONDA_ENV_NAME}' lacks JupyterLab or plotly: run \`conda env update -f environment.yml\`.`,
      );
    }
    return { python, summary: `Python ${version} (conda env ${env.CONDA_ENV_NAME})` };
  }

  const python = env.coursePython();
  const venv = path.join(root, ".venv");
  let version = fs.existsSync(python) ? pythonVersion(python) : null;
  if (!version) {
    const system = findSystemPython();
    if (!system) {
      throw new SetupError(
        `Python ${MIN_PYTHON.join(".")} or newer was not found (tried ${env.isWindows ? "python, py" : "python3, python"}): ` +
          "install it from python.org or your package manager, or use conda: conda env create -f environment.yml.",
      );
    }
    if (!versionAtLeast(system.version.split(".").map(Number), MIN_PYTHON)) {
      throw new SetupError(
        `Python ${system.version} is too old: this course needs Python ≥ ${MIN_PYTHON.join(".")} ` +
          "(install a newer one, or use conda: conda env create -f environment.yml).",
      );
    }
    say(`… creating .venv with ${system.python} ${system.version}`);
    const made = run(system.python, ["-m", "venv", venv], { stdio: "inherit" });
    if (made.status !== 0 || !fs.existsSync(python)) {
      fs.rmSync(venv, { recursive: true, force: true });
      throw new SetupError(
        `\`${system.python} -m venv .venv\` failed: install Python's venv module ` +
          "(on Debian/Ubuntu: sudo apt install python3-venv), then run this again.",
      );
    }
    version = pythonVersion(python);
  }
  if (!versionAtLeast(version.split(".").map(Number), MIN_PYTHON)) {
    throw new SetupError(
      `.venv has Python ${version}, but this course needs ≥ ${MIN_PYTHON.join(".")}: delete .venv and run this again with a newer Python on your PATH.`,
    );
  }
  const stamp = path.join(venv, ".nn-course-requirements");
  const hash = sha256(requirements);
  if (!stampMatches(stamp, hash)) {
    const pip = run(python, ["-m", "pip", "--version"]);
    if (pip.status !== 0) {
      throw new SetupError(
        "pip is missing from .venv: delete .venv and install Python's venv/ensurepip support " +
          "(on Debian/Ubuntu: sudo apt install python3-venv), then run this again.",
      );
    }
    say("… installing JupyterLab and friends into .venv (pip install -r requirements.txt)");
    const args = ["-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", requirements];
    const installed = run(python, args, { stdio: "inherit" });
    if (installed.status !== 0) {
      throw new SetupError(
        "pip could not install requirements.txt into .venv (see pip's message above); check your network or proxy and run this again.",
      );
    }
    fs.writeFileSync(stamp, `${hash}\n`);
  }
  return { python, summary: `Python ${version} (.venv)` };
}

/** The npm side: node_modules installed exactly from package-lock.json. */
function setupNode() {
  const lock = path.join(root, "package-lock.json");
  const stamp = path.join(root, "node_modules", ".nn-course-lock");
  const hash = sha256(lock);
  if (!stampMatches(stamp, hash)) {
    say("… installing npm packages (npm ci)");
    const npm = env.isWindows ? "npm.cmd" : "npm";
    const r = run(npm, ["ci", "--no-audit", "--no-fund"], {
      stdio: "inherit",
      shell: env.isWindows,
    });
    if (r.error || r.status !== 0) {
      throw new SetupError(
        "`npm ci` failed (see npm's message above); check your network or proxy and run this again.",
      );
    }
    fs.writeFileSync(stamp, `${hash}\n`);
  }
  const tslab = JSON.parse(
    fs.readFileSync(path.join(root, "node_modules", "tslab", "package.json"), "utf8"),
  );
  return `npm packages (tslab ${tslab.version})`;
}

/** The kernel: the kernelspec is found by Jupyter and tslab (with its zeromq binary) loads. */
function checkKernel(python) {
  const loads = run(process.execPath, [path.join(root, "scripts", "kernel.js"), "--check"]);
  if (loads.status !== 0) {
    throw new SetupError(
      `The TypeScript kernel cannot load: ${(loads.stderr || loads.stdout).trim()}`,
    );
  }
  const script =
    "from jupyter_client.kernelspec import KernelSpecManager as K; import json; print(json.dumps(K().find_kernel_specs()))";
  const r = run(python, ["-c", script], { env: env.jupyterEnv() });
  if (r.error || r.status !== 0) {
    const why = (r.stderr || String(r.error || "")).trim().split("\n").pop();
    throw new SetupError(
      `Jupyter could not list its kernels (${why}): reinstall the Python side — delete .venv and run \`npm run setup\` again, or \`conda env update -f environment.yml\`.`,
    );
  }
  const specs = JSON.parse(r.stdout);
  if (!specs["nn-course"]) {
    throw new SetupError(
      "Jupyter does not see the course's kernel (jupyter/kernels/nn-course): is the folder missing from your checkout?",
    );
  }
  return "kernel nn-course (jupyter/kernels/nn-course)";
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.once("listening", () => server.close(() => resolve(true)));
    server.listen(port, "127.0.0.1");
  });
}

function parseArgs(argv) {
  const args = { open: false, port: null, browser: true, notebooks: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--open") args.open = true;
    else if (a === "--no-browser") args.browser = false;
    else if (a === "--port") args.port = Number(argv[++i]);
    else if (a.startsWith("--port=")) args.port = Number(a.slice("--port=".length));
    else if (a.startsWith("-"))
      throw new SetupError(`Unknown option ${a}: use --port N, --no-browser, or a notebook name.`);
    else args.notebooks.push(a);
  }
  if (args.port !== null && !(Number.isInteger(args.port) && args.port > 0 && args.port < 65536)) {
    throw new SetupError(
      "--port needs a number between 1 and 65535, e.g. npm run lab -- --port 8890.",
    );
  }
  return args;
}

async function openLab(python, args) {
  const notebooks = env.findNotebooks(args.notebooks);
  let port = args.port;
  if (port !== null) {
    if (!(await portIsFree(port))) {
      throw new SetupError(
        `Port ${port} is in use (another JupyterLab?): stop that program or pick another port, e.g. npm run lab -- --port ${port + 1}.`,
      );
    }
  } else {
    port = 8888;
    while (!(await portIsFree(port))) port++;
    if (port !== 8888) say(`Port 8888 is busy; using ${port}.`);
  }
  const labArgs = [
    "-m",
    "jupyter",
    "lab",
    "--ServerApp.ip=127.0.0.1",
    `--ServerApp.port=${port}`,
    "--ServerApp.port_retries=0",
    // It opens the notebook asked for, or 00-start-here, with the file browser in notebooks/.
    `--LabApp.default_url=/lab/tree/notebooks/${path.basename(notebooks[0])}`,
    ...env.labServerArgs(),
  ];
  if (!args.browser) labArgs.push("--no-browser");
  // Jupyter refuses to run as root unless told (containers, CI).
  if (process.getuid && process.getuid() === 0) labArgs.push("--allow-root");
  say(
    `Starting JupyterLab on http://127.0.0.1:${port}/ (Ctrl+C to stop; the URL with its token follows).`,
  );
  const lab = spawn(python, labArgs, { cwd: root, env: env.jupyterEnv(), stdio: "inherit" });
  const forward = (signal) => lab.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  lab.on("exit", (code) => process.exit(code ?? 0));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.open) env.findNotebooks(args.notebooks); // a wrong name fails before any work
  const started = Date.now();
  fs.mkdirSync(path.join(root, ".jupyter"), { recursive: true });
  say(`✓ ${checkNode()}`);
  const { python, summary } = setupPython();
  say(`✓ ${summary}`);
  say(`✓ ${setupNode()}`);
  say(`✓ ${checkKernel(python)}`);
  say(`Set-up done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (args.open) await openLab(python, args);
}

main().catch((err) => {
  const message =
    err instanceof SetupError || err.code === "NN_NO_SUCH_NOTEBOOK"
      ? err.message
      : `Set-up failed unexpectedly: ${err.stack || err}`;
  process.stderr.write(`✗ ${message}\n`);
  process.exit(1);
});
