// Small checks shared by the library. Every error names the function, the problem and a likely fix,
// so a learner who mistypes an option sees what to change instead of a NaN ten cells later.
//
// Not a notebook topic: it is why a bad input fails with a message that says what to change
// (notebooks/00-start-here.ipynb tells how to read one).

/** Throws unless `value` is a finite number satisfying the rule; `fix` is appended to the message. */
export function checkNumber(
  where: string,
  name: string,
  value: unknown,
  rule: { min?: number; max?: number; above?: number; below?: number; integer?: boolean },
  fix = "",
): number {
  const hint = fix ? ` ${fix}` : "";
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${where}: ${name} must be a finite number (got ${describe(value)}).${hint}`);
  }
  if (rule.integer && !Number.isInteger(value)) {
    throw new Error(`${where}: ${name} must be a whole number (got ${value}).${hint}`);
  }
  if (rule.above !== undefined && !(value > rule.above)) {
    throw new Error(`${where}: ${name} must be > ${rule.above} (got ${value}).${hint}`);
  }
  if (rule.min !== undefined && value < rule.min) {
    throw new Error(`${where}: ${name} must be ≥ ${rule.min} (got ${value}).${hint}`);
  }
  if (rule.below !== undefined && !(value < rule.below)) {
    throw new Error(`${where}: ${name} must be < ${rule.below} (got ${value}).${hint}`);
  }
  if (rule.max !== undefined && value > rule.max) {
    throw new Error(`${where}: ${name} must be ≤ ${rule.max} (got ${value}).${hint}`);
  }
  return value;
}

/** Throws on option names that `where` does not know, suggesting the closest known one. */
export function checkOptionNames(where: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const guess = closest(key, known);
      const suggestion = guess ? `did you mean '${guess}'? ` : "";
      throw new Error(
        `${where}: unknown option '${key}': ${suggestion}Known options: ${known.join(", ")}.`,
      );
    }
  }
}

/** The error for a name that is not one of `choices`, e.g. `unknown activation 'sigmod'`. */
export function unknownName(kind: string, name: unknown, choices: readonly string[]): Error {
  const guess = typeof name === "string" ? closest(name, choices) : undefined;
  const suggestion = guess ? ` (did you mean '${guess}'?)` : "";
  return new Error(
    `unknown ${kind} ${describe(name)}${suggestion}: choose one of ${choices.join(", ")}`,
  );
}

/** A short description of any value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** The choice nearest to `name` (case-insensitive, snake_case → camelCase), if it is close. */
function closest(name: string, choices: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[_\s-]/g, "");
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const choice of choices) {
    const d = editDistance(norm(name), norm(choice));
    if (d < bestDistance) {
      bestDistance = d;
      best = choice;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}
