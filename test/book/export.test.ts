// scripts/book/export.ts: a notebook with each kind of output becomes the page a reader expects.
import { describe, expect, it } from "vitest";
import {
  figureOutputs,
  notebookBody,
  notebookTitle,
  page,
  type Notebook,
} from "../../scripts/book/export";

const notebook: Notebook = {
  cells: [
    {
      cell_type: "markdown",
      source: [
        "# Back-propagation 反向传播\n",
        "\n",
        "The error $e = t - o$ and\n\n$$E = \\frac{1}{2}e^2$$\n",
      ],
    },
    {
      cell_type: "markdown",
      source: "## The chain rule 链式法则\n\nPrices in $5 and $6 stay text.",
    },
    {
      cell_type: "code",
      source: 'const eta: number = 0.5;\nconsole.log("<b>not html</b>");',
      execution_count: 1,
      outputs: [
        { output_type: "stream", name: "stdout", text: ["<b>not html</b>\n"] },
        { output_type: "stream", name: "stderr", text: "\u001b[31mwarning\u001b[0m\n" },
        { output_type: "execute_result", data: { "text/plain": "42" } },
        {
          output_type: "display_data",
          data: { "text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "a table" },
        },
        {
          output_type: "display_data",
          data: {
            "application/vnd.plotly.v1+json": {
              data: [{ x: [1], y: ["</script>"] }],
              layout: { title: { text: "loss" } },
            },
            "text/plain": "[plot: loss]",
          },
        },
        { output_type: "display_data", data: { "image/png": "iVBORw0KGgo=" } },
        {
          output_type: "error",
          ename: "Error",
          evalue: "shapes",
          traceback: ["\u001b[31mError: shapes 3×1 and 4×1\u001b[0m"],
        },
      ],
    },
    {
      cell_type: "code",
      source: 'await tryExercise("03.1", (my) => my.sigmoid(0));',
      execution_count: 2,
      outputs: [],
    },
  ],
};

describe("the book's page for one notebook", () => {
  const { html, toc } = notebookBody(notebook, "03-backprop");

  it("renders formulas with KaTeX at build time, and leaves a lone $ as text", () => {
    expect(html).toContain('<span class="katex">');
    expect(html).toContain('<div class="math"><span class="katex-display">');
    expect(html).not.toContain("$$");
    expect(html).toContain("Prices in $5 and $6 stay text.");
  });

  it("highlights the code and escapes what the code printed", () => {
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain("&lt;b&gt;not html&lt;/b&gt;");
    expect(html).toContain('<pre class="stream stderr">warning\n</pre>'); // colours removed
    expect(html).toContain('<pre class="text-output">42</pre>');
  });

  it("keeps HTML outputs as HTML, images as images, errors as errors", () => {
    expect(html).toContain('<div class="html-output"><table><tr><td>1</td></tr></table></div>');
    expect(html).toContain(
      '<img class="image-output" alt="" src="data:image/png;base64,iVBORw0KGgo=">',
    );
    expect(html).toContain('<pre class="error">Error: shapes 3×1 and 4×1</pre>');
  });

  it("draws each Plotly figure with plotly.js, the JSON safe inside its script", () => {
    expect(figureOutputs(notebook)).toBe(1);
    expect(html).toContain('<div class="figure" id="figure-1"></div>');
    expect(html).toContain('Plotly.newPlot("figure-1"');
    expect(html).toContain('"y":["<\\/script>"]');
    expect(html).not.toContain("[plot: loss]"); // the text fallback is not shown beside the figure
  });

  it("notes that an exercise cell shows the solution's result, and how to run it yourself", () => {
    expect(html).toContain("shown here with the reference solution");
    expect(html).toContain("<code>exercises/03-backprop.ts</code>");
    expect(html.match(/exercise-note/g)?.length).toBe(1);
  });

  it("has a title, a table of contents with anchors, and the frame's links and assets", () => {
    expect(notebookTitle(notebook, "x")).toBe("Back-propagation 反向传播");
    expect(toc).toContain('<a href="#the-chain-rule-链式法则">The chain rule 链式法则</a>');
    expect(html).toContain('<h2 id="the-chain-rule-链式法则">');
    const whole = page({
      title: "T",
      body: html,
      toc,
      plots: true,
      links: { previous: { href: "02-activations.html", title: "Activations" } },
    });
    expect(whole).toContain('<script src="assets/plotly.min.js"></script>');
    expect(whole).toContain('href="assets/katex/katex.min.css"');
    expect(whole).toContain('<a href="02-activations.html">← Activations</a>');
    expect(whole).not.toMatch(/(src|href)="https?:/); // nothing from the network
  });
});
