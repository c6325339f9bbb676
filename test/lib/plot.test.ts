// lib/plot.ts builds plain-JSON Plotly figures and their text versions.
import { describe, expect, it, vi } from "vitest";
import { figureText, functionPlot, linePlot, lossPlot, PLOTLY_MIME, show } from "../../lib";

describe("plot figures", () => {
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
});
