// Which way lib's imports point (../shared/DESIGN.md): lib imports nothing of the course outside
// itself (only data/'s JSON), and its files import each other without a cycle — tslab loads the
// files a notebook imports with a loader that recurses for ever on a cycle ("Maximum call stack
// size exceeded" in the first cell). Conservative: an import counts unless written `import type`
// or with every name marked `type`.
import { readdirSync, readFileSync, statSync } from "fs";
import { dirname, join, normalize, relative } from "path";
import { describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";

const lib = join(env.root, "lib");

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

/** The relative imports of a file that survive compilation (not type-only), resolved. */
function valueImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const found: string[] = [];
  const pattern = /^(import|export)\s+(type\s+)?([\s\S]*?)\s*from\s+"(\.[^"]+)";/gm;
  for (const m of source.matchAll(pattern)) {
    if (m[2]) continue; // import type … / export type …
    const braces = /^\{([\s\S]*)\}$/.exec(m[3].trim());
    if (braces && braces[1].split(",").every((n) => !n.trim() || n.trim().startsWith("type "))) {
      continue;
    }
    const target = normalize(join(dirname(file), m[4]));
    found.push(target.endsWith(".json") ? target : `${target}.ts`);
  }
  return found.map((t) => (t.endsWith("lib.ts") || t === `${lib}.ts` ? join(lib, "index.ts") : t));
}

const files = tsFiles(lib);
const graph = new Map(files.map((f) => [f, valueImports(f)]));

describe("lib's imports", () => {
  it("stay inside lib/ (and data/'s JSON)", () => {
    for (const [file, deps] of graph) {
      for (const dep of deps) {
        const rel = relative(env.root, dep);
        expect(
          rel.startsWith("lib/") || /^data\/\w+\.json$/.test(rel),
          `${relative(env.root, file)} imports ${rel}`,
        ).toBe(true);
      }
    }
  });

  it("have no cycle (tslab cannot load one)", () => {
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      for (const dep of graph.get(file) ?? []) {
        const at = path.indexOf(dep);
        if (at >= 0) cycles.push([...path.slice(at), dep].map((f) => relative(lib, f)).join(" → "));
        else if (dep.endsWith(".ts")) visit(dep, [...path, dep]);
      }
    };
    for (const file of files) visit(file, [file]);
    expect([...new Set(cycles)]).toEqual([]);
    expect(graph.get(join(lib, "train.ts"))?.length).toBeGreaterThan(5); // the parser sees imports
  });
});
