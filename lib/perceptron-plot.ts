// Figures of the perceptron 感知器 learning, for notebooks/01-perceptron.ipynb: small panels, one
// per sample presented (the line moving as the rule updates w and b), and several lines on one
// plot. The perceptron itself is in perceptron.ts.

import type { Annotations, Layout, PlotData } from "plotly.js";
import { checkSamples, decisionLine, describeLine, num, type PerceptronStep } from "./perceptron";
import type { Figure } from "./plot";
import { checkOptionNames } from "./validate";

const CLASS_COLOR = ["#2166ac", "#b2182b"]; // class 0 blue, class 1 red (as in decisionBoundary)
const REGION_FILL = "rgba(178, 24, 43, 0.13)"; // where the perceptron answers 1

type Range = [number, number];

/**
 * Small panels, one per step: the samples (blue = 0, red = 1), the sample just presented ringed,
 * the decision line after the step and, shaded, the region where the perceptron answers 1.
 * Each panel's title gives the epoch, the sample, whether it was a mistake, and the line.
 */
export function perceptronPanels(
  X: readonly (readonly number[])[],
  T: readonly number[],
  steps: readonly PerceptronStep[],
  options: { columns?: number; title?: string; range?: Range } = {},
): Figure {
  checkOptionNames("perceptronPanels", options, ["columns", "title", "range"]);
  checkSamples("perceptronPanels", X, T);
  if (steps.length === 0) throw new Error("perceptronPanels: no steps to draw.");
  const columns = Math.min(options.columns ?? 4, steps.length);
  const rows = Math.ceil(steps.length / columns);
  const range = options.range ?? [-0.5, 1.5];
  const data: Partial<PlotData>[] = [];
  const annotations: Partial<Annotations>[] = [];
  const layout: Partial<Layout> & Record<string, unknown> = {
    title: { text: options.title ?? "" },
    height: 60 + 210 * rows,
    margin: { l: 30, r: 20, t: 70, b: 30 },
    showlegend: false,
    annotations,
  };
  const gapX = 0.03;
  const gapY = 0.16 / rows;
  steps.forEach((s, p) => {
    const col = p % columns;
    const row = Math.floor(p / columns);
    const id = p === 0 ? "" : String(p + 1);
    const xd: Range = [col / columns + gapX, (col + 1) / columns - gapX];
    const yd: Range = [1 - (row + 1) / rows + gapY, 1 - row / rows - gapY];
    layout[`xaxis${id}`] = {
      domain: xd,
      range,
      anchor: `y${id}`,
      showticklabels: row === rows - 1,
      zeroline: false,
    };
    layout[`yaxis${id}`] = {
      domain: yd,
      range,
      anchor: `x${id}`,
      showticklabels: col === 0,
      zeroline: false,
    };
    const onAxes = { xaxis: `x${id}`, yaxis: `y${id}` };
    const region = halfPlaneRegion(s.w, s.b, range);
    if (region.length > 0) {
      data.push({
        type: "scatter",
        x: region.map((q) => q[0]),
        y: region.map((q) => q[1]),
        fill: "toself",
        fillcolor: REGION_FILL,
        line: { width: 0 },
        mode: "lines",
        hoverinfo: "skip",
        ...onAxes,
      });
    }
    data.push(...sampleTraces(X, T, onAxes));
    data.push({
      type: "scatter",
      x: [s.x[0]],
      y: [s.x[1]],
      mode: "markers",
      marker: { size: 20, color: "rgba(0,0,0,0)", line: { color: "black", width: 2 } },
      hoverinfo: "skip",
      ...onAxes,
    });
    const line = lineTrace(s.w, s.b, range);
    if (line) data.push({ ...line, ...onAxes });
    annotations.push({
      text:
        `epoch ${s.epoch}, sample (${s.x.map(num).join(", ")}) ` +
        `${s.updated ? "✗ update" : "✓"}<br>${describeLine(s.w, s.b)}`,
      showarrow: false,
      xref: "paper",
      yref: "paper",
      x: (xd[0] + xd[1]) / 2,
      y: yd[1],
      xanchor: "center",
      yanchor: "bottom",
      font: { size: 11 },
    });
  });
  return { data, layout };
}

/**
 * The samples and several decision lines on one pair of axes, e.g. the line after each epoch:
 * earlier lines light yellow, later ones darker, the last one thick and dark purple.
 * `lines` are { w, b, name }.
 */
