// npm run book: the course as a static site, in lecture order, from the notebooks executed with
// the solutions in place — readable offline, from the file system or any static server.
//
//   npm run book                     executed copies from build/notebooks (npm run notebooks),
//                                    running the notebooks whose copy is missing or out of date
//   npm run book -- --from DIR       take the executed copies from DIR (nothing is run)
//   npm run book -- --out DIR        write the site there (default build/book)
//
// Pages: index.html (the lectures and what each teaches), one page per notebook (export.ts),
// glossary.html (from notebooks/README.md). Assets once for the whole site: plotly.js (minified
// by esbuild from plotly.js-dist), KaTeX's CSS and fonts, highlight.js's theme, book.css.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import * as esbuild from "esbuild";
import * as env from "../env.js";
import {
  escapeHtml,
  figureOutputs,
  markdownToHtml,
  notebookBody,
  notebookTitle,
  page,
  text,
  type Notebook,
} from "./export";

const MARKER = ".nn-course-book";

interface Built {
  out: string;
  pages: { file: string; title: string; figures: number }[];
  bytes: number;
  plotlyBytes: number;
  seconds: number;
}

const read = (file: string): Notebook => JSON.parse(fs.readFileSync(file, "utf8")) as Notebook;
const source = (cell: { source: string | string[] }): string => text(cell.source);

/** Why the executed copy cannot stand for the notebook as it is now, or null when it can. */
export function staleReason(notebookFile: string, executedFile: string): string | null {
  if (!fs.existsSync(executedFile)) return "it has not been executed yet";
  const now = read(notebookFile).cells;
  const ran = read(executedFile).cells;
  if (now.length !== ran.length || now.some((c, i) => source(c) !== source(ran[i]))) {
    return "the notebook changed since it was executed";
  }
  const unrun = ran.findIndex((c) => c.cell_type === "code" && c.execution_count == null);
  if (unrun >= 0) return `its run stopped before cell ${unrun + 1}`;
  return null;
}

function fileSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? fileSize(full) : fs.statSync(full).size;
  }
  return total;
}

/** Empties `out` if it is a book built before (or empty), refuses to touch anything else. */
export function prepareOut(out: string): void {
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) {
    if (!fs.existsSync(path.join(out, MARKER))) {
      throw new Error(
        `${out} is not empty and was not written by npm run book: choose another --out (nothing was changed).`,
      );
    }
    fs.rmSync(out, { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(out, "assets", "katex"), { recursive: true });
  fs.writeFileSync(path.join(out, MARKER), "written by npm run book; emptied on the next build\n");
}

function writeAssets(out: string): number {
  const modules = path.join(env.root, "node_modules");
  const plotly = fs.readFileSync(path.join(modules, "plotly.js-dist", "plotly.js"), "utf8");
  const minified = esbuild.transformSync(plotly, { minify: true, legalComments: "inline" }).code;
  fs.writeFileSync(path.join(out, "assets", "plotly.min.js"), minified);
  const katexDist = path.join(modules, "katex", "dist");
  fs.copyFileSync(
    path.join(katexDist, "katex.min.css"),
    path.join(out, "assets", "katex", "katex.min.css"),
  );
  fs.cpSync(path.join(katexDist, "fonts"), path.join(out, "assets", "katex", "fonts"), {
    recursive: true,
  });
  fs.copyFileSync(
    path.join(modules, "highlight.js", "styles", "github.min.css"),
    path.join(out, "assets", "highlight.css"),
  );
  fs.copyFileSync(path.join(__dirname, "book.css"), path.join(out, "assets", "book.css"));
  return Buffer.byteLength(minified);
}

/** The paragraph after a notebook's first heading: what it teaches, for the index. */
function summary(notebook: Notebook): string {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const paragraphs = source(cell)
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p && !p.startsWith("#"));
    if (paragraphs.length > 0) return markdownToHtml(paragraphs[0]);
  }
  return "";
}

