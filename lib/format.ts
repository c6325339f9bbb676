// How the library writes a number for a learner to read: in matrices, tables, plot labels and the
// training loop's messages — one rule everywhere, so the same number always looks the same.
//
// Used by every notebook from notebooks/00-start-here.ipynb on.

/** 4 significant digits by default, no "-0", an exponent when tiny or huge; NaN and ±∞ named. */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-4) return value.toExponential(digits - 1);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(digits)));
}