export function perceptronLines(
  X: readonly (readonly number[])[],
  T: readonly number[],
  lines: readonly { w: readonly number[]; b: number; name?: string }[],
  options: { title?: string; range?: Range } = {},
): Figure {
  checkOptionNames("perceptronLines", options, ["title", "range"]);
  checkSamples("perceptronLines", X, T);
  const range = options.range ?? [-0.5, 1.5];
  const data: Partial<PlotData>[] = [];
  // w = 0 has no line to draw: colour only the lines there are, first to last.
  const drawable = lines.filter((l) => decisionLine(l.w, l.b) !== null);
  drawable.forEach((l, i) => {
    const trace = lineTrace(l.w, l.b, range) as Partial<PlotData>;
    const last = i === drawable.length - 1;
    const position = drawable.length === 1 ? 1 : i / (drawable.length - 1);
    trace.line = { color: sequentialColor(position), width: last ? 3.5 : 2 };
    trace.name = l.name ?? describeLine(l.w, l.b);
    trace.showlegend = true;
    data.push(trace);
  });
  data.push(...sampleTraces(X, T, {}, true));
  return {
    data,
    layout: {
      title: { text: options.title ?? "" },
      xaxis: { title: { text: "x1" }, range, zeroline: false },
      yaxis: { title: { text: "x2" }, range, scaleanchor: "x", zeroline: false },
      width: 720,
      height: 480,
      margin: { l: 60, r: 20, t: 50, b: 50 },
      legend: { x: 1.02, y: 1 },
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** A colour from light yellow (0) through green and blue to dark purple (1) — viridis, reversed. */
function sequentialColor(position: number): string {
  const stops = [
    [253, 231, 37],
    [94, 201, 98],
    [33, 145, 140],
    [59, 82, 139],
    [68, 1, 84],
  ];
  const p = Math.min(1, Math.max(0, position)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(p));
  const f = p - i;
  const rgb = stops[i].map((v, c) => Math.round(v + f * (stops[i + 1][c] - v)));
  return `rgb(${rgb.join(", ")})`;
}

function sampleTraces(
  X: readonly (readonly number[])[],
  T: readonly number[],
  onAxes: { xaxis?: string; yaxis?: string },
  legend = false,
): Partial<PlotData>[] {
  return [0, 1].map((label) => {
    const rows = X.filter((_, i) => T[i] === label);
    return {
      type: "scatter",
      x: rows.map((r) => r[0]),
      y: rows.map((r) => r[1]),
      mode: "markers",
      name: `target ${label}`,
      showlegend: legend,
      marker: { size: 11, color: CLASS_COLOR[label], line: { color: "white", width: 1.5 } },
      ...onAxes,
    };
  });
}

/** The decision line across the plotted square (Plotly clips it to the axes). */
function lineTrace(w: readonly number[], b: number, range: Range): Partial<PlotData> | null {
  const line = decisionLine(w, b);
  if (line === null) return null;
  const [lo, hi] = range;
  const points =
    line.x1 !== undefined
      ? { x: [line.x1, line.x1], y: [lo, hi] }
      : { x: [lo, hi], y: [line.k * lo + line.intercept, line.k * hi + line.intercept] };
  return {
    type: "scatter",
    mode: "lines",
    ...points,
    line: { color: "black", width: 2 },
    showlegend: false,
    hoverinfo: "skip",
  };
}

/** The part of the square range×range where w·x + b ≥ 0, as a polygon (Sutherland–Hodgman). */
function halfPlaneRegion(w: readonly number[], b: number, [lo, hi]: Range): number[][] {
  const square = [
    [lo, lo],
    [hi, lo],
    [hi, hi],
    [lo, hi],
  ];
  const f = (q: number[]): number => w[0] * q[0] + w[1] * q[1] + b;
  const out: number[][] = [];
  for (let i = 0; i < square.length; i++) {
    const P = square[i];
    const Q = square[(i + 1) % square.length];
    const fp = f(P);
    const fq = f(Q);
    if (fp >= 0) out.push(P);
    if (fp >= 0 !== fq >= 0) {
      const s = fp / (fp - fq);
      out.push([P[0] + s * (Q[0] - P[0]), P[1] + s * (Q[1] - P[1])]);
    }
  }
  if (out.length > 0) out.push(out[0]); // close the polygon
  return out;
}
