// Plotly figures for the notebooks. A figure is plain JSON ({ data, layout }, typed by
// plotly.js); JupyterLab draws it with plotly's own renderer (installed with the `plotly`
// Python package), offline, also in reopened (untrusted) notebooks. plotly.js itself is never
// imported here: it needs a browser window, and the kernel runs in Node.
//
// Introduced in notebooks/00-start-here.ipynb; every notebook plots this way.
import type { Layout, PlotData } from "plotly.js";
import { linspace } from "./data";
import { displayBundle, formatNumber, newDisplayId } from "./display";
import { checkNumber, checkOptionNames, describe } from "./validate";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** A Plotly figure: traces and layout, exactly what plotly.js would be given. */
export interface Figure {
  data: Partial<PlotData>[];
  layout: Partial<Layout>;
}

/** One line or set of points. Typed arrays are fine: they are copied to plain arrays (JSON). */
export interface Series {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  name?: string;
  mode?: "lines" | "markers" | "lines+markers";
  dash?: "solid" | "dash" | "dot" | "dashdot";
  color?: string;
  /** Which subplot (1 = left/top, 2 = the second axes created by `grid`). */
  axes?: 1 | 2;
}

function toArray(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => (Number.isFinite(v) ? v : NaN));
}

function trace(s: Series): Partial<PlotData> {
  if (typeof s !== "object" || s === null || !isNumbers(s.x) || !isNumbers(s.y)) {
    throw new Error(`plot: a series must be { x, y } with arrays of numbers (got ${describe(s)}).`);
  }
  if (s.x.length !== s.y.length) {
    const which = s.name === undefined ? "a series" : `series '${s.name}'`;
    throw new Error(
      `plot: ${which} has ${s.x.length} x values but ${s.y.length} y values; they must pair up.`,
    );
  }
  const t: Partial<PlotData> = {
    type: "scatter",
    x: toArray(s.x),
    y: toArray(s.y),
    mode: s.mode ?? "lines",
  };
  if (s.name !== undefined) t.name = s.name;
  if (s.dash || s.color)
    t.line = { ...(s.dash ? { dash: s.dash } : {}), ...(s.color ? { color: s.color } : {}) };
  if (s.color && s.mode && s.mode !== "lines") t.marker = { color: s.color, size: 5 };
  if (s.axes === 2) {
    t.xaxis = "x2";
    t.yaxis = "y2";
  }
  return t;
}

function isNumbers(values: unknown): values is ArrayLike<number> {
  return (
    (Array.isArray(values) || ArrayBuffer.isView(values)) &&
    Array.prototype.every.call(values, (v: unknown) => typeof v === "number")
  );
}

/** Throws unless range is [low, high] with finite low < high. */
function checkRange(where: string, name: string, range: unknown): [number, number] {
  const ok =
    Array.isArray(range) &&
    range.length === 2 &&
    range.every((v) => typeof v === "number" && Number.isFinite(v)) &&
    range[0] < range[1];
  if (!ok) {
    throw new Error(
      `${where}: ${name} must be [low, high] with low < high, e.g. [-5, 5] (got ${JSON.stringify(range) ?? describe(range)}).`,
    );
  }
  return range as [number, number];
}

const baseLayout: Partial<Layout> = {
  height: 380,
  margin: { l: 60, r: 20, t: 50, b: 50 },
  legend: { orientation: "h", y: -0.2 },
};

/** Lines (and/or points) on one pair of axes. */
export function linePlot(series: Series[], layout: Partial<Layout> = {}): Figure {
  return { data: series.map(trace), layout: { ...baseLayout, ...layout } };
}

/** Points only: `linePlot` with markers. */
export function scatterPlot(series: Series[], layout: Partial<Layout> = {}): Figure {
  return linePlot(
    series.map((s) => ({ mode: "markers", ...s })),
    layout,
  );
}

