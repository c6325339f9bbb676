// Where the course's tools live, shared by setup, the notebook runner and the tests.
// Plain CommonJS with no dependencies: it runs before `npm install`.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const isWindows = process.platform === "win32";
const CONDA_ENV_NAME = "nn-course"; // keep in step with environment.yml's `name:`

/** True when running inside the conda environment made from environment.yml. */
function inCourseCondaEnv(env = process.env) {
  const prefix = env.CONDA_PREFIX;
  return Boolean(
    prefix &&
    (env.CONDA_DEFAULT_ENV === CONDA_ENV_NAME || path.basename(prefix) === CONDA_ENV_NAME),
  );
}

/** The Python that runs JupyterLab: the course's conda env if active, else the project's .venv. */
function coursePython(env = process.env) {
  if (inCourseCondaEnv(env)) {
    return isWindows
      ? path.join(env.CONDA_PREFIX, "python.exe")
      : path.join(env.CONDA_PREFIX, "bin", "python");
  }
  return isWindows
    ? path.join(root, ".venv", "Scripts", "python.exe")
    : path.join(root, ".venv", "bin", "python");
}

/**
 * Environment for Jupyter: the project's kernelspec (jupyter/) is found through JUPYTER_PATH,
 * and Jupyter's own config, data and runtime files stay inside the project (.jupyter/), as does
 * IPython's folder (jupyter_client makes one when it loads), so nothing is written to the
 * learner's home directory.
 */
function jupyterEnv(projectRoot = root, base = process.env) {
  const state = path.join(projectRoot, ".jupyter");
  return {
    ...base,
    JUPYTER_PATH: path.join(projectRoot, "jupyter"),
    JUPYTER_CONFIG_DIR: path.join(state, "config"),
    JUPYTER_DATA_DIR: path.join(state, "data"),
    JUPYTER_RUNTIME_DIR: path.join(state, "runtime"),
    IPYTHONDIR: path.join(state, "ipython"),
    JUPYTER_PLATFORM_DIRS: "1",
  };
}

/**
 * What every JupyterLab of the course is started with (`npm run lab` and the browser test): rooted
 * at the project, so exercises/ can be edited; the course's TypeScript kernel as the default and
 * the only one offered (the Python kernel JupyterLab ships would be a learner's wrong pick); and
 * the course's own JupyterLab settings (jupyter/lab/settings/overrides.json: no news feed, no
 * update check, no extension manager — it makes no network calls of its own).
 */
function labServerArgs(projectRoot = root) {
  return [
    `--ServerApp.root_dir=${projectRoot}`,
    "--ContentsManager.hide_globs=['__pycache__','*.pyc','.ipynb_checkpoints','node_modules','build']",
    "--MultiKernelManager.default_kernel_name=nn-course",
    "--KernelSpecManager.allowed_kernelspecs=nn-course",
    `--LabApp.app_settings_dir=${path.join(projectRoot, "jupyter", "lab", "settings")}`,
    "--LabApp.extension_manager=readonly", // never asks PyPI for extensions
  ];
}

/** Notebooks in lecture order (file names sort that way: 00-, 01-, …). */
function listNotebooks(projectRoot = root) {
  const dir = path.join(projectRoot, "notebooks");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Resolve what the learner typed (`03`, `03-backprop`, `03-backprop.ipynb`) to notebook paths.
 * Throws one clear sentence when nothing matches.
 */
function findNotebooks(names, projectRoot = root) {
  const all = listNotebooks(projectRoot);
  if (!names.length) return all;
  return names.map((name) => {
    const wanted = path.basename(name).replace(/\.ipynb$/, "");
    const hit = all.find((p) => {
      const base = path.basename(p, ".ipynb");
      return base === wanted || base.startsWith(wanted + "-");
    });
    if (!hit) {
      const known = all.map((p) => path.basename(p, ".ipynb")).join(", ");
      const error = new Error(`There is no notebook '${name}' in notebooks/. Available: ${known}.`);
      error.code = "NN_NO_SUCH_NOTEBOOK"; // a learner's mistake: shown as one sentence
      throw error;
    }
    return hit;
  });
}

/**
 * A temporary copy of the course with solutions/ in place of exercises/, for running notebooks
 * top to bottom without touching the learner's files. node_modules is linked, not copied.
 * With `mine: true` the learner's own exercises/ are copied instead.
 */
function solvedCopy({ mine = false, projectRoot = root } = {}) {
  const os = require("os");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-course-"));
  // scripts holds the grader and its checks, so that a notebook's `await grade("NN")` can grade
  // in the copy.
  for (const name of ["lib", "notebooks", "data", "scripts", "jupyter", "solutions"]) {
    const from = path.join(projectRoot, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, name), { recursive: true });
  }
  const exercises = path.join(projectRoot, mine ? "exercises" : "solutions");
  if (fs.existsSync(exercises)) {
    fs.cpSync(exercises, path.join(dir, "exercises"), { recursive: true });
  }
  for (const file of ["package.json", "tsconfig.json", "lib.ts", "exercises/tsconfig.json"]) {
    const from = path.join(projectRoot, file);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, file));
  }
  fs.symlinkSync(
    path.join(projectRoot, "node_modules"),
    path.join(dir, "node_modules"),
    "junction",
  );
  fs.mkdirSync(path.join(dir, ".jupyter"), { recursive: true }); // Jupyter's and IPython's state
  return dir;
}

module.exports = {
  solvedCopy,
  root,
  isWindows,
  CONDA_ENV_NAME,
  inCourseCondaEnv,
  coursePython,
  jupyterEnv,
  listNotebooks,
  findNotebooks,
  labServerArgs,
};
