// Finished grids, saved (grid.ts): build/grids/<key>.json, the key a hash of every run's settings,
// starting weights and data, and of lib/'s sources — so a notebook cell run again returns at once,
// and any change to what a grid computes (or to the lib that computes it) computes it afresh.
// A file is written under a name of its own and then renamed: two kernels finishing the same grid
// at once each write a whole file, and a reader never sees half of one. Not taught: plumbing.

import { createHash, randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { libHash } from "./bundle";
import type { DataSet } from "./data";
import type { GridResult } from "./grid";
import type { GridJob } from "./grid-run";
import { projectRoot } from "./project";

/** Bumped when the saved format changes. */
const FORMAT = 1;

function cacheDir(): string {
  return path.join(projectRoot(), "build", "grids");
}

/** The key of a grid: its title, and what every run computes from. */
export function gridCacheKey(title: string, jobs: GridJob[]): string {
  const hash = createHash("sha256").update(JSON.stringify({ FORMAT, title, lib: libHash() }));
  const dataHashes = new Map<DataSet, string>();
  for (const job of jobs) {
    if (!dataHashes.has(job.data)) dataHashes.set(job.data, dataHash(job.data));
    hash.update(
      JSON.stringify({
        params: job.params,
        net: job.net,
        options: job.options,
        data: dataHashes.get(job.data),
      }),
    );
  }
  return hash.digest("hex").slice(0, 20);
}

function dataHash(data: DataSet): string {
  const hash = createHash("sha256");
  for (const M of [data.X, data.Y]) {
    hash.update(`${M.rows}×${M.cols}`);
    hash.update(new Uint8Array(M.data.buffer, M.data.byteOffset, M.data.byteLength));
  }
  return hash.digest("hex");
}

// JSON has no NaN or Infinity (a diverged run's losses): they are written as strings and read back.
const NON_FINITE: Record<string, number> = {
  NaN: NaN,
  Infinity: Infinity,
  "-Infinity": -Infinity,
};

function replacer(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? `${value}` : value;
}

function reviver(_key: string, value: unknown): unknown {
  return typeof value === "string" && value in NON_FINITE ? NON_FINITE[value] : value;
}

/** The saved grid, or null (none saved; a file that cannot be read is said so and ignored). */
export function readGridCache(key: string): GridResult | null {
  const file = path.join(cacheDir(), `${key}.json`);
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"), reviver) as GridResult;
  } catch (error) {
    console.warn(
      `grid: the saved result ${file} cannot be read (${(error as Error).message}); computing it again.`,
    );
    return null;
  }
}

export function writeGridCache(key: string, result: GridResult): void {
  const dir = cacheDir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${key}.json`);
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(result, replacer));
  fs.renameSync(temporary, file);
}
