// lib/plot.ts builds plain-JSON Plotly figures and their text versions.
import { describe, expect, it, vi } from "vitest";
import {
  decisionBoundary,
  figureText,
  functionPlot,
  heatmapPlot,
  linePlot,
  lossPlot,
  PLOTLY_MIME,
  show,
} from "../../lib";

describe("plot figures", () => {
  it("heatmapPlot labels each cell on its own cell, also when the categories look like numbers", () => {
    const fig = heatmapPlot(
      [
        [1, 2],
        [3, null],
      ],
      {
        x: [0.1, 0.3],
        y: [2, 15],
        marked: [
          [false, true],
          [false, false],
        ],
      },
    );
    const cells = fig.data[0] as { x: string[]; y: string[] };
    expect(cells.x).toEqual(["0.1", "0.3"]);
    expect(cells.y).toEqual(["2", "15"]);
    // on a category axis an annotation's position is the category's index ("2" would mean index 2)
    const labels = (fig.layout.annotations ?? []).map((a) => [a.x, a.y, a.text]);
    expect(labels).toEqual([
      [0, 0, "1"],
      [1, 0, "✗ 2"],
      [0, 1, "3"],
      [1, 1, ""],
    ]);
    // readable on both ends of the colour scale: dark on the light low end, white on the dark end
    const colors = (fig.layout.annotations ?? []).map((a) => a.font?.color);
    expect(colors).toEqual(["#222", "#d62728", "#fff", "#fff"]);
  });

  it("copies typed arrays into plain arrays, so the figure survives JSON", () => {
    const fig = linePlot([
      { x: new Float64Array([0, 1]), y: new Float64Array([2, NaN]), name: "a" },
    ]);
    const round = JSON.parse(JSON.stringify(fig)) as typeof fig;
    expect(round.data[0].x).toEqual([0, 1]);
    expect(round.data[0].y).toEqual([2, null]); // NaN is a gap in the line
  });

  it("describes a figure in text with each trace's size and range, even a very large one", () => {
    const n = 300_000; // larger than a spread argument list may be
    const x = Array.from({ length: n }, (_, i) => i);
    const text = figureText(linePlot([{ x, y: x, name: "big" }], { title: { text: "t" } }));
    expect(text).toBe("[plot: t]\n  big: 300000 points, 0 … 299999");
  });

  it("functionPlot samples each function over the range; lossPlot has train and validation", () => {
    const fig = functionPlot([{ name: "square", f: (z) => z * z }], [-1, 1], {}, 5);
    expect(fig.data[0].y).toEqual([1, 0.25, 0, 0.25, 1]);
    const history = [1, 2].map((epoch) => ({
      epoch,
      trainLoss: 1 / epoch,
      validationLoss: 2 / epoch,
      trainAccuracy: 0.5,
      validationAccuracy: 0.4,
    }));
    expect(lossPlot(history).data.map((t) => t.name)).toEqual([
      "train loss",
      "train accuracy",
      "validation loss",
      "validation accuracy",
    ]);
  });

  it("show prints the text version outside a kernel", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      show(linePlot([{ x: [0, 1], y: [0, 1], name: "line" }]));
      expect(log).toHaveBeenCalledWith("[plot]\n  line: 2 points, 0 … 1");
    } finally {
      log.mockRestore();
    }
    expect(PLOTLY_MIME).toBe("application/vnd.plotly.v1+json");
  });

  it("decisionBoundary maps f over the range with the samples on top", () => {
    const X = [
      [0, 0],
      [1, 1],
    ];
    const fig = decisionBoundary(
      (a, b) => a + b,
      { X, labels: [0, 1] },
      {
        range: [
          [0, 1],
          [0, 2],
        ],
        steps: 3,
      },
    );
    expect(fig.data[0].z).toEqual([
      [0, 0.5, 1],
      [1, 1.5, 2],
      [2, 2.5, 3],
    ]);
    expect(fig.data.slice(1).map((t) => t.name)).toEqual(["class 0", "class 1"]);
  });

  it("names bad input: unpaired x and y, a bad range, an unknown option, unlabelled samples", () => {
    expect(() => linePlot([{ x: [0, 1, 2], y: [0, 1], name: "loss" }])).toThrow(
      "series 'loss' has 3 x values but 2 y values",
    );
    expect(() => linePlot([{ x: [0, 1], y: ["a", "b"] as unknown as number[] }])).toThrow(
      "a series must be { x, y } with arrays of numbers",
    );
    expect(() => functionPlot([{ name: "f", f: (z) => z }], [1, -1])).toThrow(
      "functionPlot: range must be [low, high] with low < high",
    );
    expect(() => functionPlot([{ name: "f", f: (z) => z }], [0, 1], {}, 1)).toThrow(
      "functionPlot: points",
    );
    const samples = { X: [[0, 0]], labels: [1] };
    const f = (): number => 0;
    expect(() => decisionBoundary(f, samples, { step: 10 } as never)).toThrow(
      "decisionBoundary: unknown option 'step': did you mean 'steps'?",
    );
    expect(() => decisionBoundary(f, { X: [[0, 0]], labels: [] })).toThrow(
      "one label per row of X",
    );
    expect(() => decisionBoundary(f, { X: [[0]], labels: [1] })).toThrow(
      "row 0 is an array of length 1",
    );
    expect(() =>
      decisionBoundary(f, samples, {
        range: [
          [0, 1],
          [2, 2],
        ],
      }),
    ).toThrow("range[1] (x2) must be [low, high] with low < high");
    expect(() => decisionBoundary(f, samples, { steps: 1.5 })).toThrow("decisionBoundary: steps");
    expect(() => decisionBoundary("f" as never, samples)).toThrow("f must be a function");
  });
});
