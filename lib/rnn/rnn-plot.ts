// Drawings of an RNN unrolled in time 按时间展开 (a Plotly figure: nodes as labelled markers,
// arrows as annotations): the loop s_t = f(x_t·U + s_{t−1}·W + b) as a chain of T copies that
// share U, W and V, and the kinds of RNN of the popular-science notes — one-to-many, many-to-one,
// many-to-many, deep and bidirectional. Taught in notebooks/06-rnn.ipynb.

import type { Annotations, Layout } from "plotly.js";
import type { Figure } from "../plot";

export interface UnrolledOptions {
  /** Time steps drawn (default 4). */
  T?: number;
  /** Inputs at every step (default) or only the first (one-to-many). */
  inputs?: "every" | "first";
  /** Outputs at every step (default) or only after the last (many-to-one). */
  outputs?: "every" | "last";
  /** Layers of state (default 1; 2 draws a deep RNN). */
  layers?: 1 | 2;
  /** A second chain of states running backward in time (default false). */
  bidirectional?: boolean;
  title?: string;
}

interface Node {
  x: number;
  y: number;
  label: string;
  color: string;
}

const COLORS = { input: "#6baed6", state: "#fd8d3c", back: "#74c476", output: "#9e9ac8" };

/** The RNN unrolled over T steps: x_t below, the states s_t in the middle, o_t above; the arrows
 * U (up from the input), W (along time) and V (up to the output) are the same at every step. */
export function unrolledPlot(options: UnrolledOptions = {}): Figure {
  const T = options.T ?? 4;
  const layers = options.layers ?? 1;
  const bidirectional = options.bidirectional ?? false;
  const nodes: Node[] = [];
  const arrows: Partial<Annotations>[] = [];
  const arrow = (from: [number, number], to: [number, number], text = ""): void => {
    arrows.push(arrowAnnotation(from, to, "#555", 0));
    if (text) {
      arrows.push({
        x: (from[0] + to[0]) / 2,
        y: (from[1] + to[1]) / 2,
        xref: "x",
        yref: "y",
        text: `<i>${text}</i>`,
        showarrow: false,
        xshift: from[0] === to[0] ? 12 : 0,
        yshift: from[1] === to[1] ? 10 : 0,
        font: { size: 13, color: "#333" },
      });
    }
  };
  const top = layers + (bidirectional ? 1 : 0) + 1;
  let vLabelled = false;
  for (let t = 1; t <= T; t++) {
    const hasInput = options.inputs !== "first" || t === 1;
    const hasOutput = options.outputs !== "last" || t === T;
    const label = (name: string): string => `${name}<sub>${t}</sub>`;
    if (hasInput) nodes.push({ x: t, y: 0, label: label("x"), color: COLORS.input });
    for (let l = 1; l <= layers; l++) {
      const name = layers > 1 ? `s${l === 1 ? "" : "′"}` : "s";
      nodes.push({ x: t, y: l, label: label(name), color: COLORS.state });
      const first = t === 1;
      if (l === 1 && hasInput) arrow([t, 0], [t, 1], first ? "U" : "");
      if (l > 1) arrow([t, l - 1], [t, l], first ? "U′" : "");
      if (t > 1) arrow([t - 1, l], [t, l], t === 2 ? (l === 1 ? "W" : "W′") : "");
    }
    if (bidirectional) {
      const y = layers + 1;
      nodes.push({ x: t, y, label: label("s⃖"), color: COLORS.back });
      if (hasInput) arrows.push(curved([t, 0], [t, y]));
      if (t > 1) arrow([t, y], [t - 1, y], t === 2 ? "W⃖" : "");
    }
    if (hasOutput) {
      nodes.push({ x: t, y: top, label: label("o"), color: COLORS.output });
      arrow([t, top - 1], [t, top], vLabelled ? "" : "V");
      vLabelled = true;
      if (bidirectional) arrows.push(curved([t, layers], [t, top]));
    }
  }
  const layout: Partial<Layout> = {
    height: 120 + 70 * top,
    margin: { l: 20, r: 20, t: options.title ? 40 : 10, b: 10 },
    showlegend: false,
    xaxis: { visible: false, range: [0.5, T + 0.5] },
    yaxis: { visible: false, range: [-0.5, top + 0.5] },
    annotations: arrows,
    ...(options.title ? { title: { text: options.title, font: { size: 14 } } } : {}),
  };
  return {
    data: [
      {
        type: "scatter",
        mode: "text+markers",
        x: nodes.map((n) => n.x),
        y: nodes.map((n) => n.y),
        text: nodes.map((n) => n.label),
        textfont: { size: 14, color: "#111" },
        marker: { size: 34, color: nodes.map((n) => n.color), line: { width: 1, color: "#444" } },
        hoverinfo: "text",
      },
    ],
    layout,
  };
}

/** An arrow that skips a row (drawn straight, a little to the side). */
function curved(from: [number, number], to: [number, number]): Partial<Annotations> {
  return arrowAnnotation(from, to, "#999", 0.18);
}

/** A Plotly arrow from one node to another (moved `dx` to the right), stopping short of both. */
function arrowAnnotation(
  from: [number, number],
  to: [number, number],
  color: string,
  dx: number,
): Partial<Annotations> {
  return {
    x: to[0] + dx,
    y: to[1],
    ax: from[0] + dx,
    ay: from[1],
    xref: "x",
    yref: "y",
    axref: "x",
    ayref: "y",
    showarrow: true,
    arrowhead: 2,
    arrowsize: 1.2,
    standoff: 14,
    startstandoff: 14,
    arrowcolor: color,
    text: "",
  };
}
