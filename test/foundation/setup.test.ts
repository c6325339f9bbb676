// `npm run setup` / `npm run lab`: idempotent, and every problem a learner can hit is one clear
// sentence with a non-zero exit. The Python cases run a copy of the set-up script in a temporary
// folder with a PATH holding only node and a fake python, so nothing real is touched.
import { spawn, spawnSync } from "child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { createServer, type Server } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { afterAll, describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";

const setup = join(env.root, "scripts", "setup.js");

function run(args: string[], options: { cwd?: string; script?: string; path?: string } = {}) {
  const r = spawnSync(process.execPath, [options.script ?? setup, ...args], {
    cwd: options.cwd ?? env.root,
    encoding: "utf8",
    env: { ...process.env, ...(options.path ? { PATH: options.path } : {}), CONDA_PREFIX: "" },
    timeout: 120_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** A project folder with just the set-up script, and a bin folder with node and a fake python. */
function sandbox(fakePython: string | null): { project: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "nn-setup-"));
  const project = join(dir, "project");
  mkdirSync(join(project, "scripts"), { recursive: true });
  for (const f of ["setup.js", "env.js"]) {
    copyFileSync(join(env.root, "scripts", f), join(project, "scripts", f));
  }
  for (const f of ["requirements.txt", "package.json", "package-lock.json"]) {
    copyFileSync(join(env.root, f), join(project, f));
  }
  const bin = join(dir, "bin");
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, "node"));
  if (fakePython !== null) {
    writeFileSync(join(bin, "python3"), `#!/bin/sh\n${fakePython}\n`);
    chmodSync(join(bin, "python3"), 0o755);
  }
  return { project, path: bin };
}

