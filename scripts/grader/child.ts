// The grader's worker: a separate process that loads the learner's module (in a realm of its own,
// learner-module.ts) and runs one file's checks in order, reporting each to the runner before and
// after. If learner code loops forever, the runner kills this process and starts a new one at the
// next check; if it crashes the process, the same. Started by runner.ts as
// `node --import tsx child.ts`; the job arrives as the first IPC message.
//
// The verdict cannot be faked from the learner's module: the checks run out of its reach (its
// Math, JSON and prototypes are not theirs), and the channel to the runner is captured here,
// before anything of the learner's loads (its `process` is a guarded stand-in anyway).

import * as path from "path";
import { flatChecks } from "./define";
import { CheckFailure, LearnerError } from "./expect";
import { loadLearnerModule, ModuleLoadError, ProcessCallError } from "./learner-module";
import { importFile, loadChecks } from "./load";
import type { ChildMessage, Job } from "./protocol";
import type { CheckStatus } from "./report";
import { isTodoError, todoLine } from "./todo";
import { errorName, wrapModule } from "./wrap";

const channel = process.send?.bind(process);

function send(message: ChildMessage): Promise<void> {
  // Wait until the message is handed to the channel: a check that then blocks the event loop
  // forever must not swallow its own "start".
  return new Promise((resolve) => {
    if (!channel) throw new Error("child.ts must be started by the grader (runner.ts)");
    channel(message, () => resolve());
  });
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function todoMessage(error: unknown): string {
  return oneLine(todoLine(error));
}

function classify(error: unknown, where: string): { status: CheckStatus; message: string } {
  if (isTodoError(error)) return { status: "todo", message: todoMessage(error) };
  if (error instanceof CheckFailure) return { status: "fail", message: oneLine(error.message) };
  if (error instanceof LearnerError) return { status: "error", message: oneLine(error.message) };
  const { name, message } = errorName(error);
  return {
    status: "error",
    message: oneLine(
      `could not use what came back: ${name}: ${message}${where} — hint: check the return type against the stub's signature`,
    ),
  };
}

/** "syntax error at exercises/02-activations.ts:3:0: Unexpected end of file", or the error and its line. */
function describeLoadError(error: unknown, job: Job, where: string): string {
  const { name, message } = errorName(error);
  const syntax = /(\S+):(\d+):(\d+): ERROR: (.*)/.exec(message);
  if (syntax && syntax[1] === job.moduleFile) {
    return `syntax error at ${job.label}:${syntax[2]}:${syntax[3]}: ${syntax[4]}`;
  }
  return `${name}: ${message}${where}`;
}

async function grade(job: Job): Promise<void> {
  const spec = await loadChecks(job.checksFile);
  const lib = await importFile(path.join(job.root, "lib", "index.ts"));
  let learner: ReturnType<typeof loadLearnerModule>;
  try {
    learner = loadLearnerModule({
      root: job.root,
      file: job.moduleFile,
      source: job.source,
      lib,
    });
  } catch (caught) {
    const error = caught instanceof ModuleLoadError ? caught.original : caught;
    const where = caught instanceof ModuleLoadError ? caught.where : "";
    const hint =
      error instanceof ProcessCallError
        ? "hint: remove it from the top level of the file"
        : "hint: fix this first (a syntax error, or code at the top level of the file that throws)";
    await send(
      isTodoError(error)
        ? { type: "load-error", status: "todo", message: todoMessage(error) }
        : {
            type: "load-error",
            status: "error",
            message: oneLine(
              `could not load ${job.label}: ${describeLoadError(error, job, where)} — ${hint}`,
            ),
          },
    );
    return;
  }
  const m = wrapModule<unknown>(learner.exports, learner.locate, job.label);
  await send({ type: "loaded" });
  const flat = flatChecks(spec);
  let current = -1;
  // A throw in a timer or a promise of the learner's, after the call returned: this check's
  // failure, said plainly, and the end of this worker (the runner starts a fresh one).
  const crash = (error: unknown): void => {
    const { name, message } = errorName(error);
    const check = flat[current]?.check.name ?? "loading";
    void send({
      type: "result",
      index: current,
      status: "error",
      message: oneLine(
        `${check}: your code threw ${name}: ${message}${learner.locate(error)} in a timer or a promise, which ended the grader's worker process — hint: make sure nothing throws inside a timer or a promise`,
      ),
      ms: 0,
    }).then(() => process.exit(1));
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  for (let index = job.start; index < flat.length; index++) {
    current = index;
    await send({ type: "start", index });
    const started = performance.now();
    let outcome: { status: CheckStatus; message: string };
    try {
      await flat[index].check.run(m);
      outcome = { status: "pass", message: "" };
    } catch (error) {
      outcome = classify(error, learner.locate(error));
    }
    const ms = performance.now() - started;
    await send({ type: "result", index, ...outcome, ms });
  }
}

process.once("message", (job: Job) => {
  grade(job).then(
    () => send({ type: "done" }).then(() => process.exit(0)),
    (error: unknown) => {
      // A broken checks file (a grader bug, not the learner's): the runner shows this on stderr.
      console.error(error instanceof Error ? error.stack : error);
      process.exit(3);
    },
  );
});