/**
 * A table of numbers as coloured cells (z[row][column]; null leaves a cell blank), each cell
 * labelled with its value. `marked[row][column]` outlines cells in red with a ✗ (e.g. where a
 * learner's table differs from the computed one). Taught in notebooks/05-hyperparameters.ipynb.
 */
export function heatmapPlot(
  z: readonly (readonly (number | null)[])[],
  axes: {
    x: readonly (string | number)[];
    y: readonly (string | number)[];
    xTitle?: string;
    yTitle?: string;
    title?: string;
    /** The number on each cell (default: z's value, as formatNumber writes it). */
    text?: readonly (readonly string[])[];
    marked?: readonly (readonly boolean[])[];
    colorbar?: string;
  },
): Figure {
  const where = "heatmapPlot";
  if (!Array.isArray(z as unknown) || z.length !== axes.y.length) {
    throw new Error(
      `${where}: z must have one row per y value (${axes.y.length}); got ${describe(z)}.`,
    );
  }
  z.forEach((row, i) => {
    if (!Array.isArray(row as unknown) || row.length !== axes.x.length) {
      throw new Error(
        `${where}: row ${i} of z must have one value per x value (${axes.x.length}); got ${describe(row)}.`,
      );
    }
  });
  // categories, so that 0.1, 0.3, 0.5, 0.7 get equal cells
  const xs = axes.x.map(String);
  const ys = axes.y.map(String);
  const cells: Partial<PlotData> = {
    type: "heatmap",
    x: xs,
    y: ys,
    z: z.map((row) => row.map((v) => (v === null || !Number.isFinite(v) ? null : v))) as never,
    colorscale: "Viridis",
    reversescale: true,
    hoverongaps: false,
    colorbar: { title: { text: axes.colorbar ?? "" } },
  };
  // dark text on the scale's light (yellow, low) end, white on its dark end
  const finite = z.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const [low, high] = [Math.min(...finite), Math.max(...finite)];
  const light = (v: number | null): boolean =>
    v !== null && Number.isFinite(v) && (high === low || (v - low) / (high - low) < 0.4);
  const annotations = z.flatMap((row, i) =>
    row.map((v, j) => {
      const marked = axes.marked?.[i]?.[j] === true;
      const label = axes.text?.[i]?.[j] ?? (v === null ? "" : formatNumber(v));
      return {
        // a category axis places annotations by the category's index: the name "2" would mean
        // the third category (and "15" one beyond the table)
        x: j,
        y: i,
        text: marked ? `✗ ${label}` : label,
        showarrow: false,
        font: { color: marked ? "#d62728" : light(v) ? "#222" : "#fff", size: 13 },
        ...(marked ? { bordercolor: "#d62728", borderwidth: 2, bgcolor: "#fff" } : {}),
      };
    }),
  );
  return {
    data: [cells],
    layout: {
      ...baseLayout,
      title: { text: axes.title ?? "" },
      xaxis: { title: { text: axes.xTitle ?? "" }, type: "category" },
      yaxis: { title: { text: axes.yTitle ?? "" }, type: "category", autorange: "reversed" },
      annotations,
    },
  };
}

/** Plot functions of one variable over [from, to], e.g. an activation and its derivative. */
export function functionPlot(
  functions: { name: string; f: (z: number) => number; dash?: Series["dash"] }[],
  range: [number, number],
  layout: Partial<Layout> = {},
  points = 201,
): Figure {
  checkRange("functionPlot", "range", range);
  checkNumber("functionPlot", "points", points, { integer: true, min: 2 });
  const x = linspace(range[0], range[1], points);
  return linePlot(
    functions.map(({ name, f, dash }) => ({ x, y: x.map(f), name, dash })),
    layout,
  );
}

