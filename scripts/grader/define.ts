// How checks are defined. A checks file (checks/NN-topic.ts) exports
// `checks = defineExercises<typeof import("../../../solutions/NN-topic")>({ … })`: the exercises of one
// exercise file, each with hints and checks. A check receives the learner's module (exports
// wrapped so that a throw, a missing export or a mutated argument becomes a clear failure) and
// throws a CheckFailure (see expect.ts) when the behaviour is wrong. See README.md.

import { CheckFailure } from "./expect";
import { TodoError } from "./todo";

/** One graded behaviour. All or nothing: `points` when `run` returns, 0 when it throws. */
export interface Check<M> {
  name: string;
  /** Default 1. */
  points?: number;
  /** Default 2000 ms (scaled by NN_GRADER_TIMEOUT_SCALE); after it the check fails as a timeout. */
  timeoutMs?: number;
  run: (m: M) => void | Promise<void>;
}

export interface Exercise<M> {
  /** "NN.k", e.g. "02.3": NN is the notebook, k counts from 1 in the order the notebook teaches. */
  id: string;
  title: string;
  /** The notebook section that teaches it, e.g. "02 · Sigmoid 激活函数". */
  section: string;
  /** Progressive hints, mildest first; `npm run hint -- 02.3` shows the next one each call. */
  hints: string[];
  checks: Check<M>[];
}

export interface ExerciseFile<M> {
  /** The exercise file's name without extension, e.g. "02-activations". */
  file: string;
  title: string;
  /** The notebook that teaches these exercises, e.g. "notebooks/02-activations.ipynb". */
  notebook: string;
  exercises: Exercise<M>[];
}

/** Any checks file, whatever its module type (what the runner handles). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the runner does not know M
export type AnyExerciseFile = ExerciseFile<any>;

/** Validates and returns a checks file's definition (a mistake here throws at load time). */
export function defineExercises<M>(spec: ExerciseFile<M>): ExerciseFile<M> {
  const problems: string[] = [];
  const prefix = spec.file.slice(0, 2);
  if (!/^\d\d-[a-z0-9-]+$/.test(spec.file)) problems.push(`file '${spec.file}' is not NN-topic`);
  if (spec.exercises.length < 1) problems.push("it has no exercises (nothing would be graded)");
  const ids = new Set<string>();
  spec.exercises.forEach((exercise, k) => {
    const where = `exercise ${exercise.id}`;
    if (exercise.id !== `${prefix}.${k + 1}`) {
      problems.push(`${where} should be ${prefix}.${k + 1} (ids count from 1 in file order)`);
    }
    if (ids.has(exercise.id)) problems.push(`${where} appears twice`);
    ids.add(exercise.id);
    if (exercise.hints.length < 1) problems.push(`${where} has no hints`);
    if (exercise.checks.length < 1) problems.push(`${where} has no checks`);
    const names = new Set<string>();
    for (const check of exercise.checks) {
      if (names.has(check.name)) problems.push(`${where}: check '${check.name}' appears twice`);
      names.add(check.name);
      if (check.points !== undefined && !(check.points > 0)) {
        problems.push(`${where}: check '${check.name}' has points ${check.points}`);
      }
    }
  });
  if (problems.length > 0) {
    throw new Error(`checks for ${spec.file} are malformed: ${problems.join("; ")}`);
  }
  return spec;
}

/** The checks of a file in the order they run, each with its exercise. */
export function flatChecks<M>(
  spec: ExerciseFile<M>,
): { exercise: Exercise<M>; check: Check<M>; index: number }[] {
  const flat: { exercise: Exercise<M>; check: Check<M>; index: number }[] = [];
  for (const exercise of spec.exercises) {
    for (const check of exercise.checks) flat.push({ exercise, check, index: flat.length });
  }
  return flat;
}

// ---------------------------------------------------------------------------------------------
// Exercise tables: a table the lecture asks for, filled in by the learner, graded cell by cell.

/** A table's rows or columns: the hyper-parameter's name and its values, e.g. eta ∈ {0.1, 0.3}. */
export interface TableAxis {
  name: string;
  values: readonly number[];
}

export interface TableExerciseSpec<M, Expected> {
  id: string;
  title: string;
  section: string;
  hints: string[];
  rows: TableAxis;
  cols: TableAxis;
  /** Where the learner's cells are: a rows × cols array of cells, each null until filled in. */
  cells: (m: M) => unknown;
  /** The right answer for one cell. Computed once by `cli.ts expected` and committed beside the
   * checks (checks/NN-topic.expected.json), never recomputed while grading. */
  expected: (row: number, col: number) => Expected;
  /** True for a cell the learner has not filled in (default: null or undefined). */
  isEmpty?: (cell: unknown) => boolean;
  /** Throws a CheckFailure when the learner's (non-null) cell does not match; never prints `expected`'s answer. */
  gradeCell: (got: unknown, expected: Expected, where: string) => void;
  /** Points per cell (default 1): the table earns partial credit cell by cell. */
  pointsPerCell?: number;
  /** Per cell (default 2000 ms). */
  timeoutMs?: number;
}

/** An exercise whose checks are the cells of a table (partial credit, one check per cell). */
export function tableExercise<M, Expected>(spec: TableExerciseSpec<M, Expected>): Exercise<M> {
  const { rows, cols } = spec;
  const empty = (cell: unknown): boolean =>
    cell === null || cell === undefined || (spec.isEmpty?.(cell) ?? false);
  const checks = rows.values.flatMap((rowValue, r) =>
    cols.values.map((colValue, c): Check<M> => {
      const where = `cell ${rows.name} = ${rowValue}, ${cols.name} = ${colValue}`;
      return {
        name: where,
        points: spec.pointsPerCell,
        timeoutMs: spec.timeoutMs,
        run: (m) => {
          const got = tableCell(spec.cells(m), r, c, rows, cols);
          if (empty(got)) todoCell(where);
          spec.gradeCell(got, spec.expected(r, c), where);
        },
      };
    }),
  );
  const { id, title, section, hints } = spec;
  return { id, title, section, hints, checks };
}

/** For gradeCell: the learner has not filled this cell in yet (reported as "not done yet"). */
export function todoCell(where: string): never {
  throw new TodoError(`fill in the table's ${where}`);
}

function tableCell(
  cells: unknown,
  r: number,
  c: number,
  rows: TableAxis,
  cols: TableAxis,
): unknown {
  const shape = `${rows.values.length} rows (${rows.name}) × ${cols.values.length} columns (${cols.name})`;
  if (!Array.isArray(cells) || cells.length !== rows.values.length) {
    throw new CheckFailure(
      `the table should have ${shape}, got ${Array.isArray(cells) ? `${cells.length} rows` : typeof cells} — hint: keep the table's layout from the stub and only replace the nulls`,
    );
  }
  const row: unknown = cells[r];
  if (!Array.isArray(row) || row.length !== cols.values.length) {
    throw new CheckFailure(
      `row ${r + 1} of the table should have ${cols.values.length} cells, got ${Array.isArray(row) ? row.length : typeof row} — hint: keep the table's layout from the stub and only replace the nulls`,
    );
  }
  return row[c];
}