describe("set-up", () => {
  it("a second run changes nothing and installs nothing", () => {
    const stamps = [
      join(env.root, "node_modules", ".nn-course-lock"),
      ...(env.inCourseCondaEnv() ? [] : [join(env.root, ".venv", ".nn-course-requirements")]),
    ];
    run([]); // whatever state the tree is in, after this it is set up
    const before = stamps.map((s) => statSync(s).mtimeMs);
    const again = run([]);
    expect(again.status).toBe(0);
    expect(again.out).toMatch(/✓ Node .*\n✓ Python .*\n✓ npm packages .*\n✓ kernel nn-course/);
    expect(again.out).not.toContain("installing");
    expect(again.out).not.toContain("creating .venv");
    expect(stamps.map((s) => statSync(s).mtimeMs)).toEqual(before);
  }, 240_000);

  it("a notebook that does not exist: one sentence listing the notebooks, exit 1", () => {
    const r = run(["--open", "--no-browser", "99-nothing"]);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(
      /^✗ There is no notebook '99-nothing' in notebooks\/\. Available: 00-start-here, /,
    );
    expect(r.out).toBe(""); // it fails before doing any work
  });

  it("a bad --port or option: one sentence, exit 1", () => {
    const badPort = run(["--port", "abc"]);
    expect(badPort.status).toBe(1);
    expect(badPort.err).toContain("--port needs a number between 1 and 65535");
    const badOption = run(["--colour"]);
    expect(badOption.status).toBe(1);
    expect(badOption.err).toContain("Unknown option --colour");
  });

  describe("a port in use", () => {
    let server: Server;
    afterAll(() => server?.close());

    it("says which port is busy and what to do, exit 1", async () => {
      server = createServer();
      const port = await new Promise<number>((resolve) =>
        server.listen(0, "127.0.0.1", () => {
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : 0);
        }),
      );
      const r = spawnSync(
        process.execPath,
        [setup, "--open", "--no-browser", "--port", String(port)],
        {
          cwd: env.root,
          encoding: "utf8",
          env: { ...process.env, CONDA_PREFIX: "" },
        },
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`Port ${port} is in use (another JupyterLab?)`);
      expect(r.stderr).toContain(`--port ${port + 1}`);
    }, 60_000);
  });

  it("no Python on the PATH: says what to install, exit 1", () => {
    const { project, path } = sandbox(null);
    const r = run([], { cwd: project, script: join(project, "scripts", "setup.js"), path });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(
      /✗ Python 3\.10 or newer was not found \(tried python3, python\): install it/,
    );
  });

  it("a Python that is too old: names its version and the minimum, exit 1", () => {
    const { project, path } = sandbox('echo "3.8.10"');
    const r = run([], { cwd: project, script: join(project, "scripts", "setup.js"), path });
    expect(r.status).toBe(1);
    expect(r.err).toContain("✗ Python 3.8.10 is too old: this course needs Python ≥ 3.10");
  });

  it("a Python without its venv module: says how to get it, exit 1", () => {
    const fake =
      'case "$*" in *venv*) echo "No module named venv" >&2; exit 1;; *) echo "3.11.2";; esac';
    const { project, path } = sandbox(fake);
    const r = run([], { cwd: project, script: join(project, "scripts", "setup.js"), path });
    expect(r.status).toBe(1);
    expect(r.err).toContain(
      "install Python's venv module (on Debian/Ubuntu: sudo apt install python3-venv)",
    );
  });

  it("a kernel that cannot load tslab: the launcher says to run the set-up, exit 1", () => {
    const { project } = sandbox(null);
    copyFileSync(join(env.root, "scripts", "kernel.js"), join(project, "scripts", "kernel.js"));
    const r = spawnSync(process.execPath, [join(project, "scripts", "kernel.js"), "--check"], {
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /The course kernel cannot start: .*tslab.* is missing\. Run `npm run setup`/,
    );
  });

  it("set-up and `npm run lab` write nothing outside the project (a throwaway HOME); the lab opens 00-start-here with one kernel and no network calls of its own", async () => {
    const home = mkdtempSync(join(tmpdir(), "nn-home-"));
    const environment = { ...process.env, HOME: home, CONDA_PREFIX: "" };
    try {
      const setUp = spawnSync(process.execPath, [setup], {
        cwd: env.root,
        encoding: "utf8",
        env: environment,
      });
      expect(setUp.status, setUp.stderr).toBe(0);
      const port = 20000 + Math.floor(Math.random() * 20000);
      // as a learner starts it: through npm, which keeps its own log in ~/.npm (a package
      // manager's own folder, like ~/.cache/pip)
      const lab = spawn("npm", ["run", "lab", "--", "--no-browser", "--port", String(port)], {
        cwd: env.root,
        env: environment,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      let log = "";
      lab.stdout.on("data", (d: Buffer) => (log += d.toString()));
      lab.stderr.on("data", (d: Buffer) => (log += d.toString()));
      const until = Date.now() + 90_000;
      let up = false;
      while (!up && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 500));
        up = /http:\/\/127\.0\.0\.1:\d+\/lab\S*token=/.test(log);
      }
      // the JupyterLab a learner gets: it opens 00-start-here, offers only the course's kernel,
      // and its own settings turn off the news feed, the update check and the extension manager
      const token = /token=([0-9a-f]+)/.exec(log)?.[1] ?? "";
      const api = (path: string): Promise<Response> =>
        fetch(`http://127.0.0.1:${port}${path}${path.includes("?") ? "&" : "?"}token=${token}`, {
          redirect: "manual",
        });
      const landing = up ? (await api("/")).headers.get("location") : null;
      const kernels = up
        ? ((await (await api("/api/kernelspecs")).json()) as Record<string, unknown>)
        : {};
      const setting = async (plugin: string, key: string): Promise<unknown> => {
        const body = (await (await api(`/lab/api/settings/${plugin}`)).json()) as {
          schema: { properties: Record<string, { default: unknown }> };
        };
        return body.schema.properties[key].default;
      };
      const news = up
        ? await setting("@jupyterlab/apputils-extension:notification", "fetchNews")
        : null;
      const updates = up
        ? await setting("@jupyterlab/apputils-extension:notification", "checkForUpdates")
        : null;
      const extensions = up
        ? await setting("@jupyterlab/extensionmanager-extension:plugin", "enabled")
        : null;
      process.kill(-(lab.pid as number), "SIGTERM");
      await new Promise((r) => lab.once("exit", r));
      expect(up, log).toBe(true);
      expect(landing).toMatch(/\/lab\/tree\/notebooks\/00-start-here\.ipynb(\?|$)/);
      expect(kernels.default).toBe("nn-course");
      expect(Object.keys(kernels.kernelspecs as object)).toEqual(["nn-course"]);
      expect([news, updates, extensions]).toEqual(["false", false, false]);
      const left = readdirSync(home).filter((name) => ![".npm", ".cache"].includes(name));
      expect(left, "written to HOME by the course").toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 180_000);
});
