// An exercise of the kind "choose the settings the grader trains with" (05.2, 06.5, 07.4): the
// learner fills in an object of nulls. readSettings checks each field before any training —
// whole numbers within the grader's budget, a positive learning rate, a name from a list — and
// says which field is wrong and how; an object still all nulls is "not done yet".

import { fail, show } from "./expect";
import { TodoError } from "./todo";

export type Setting =
  /** A whole number from low to high; `note` says why the range (e.g. the grader's budget). */
  | { whole: readonly [number, number]; note?: string }
  /** A learning rate: a finite number > 0. */
  | { rate: true }
  /** One of a few names, e.g. the lib's optimizers (`kind` names them in the hint). */
  | { oneOf: readonly string[]; kind: string };

/** T with its nulls filled in: what readSettings returns once every field passed. */
export type Settled<T> = { [K in keyof T]-?: NonNullable<T[K]> };

/** The fields of `value` that `spec` names, checked (T: the exercise file's settings type);
 * fields not in `spec` are passed through unchecked. */
export function readSettings<T>(
  what: string,
  value: unknown,
  spec: Record<string, Setting>,
): Settled<T> {
  const keys = Object.keys(spec);
  if (typeof value !== "object" || value === null) {
    fail(what, `{ ${keys.join(", ")} }`, show(value), "fill in the object");
  }
  const s = value as Record<string, unknown>;
  if (keys.every((k) => s[k] === null || s[k] === undefined)) {
    throw new TodoError(`fill in ${what}: its settings are still null`);
  }
  for (const key of keys) {
    const rule = spec[key];
    const v = s[key];
    const unset = v === null ? `replace the null with your ${key}` : undefined;
    if ("whole" in rule) {
      const [low, high] = rule.whole;
      if (typeof v !== "number" || !Number.isInteger(v) || v < low || v > high) {
        const range = `${low.toLocaleString("en-US")} to ${high.toLocaleString("en-US")}`;
        fail(
          `${what}.${key}`,
          `a whole number from ${range}${rule.note ? ` (${rule.note})` : ""}`,
          show(v),
          unset ?? `choose ${key} in the range`,
        );
      }
    } else if ("rate" in rule) {
      if (typeof v !== "number" || !Number.isFinite(v) || !(v > 0)) {
        fail(
          `${what}.${key}`,
          "a learning rate > 0",
          show(v),
          unset ?? "η must be a positive number",
        );
      }
    } else if (typeof v !== "string" || !rule.oneOf.includes(v)) {
      fail(
        `${what}.${key}`,
        `one of ${rule.oneOf.map((n) => `'${n}'`).join(", ")}`,
        show(v),
        unset ?? `name one of the lib's ${rule.kind}`,
      );
    }
  }
  return s as Settled<T>;
}
