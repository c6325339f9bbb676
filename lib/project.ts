// Where the course is on disk, for the parts of the lib that load packages or write files at run
// time (the tfjs backends, the browser page's bundle). Found from the working directory: the
// kernel, the scripts and the tests all start in the course's folder. Not taught: plumbing.

import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";

/** The course's folder: the nearest folder at or above the working directory with lib/index.ts. */
export function projectRoot(): string {
  let dir = process.cwd();
  for (;;) {
    if (fs.existsSync(path.join(dir, "lib", "index.ts"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** `require` from the course's folder, so packages come from the project's node_modules. */
export function projectRequire(): NodeRequire {
  return createRequire(path.join(projectRoot(), "package.json"));
}
