// Showing a grid (grid.ts) while it runs and when it is done: in a notebook, a table or a heatmap
// that fills in place as runs finish (tslab's updatable outputs); in a terminal, a progress bar with
// the time left (the cli-progress library); under tests, nothing. Taught in
// notebooks/05-hyperparameters.ipynb.

import { inKernel, liveTable } from "./display";
import { formatNumber } from "./format";
import type { GridHeatValue, GridOptions, GridResult } from "./grid";
import type { GridRow, GridValue } from "./grid-run";
import { type Figure, heatmapPlot, liveFigure } from "./plot";
import { projectRequire } from "./project";

/** A value of an axis in words: 0.5, 'sgd', { rate: 0.1, steps: 1000 } → "rate 0.1, steps 1000". */
export function gridValueText(value: GridValue): string {
  if (typeof value === "number") return formatNumber(value);
  if (value === null) return "none";
  if (Array.isArray(value)) return value.map((v) => gridValueText(v as GridValue)).join("-");
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([k, v]) => `${k} ${gridValueText(v)}`)
      .join(", ");
  }
  return String(value);
}

/** The grid's rows as a table to show: the parameters, then how each run went. */
export function gridTableRows(
  axes: Record<string, readonly GridValue[]>,
  rows: readonly (GridRow | undefined)[],
  combos: readonly Record<string, GridValue>[],
): Record<string, string | number | null>[] {
  return combos.map((params, i) => {
    const row = rows[i];
    const cells: Record<string, string | number | null> = {};
    for (const name of Object.keys(axes)) cells[name] = gridValueText(params[name]);
    cells.status = row ? row.status : "…";
    cells.epochs = row ? row.epochs : null;
    const validation = row?.validationLoss !== null && row?.validationLoss !== undefined;
    cells[validation ? "validation loss" : "loss"] = row
      ? (row.validationLoss ?? row.trainLoss)
      : null;
    cells.accuracy = row ? (row.validationAccuracy ?? row.trainAccuracy) : null;
    cells.seconds = row ? row.seconds : null;
    if (row?.error) cells.status = `error: ${row.error}`;
    return cells;
  });
}

const HEAT_TITLES: Record<GridHeatValue, string> = {
  epochs: "epochs",
  trainLoss: "training loss",
  validationLoss: "validation loss",
  trainAccuracy: "training accuracy",
  validationAccuracy: "validation accuracy",
  seconds: "seconds",
};

/**
 * A two-axis grid as a heatmap of one number per run (default: the epochs it needed): the second
 * axis across, the first down, e.g. η across and batch size down for the lecture's 作业二.
 */
export function gridHeatmap(
  result: Pick<GridResult, "axes" | "rows" | "title">,
  value: GridHeatValue = "epochs",
): Figure {
  const names = Object.keys(result.axes);
  if (names.length !== 2) {
    throw new Error(
      `gridHeatmap: a heatmap needs a grid of two axes; this one has ${names.length} (${names.join(", ")}). Show it as a table instead.`,
    );
  }
  const [down, across] = names;
  const ys = result.axes[down];
  const xs = result.axes[across];
  const z = ys.map((_, i) =>
    xs.map((_, j) => {
      const row = result.rows[i * xs.length + j];
      const v = row ? row[value] : null;
      return typeof v === "number" ? v : null;
    }),
  );
  const text = ys.map((_, i) =>
    xs.map((_, j) => {
      const row = result.rows[i * xs.length + j];
      if (!row) return "…";
      if (row.status === "error") return "error";
      const v = row[value];
      return typeof v === "number" ? formatNumber(v) : "—";
    }),
  );
  return heatmapPlot(z, {
    x: xs.map(gridValueText),
    y: ys.map(gridValueText),
    xTitle: across,
    yTitle: down,
    title: result.title,
    text,
    colorbar: HEAT_TITLES[value],
  });
}

