// What checks use to say "wrong": CheckFailure, and helpers that compare with tolerances and
// write the one-line failure: "<what>: expected <…>, got <…> — hint: <…>". They never print code,
// only values at the points tried.

/** A wrong result. Its message is the one line the learner sees. */
export class CheckFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckFailure";
  }
}

/** The learner's code threw (a TypeError, a RangeError from endless recursion, …). */
export class LearnerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LearnerError";
  }
}

/** Throws the standard one-line failure. */
export function fail(what: string, expected: string, got: string, hint?: string): never {
  throw new CheckFailure(
    `${what}: expected ${expected}, got ${got}${hint ? ` — hint: ${hint}` : ""}`,
  );
}

/** A number as a learner reads it: up to 7 significant digits, NaN and Infinity named. (More digits
 * than lib/format.ts's formatNumber: a failure line must tell apart an answer and the expected value
 * that differ in the fifth digit.) */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return "0";
  const magnitude = Math.abs(x);
  if (magnitude >= 1e7 || magnitude < 1e-5) return x.toExponential(3);
  return String(Number(x.toPrecision(7)));
}

/** Any value, short, for a failure line. */
export function show(value: unknown, depth = 0): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined) return "undefined";
  if (value === null || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (typeof value === "function") return "a function";
  // (`then`, not instanceof: the learner's promises come from another realm)
  if (typeof (value as { then?: unknown } | null)?.then === "function")
    return "a Promise (is the function async? it should return the value itself)";
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    if (depth > 0 && items.length > 6) return `[${items.length} items]`;
    const shown = items.slice(0, 8).map((v) => show(v, depth + 1));
    return `[${shown.join(", ")}${items.length > 8 ? `, … ${items.length} in all` : ""}]`;
  }
  if (depth > 0) return "{…}";
  const entries = Object.entries(value as Record<string, unknown>).slice(0, 6);
  return `{ ${entries.map(([k, v]) => `${k}: ${show(v, depth + 1)}`).join(", ")} }`;
}

export interface Tolerance {
  /** Absolute tolerance (default 1e-9). */
  abs?: number;
  /** Relative tolerance (default 1e-9). A value passes when |got − expected| ≤ abs + rel·|expected|. */
  rel?: number;
}

export function isClose(got: number, expected: number, tol: Tolerance = {}): boolean {
  const abs = tol.abs ?? 1e-9;
  const rel = tol.rel ?? 1e-9;
  if (Number.isNaN(expected)) return Number.isNaN(got);
  if (!Number.isFinite(expected)) return got === expected;
  return Math.abs(got - expected) <= abs + rel * Math.abs(expected);
}

const NAN_HINT =
  "NaN comes from 0/0, Infinity/Infinity or Infinity − Infinity; Math.exp(z) overflows to Infinity above z ≈ 709, so arrange the formula so that exp only sees arguments ≤ 0 (e.g. one formula for z ≥ 0, another for z < 0)";
const INFINITY_HINT =
  "Math.exp(z) overflows to Infinity above z ≈ 709: arrange the formula so that exp only sees arguments ≤ 0 (e.g. one formula for z ≥ 0, another for z < 0)";

/**
 * `got` must be a finite number; otherwise fail with a message that names NaN or Infinity (and
 * explains where they come from, whatever `hint` says).
 */
export function expectFiniteNumber(
  what: string,
  got: unknown,
  expected: string,
  hint?: string,
): number {
  if (got === undefined)
    fail(what, expected, "undefined", "did you forget to `return` the result?");
  if (typeof got !== "number") {
    const kind =
      typeof got === "object" ? (got === null ? "null" : "an object") : `a ${typeof got}`;
    fail(what, expected, `${show(got)} (${kind}, not a number)`, hint ?? "return a number");
  }
  if (Number.isNaN(got)) fail(what, expected, "NaN (not a number)", NAN_HINT);
  if (!Number.isFinite(got)) fail(what, expected, `${formatNumber(got)} (overflow)`, INFINITY_HINT);
  return got;
}

export interface CloseOptions extends Tolerance {
  /** The hint when the value is wrong. */
  hint?: string;
  /** Said after the expected value, e.g. "(the slope of sigmoid at z = 2, by finite differences)". */
  about?: string;
  /**
   * Recognises a common mistake from the wrong value and returns a more specific hint for it
   * (e.g. the derivative computed from z instead of a = f(z)); undefined when none applies.
   */
  diagnose?: (got: number) => string | undefined;
}

function describeExpected(expected: number, tol: Tolerance, about?: string): string {
  const abs = tol.abs ?? 1e-9;
  const rel = tol.rel ?? 1e-9;
  const width = abs + rel * Math.abs(expected);
  const shown = width < 1e-3 ? width.toExponential(1) : String(Number(width.toPrecision(2)));
  const within = width >= 1e-6 ? ` (±${shown})` : "";
  return `≈ ${formatNumber(expected)}${within}${about ? ` ${about}` : ""}`;
}

