// Digits as pictures: rows of X (784 grey levels each) drawn as 28×28 images in a grid, dark ink
// on white, each with a label above it — one Plotly heatmap of the tiles, so that a grid of 100
// digits stays one light figure. Taught in notebooks/07-digits.ipynb.

import type { Annotations } from "plotly.js";
import type { Matrix } from "../matrix";
import type { Figure } from "../plot";
import { checkNumber, checkOptionNames } from "../validate";
import { DIGIT_PIXELS, DIGIT_SIDE } from "./digits";

export interface DigitsPlotOptions {
  /** Which rows of X to draw (default the first `columns` × 2). */
  rows?: readonly number[];
  /** A label per drawn image, e.g. its digit or "7 (p = 0.93)". */
  labels?: readonly string[];
  /** Images per line of the grid (default 10). */
  columns?: number;
  title?: string;
}

/** Rows of X as a grid of 28×28 images. */
export function digitsPlot(X: Matrix, options: DigitsPlotOptions = {}): Figure {
  checkOptionNames("digitsPlot", options, ["rows", "labels", "columns", "title"]);
  if (X.cols !== DIGIT_PIXELS) {
    throw new Error(
      `digitsPlot: X must have ${DIGIT_PIXELS} columns (28×28 pixels per row), got ${X.rows}×${X.cols}.`,
    );
  }
  const columns = checkNumber("digitsPlot", "columns", options.columns ?? 10, {
    min: 1,
    integer: true,
  });
  const rows = options.rows ?? Array.from({ length: Math.min(X.rows, 2 * columns) }, (_, i) => i);
  rows.forEach((r) => {
    if (!Number.isInteger(r) || r < 0 || r >= X.rows) {
      throw new Error(`digitsPlot: row ${r} is not a row of X (it has ${X.rows}).`);
    }
  });
  if (options.labels && options.labels.length !== rows.length) {
    throw new Error(
      `digitsPlot: ${options.labels.length} labels for ${rows.length} images; give one label per image.`,
    );
  }
  const lines = Math.ceil(rows.length / columns);
  const tile = DIGIT_SIDE + 2; // a 2-pixel gap between images
  const width = columns * tile;
  const height = lines * (tile + 6); // room for a label above each image
  // z[y][x]: null where no image is (drawn as the background)
  const z: (number | null)[][] = Array.from({ length: height }, () => new Array(width).fill(null));
  const annotations: Partial<Annotations>[] = [];
  rows.forEach((r, k) => {
    const left = (k % columns) * tile;
    const top = Math.floor(k / columns) * (tile + 6) + 6;
    for (let y = 0; y < DIGIT_SIDE; y++) {
      for (let x = 0; x < DIGIT_SIDE; x++) {
        z[top + y][left + x] = X.data[r * DIGIT_PIXELS + y * DIGIT_SIDE + x];
      }
    }
    if (options.labels) {
      annotations.push({
        x: left + DIGIT_SIDE / 2,
        y: top - 3,
        text: options.labels[k],
        showarrow: false,
        font: { size: 11 },
      });
    }
  });
  const pixels = Math.min(4, Math.floor(900 / width));
  return {
    data: [
      {
        type: "heatmap",
        z,
        colorscale: "Greys",
        reversescale: true, // Plotly's Greys runs black → white: ink (1) should be dark
        zmin: 0,
        zmax: 1,
        showscale: false,
        hoverinfo: "skip",
      },
    ],
    layout: {
      ...(options.title ? { title: { text: options.title } } : {}),
      width: width * pixels + 40,
      height: height * pixels + (options.title ? 70 : 30),
      margin: { l: 20, r: 20, t: options.title ? 50 : 10, b: 20 },
      xaxis: { visible: false, range: [-0.5, width - 0.5], constrain: "domain" },
      yaxis: {
        visible: false,
        autorange: "reversed",
        scaleanchor: "x",
        constrain: "domain",
      },
      annotations,
    },
  };
}
