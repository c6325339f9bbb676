// `npm run hint -- 02.3`: the next hint for one exercise. Each call shows one more (the count is
// kept in .progress.json); after the last, it keeps showing the last and says where to look.

import type { AnyExerciseFile, Exercise } from "./define";
import { loadAllChecks } from "./load";
import { readProgress, recordHint } from "./progress";

export interface HintResult {
  id: string;
  /** 1-based number of the hint shown. */
  level: number;
  total: number;
  text: string;
}

/** Finds an exercise by id; with no id, the first one that has not passed yet. */
async function findExercise(
  root: string,
  id: string | undefined,
): Promise<{ spec: AnyExerciseFile; exercise: Exercise<unknown> }> {
  const specs = await loadAllChecks(root);
  const all = specs.flatMap((spec) => spec.exercises.map((exercise) => ({ spec, exercise })));
  if (all.length === 0) throw new Error("there are no exercises yet");
  if (id === undefined) {
    const progress = readProgress(root);
    return all.find(({ exercise }) => progress.exercises[exercise.id]?.passed !== true) ?? all[0];
  }
  const found = all.find(({ exercise }) => exercise.id === id);
  if (found) return found;
  const inFile = all.filter(({ exercise }) => exercise.id.startsWith(`${id.slice(0, 2)}.`));
  const listed =
    inFile.length > 0
      ? inFile.map(({ exercise }) => `  ${exercise.id}  ${exercise.title}`)
      : specs.map((spec) => {
          const ids = spec.exercises.map((e) => e.id);
          return `  ${spec.file}: ${ids[0]} … ${ids[ids.length - 1]}`;
        });
  const which = inFile.length > 0 ? `the exercises of ${id.slice(0, 2)} are` : "the exercises are";
  throw new Error(
    `there is no exercise '${id}'; ${which}:\n${listed.join("\n")}\n(e.g. npm run hint -- ${(inFile[0] ?? all[0]).exercise.id})`,
  );
}

/**
 * Shows (and records) the next hint of an exercise. `again(id)` is the command that shows the
 * next one (the notebook passes its own: hint("02.3")).
 */
export async function nextHint(
  root: string,
  id?: string,
  again: (id: string) => string = (x) => `npm run hint -- ${x}`,
): Promise<HintResult> {
  const { spec, exercise } = await findExercise(root, id);
  const shown = readProgress(root).exercises[exercise.id]?.hintsShown ?? 0;
  const level = Math.min(shown + 1, exercise.hints.length);
  recordHint(root, exercise.id, level);
  const header = `Hint ${level}/${exercise.hints.length} for ${exercise.id} ${exercise.title} (${exercise.section}, exercises/${spec.file}.ts):`;
  const footer =
    level < exercise.hints.length
      ? `Run \`${again(exercise.id)}\` again for the next hint.`
      : `That was the last hint. The notebook section "${exercise.section}" works through the idea; solutions/${spec.file}.ts has a reference answer if you are truly stuck.`;
  const text = `${header}\n\n  ${exercise.hints[level - 1]}\n\n${footer}`;
  return { id: exercise.id, level, total: exercise.hints.length, text };
}
