// Showing results in a notebook: rich outputs (a Plotly figure, an HTML table) with a plain-text
// fallback, sent through the tslab kernel. Outside a kernel (tests, scripts) the text is printed.
//
// Introduced in notebooks/00-start-here.ipynb; every notebook shows its tables this way.
import { randomBytes } from "crypto";
import { createRequire } from "module";
import { join } from "path";
import { formatNumber } from "./format";

export { formatNumber };

/** One output: MIME type → content, e.g. { "text/html": "<table>…", "text/plain": "…" }. */
export type MimeBundle = Record<string, unknown>;

type WriteDisplayData = (
  message: { data: MimeBundle; metadata: object; transient: { display_id?: string } },
  update: boolean,
) => void;

/**
 * tslab's function that sends a display message. Its public `display.raw` sends one MIME type per
 * output; a bundle needs this (tslab 1.0.22, pinned in package.json). The kernel launcher
 * (scripts/kernel.js) starts in the repo root and sets NN_COURSE_KERNEL, so resolving from the
 * working directory finds the very module instance the running kernel uses.
 */
function kernelWriter(): WriteDisplayData | null {
  if (process.env.NN_COURSE_KERNEL !== "1") return null;
  try {
    const requireHere = createRequire(join(process.cwd(), "index.js"));
    const jupyter = requireHere("tslab/dist/jupyter") as {
      lastWriteDisplayData: WriteDisplayData | null;
    };
    return jupyter.lastWriteDisplayData;
  } catch {
    return null;
  }
}

/** True in the course's own test run (`npm test` sets NN_COURSE_QUICK=1), where a notebook cell
 * that says so trains less, to keep the suite short; a learner's run does what the cell says. */
export function quickRun(): boolean {
  return process.env.NN_COURSE_QUICK === "1";
}

/** True inside the course's Jupyter kernel, where rich outputs can be shown. */
export function inKernel(): boolean {
  return kernelWriter() !== null;
}

/**
 * Show a bundle as one output. With a `displayId`, a later call with `update = true` replaces that
 * output in place (live plots). Outside a kernel the bundle's text/plain is printed instead.
 */
export function displayBundle(bundle: MimeBundle, displayId?: string, update = false): void {
  const write = kernelWriter();
  if (write) {
    write(
      { data: bundle, metadata: {}, transient: displayId ? { display_id: displayId } : {} },
      update,
    );
    return;
  }
  if (!update) console.log(String(bundle["text/plain"] ?? "(no text version of this output)"));
}

/** A fresh id for an output that will be updated in place. */
export function newDisplayId(): string {
  return randomBytes(8).toString("hex");
}

type Cell = string | number | boolean | null | undefined;

function formatCell(value: Cell, digits: number): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return formatNumber(value, digits);
  return String(value);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A table as aligned plain text (the fallback, and what tests read). */
export function tableText(rows: Record<string, Cell>[], title?: string, digits = 4): string {
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const cells = rows.map((r) => columns.map((c) => formatCell(r[c], digits)));
  const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j].length)));
  // Numbers right-aligned, text left-aligned, as in the HTML version.
  const numeric = columns.map((c) => rows.every((r) => typeof r[c] === "number"));
  const pad = (v: string, j: number): string =>
    numeric[j] ? v.padStart(widths[j]) : v.padEnd(widths[j]);
  const line = (values: string[]): string => values.map(pad).join("  ").trimEnd();
  const lines = [line(columns), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)];
  return (title ? `${title}\n` : "") + lines.join("\n");
}

/** A table as HTML, numbers right-aligned. */
export function tableHtml(rows: Record<string, Cell>[], title?: string, digits = 4): string {
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = rows
    .map((r) => {
      const tds = columns.map((c) => {
        const align = typeof r[c] === "number" ? ' style="text-align:right"' : "";
        return `<td${align}>${escapeHtml(formatCell(r[c], digits))}</td>`;
      });
      return `<tr>${tds.join("")}</tr>`;
    })
    .join("");
  const caption = title ? `<caption style="text-align:left">${escapeHtml(title)}</caption>` : "";
  return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Show rows of values as a table (HTML in JupyterLab, aligned text elsewhere). */
export function showTable(rows: Record<string, Cell>[], title?: string, digits = 4): void {
  displayBundle({
    "text/html": tableHtml(rows, title, digits),
    "text/plain": tableText(rows, title, digits),
  });
}

/** A table that can be redrawn in place, e.g. filled in cell by cell while a grid of runs trains. */
export function liveTable(
  rows: Record<string, Cell>[],
  title?: string,
  digits = 4,
): { update(next: Record<string, Cell>[], nextTitle?: string): void } {
  const id = newDisplayId();
  const bundle = (r: Record<string, Cell>[], t?: string): MimeBundle => ({
    "text/html": tableHtml(r, t, digits),
    "text/plain": tableText(r, t, digits),
  });
  displayBundle(bundle(rows, title), id, false);
  return {
    update(next, nextTitle = title) {
      displayBundle(bundle(next, nextTitle), id, true);
    },
  };
}
