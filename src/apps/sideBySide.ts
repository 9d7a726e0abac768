/**
 * Several fits of the same data printed side by side: every estimate (FORMAT.md names), logLik, AIC.
 * @module
 */
import { toResultJson, type MixedFit } from "../laplace/index.js";

/** One row: a quantity and its value in each fit (null where a fit has no such quantity). */
export interface SideBySideRow {
  readonly name: string;
  readonly values: (number | null)[];
}

/** A side-by-side table. */
export interface SideBySide {
  readonly columns: string[];
  readonly rows: SideBySideRow[];
}

/**
 * Tabulate fits side by side.
 * @param fits - [label, fit] pairs
 * @param extra - more rows (e.g. an exact marginal logLik), one value per fit
 * @returns columns (labels) and rows: estimates in first-seen order, then logLik, AIC and `extra`
 * @example
 * sideBySide([["REML", a], ["ML", b]]).rows[0]; // => { name: "(Intercept)", values: [251.405, 251.405] }
 */
export function sideBySide(fits: readonly [string, MixedFit][], extra: readonly SideBySideRow[] = []): SideBySide {
  const ests = fits.map(([, f]) => (toResultJson(f).estimates as Record<string, { est: number }>));
  const names: string[] = [];
  for (const e of ests) for (const n of Object.keys(e)) if (!names.includes(n)) names.push(n);
  const rows: SideBySideRow[] = names.map((name) => ({ name, values: ests.map((e) => e[name]?.est ?? null) }));
  rows.push({ name: "logLik", values: fits.map(([, f]) => f.logLik) }, { name: "AIC", values: fits.map(([, f]) => f.AIC) }, ...extra);
  return { columns: fits.map(([label]) => label), rows };
}

/**
 * Plain-text rendering of a side-by-side table.
 * @param t - the table
 * @param digits - significant digits (default 6)
 * @returns lines joined by newlines
 * @example
 * formatSideBySide(sideBySide([["ML", fit]])).split("\n")[0]; // => "                    ML"
 */
export function formatSideBySide(t: SideBySide, digits = 6): string {
  const w = Math.max(...t.rows.map((r) => r.name.length)) + 2;
  const cell = (v: number | null) => (v === null ? "-" : v.toPrecision(digits)).padStart(14);
  return [" ".repeat(w) + t.columns.map((c) => c.padStart(14)).join(""), ...t.rows.map((r) => r.name.padEnd(w) + r.values.map(cell).join(""))].join("\n");
}
