// The perceptron 感知器: one neuron whose activation is the step function, and its learning rule.
// Taught in notebooks/01-perceptron.ipynb, which draws the decision line moving as samples are
// presented.
//
//   z = w·x + b             the weighted sum of the inputs plus the bias
//   y = step(z)             1 when z ≥ 0, else 0 (the same convention as `step` in activations.ts)
//   w ← w + η·(t − y)·x     t is the target: a right answer (t = y) changes nothing
//   b ← b + η·(t − y)
//
// Samples are plain arrays here (X[i] is one sample's inputs, T[i] its target 0 or 1): the
// perceptron is trained one sample at a time, in order, so no matrices are needed.

import type { Annotations, Layout, PlotData } from "plotly.js";
import { formatNumber } from "./display";
import type { Figure } from "./plot";
import { checkNumber, checkOptionNames, describe } from "./validate";

/** One sample presented to the perceptron during training, and what it did. */
export interface PerceptronStep {
  /** The pass over the samples, counting from 1. */
  epoch: number;
  /** Which sample: X[sample]. */
  sample: number;
  x: number[];
  /** The target (0 or 1). */
  t: number;
  /** w·x + b before the update. */
  z: number;
  /** The perceptron's answer before the update: step(z). */
  y: number;
  /** True when the answer was wrong, so w and b changed. */
  updated: boolean;
  /** The weights and bias after this sample. */
  w: number[];
  b: number;
}

/** The result of `trainPerceptron`. */
export interface PerceptronRun {
  /** The final weights and bias. */
  w: number[];
  b: number;
  /** Passes made over the samples, including the final error-free one when it converged. */
  epochs: number;
  /** True when a whole pass made no mistake (then every sample is classified correctly). */
  converged: boolean;
  /** Mistakes (= updates) in each pass. */
  errorsPerEpoch: number[];
  /** Every sample presented, in order: (epochs × samples) entries. */
  steps: PerceptronStep[];
}

/** z = w·x + b: the weighted sum of a neuron's inputs plus its bias. */
export function weightedSum(x: readonly number[], w: readonly number[], b: number): number {
  if (!Array.isArray(x) || !Array.isArray(w) || x.length !== w.length) {
    throw new Error(
      `weightedSum: x has ${lengthOf(x)} but w has ${lengthOf(w)}; a neuron needs one weight per input.`,
    );
  }
  let z = b;
  for (let i = 0; i < x.length; i++) z += w[i] * x[i];
  return z;
}

/** The perceptron's answer: 1 when w·x + b ≥ 0, else 0 (step of the weighted sum). */
export function perceptronOutput(x: readonly number[], w: readonly number[], b: number): number {
  return weightedSum(x, w, b) >= 0 ? 1 : 0;
}

/**
 * One application of the learning rule to sample x with target t: y = step(w·x + b), then
 * w ← w + η(t − y)x and b ← b + η(t − y). Returns new arrays; w is not changed.
 */
export function perceptronUpdate(
  x: readonly number[],
  t: number,
  w: readonly number[],
  b: number,
  eta: number,
): { w: number[]; b: number; y: number } {
  const y = perceptronOutput(x, w, b);
  const error = t - y; // −1, 0 or 1
  return { w: w.map((wi, i) => wi + eta * error * x[i]), b: b + eta * error, y };
}

const trainOptionNames = ["eta", "maxEpoch", "w", "b"] as const;

/**
 * Trains a perceptron: passes over the samples in order (X[0], X[1], …), applying the learning
 * rule after each one, until a pass makes no mistake or `maxEpoch` passes are done. Starts from
 * w = 0, b = 0 unless `w` and `b` are given.
 */
