// `tsx scripts/grader/cli.ts recompute 05` (for maintainers): every exercise table of a file,
// recomputed with the lib exactly as the grader does, printed as TypeScript to paste into
// solutions/ after the lib's numerics changed. It prints only; it writes no file.

import { loadChecks } from "./load";
import { selectExerciseFiles } from "./paths";

function literal(value: unknown): string {
  if (typeof value === "number") return String(Number(value.toPrecision(6)));
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value !== "object" || value === null) return String(value);
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([key]) => key !== "status",
  );
  return `{ ${entries.map(([key, v]) => `${key}: ${literal(v)}`).join(", ")} }`;
}

export async function recomputeTables(root: string, name: string): Promise<string> {
  const out: string[] = [];
  for (const ref of selectExerciseFiles(root, [name])) {
    const spec = await loadChecks(ref.checksFile);
    for (const exercise of spec.exercises) {
      if (!exercise.table) continue;
      const { rows, cols, compute } = exercise.table;
      const cells = await Promise.all(
        rows.values.map((_, r) =>
          Promise.all(cols.values.map((_, c) => Promise.resolve(compute(r, c)))),
        ),
      );
      out.push(
        `// ${exercise.id} ${exercise.title}: recomputed with the lib`,
        "export const table: Cell[][] = [",
      );
      rows.values.forEach((rowValue, r) => {
        out.push(`  // ${rows.name} = ${rowValue}`, "  [");
        cols.values.forEach((colValue, c) => {
          out.push(`    ${literal(cells[r][c])}, // ${cols.name} = ${colValue}`);
        });
        out.push("  ],");
      });
      out.push("];");
    }
  }
  return out.length > 0 ? out.join("\n") : `no exercise tables in ${name}`;
}
