// One executed notebook → one static HTML page of the course's book (`npm run book`, build.ts).
// The libraries do the real work: marked renders the prose, KaTeX the formulas (at build time,
// so the page needs only its CSS and fonts), highlight.js the TypeScript, plotly.js-dist draws
// each figure in the reader's browser. This file is the glue: which output becomes what.

import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import katex from "katex";
import { Marked, type TokenizerAndRendererExtension } from "marked";

hljs.registerLanguage("typescript", typescript);

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

export interface NotebookOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface NotebookCell {
  cell_type: string;
  source: string | string[];
  outputs?: NotebookOutput[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: NotebookCell[];
}

export interface PageLinks {
  /** The notebook's file name without .ipynb, e.g. "03-backprop". */
  name: string;
  previous?: { href: string; title: string };
  next?: { href: string; title: string };
  /** Where the shared assets are, relative to the page (default "assets"). */
  assets?: string;
}

/** A notebook's multi-line field (source, text), which nbformat stores as a string or lines. */
export const text = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? value.join("") : (value ?? "");

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Terminal colours in tracebacks and streams mean nothing on a page. */
function stripAnsi(value: string): string {
  // eslint-disable-next-line no-control-regex -- the escape sequences themselves
  return value.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
}

// Formulas: $…$ inline and $$…$$ on their own, rendered by KaTeX when the page is built.
const math: TokenizerAndRendererExtension[] = [
  {
    name: "displayMath",
    level: "block",
    start: (src) => src.indexOf("$$"),
    tokenizer(src) {
      const match = /^\$\$([\s\S]+?)\$\$(?:\n|$)/.exec(src);
      return match ? { type: "displayMath", raw: match[0], tex: match[1].trim() } : undefined;
    },
    renderer: (token) =>
      `<div class="math">${katex.renderToString(token.tex as string, { displayMode: true, throwOnError: false })}</div>\n`,
  },
  {
    name: "inlineMath",
    level: "inline",
    start: (src) => src.indexOf("$"),
    tokenizer(src) {
      const match = /^\$(?!\s)((?:\\\$|[^$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
      return match ? { type: "inlineMath", raw: match[0], tex: match[1] } : undefined;
    },
    renderer: (token) =>
      katex.renderToString(token.tex as string, { displayMode: false, throwOnError: false }),
  },
];

/** Markdown with formulas and highlighted code; headings get ids for the table of contents. */
export function markdownToHtml(source: string): string {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({ extensions: math });
  marked.use({
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        return `<h${depth} id="${headingId(inner)}">${inner}</h${depth}>\n`;
      },
      code({ text: code, lang }) {
        return codeHtml(code, lang === "ts" || lang === "typescript" ? "typescript" : undefined);
      },
    },
  });
  return marked.parse(source) as string;
}

/** An id from a heading's text: letters and digits of any script, dashes between. */
export function headingId(html: string): string {
  const plain = html.replace(/<[^>]+>/g, "").replace(/&[a-z#0-9]+;/gi, " ");
  return (
    plain
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "section"
  );
}

function codeHtml(code: string, language?: string): string {
  const body = language ? hljs.highlight(code, { language }).value : escapeHtml(code);
  return `<pre class="code"><code class="hljs${language ? ` language-${language}` : ""}">${body}</code></pre>\n`;
}

/** One output as HTML: a Plotly figure (drawn into the element `figureId`), HTML, an image, or
 * text — the richest form it has. */
export function outputHtml(output: NotebookOutput, figureId = "figure"): string {
  if (output.output_type === "stream") {
    const cls = output.name === "stderr" ? "stream stderr" : "stream";
    return `<pre class="${cls}">${escapeHtml(stripAnsi(text(output.text)))}</pre>\n`;
  }
  if (output.output_type === "error") {
    const trace = (output.traceback ?? []).map(stripAnsi).join("\n");
    return `<pre class="error">${escapeHtml(trace || `${output.ename}: ${output.evalue}`)}</pre>\n`;
  }
  const data = output.data ?? {};
  if (data[PLOTLY_MIME]) {
    const id = figureId;
    // JSON in a script element: only "</" could end it early
    const figure = JSON.stringify(data[PLOTLY_MIME]).replace(/<\//g, "<\\/");
    return (
      `<div class="figure" id="${id}"></div>\n` +
      `<script>(function () { var f = ${figure}; Plotly.newPlot("${id}", f.data || [], ` +
      `Object.assign({ autosize: true }, f.layout || {}), { responsive: true }); })();</script>\n`
    );
  }
  if (typeof data["text/html"] === "string" || Array.isArray(data["text/html"])) {
    return `<div class="html-output">${text(data["text/html"] as string | string[])}</div>\n`;
  }
  if (typeof data["image/png"] === "string") {
    return `<img class="image-output" alt="" src="data:image/png;base64,${(data["image/png"] as string).trim()}">\n`;
  }
  if (data["text/plain"] !== undefined) {
    return `<pre class="text-output">${escapeHtml(stripAnsi(text(data["text/plain"] as string | string[])))}</pre>\n`;
  }
  return "";
}

/** How many Plotly figures a notebook's outputs hold (what its page must draw). */
export function figureOutputs(notebook: Notebook): number {
  return notebook.cells
    .flatMap((c) => c.outputs ?? [])
    .filter((o) => o.data?.[PLOTLY_MIME] !== undefined).length;
}

/** A cell that runs the learner's exercise file: on the page it shows the solution's result. */
function usesExercises(source: string): boolean {
  return /\btryExercise\(|\bgrade\(/.test(source);
}

/** The page's title: the notebook's first heading. */
export function notebookTitle(notebook: Notebook, fallback: string): string {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = /^#\s+(.+)$/m.exec(text(cell.source));
    if (heading) return heading[1].trim();
  }
  return fallback;
}

/** The body of a notebook's page: its cells in order, and its table of contents. */
export function notebookBody(notebook: Notebook, name: string): { html: string; toc: string } {
  const parts: string[] = [];
  const toc: string[] = [];
  let figures = 0;
  const nextOutput = (o: NotebookOutput): string =>
    outputHtml(o, o.data?.[PLOTLY_MIME] ? `figure-${++figures}` : undefined);
  for (const cell of notebook.cells) {
    const source = text(cell.source);
    if (cell.cell_type === "markdown") {
      const html = markdownToHtml(source);
      for (const m of html.matchAll(/<h([23]) id="([^"]+)">(.*?)<\/h\1>/g)) {
        toc.push(
          `<li class="toc-h${m[1]}"><a href="#${m[2]}">${m[3].replace(/<[^>]+>/g, "")}</a></li>`,
        );
      }
      parts.push(`<section class="markdown">${html}</section>`);
    } else if (cell.cell_type === "code") {
      const note = usesExercises(source)
        ? `<p class="exercise-note">▶ This cell runs your exercise file in the course; shown here with the reference solution. ` +
          `Run it yourself: <code>npm run lab</code>, open <code>notebooks/${escapeHtml(name)}.ipynb</code>, fill in <code>exercises/${escapeHtml(name)}.ts</code>.</p>\n`
        : "";
      const outputs = (cell.outputs ?? []).map(nextOutput).join("");
      parts.push(
        `<section class="code-cell">${note}${codeHtml(source, "typescript")}` +
          (outputs ? `<div class="outputs">${outputs}</div>` : "") +
          `</section>`,
      );
    }
  }
  return { html: parts.join("\n"), toc: toc.length ? `<ul class="toc">${toc.join("")}</ul>` : "" };
}

/** A whole page: the shared frame around a body. */
export function page(options: {
  title: string;
  body: string;
  toc?: string;
  links?: Omit<PageLinks, "name">;
  plots?: boolean;
}): string {
  const assets = options.links?.assets ?? "assets";
  const nav = [
    `<a href="index.html">Contents 目录</a>`,
    options.links?.previous
      ? `<a href="${options.links.previous.href}">← ${escapeHtml(options.links.previous.title)}</a>`
      : "",
    options.links?.next
      ? `<a href="${options.links.next.href}">${escapeHtml(options.links.next.title)} →</a>`
      : "",
  ]
    .filter(Boolean)
    .join(" · ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} — Learn neural networks by running them</title>
<link rel="stylesheet" href="${assets}/katex/katex.min.css">
<link rel="stylesheet" href="${assets}/highlight.css">
<link rel="stylesheet" href="${assets}/book.css">
${options.plots ? `<script src="${assets}/plotly.min.js"></script>` : ""}
</head>
<body>
<nav class="top">${nav}</nav>
<div class="layout">
${options.toc ? `<aside class="side"><p><b>On this page</b></p>${options.toc}</aside>` : ""}
<main>
${options.body}
</main>
</div>
<nav class="bottom">${nav}</nav>
<footer>Built from the course's notebooks, executed with the reference solutions in place (solutions/). Your own results come from running them in JupyterLab.</footer>
</body>
</html>
`;
}