export function trainPerceptron(
  X: readonly (readonly number[])[],
  T: readonly number[],
  options: { eta?: number; maxEpoch?: number; w?: readonly number[]; b?: number } = {},
): PerceptronRun {
  const where = "trainPerceptron";
  checkOptionNames(where, options, trainOptionNames);
  checkSamples(where, X, T);
  const eta = checkNumber(where, "eta", options.eta ?? 1, { above: 0 }, "e.g. 1 or 0.5");
  const maxEpoch = checkNumber(where, "maxEpoch", options.maxEpoch ?? 100, {
    integer: true,
    min: 1,
  });
  const n = X[0].length;
  let w = options.w ? options.w.slice() : new Array<number>(n).fill(0);
  if (w.length !== n) {
    throw new Error(`${where}: w has ${w.length} weights but each sample has ${n} inputs.`);
  }
  let b = checkNumber(where, "b", options.b ?? 0, {});
  const errorsPerEpoch: number[] = [];
  const steps: PerceptronStep[] = [];
  for (let epoch = 1; epoch <= maxEpoch; epoch++) {
    let errors = 0;
    for (let i = 0; i < X.length; i++) {
      const z = weightedSum(X[i], w, b);
      const next = perceptronUpdate(X[i], T[i], w, b, eta);
      const updated = next.y !== T[i];
      if (updated) errors++;
      w = next.w;
      b = next.b;
      steps.push({ epoch, sample: i, x: X[i].slice(), t: T[i], z, y: next.y, updated, w, b });
    }
    errorsPerEpoch.push(errors);
    if (errors === 0) return { w, b, epochs: epoch, converged: true, errorsPerEpoch, steps };
  }
  return { w, b, epochs: maxEpoch, converged: false, errorsPerEpoch, steps };
}

/**
 * The decision line w1·x1 + w2·x2 + b = 0 of a two-input perceptron, written as the lecture's
 * line x2 = k·x1 + intercept (intercept = −b/w2: not the neuron's bias). A vertical line
 * (w2 = 0) has k = ±Infinity and `x1` set; with w = 0 there is no line at all (null): every point
 * gets the same answer.
 */
export function decisionLine(
  w: readonly number[],
  b: number,
): { k: number; intercept: number; x1?: number } | null {
  if (w.length !== 2) throw new Error(`decisionLine: needs two weights (got ${w.length}).`);
  const [w1, w2] = w;
  if (w2 !== 0) return { k: -w1 / w2 + 0, intercept: -b / w2 + 0 }; // + 0 turns −0 into 0
  if (w1 !== 0) return { k: Infinity, intercept: NaN, x1: -b / w1 + 0 };
  return null;
}

/** The decision line in words: "x2 = −2·x1 + 3", "x1 = 0.5 (vertical)" or "no line (w = 0)…". */
export function describeLine(w: readonly number[], b: number): string {
  const line = decisionLine(w, b);
  if (line === null) return `no line (w = 0): every point gets ${b >= 0 ? 1 : 0}`;
  if (line.x1 !== undefined) return `x1 = ${num(line.x1)} (vertical)`;
  const { k, intercept: c } = line;
  const slope = k === 0 ? "" : k === 1 ? "x1" : k === -1 ? "−x1" : `${num(k)}·x1`;
  if (!slope) return `x2 = ${num(c)}`;
  if (c === 0) return `x2 = ${slope}`;
  return `x2 = ${slope} ${c < 0 ? "−" : "+"} ${num(Math.abs(c))}`;
}

/** A number as formatNumber writes it, with a real minus sign. */
function num(v: number): string {
  return formatNumber(v).replace(/^-/, "−");
}

// ---------------------------------------------------------------------------------------------
// Figures

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

function lengthOf(v: unknown): string {
  return Array.isArray(v) ? `${v.length} values` : describe(v);
}

function checkSamples(
  where: string,
  X: readonly (readonly number[])[],
  T: readonly number[],
): void {
  if (!Array.isArray(X) || X.length === 0 || !Array.isArray(X[0])) {
    throw new Error(
      `${where}: X must be an array of samples, e.g. [[0, 0], [0, 1], [1, 0], [1, 1]].`,
    );
  }
  if (!Array.isArray(T) || T.length !== X.length) {
    throw new Error(
      `${where}: T must hold one target per sample: X has ${X.length}, T has ${lengthOf(T)}.`,
    );
  }
  X.forEach((x, i) => {
    if (!Array.isArray(x) || x.length !== X[0].length || x.some((v) => !Number.isFinite(v))) {
      throw new Error(`${where}: sample ${i} must be ${X[0].length} finite numbers like sample 0.`);
    }
  });
  T.forEach((t, i) => {
    if (t !== 0 && t !== 1)
      throw new Error(`${where}: target ${i} is ${describe(t)}; targets are 0 or 1.`);
  });
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
