// The two ways to get the Python side — requirements.txt (.venv) and environment.yml (conda) —
// must install the same packages.
import { readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";

function requirementLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}

/** The entries under `- pip:` in environment.yml (a small, fixed shape: no YAML library needed). */
function condaPipLines(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^\s*-\s*pip:\s*$/.test(l));
  if (start < 0) return [];
  const indent = (l: string) => l.length - l.trimStart().length;
  const pipIndent = indent(lines[start]);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (indent(line) <= pipIndent) break;
    out.push(line.replace(/#.*/, "").trim().replace(/^-\s*/, ""));
  }
  return out;
}

describe("Python environments", () => {
  const requirements = requirementLines(readFileSync(join(env.root, "requirements.txt"), "utf8"));
  const environment = readFileSync(join(env.root, "environment.yml"), "utf8");

  it("environment.yml's pip list and requirements.txt list the same packages and versions", () => {
    expect(requirements.length).toBeGreaterThan(0);
    expect([...condaPipLines(environment)].sort()).toEqual([...requirements].sort());
  });

  it("the conda environment's name is the one the set-up script recognises", () => {
    expect(environment).toMatch(new RegExp(`^name:\\s*${env.CONDA_ENV_NAME}\\s*$`, "m"));
  });

  it("JupyterLab and plotly (its renderer) are pinned", () => {
    expect(requirements).toContainEqual(expect.stringMatching(/^jupyterlab==\d/));
    expect(requirements).toContainEqual(expect.stringMatching(/^plotly==\d/));
  });
});
