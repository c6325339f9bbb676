// The learner's commands (`npm run grade | watch | hint | reset`, see package.json and USAGE
// below). While grading, a terminal shows what runs (ora's spinner: which file, exercise and
// check); --progress writes it as "progress: …" lines to stderr instead (the notebook shows them).
// Ctrl+C stops the workers and records nothing. Exit status: grade 0 only when every check
// passed, 1 otherwise; 2 for a usage error; 130 after Ctrl+C.

import { parseArgs } from "util";
import { writeExpected } from "./expected";
import { defaultTree, grade } from "./grade";
import { nextHint } from "./hint";
import { findRoot } from "./paths";
import { renderText } from "./render";
import { reset } from "./reset";
import { workers } from "./runner";
import { watch } from "./watch";

const USAGE = `usage: tsx scripts/grader/cli.ts <command> [args] [options]
  grade [02 …]     grade exercises/ (all, or the files named): npm run grade -- 02
  watch            re-grade the exercise file you just saved: npm run watch
  hint [02.3]      the next hint for one exercise: npm run hint -- 02.3
  reset 02         restore a stub, saving your version under .backups/: npm run reset -- 02
  expected [05]    (maintainers) recompute the committed expected values (checks/*.expected.json)
options: --tree solutions | --json | --verbose | --no-color | --root DIR | --progress`;

class UsageError extends Error {}

/** The command line, read by Node's own parseArgs. */
function parse(argv: string[]) {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        verbose: { type: "boolean", short: "v", default: false },
        "no-color": { type: "boolean", default: false },
        notebook: { type: "boolean", default: false }, // from a notebook: word hints for a cell
        progress: { type: "boolean", default: false }, // "progress: …" lines on stderr
        tree: { type: "string", default: defaultTree() },
        root: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split(". ")[0]);
  }
  const [command = "", ...positional] = values.help ? ["help"] : positionals;
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR && !values["no-color"];
  return { ...values, command, positional, color, root: values.root ?? null };
}

type Parsed = ReturnType<typeof parse>;

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  const root = args.root ?? findRoot();
  switch (args.command) {
    case "grade": {
      const shown = await progressLine(args);
      stopOnInterrupt(() => {
        shown.stop();
        console.error("Grading stopped (Ctrl+C): nothing was recorded.");
        return 130;
      });
      const report = await grade({
        root,
        tree: args.tree,
        names: args.positional,
        onProgress: shown.update,
      });
      shown.stop();
      if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else console.log(renderText(report, { color: args.color, verbose: args.verbose }));
      return report.allPassed ? 0 : 1;
    }
    case "watch": {
      const shown = await progressLine(args);
      const tty = process.stdout.isTTY === true;
      const stop = await watch({ root, color: args.color, clear: tty, progress: shown });
      await new Promise<void>((resolve) => {
        stopOnInterrupt(() => {
          stop();
          shown.stop();
          console.log("Stopped watching.");
          resolve();
          return 0;
        });
      });
      return 0;
    }
    case "hint": {
      if (args.positional.length > 1) throw new UsageError("hint takes one exercise id, e.g. 02.3");
      const again = args.notebook ? (id: string) => `await hint("${id}")` : undefined;
      console.log((await nextHint(root, args.positional[0], again)).text);
      return 0;
    }
    case "reset": {
      if (args.positional.length !== 1) {
        throw new UsageError("reset needs one exercise file, e.g. npm run reset -- 02");
      }
      for (const result of await reset(root, args.positional[0])) console.log(result.message);
      return 0;
    }
    case "expected":
      for (const line of await writeExpected(root, args.positional)) console.log(line);
      return 0;
    case "help":
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(args.command ? `unknown command '${args.command}'` : "no command given");
  }
}

/** What is running, as it runs: ora's spinner in a terminal, "progress: …" lines on stderr with
 * --progress (for the notebook), nothing otherwise (--json in a pipe, CI logs). */
async function progressLine(
  args: Parsed,
): Promise<{ update: (text: string) => void; stop: () => void }> {
  const lines = {
    update: (text: string) => void process.stderr.write(`progress: ${text}\n`),
    stop: () => {},
  };
  if (args.progress) return lines;
  if (args.json || process.stderr.isTTY !== true) return { update: () => {}, stop: () => {} };
  // a terminal that reports no width (some editors' shells) would make ora redraw without end
  if (!(process.stderr.columns > 0)) return lines;
  const { default: ora } = await import("ora");
  const spinner = ora({ stream: process.stderr, discardStdin: false });
  let started = 0;
  let text = "";
  const tick = setInterval(() => {
    spinner.text = `${text} ${((performance.now() - started) / 1000).toFixed(1)} s`;
  }, 200);
  tick.unref();
  return {
    update: (next) => {
      if (!spinner.isSpinning) spinner.start();
      if (next !== text) started = performance.now();
      text = next;
      spinner.text = text;
    },
    stop: () => {
      clearInterval(tick);
      spinner.stop();
    },
  };
}

/** Ctrl+C (or a kill): stop every worker, say so in one line, exit with `then()`'s status. */
function stopOnInterrupt(then: () => number): void {
  const stop = (): void => {
    for (const worker of workers) worker.kill("SIGKILL");
    process.exit(then());
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else console.error(`grader: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