/** `got` must be a finite number within tolerance of `expected`. */
export function expectClose(
  what: string,
  got: unknown,
  expected: number,
  opts: CloseOptions = {},
): void {
  const wanted = describeExpected(expected, opts, opts.about);
  const value = expectFiniteNumber(what, got, wanted, opts.hint);
  if (!isClose(value, expected, opts)) {
    fail(what, wanted, formatNumber(value), opts.diagnose?.(value) ?? opts.hint);
  }
}

/** Options for checks over many points: `diagnose` also receives the point. */
export interface PointsOptions extends Omit<CloseOptions, "diagnose"> {
  diagnose?: (got: number, x: number) => string | undefined;
}

function atPoint(opts: PointsOptions, x: number): CloseOptions {
  const { diagnose, ...rest } = opts;
  return diagnose ? { ...rest, diagnose: (got) => diagnose(got, x) } : rest;
}

/**
 * `f(x)` must be close to `expected(x)` at every x; reports the first x where it is not.
 * `label(x)` names the call from x as printed, e.g. x => `sigmoid(${x})`.
 */
export function expectCloseAt(
  xs: readonly number[],
  f: (x: number) => unknown,
  expected: (x: number) => number,
  label: (x: string) => string,
  opts: PointsOptions = {},
): void {
  for (const x of xs) expectClose(label(formatNumber(x)), f(x), expected(x), atPoint(opts, x));
}

/** The central finite difference (f(z + h) − f(z − h)) / 2h: the slope of f at z, numerically. */
export function centralDifference(f: (z: number) => number, z: number, h = 1e-5): number {
  return (f(z + h) - f(z - h)) / (2 * h);
}

/**
 * `df(z)` must match the slope of `f` at z, by central finite differences, at every z given
 * (choose points away from kinks: the slope is not defined there). Default tolerance 1e-6
 * absolute + 1e-6 relative.
 */
export function expectDerivative(
  zs: readonly number[],
  df: (z: number) => unknown,
  f: (z: number) => number,
  label: (z: string) => string,
  opts: PointsOptions & { name?: string; variable?: string } = {},
): void {
  const { name, variable, ...rest } = opts;
  const tol = { abs: opts.abs ?? 1e-6, rel: opts.rel ?? 1e-6 };
  for (const z of zs) {
    const slope = centralDifference(f, z);
    const about = `(the slope of ${name ?? "the function"} at ${variable ?? "z"} = ${formatNumber(z)}, by central finite differences)`;
    expectClose(label(formatNumber(z)), df(z), slope, { ...atPoint(rest, z), ...tol, about });
  }
}

/** `got` must be an array (or typed array) of numbers holding exactly `expected`'s values, in any order. */
export function expectSameMembers(
  what: string,
  got: unknown,
  expected: readonly number[],
  opts: { hint?: string; diagnose?: (got: number[]) => string | undefined } = {},
): void {
  const want = `${show([...expected].sort((a, b) => a - b))} (in any order)`;
  if (!Array.isArray(got) && !ArrayBuffer.isView(got)) {
    fail(what, want, show(got), opts.hint ?? "return an array of numbers");
  }
  const values = Array.from(got as ArrayLike<unknown>);
  if (values.some((v) => typeof v !== "number")) {
    fail(what, want, show(values), opts.hint ?? "return an array of numbers");
  }
  const sortedGot = (values as number[]).slice().sort((a, b) => a - b);
  const sortedWant = [...expected].sort((a, b) => a - b);
  const same =
    sortedGot.length === sortedWant.length && sortedGot.every((v, i) => v === sortedWant[i]);
  if (!same) fail(what, want, show(sortedGot), opts.diagnose?.(sortedGot) ?? opts.hint);
}

/** n evenly spaced points from a to b (inclusive). */
export function linspace(a: number, b: number, n: number): number[] {
  if (n === 1) return [a];
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

/** A small seeded generator (mulberry32) so that checks try the same "random" points every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n seeded uniform points in [low, high), keeping at least `margin` away from each of `kinks`. */
export function randomPoints(
  seed: number,
  n: number,
  low: number,
  high: number,
  kinks: readonly number[] = [],
  margin = 1e-3,
): number[] {
  const next = seededRandom(seed);
  const points: number[] = [];
  while (points.length < n) {
    const z = low + (high - low) * next();
    if (kinks.every((k) => Math.abs(z - k) >= margin)) points.push(z);
  }
  return points;
}

/** `value` must be an array (or typed array) of `n` entries: returned as a plain array. */
export function readVector(what: string, value: unknown, n: number, hint: string): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    fail(what, `an array of ${n} numbers`, show(value), hint);
  }
  const got = Array.from(value as ArrayLike<unknown>);
  if (got.length !== n) fail(what, `an array of ${n} numbers`, `${got.length} numbers`, hint);
  return got as number[];
}
