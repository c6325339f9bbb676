// scripts/book/build.ts: which executed copies may stand for the notebooks, and where it writes.
import { mkdtempSync, readdirSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { buildBook, prepareOut, staleReason } from "../../scripts/book/build";

const dir = mkdtempSync(join(tmpdir(), "nn-book-test-"));
const write = (name: string, cells: object[]): string => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }));
  return file;
};
const md = { cell_type: "markdown", source: "# T", metadata: {} };
const code = (source: string, count: number | null) => ({
  cell_type: "code",
  source,
  metadata: {},
  outputs: [],
  execution_count: count,
});

describe("an executed copy stands for its notebook only when it is current and complete", () => {
  const notebook = write("nb.ipynb", [md, code("1 + 1", null), code("2 + 2", null)]);

  it("says why not, or null", () => {
    expect(staleReason(notebook, join(dir, "missing.ipynb"))).toBe("it has not been executed yet");
    const changed = write("changed.ipynb", [md, code("1 + 2", 1), code("2 + 2", 2)]);
    expect(staleReason(notebook, changed)).toBe("the notebook changed since it was executed");
    const stopped = write("stopped.ipynb", [md, code("1 + 1", 1), code("2 + 2", null)]);
    expect(staleReason(notebook, stopped)).toBe("its run stopped before cell 3");
    const current = write("current.ipynb", [md, code("1 + 1", 1), code("2 + 2", 2)]);
    expect(staleReason(notebook, current)).toBeNull();
  });

  it("--from a folder without current copies: an error that names each notebook and the way out", () => {
    const empty = mkdtempSync(join(tmpdir(), "nn-book-from-"));
    expect(() => buildBook({ from: empty, out: join(dir, "out"), log: () => {} })).toThrow(
      /the book needs every notebook executed as it is now; in .*\n {2}00-start-here\.ipynb: it has not been executed yet\n[\s\S]*run `npm run notebooks` \(and fix what fails\), or leave --from out\./,
    );
  });

  it("never empties a folder it did not write", () => {
    const foreign = mkdtempSync(join(tmpdir(), "nn-book-out-"));
    writeFileSync(join(foreign, "notes.txt"), "mine");
    expect(() => prepareOut(foreign)).toThrow(/is not empty and was not written by npm run book/);
    expect(readdirSync(foreign)).toEqual(["notes.txt"]);
    const own = mkdtempSync(join(tmpdir(), "nn-book-own-"));
    prepareOut(own);
    writeFileSync(join(own, "index.html"), "old");
    prepareOut(own); // a book it wrote before: emptied and started again
    expect(readdirSync(own).sort()).toEqual([".nn-course-book", "assets"]);
  });
});
