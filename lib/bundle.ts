// The lib bundled into one JavaScript file with esbuild, for the places that cannot compile its
// TypeScript themselves: the browser page of tfjs-webgl (tfjs/browser.ts) and the grid's worker
// threads (grid.ts). Each bundle is built once per version of lib/'s sources and kept in
// build/<folder>/; it is written under a name of its own and then renamed, so that a second
// kernel never loads half a file. Not taught: plumbing.

import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { projectRequire, projectRoot } from "./project";

// The parts of esbuild used here, typed here (its own declarations would be read by the
// notebooks' compiler on every cell; see tfjs/ops.ts).
export interface EsbuildPlugin {
  name: string;
  setup(build: {
    onResolve(
      options: { filter: RegExp },
      callback: (args: { path: string }) => { path: string; namespace: string },
    ): void;
    onLoad(
      options: { filter: RegExp; namespace: string },
      callback: () => { contents: string },
    ): void;
  }): void;
}
interface Esbuild {
  build(options: {
    entryPoints: string[];
    bundle: boolean;
    platform: "browser" | "node";
    format: "iife" | "cjs";
    target: string;
    outfile: string;
    logLevel: "silent";
    packages?: "external";
    plugins: EsbuildPlugin[];
  }): Promise<unknown>;
}

/** A hash of every .ts file under lib/ (names and contents), and of `extra`. */
export function libHash(extra = ""): string {
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".ts")) hash.update(name).update(fs.readFileSync(full));
    }
  };
  walk(path.join(projectRoot(), "lib"));
  return hash.update(extra).digest("hex").slice(0, 12);
}

export interface BundleSpec {
  /** The folder under build/, and the file's name before its hash: build/<folder>/<name>-<hash>.js. */
  folder: string;
  name: string;
  /** The entry file, relative to lib/. */
  entry: string;
  platform: "browser" | "node";
  /** Anything else the bundle depends on (e.g. a package's version). */
  extraKey?: string;
  plugins?: EsbuildPlugin[];
}

/** The bundle's path, built now if this version of the lib has none yet; `built` says which. */
export async function bundleOnce(spec: BundleSpec): Promise<{ file: string; built: boolean }> {
  const root = projectRoot();
  const dir = path.join(root, "build", spec.folder);
  const file = path.join(dir, `${spec.name}-${libHash(spec.extraKey)}.js`);
  if (fs.existsSync(file)) return { file, built: false };
  const esbuild = projectRequire()("esbuild") as Esbuild;
  const temporary = `${file}.${process.pid}.tmp.js`;
  await esbuild.build({
    entryPoints: [path.join(root, "lib", spec.entry)],
    bundle: true,
    platform: spec.platform,
    format: spec.platform === "browser" ? "iife" : "cjs",
    target: spec.platform === "browser" ? "es2022" : "node20",
    outfile: temporary,
    logLevel: "silent",
    // in Node, packages (tfjs, piscina…) load from node_modules as usual
    ...(spec.platform === "node" ? { packages: "external" as const } : {}),
    plugins: spec.plugins ?? [],
  });
  fs.renameSync(temporary, file);
  // bundles of earlier versions of the lib are of no more use, once no kernel can be starting
  // from them (an hour)
  const stale = new RegExp(`^${spec.name}-[0-9a-f]{12}\\.js$`);
  for (const name of fs.readdirSync(dir)) {
    const other = path.join(dir, name);
    if (stale.test(name) && other !== file && Date.now() - fs.statSync(other).mtimeMs > 3_600_000) {
      fs.rmSync(other, { force: true });
    }
  }
  return { file, built: true };
}
