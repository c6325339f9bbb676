// `todo("…")`: what an exercise stub calls until the learner writes the code.
//
// Exercise files import it relatively (`import { todo } from "../scripts/grader/todo"`), and
// notebooks import exercise files under tslab (TypeScript 5.0, CommonJS, ES2022), so this file
// stays plain ES2022: no import.meta, no __dirname, no imports.

/** The error a stub throws. The grader reports it as "not done yet", never as a crash. */
export class TodoError extends Error {
  /** Set on every TodoError, so the grader recognises one even across a process boundary. */
  readonly todo = true;

  constructor(what: string) {
    super(`not done yet: ${what} (replace the todo(…) call in the exercise file with your code)`);
    this.name = "TodoError";
  }
}

/** Marks code the learner still has to write. Throws, so a stub can never pass a check. */
export function todo(what: string): never {
  throw new TodoError(what);
}

/** True for the error `todo()` throws (also when it was re-created from its name and message). */
export function isTodoError(error: unknown): boolean {
  return (
    error instanceof TodoError ||
    (typeof error === "object" &&
      error !== null &&
      ((error as { todo?: unknown }).todo === true ||
        (error as { name?: unknown }).name === "TodoError"))
  );
}

/** A todo() error's message without the "replace the todo(…) call" advice: the line a table or a
 * notebook cell shows. */
export function todoLine(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return String(message ?? error).replace(/ \(replace the todo\(…\) call[^)]*\)$/, "");
}
