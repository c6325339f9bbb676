// A grading report as a terminal table (text) and as an HTML table (for the notebook).
// ES2022, no Node APIs: notebook.ts (compiled by tslab) imports this file.

import type { ExerciseResult, ExerciseStatus, FileResult, GradeReport } from "./report";

export interface TextOptions {
  /** ANSI colours (the CLI turns them on for a terminal). */
  color?: boolean;
  /** List every check under its exercise, not only the first failure. */
  verbose?: boolean;
}

const STATUS_WORD: Record<ExerciseStatus, string> = {
  pass: "pass",
  fail: "FAIL",
  todo: "not done",
};

function paint(text: string, status: ExerciseStatus | "dim", on: boolean): string {
  if (!on) return text;
  const code = status === "pass" ? 32 : status === "fail" ? 31 : status === "todo" ? 33 : 2;
  return `\u001b[${code}m${text}\u001b[0m`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** The next exercise to work on: the first that does not pass. */
export function nextExercise(report: GradeReport): ExerciseResult | null {
  for (const file of report.files) {
    for (const exercise of file.exercises) if (exercise.status !== "pass") return exercise;
  }
  return null;
}

/** The one-sentence verdict under the table. Claims nothing beyond the checks that ran. */
export function verdict(report: GradeReport): string {
  if (report.checks === 0) return "No checks ran.";
  if (report.allPassed) return `All ${report.checks} checks passed.`;
  return `${report.checksPassed} of ${report.checks} checks passed.`;
}

/** "Score: 12/20 points · 3/5 exercises pass · 9 of 14 checks passed." */
function scoreLine(report: GradeReport): string {
  return `Score: ${report.points}/${report.possible} points · ${report.exercisesPassed}/${report.exercises} exercises pass · ${verdict(report)}`;
}

/** The line about overall progress, e.g. "Progress: 7/23 exercises done". */
export function progressLine(report: GradeReport): string {
  return report.progress
    ? `Progress: ${report.progress.done}/${report.progress.total} exercises done`
    : "";
}

/** "graded as saved at 14:03:05 (a1b2c3d)", and whether it was saved again meanwhile. */
export function versionNote(file: FileResult): string {
  if (!file.snapshot) return "";
  const saved = new Date(file.snapshot.savedAt);
  const time = [saved.getHours(), saved.getMinutes(), saved.getSeconds()]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  const again = file.changedWhileGrading
    ? " — saved again while it was graded: grade again for the new version"
    : "";
  return `graded as saved at ${time} (${file.snapshot.hash})${again}`;
}

/** An exercise's failure line, with the earlier exercise to fix first when there is one. */
export function failureLine(e: ExerciseResult): string {
  if (e.status === "pass") return "";
  const first = e.fixFirst
    ? ` (${e.fixFirst} fails too and ${e.id} uses it: fix ${e.fixFirst} first)`
    : "";
  return `${e.failure}${first}`;
}

export function renderText(report: GradeReport, options: TextOptions = {}): string {
  const color = options.color === true;
  const lines: string[] = [];
  for (const file of report.files) {
    const version = versionNote(file);
    lines.push(`${file.module} · ${file.title}${version ? `  (${version})` : ""}`);
    for (const p of file.typeProblems ?? []) {
      lines.push(
        paint(
          `  type error at ${p.file}:${p.line}:${p.column}: ${p.message} — hint: ${p.hint}`,
          "fail",
          color,
        ),
      );
    }
    const titleWidth = Math.max(...file.exercises.map((e) => e.title.length), 5);
    for (const e of file.exercises) {
      const points = pad(`${e.points}/${e.possible}`, 7);
      const word = paint(pad(STATUS_WORD[e.status], 8), e.status, color);
      const failure = e.status === "pass" ? "" : `  ${failureLine(e)}`;
      lines.push(
        `  ${pad(e.id, 6)}${pad(e.title, titleWidth)}  ${points}${word}${failure}`.trimEnd(),
      );
      if (options.verbose) {
        for (const c of e.checks) {
          const mark = c.status === "pass" ? "✓" : "✗";
          const tail = c.status === "pass" ? "" : ` — ${c.status}: ${c.message}`;
          lines.push(
            paint(`          ${mark} ${c.name} (${c.points}/${c.possible})${tail}`, "dim", color),
          );
        }
      }
    }
    lines.push("");
  }
  lines.push(paint(scoreLine(report), report.allPassed ? "pass" : "fail", color));
  const progress = progressLine(report);
  if (progress) lines.push(progress);
  const next = nextExercise(report);
  if (next) {
    lines.push(
      `Next: ${next.id} ${next.title} (${next.section}). Stuck? npm run hint -- ${next.id}`,
    );
  }
  return lines.join("\n");
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const BADGE: Record<ExerciseStatus, string> = {
  pass: "background:#d4edda;color:#155724",
  fail: "background:#f8d7da;color:#721c24",
  todo: "background:#fff3cd;color:#856404",
};

/** The same report as an HTML table (inline styles only: it renders in untrusted notebooks). */
export function renderHtml(report: GradeReport): string {
  const cell = "padding:2px 8px;text-align:left;vertical-align:top";
  const parts: string[] = [];
  for (const file of report.files) {
    const rows = file.exercises
      .map((e) => {
        const badge = `<span style="${BADGE[e.status]};padding:1px 6px;border-radius:3px">${STATUS_WORD[e.status]}</span>`;
        const failure = escapeHtml(failureLine(e));
        return (
          `<tr><td style="${cell}"><b>${escapeHtml(e.id)}</b></td><td style="${cell}">${escapeHtml(e.title)}</td>` +
          `<td style="${cell};text-align:right">${e.points}/${e.possible}</td><td style="${cell}">${badge}</td>` +
          `<td style="${cell};font-family:monospace;font-size:90%">${failure}</td></tr>`
        );
      })
      .join("");
    const version = versionNote(file);
    const problems = (file.typeProblems ?? [])
      .map(
        (p) =>
          `<div style="color:#721c24;font-family:monospace;font-size:90%">type error at ${escapeHtml(`${p.file}:${p.line}:${p.column}: ${p.message} — hint: ${p.hint}`)}</div>`,
      )
      .join("");
    parts.push(
      problems +
        `<table style="border-collapse:collapse;margin-bottom:8px">` +
        `<caption style="text-align:left;font-weight:bold">${escapeHtml(file.module)} · ${escapeHtml(file.title)}` +
        `${version ? ` <span style="font-weight:normal;color:#666">(${escapeHtml(version)})</span>` : ""}</caption>` +
        `<thead><tr><th style="${cell}">exercise</th><th style="${cell}">title</th><th style="${cell}">points</th>` +
        `<th style="${cell}">result</th><th style="${cell}">what came back</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  }
  parts.push(`<p style="margin:4px 0"><b>${escapeHtml(scoreLine(report))}</b></p>`);
  const progress = progressLine(report);
  if (progress) parts.push(`<p style="margin:4px 0">${escapeHtml(progress)}</p>`);
  const next = nextExercise(report);
  if (next) {
    parts.push(
      `<p style="margin:4px 0">Next: <b>${escapeHtml(next.id)}</b> ${escapeHtml(next.title)} (${escapeHtml(next.section)}). ` +
        `Stuck? Run <code>await hint("${escapeHtml(next.id)}")</code> in a cell, or <code>npm run hint -- ${escapeHtml(next.id)}</code> in a terminal.</p>`,
    );
  }
  return `<div class="nn-grade">${parts.join("")}</div>`;
}
