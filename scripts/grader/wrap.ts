// The learner's module as checks see it. Every exported function is wrapped so that
// - a missing export fails with "… does not export sigmoid", not "m.sigmoid is not a function";
// - a throw becomes one line naming the call and the line in the learner's file;
// - a changed argument (sorting Z in place, writing into an input array) fails the check.
// todo() errors pass through untouched (the runner reports them as "not done yet").

import { CheckFailure, LearnerError, show } from "./expect";
import { isTodoError } from "./todo";

const NO_SNAPSHOT = Symbol("no snapshot");

function snapshot(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return NO_SNAPSHOT;
  try {
    return structuredClone(value);
  } catch {
    return NO_SNAPSHOT; // holds functions or other uncloneable things: not checked
  }
}

/** Where `after` differs from `before` (e.g. "[0][2]: was -1, now 0"), or null when equal. */
export function firstDifference(before: unknown, after: unknown, path = ""): string | null {
  if (typeof before === "number" && typeof after === "number") {
    if (before === after || (Number.isNaN(before) && Number.isNaN(after))) return null;
    return `${path || "value"}: was ${show(before)}, now ${show(after)}`;
  }
  if (
    typeof before !== "object" ||
    before === null ||
    typeof after !== "object" ||
    after === null
  ) {
    return Object.is(before, after)
      ? null
      : `${path || "value"}: was ${show(before)}, now ${show(after)}`;
  }
  const listLike = (v: object): v is ArrayLike<unknown> =>
    Array.isArray(v) || ArrayBuffer.isView(v);
  if (listLike(before) && listLike(after)) {
    if (before.length !== after.length) {
      return `${path || "length"}: had ${before.length} items, now ${after.length}`;
    }
    for (let i = 0; i < before.length; i++) {
      const d = firstDifference(before[i], after[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const d = firstDifference(a[key], b[key], `${path}.${key}`);
    if (d) return d;
  }
  return null;
}

/** An error's name and message, also for errors made in the learner's realm (where
 * `instanceof Error` is false) and for thrown non-errors. */
export function errorName(error: unknown): { name: string; message: string } {
  if (typeof error === "object" && error !== null && typeof (error as Error).message === "string") {
    const name = (error as Error).name;
    return { name: typeof name === "string" ? name : "Error", message: (error as Error).message };
  }
  return { name: "a non-Error value", message: show(error) };
}

function firstLine(text: string): string {
  return text.split("\n")[0].trim();
}

/** A function's parameter names from its source ("Z", "alpha"), where they can be read. */
export function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const source = Function.prototype.toString.call(fn);
  const match = /^[^(]*\(([^)]*)\)/.exec(source);
  if (!match) return [];
  return match[1].split(",").map((p) => p.replace(/=[\s\S]*$/, "").trim());
}

function argsPreview(args: unknown[]): string {
  return args.map((a) => show(a, 1)).join(", ");
}

/**
 * Wraps the learner's module namespace. `locate(error)` says where in the learner's file an
 * error was thrown (" (exercises/02-activations.ts:42)") and `label` is how the learner knows
 * the file.
 */
export function wrapModule<M>(
  namespace: Record<string, unknown>,
  locate: (error: unknown) => string,
  label: string,
): M {
  const wrapped = new Map<string, unknown>();
  const wrap = (name: string, fn: (...args: unknown[]) => unknown): unknown => {
    return function (this: unknown, ...args: unknown[]): unknown {
      const before = args.map(snapshot);
      let result: unknown;
      try {
        result = Reflect.apply(fn, this, args);
      } catch (error) {
        if (isTodoError(error) || error instanceof CheckFailure) throw error;
        const thrown = errorName(error);
        throw new LearnerError(
          `${name}(${argsPreview(args)}) threw ${thrown.name}: ${firstLine(thrown.message)}${locate(error)}`,
        );
      }
      for (let i = 0; i < args.length; i++) {
        if (before[i] === NO_SNAPSHOT) continue;
        const param = parameterNames(fn)[i];
        const argName = param && /^[A-Za-z_$][\w$]*$/.test(param) ? param : `#${i + 1}`;
        const difference = firstDifference(before[i], args[i], param ? argName : "");
        if (difference) {
          throw new CheckFailure(
            `${name} changed its argument ${argName} (${difference}): expected the input left as it was — hint: a function should not modify what it is given; copy it first (e.g. row.slice()) or build a new array`,
          );
        }
      }
      return result;
    };
  };
  return new Proxy(namespace, {
    get(target, property) {
      if (typeof property !== "string" || property === "then") return undefined;
      if (!(property in target)) {
        throw new CheckFailure(
          `${label} does not export '${property}': expected an exported ${property} — hint: did you rename or delete it? Keep the names and signatures from the stub`,
        );
      }
      const value = target[property];
      if (typeof value !== "function") return value;
      if (!wrapped.has(property)) {
        wrapped.set(property, wrap(property, value as (...args: unknown[]) => unknown));
      }
      return wrapped.get(property);
    },
  }) as M;
}