/** The one-line summary under a grid's title: runs, time, threads, or where it came from. */
export function gridSummary(result: GridResult, fromCache: boolean): string {
  const threads =
    result.threads === 0 ? "one after the other in this thread" : `on ${result.threads} threads`;
  const how = `${result.rows.length} runs in ${formatNumber(result.seconds, 3)} s ${threads}`;
  const startup =
    result.threads > 0 ? ` (worker start-up ${formatNumber(result.startupSeconds, 2)} s)` : "";
  return fromCache
    ? `saved in build/grids/ (computed ${result.computedAt.slice(0, 16).replace("T", " ")}: ${how}); recompute to run it again`
    : `${how}${startup}`;
}

// The part of cli-progress used here, typed here (see tfjs/ops.ts for why).
interface Bar {
  start(total: number, value: number): void;
  update(value: number): void;
  stop(): void;
}
type CliProgress = {
  SingleBar: new (options: {
    format: string;
    stream: NodeJS.WriteStream;
    hideCursor: boolean;
  }) => Bar;
};

export interface GridProgress {
  /** Computing starts (not called when the grid comes from build/grids/). */
  begin(): void;
  row(rows: readonly (GridRow | undefined)[], done: number): void;
  finish(rows: readonly GridRow[], result: GridResult, fromCache: boolean): void;
  stop(): void;
}

/** The live view of a grid for where it runs: a notebook, a terminal, or neither. */
export function gridProgress(
  title: string,
  axes: Record<string, readonly GridValue[]>,
  combos: readonly Record<string, GridValue>[],
  options: Pick<GridOptions, "show" | "value">,
): GridProgress {
  const total = combos.length;
  const show = options.show ?? "table";
  if (inKernel() && show !== "none") {
    const started = performance.now();
    const heading = (done: number): string =>
      `${title} — ${done} of ${total} runs, ${formatNumber((performance.now() - started) / 1000, 2)} s`;
    let last = 0;
    if (show === "heatmap") {
      const figure = (rows: readonly (GridRow | undefined)[], head: string): Figure =>
        gridHeatmap(
          { axes: axes as Record<string, GridValue[]>, rows: rows as GridRow[], title: head },
          options.value,
        );
      let live: { update(next: Figure): void } | null = null;
      return {
        begin() {
          live = liveFigure(figure([], heading(0)));
        },
        row(rows, done) {
          // at most a few redraws a second: each is a whole new figure
          if (done < total && performance.now() - last < 250) return;
          last = performance.now();
          live?.update(figure(rows, heading(done)));
        },
        finish(rows, result, fromCache) {
          const final = figure(rows, `${title} — ${gridSummary(result, fromCache)}`);
          if (live) live.update(final);
          else liveFigure(final);
        },
        stop() {},
      };
    }
    let table: ReturnType<typeof liveTable> | null = null;
    return {
      begin() {
        table = liveTable(gridTableRows(axes, [], combos), heading(0));
      },
      row(rows, done) {
        if (done < total && performance.now() - last < 250) return;
        last = performance.now();
        table?.update(gridTableRows(axes, rows, combos), heading(done));
      },
      finish(rows, result, fromCache) {
        const final = gridTableRows(axes, rows, combos);
        const head = `${title} — ${gridSummary(result, fromCache)}`;
        if (table) table.update(final, head);
        else liveTable(final, head);
      },
      stop() {},
    };
  }
  if (!inKernel() && process.stderr.isTTY && show !== "none") {
    const { SingleBar } = projectRequire()("cli-progress") as CliProgress;
    const bar = new SingleBar({
      format: `${title} [{bar}] {value}/{total} runs | {duration_formatted} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    });
    let started = false;
    return {
      begin() {
        bar.start(total, 0);
        started = true;
      },
      row(_rows, done) {
        bar.update(done);
      },
      finish() {},
      stop() {
        if (started) bar.stop();
      },
    };
  }
  return { begin() {}, row() {}, finish() {}, stop() {} };
}
