// Notebooks are committed clean (no outputs, no execution counts), on the course kernel, and in
// the course's shape: a title, Chinese terms in the section headings, lectures cited by name
// (learners have no "seed" files or shared/ folder), exercise files reached through tryExercise.
import { readFileSync } from "fs";
import { basename, join } from "path";
import { describe, expect, it } from "vitest";
import * as env from "../../scripts/env.js";
import { readNotebook } from "../notebooks/helpers";

const notebooks = env.listNotebooks();
const cellText = (source: string | string[]) => (Array.isArray(source) ? source.join("") : source);

describe("committed notebooks", () => {
  it("exist, in lecture order starting with 00-start-here", () => {
    expect(notebooks.map((p) => basename(p))[0]).toBe("00-start-here.ipynb");
  });

  describe.each(notebooks.map((p) => [basename(p), p]))("%s", (_name, path) => {
    const nb = readNotebook(path);

    it("has no outputs and no execution counts", () => {
      for (const [i, cell] of nb.cells.entries()) {
        if (cell.cell_type !== "code") continue;
        expect(cell.outputs, `cell ${i + 1} has outputs`).toEqual([]);
        expect(cell.execution_count ?? null, `cell ${i + 1} has an execution count`).toBeNull();
      }
    });

    it("runs on the course kernel", () => {
      expect(nb.metadata.kernelspec?.name).toBe("nn-course");
    });

    it("opens with a markdown title and carries the course's Chinese terms in its headings", () => {
      expect(nb.cells[0].cell_type).toBe("markdown");
      expect(cellText(nb.cells[0].source)).toMatch(/^# /);
      const headings = nb.cells
        .filter((c) => c.cell_type === "markdown")
        .flatMap((c) => cellText(c.source).split("\n"))
        .filter((l) => /^##\s/.test(l));
      expect(headings.length).toBeGreaterThan(0);
      expect(headings.some((h) => /[\u4e00-\u9fff]/.test(h))).toBe(true);
    });
  });

  it("cite the lectures by name, never by a seed number or a folder learners do not have", () => {
    const texts = [
      ...notebooks.map((p) => readFileSync(p, "utf8")),
      ...["notebooks/README.md", "data/README.md", "lib/README.md", "README.md"].map((f) =>
        readFileSync(join(env.root, f), "utf8"),
      ),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/\bseeds? 00\d|shared\/seeds/i);
    }
  });

  it("never import an exercise file directly: a type error there must not stop the notebook", () => {
    for (const path of notebooks) {
      const code = readNotebook(path)
        .cells.filter((c) => c.cell_type === "code")
        .map((c) => cellText(c.source))
        .join("\n");
      expect(code, basename(path)).not.toMatch(/from "\.\/exercises\//);
      if (/▶ uses your exercise/.test(code)) expect(code).toContain("tryExercise(");
      if (/tryExercise|grade\(/.test(code)) {
        expect(code, `${basename(path)} imports hint, which the grade table suggests`).toMatch(
          /import \{[^}]*\bhint\b[^}]*\} from "\.\/scripts\/grader\/notebook"/,
        );
      }
    }
  });

  it("01's 'Things to try' says which trainPerceptron takes which arguments", () => {
    const text = readFileSync(join(env.root, "notebooks", "01-perceptron.ipynb"), "utf8");
    expect(text).toContain("the library's `trainPerceptron(X, T, { eta, maxEpoch, w, b })`");
    expect(text).toContain("exercise 01.3, `trainPerceptron(X, T, eta, maxEpoch)`");
  });
});