export function buildBook(options: {
  from?: string;
  out?: string;
  log?: (line: string) => void;
}): Built {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const notebooks = env.listNotebooks() as string[];
  const from = path.resolve(options.from ?? path.join(env.root, "build", "notebooks"));
  const out = path.resolve(options.out ?? path.join(env.root, "build", "book"));
  const executed = (nb: string): string => path.join(from, path.basename(nb));

  let stale = notebooks.filter((nb) => staleReason(nb, executed(nb)) !== null);
  if (stale.length > 0 && options.from === undefined) {
    const names = stale.map((nb) => path.basename(nb).slice(0, 2));
    log(`running ${names.join(", ")} first (no current executed copy in build/notebooks)…`);
    spawnSync(process.execPath, [path.join(env.root, "scripts", "notebooks.js"), ...names], {
      stdio: "inherit",
    });
    stale = notebooks.filter((nb) => staleReason(nb, executed(nb)) !== null);
  }
  if (stale.length > 0) {
    const lines = stale.map((nb) => `  ${path.basename(nb)}: ${staleReason(nb, executed(nb))}`);
    throw new Error(
      `the book needs every notebook executed as it is now; in ${from}:\n${lines.join("\n")}\n` +
        `run \`npm run notebooks\` (and fix what fails), or leave --from out.`,
    );
  }

  prepareOut(out);
  const plotlyBytes = writeAssets(out);
  const entries = notebooks.map((nb) => {
    const name = path.basename(nb, ".ipynb");
    const notebook = read(executed(nb));
    return { name, notebook, title: notebookTitle(notebook, name) };
  });
  const pages: Built["pages"] = [];
  entries.forEach((entry, i) => {
    const { html, toc } = notebookBody(entry.notebook, entry.name);
    const previous = entries[i - 1];
    const next = entries[i + 1] ?? { name: "glossary", title: "Glossary 术语表" };
    const file = `${entry.name}.html`;
    fs.writeFileSync(
      path.join(out, file),
      page({
        title: entry.title,
        body: html,
        toc,
        plots: true,
        links: {
          previous: previous ? { href: `${previous.name}.html`, title: previous.title } : undefined,
          next: { href: `${next.name}.html`, title: next.title },
        },
      }),
    );
    pages.push({ file, title: entry.title, figures: figureOutputs(entry.notebook) });
  });

  const rows = entries
    .map(
      (e) =>
        `<tr><td><a href="${e.name}.html">${escapeHtml(e.title)}</a></td><td>${summary(e.notebook)}</td></tr>`,
    )
    .join("\n");
  fs.writeFileSync(
    path.join(out, "index.html"),
    page({
      title: "Contents 目录",
      body:
        `<h1>Learn neural networks by running them 动手学神经网络</h1>\n` +
        `<p>The course's notebooks in lecture order, with every output as it came from running them ` +
        `with the reference solutions. To run them yourself, with your own exercises: <code>npm run lab</code>.</p>\n` +
        `<table class="contents"><thead><tr><th>notebook</th><th>what it teaches</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n` +
        `<p><a href="glossary.html">Glossary 术语表</a>: the course's terms in English and Chinese.</p>`,
      links: { next: { href: `${entries[0].name}.html`, title: entries[0].title } },
    }),
  );
  pages.unshift({ file: "index.html", title: "Contents 目录", figures: 0 });

  const readme = fs.readFileSync(path.join(env.root, "notebooks", "README.md"), "utf8");
  const glossary = /^## Glossary[\s\S]*?(?=^## |(?![\s\S]))/m.exec(readme)?.[0];
  if (!glossary) throw new Error("notebooks/README.md has no '## Glossary' section for the book.");
  const last = entries[entries.length - 1];
  fs.writeFileSync(
    path.join(out, "glossary.html"),
    page({
      title: "Glossary 术语表",
      body: markdownToHtml(glossary),
      links: { previous: { href: `${last.name}.html`, title: last.title } },
    }),
  );
  pages.push({ file: "glossary.html", title: "Glossary 术语表", figures: 0 });

  return {
    out,
    pages,
    bytes: fileSize(out),
    plotlyBytes,
    seconds: (performance.now() - started) / 1000,
  };
}

function main(argv: string[]): number {
  let values: { from?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { from: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } },
    }));
  } catch (error) {
    console.error(`✗ ${(error as Error).message}\nusage: npm run book [-- --from DIR] [--out DIR]`);
    return 2;
  }
  if (values.help) {
    console.log("usage: npm run book [-- --from DIR] [--out DIR]");
    return 0;
  }
  try {
    const built = buildBook(values);
    const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
    const figures = built.pages.reduce((s, p) => s + p.figures, 0);
    console.log(
      `book: ${built.pages.length} pages, ${figures} figures, ${mb(built.bytes)} (plotly.js ${mb(built.plotlyBytes)}) ` +
        `in ${built.seconds.toFixed(1)} s → ${path.relative(process.cwd(), path.join(built.out, "index.html")) || built.out}`,
    );
    return 0;
  } catch (error) {
    console.error(`✗ ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
