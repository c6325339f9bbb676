// The grader's worker: a separate process that loads the learner's module and runs one file's
// checks in order, reporting each to the runner before and after. If learner code loops forever,
// the runner kills this process and starts a new one at the next check; if it crashes the process,
// the same. Started by runner.ts as `node --import tsx child.ts <json ChildArgs>`.

import { flatChecks } from "./define";
import { CheckFailure, LearnerError } from "./expect";
import { importFile, loadChecks } from "./load";
import type { ChildArgs, ChildMessage } from "./protocol";
import type { CheckStatus } from "./report";
import { isTodoError } from "./todo";
import { locationIn, wrapModule } from "./wrap";

function send(message: ChildMessage): Promise<void> {
  // Wait until the message is handed to the channel: a check that then blocks the event loop
  // forever must not swallow its own "start".
  return new Promise((resolve) => {
    if (!process.send) throw new Error("child.ts must be started by the grader (runner.ts)");
    process.send(message, () => resolve());
  });
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** A stub's todo() message without the "replace the todo(…) call" advice, for the table. */
function todoMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return oneLine(message.replace(/ \(replace the todo\(…\) call[^)]*\)$/, ""));
}

function classify(error: unknown, args: ChildArgs): { status: CheckStatus; message: string } {
  if (isTodoError(error)) return { status: "todo", message: todoMessage(error) };
  if (error instanceof CheckFailure) return { status: "fail", message: oneLine(error.message) };
  if (error instanceof LearnerError) return { status: "error", message: oneLine(error.message) };
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const where = locationIn(error, args.moduleFile, args.label);
  return {
    status: "error",
    message: oneLine(
      `could not use what came back: ${text}${where} — hint: check the return type against the stub's signature`,
    ),
  };
}

/** "syntax error at exercises/02-activations.ts:3:0: Unexpected end of file", or the error and its line. */
function describeLoadError(error: unknown, args: ChildArgs): string {
  const message = error instanceof Error ? error.message : String(error);
  const syntax = /(\S+):(\d+):(\d+): ERROR: (.*)/.exec(message);
  if (syntax && syntax[1] === args.moduleFile) {
    return `syntax error at ${args.label}:${syntax[2]}:${syntax[3]}: ${syntax[4]}`;
  }
  const name = error instanceof Error ? error.name : "Error";
  return `${name}: ${message}${locationIn(error, args.moduleFile, args.label)}`;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as ChildArgs;
  const spec = await loadChecks(args.checksFile);
  let namespace: Record<string, unknown>;
  try {
    namespace = await importFile(args.moduleFile);
  } catch (error) {
    const todo = isTodoError(error);
    const text = describeLoadError(error, args);
    await send({
      type: "load-error",
      status: todo ? "todo" : "error",
      message: todo
        ? todoMessage(error)
        : oneLine(
            `could not load ${args.label}: ${text} — hint: fix this first (a syntax error, or code at the top level of the file that throws)`,
          ),
    });
    process.exit(0);
  }
  const m = wrapModule<unknown>(namespace, args.moduleFile, args.label);
  await send({ type: "loaded" });
  const flat = flatChecks(spec);
  for (let index = args.start; index < flat.length; index++) {
    await send({ type: "start", index });
    const started = performance.now();
    let outcome: { status: CheckStatus; message: string };
    try {
      await flat[index].check.run(m);
      outcome = { status: "pass", message: "" };
    } catch (error) {
      outcome = classify(error, args);
    }
    const ms = performance.now() - started;
    await send({ type: "result", index, ...outcome, ms });
  }
  await send({ type: "done" });
  process.exit(0);
}

void main().catch((error: unknown) => {
  // A broken checks file (a grader bug, not the learner's): the runner shows this on stderr.
  console.error(error instanceof Error ? error.stack : error);
  process.exit(3);
});