/** Two side-by-side axes: series with `axes: 2` go to the right-hand one. */
export function twoPanels(
  series: Series[],
  titles: [string, string],
  axisTitles: { x?: [string, string]; y?: [string, string] } = {},
  layout: Partial<Layout> = {},
): Figure {
  return linePlot(series, {
    grid: { rows: 1, columns: 2, pattern: "independent" },
    xaxis: { title: { text: axisTitles.x?.[0] ?? "" }, domain: [0, 0.45] },
    yaxis: { title: { text: axisTitles.y?.[0] ?? "" } },
    xaxis2: { title: { text: axisTitles.x?.[1] ?? "" }, domain: [0.55, 1] },
    yaxis2: { title: { text: axisTitles.y?.[1] ?? "" }, anchor: "x2" },
    annotations: titles.map((text, i) => ({
      text,
      showarrow: false,
      xref: "paper",
      yref: "paper",
      x: i === 0 ? 0.225 : 0.775,
      y: 1.0,
      xanchor: "center",
      yanchor: "bottom",
      font: { size: 14 },
    })),
    // Room above the panels for their names and a figure title over them.
    margin: { l: 60, r: 20, t: 90, b: 50 },
    ...layout,
  });
}

/** What a training history holds at each check (structurally a `Check` from train.ts). */
export interface HistoryPoint {
  epoch: number;
  trainLoss: number;
  validationLoss: number | null;
  trainAccuracy: number;
  validationAccuracy: number | null;
}

/**
 * The lecture's two panels: loss (left) and accuracy (right) against epochs, training in blue
 * and validation in red — the training curve jumps, the validation curve is smoother.
 */
export function lossPlot(history: readonly HistoryPoint[], title = "", logLoss = false): Figure {
  const epoch = history.map((h) => h.epoch);
  const series: Series[] = [
    { x: epoch, y: history.map((h) => h.trainLoss), name: "train loss", color: "#1f77b4" },
    {
      x: epoch,
      y: history.map((h) => h.trainAccuracy),
      name: "train accuracy",
      color: "#1f77b4",
      axes: 2,
    },
  ];
  if (history.some((h) => h.validationLoss !== null)) {
    series.push(
      {
        x: epoch,
        y: history.map((h) => h.validationLoss ?? NaN),
        name: "validation loss",
        color: "#d62728",
      },
      {
        x: epoch,
        y: history.map((h) => h.validationAccuracy ?? NaN),
        name: "validation accuracy",
        color: "#d62728",
        axes: 2,
      },
    );
  }
  const figure = twoPanels(series, ["loss", "accuracy"], {
    x: ["epoch", "epoch"],
    y: ["loss", "accuracy"],
  });
  figure.layout.title = { text: title, y: 0.97, yanchor: "top" };
  if (logLoss) figure.layout.yaxis = { ...figure.layout.yaxis, type: "log" };
  return figure;
}

/**
 * A two-input classifier's decision boundary: f(x1, x2) (e.g. the network's output) as a contour
 * map over `range`, with the samples on top, coloured by label.
 */
