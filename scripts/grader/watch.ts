// `npm run watch`: grades everything once, then re-grades the exercise file the learner saves,
// with a progress line ("7/23 exercises done"), rustlings-style. Runs until Ctrl+C. Each grade
// is of the file as it was when that grade started; a file saved again meanwhile is graded again.

import * as fs from "fs";
import * as path from "path";
import { grade } from "./grade";
import { listExerciseFiles } from "./paths";
import { renderText } from "./render";

export interface WatchOptions {
  root: string;
  write?: (text: string) => void;
  /** ANSI colours (default false; the CLI turns them on for a terminal). */
  color?: boolean;
  /** Clear the terminal before each re-grade (default false; the CLI turns it on for a terminal). */
  clear?: boolean;
  /** Milliseconds to wait for a burst of saves to settle (default 150). */
  debounceMs?: number;
  /** Shows what is running while a grade runs (the CLI's spinner line), stopped before a report. */
  progress?: { update: (what: string) => void; stop: () => void };
}

/** Starts watching; resolves once the first grade is shown. Call the returned function to stop. */
export async function watch(options: WatchOptions): Promise<() => void> {
  const { root } = options;
  const write = options.write ?? ((text: string) => process.stdout.write(`${text}\n`));
  const color = options.color ?? false;
  const clear = options.clear ?? false;
  const dir = path.join(root, "exercises");
  const known = new Set(listExerciseFiles(root).map((ref) => ref.file));

  const onProgress = options.progress?.update;
  const first = await grade({ root, tree: "exercises", onProgress });
  options.progress?.stop();
  write(renderText(first, { color }));
  write(`\nWatching exercises/ — save a file to re-grade it (Ctrl+C to stop).`);

  const pending = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  let busy = false;
  let stopped = false;

  const run = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      while (pending.size > 0 && !stopped) {
        const file = pending.values().next().value as string;
        pending.delete(file);
        if (clear) write("\u001b[2J\u001b[H");
        write(`\n[${new Date().toLocaleTimeString()}] exercises/${file}.ts changed — re-grading`);
        try {
          const report = await grade({
            root,
            tree: "exercises",
            names: [file],
            onProgress,
          });
          options.progress?.stop();
          write(renderText(report, { color }));
          if (report.files.some((f) => f.changedWhileGrading)) pending.add(file); // grade the newer one
          if (report.progress && report.progress.done === report.progress.total) {
            write(`\nAll ${report.progress.total} exercises done. Well done!`);
          }
        } catch (error) {
          options.progress?.stop();
          write(
            `could not grade exercises/${file}.ts: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    } finally {
      busy = false;
    }
  };

  // a file saved while the first grade ran is graded again
  for (const f of first.files) if (f.changedWhileGrading) pending.add(f.file);
  if (pending.size > 0) setImmediate(() => void run());

  const watcher = fs.watch(dir, (_event, filename) => {
    if (!filename) return;
    const file = String(filename).replace(/\.ts$/, "");
    if (!String(filename).endsWith(".ts") || !known.has(file)) return;
    const old = timers.get(file);
    if (old) clearTimeout(old);
    timers.set(
      file,
      setTimeout(() => {
        timers.delete(file);
        pending.add(file);
        void run();
      }, options.debounceMs ?? 150),
    );
  });

  return () => {
    stopped = true;
    watcher.close();
    for (const timer of timers.values()) clearTimeout(timer);
  };
}
