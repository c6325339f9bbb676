// scripts/grader/README.md's reading order ("Reading it") is true of the code: every grader file is
// in exactly one row, a file imports only from its own row and the rows above, and each row's
// size is what the table says, within 10 %.
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";

const dir = join(env.root, "scripts", "grader");
const readme = readFileSync(join(dir, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Reading it"), readme.indexOf("## Defining checks"));
const rows = section
  .split("\n")
  .filter((line) => /^\| \d+ /.test(line))
  .map((line) => {
    const cells = line.split("|").map((c) => c.trim());
    return {
      order: Number(cells[1]),
      files: [...cells[3].matchAll(/`([a-z-]+\.ts)`/g)].map((m) => m[1]),
      lines: Number(cells[4].replace(/[~,]/g, "")),
    };
  });
const grader = readdirSync(dir).filter((name) => name.endsWith(".ts"));
const rowOf = new Map(rows.flatMap((row) => row.files.map((file) => [file, row.order] as const)));
const lineCount = (file: string): number =>
  readFileSync(join(dir, file), "utf8").split("\n").length - 1;

describe("the grader's reading order in its README", () => {
  it("has every file of scripts/grader in exactly one row", () => {
    expect(rows.length, "the table under '## Reading it'").toBeGreaterThanOrEqual(3);
    const listed = rows.flatMap((row) => row.files);
    expect([...listed].sort()).toEqual([...grader].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("lists each file after every grader file it imports", () => {
    for (const file of grader) {
      const source = readFileSync(join(dir, file), "utf8");
      for (const m of source.matchAll(/from "\.\/([a-z-]+)"/g)) {
        const dep = `${m[1]}.ts`;
        expect(
          rowOf.get(dep)! <= rowOf.get(file)!,
          `${file} (row ${rowOf.get(file)}) imports ${dep} (row ${rowOf.get(dep)})`,
        ).toBe(true);
      }
    }
  });

  it("gives each row's size within 10 %", () => {
    for (const row of rows) {
      const actual = row.files.reduce((sum, file) => sum + lineCount(file), 0);
      expect(
        Math.abs(actual - row.lines) <= 0.1 * row.lines,
        `row ${row.order} (${row.files.join(", ")}): the README says ~${row.lines} lines, wc -l says ${actual}`,
      ).toBe(true);
    }
    const total = grader.reduce((sum, file) => sum + lineCount(file), 0);
    const said = Number(/about ([\d,]+) lines/.exec(section)?.[1].replace(/,/g, ""));
    expect(Math.abs(total - said) <= 0.1 * said, `about ${said} lines, wc -l says ${total}`).toBe(
      true,
    );
  });
});