export function decisionBoundary(
  f: (x1: number, x2: number) => number,
  samples: { X: readonly (readonly number[])[]; labels: readonly number[] },
  options: { range?: [[number, number], [number, number]]; steps?: number; title?: string } = {},
): Figure {
  const where = "decisionBoundary";
  if (typeof f !== "function") {
    throw new Error(`${where}: f must be a function (x1, x2) => output (got ${describe(f)}).`);
  }
  checkOptionNames(where, options, ["range", "steps", "title"]);
  const { X, labels } = samples;
  if (!Array.isArray(X) || !Array.isArray(labels) || X.length !== labels.length) {
    throw new Error(
      `${where}: samples must be { X, labels } with one label per row of X (got ${describe(X)} and ${describe(labels)}).`,
    );
  }
  const badRow = X.findIndex((r) => !Array.isArray(r) || r.length !== 2);
  if (badRow >= 0) {
    throw new Error(
      `${where}: every row of X must be a point [x1, x2]; row ${badRow} is ${describe(X[badRow])}.`,
    );
  }
  const range = options.range ?? [
    [-0.5, 1.5],
    [-0.5, 1.5],
  ];
  if (!Array.isArray(range) || range.length !== 2) {
    throw new Error(
      `${where}: range must be [[x1 low, x1 high], [x2 low, x2 high]] (got ${describe(range)}).`,
    );
  }
  const [x1min, x1max] = checkRange(where, "range[0] (x1)", range[0]);
  const [x2min, x2max] = checkRange(where, "range[1] (x2)", range[1]);
  const steps = checkNumber(where, "steps", options.steps ?? 60, { integer: true, min: 2 });
  const x1 = linspace(x1min, x1max, steps);
  const x2 = linspace(x2min, x2max, steps);
  const z = x2.map((b) => x1.map((a) => f(a, b)));
  const contour: Partial<PlotData> = {
    type: "contour",
    x: x1,
    y: x2,
    z,
    colorscale: "RdBu",
    opacity: 0.6,
    contours: { start: 0, end: 1, size: 0.1 },
    showscale: true,
    name: "output",
  };
  const classes = Array.from(new Set(samples.labels)).sort((a, b) => a - b);
  const points = classes.map((label) => {
    const rows = samples.X.filter((_, i) => samples.labels[i] === label);
    return trace({
      x: rows.map((r) => r[0]),
      y: rows.map((r) => r[1]),
      name: `class ${label}`,
      mode: "markers",
      color: label > 0 ? "#b2182b" : "#2166ac",
    });
  });
  for (const p of points) p.marker = { ...p.marker, size: 12, line: { color: "white", width: 2 } };
  return {
    data: [contour, ...points],
    layout: {
      ...baseLayout,
      title: { text: options.title ?? "" },
      xaxis: { title: { text: "x1" } },
      yaxis: { title: { text: "x2" }, scaleanchor: "x" },
      width: 520,
      height: 460,
    },
  };
}

function range(values: unknown): string {
  if (!Array.isArray(values) || values.length === 0) return "";
  const nums = values.flat(2).filter((v): v is number => typeof v === "number" && !Number.isNaN(v));
  if (!nums.length) return "";
  // A loop, not Math.min(...nums): spreading a large figure's values overflows the call stack.
  let low = Infinity;
  let high = -Infinity;
  for (const v of nums) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return `, ${formatNumber(low)} … ${formatNumber(high)}`;
}

/** A one-paragraph text version of a figure: what is plotted and the ranges (for text outputs). */
export function figureText(figure: Figure): string {
  const layoutTitle = figure.layout.title;
  const title = typeof layoutTitle === "string" ? layoutTitle : (layoutTitle?.text ?? "");
  const lines = figure.data.map((t) => {
    const count = Array.isArray(t.x) ? t.x.length : 0;
    const ys = t.type === "contour" ? t.z : t.y;
    return `  ${t.name ?? t.type ?? "trace"}: ${count} points${range(ys)}`;
  });
  return [`[plot${title ? `: ${title}` : ""}]`, ...lines].join("\n");
}

/** Show a figure in the notebook (Plotly in JupyterLab; its text version elsewhere). */
export function show(figure: Figure, text?: string): void {
  displayBundle({ [PLOTLY_MIME]: figure, "text/plain": text ?? figureText(figure) });
}

/**
 * A figure that can be redrawn in place, e.g. from training's `onCheck` callback. Each update is
 * sent twice: first as text only, then as the figure. JupyterLab's Plotly renderer (plotly 7)
 * ignores new data once it has drawn a plot, and JupyterLab keeps a renderer as long as the
 * output's kind stays the same — so the text in between makes it draw the new figure afresh.
 */
export function liveFigure(figure: Figure): { update(next: Figure): void } {
  const id = newDisplayId();
  displayBundle({ [PLOTLY_MIME]: figure, "text/plain": figureText(figure) }, id, false);
  return {
    update(next: Figure): void {
      const text = figureText(next);
      displayBundle({ "text/plain": text }, id, true);
      displayBundle({ [PLOTLY_MIME]: next, "text/plain": text }, id, true);
    },
  };
}
