/**
 * The comparison table, EB beside FB, as terminal text and as HTML: fixed effects and variance components in
 * full, random effects (text form) only where a flag was raised.
 * @module
 */
import type { CompareRow, Comparison } from "../compare/types.js";
import { formatTable } from "./table.js";

/**
 * Format a number with `digits` significant digits (null/NaN as blank).
 *
 * @example
 * num(-0.99233); // => "-0.9923"
 */
export function num(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  return Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-4) ? x.toExponential(digits - 1) : x.toPrecision(digits);
}

/** Column headers of the comparison table. */
export const COMPARE_HEADER = ["", "EB est", "EB SE", "FB mean", "FB sd", "FB 5%", "FB 95%", "R-hat", "flags"] as const;

/**
 * One table row as cells: name, EB estimate and SE, posterior mean, sd, q5, q95, R-hat, flag rule names.
 *
 * @example
 * rowCells(row); // => ["period2", "-0.9923", "0.3066", "-0.9871", "0.3280", "-1.517", "-0.4501", "1.001", ""]
 */
export function rowCells(r: CompareRow): string[] {
  const fb = r.fb;
  return [r.name, num(r.eb.est), num(r.eb.se), num(fb?.mean), num(fb?.sd), num(fb?.q5), num(fb?.q95), num(fb?.rhat, 3), [...new Set(r.flags.map((f) => f.rule))].join(",")];
}

/**
 * The comparison as terminal text: header line, the table, the flagged random effects, the flag reasons.
 *
 * @param c - the comparison
 * @returns text (no trailing newline)
 * @example
 * compareText(comparison).split("\n")[0];
 * // => "EB: Laplace (logLik -92.03)   FB: NUTS 4 chains x 1000 draws (seed 1), 0 divergences, max R-hat 1.003"
 */
export function compareText(c: Comparison): string {
  const main = c.rows.filter((r) => r.kind !== "re");
  const re = c.rows.filter((r) => r.kind === "re");
  const flaggedRe = re.filter((r) => r.flags.length);
  const head = `EB: ${c.eb.method} (logLik ${num(c.eb.logLik, 6)}${c.eb.singular ? ", singular" : ""})   ` +
    `FB: NUTS ${c.fb.chains} chains x ${c.fb.draws} draws (seed ${c.fb.seed}), ${c.fb.divergences} divergences, max R-hat ${num(c.fb.maxRhat, 4)}`;
  const lines = [head, "", formatTable([...COMPARE_HEADER], [...main, ...flaggedRe].map(rowCells))];
  if (re.length) lines.push("", `${re.length} random effects, ${flaggedRe.length} flagged (shown above); all of them are in compare.json and report.html.`);
  const reasons = [...main, ...flaggedRe].flatMap((r) => r.flags.map((f) => `  ${r.name}: ${f.rule}: ${f.reason}`));
  lines.push("", reasons.length ? `Where EB and FB part:\n${reasons.join("\n")}` : "No flags: EB and FB agree within the rules' tolerances.");
  if (c.fb.warnings.length) lines.push("", ...c.fb.warnings.map((w) => `Warning: ${w}`));
  return lines.join("\n");
}

/**
 * Escape text for HTML.
 *
 * @example
 * escapeHtml("a<b"); // => "a&lt;b"
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Rows as an HTML table (flag reasons in a title tooltip and in the last column).
 *
 * @param rows - comparison rows
 * @returns an HTML `<table>` element
 * @example
 * compareHtmlTable([row]).startsWith("<table"); // => true
 */
export function compareHtmlTable(rows: readonly CompareRow[]): string {
  const th = [...COMPARE_HEADER.slice(0, -1), "where they part"].map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) => {
    const cells = rowCells(r).slice(0, -1).map((v, j) => (j === 0 ? `<td class="name">${escapeHtml(v)}</td>` : `<td>${escapeHtml(v)}</td>`));
    const why = r.flags.map((f) => `<b>${escapeHtml(f.rule)}</b>: ${escapeHtml(f.reason)}`).join("<br>");
    return `<tr${r.flags.length ? ' class="flagged"' : ""}>${cells.join("")}<td class="why">${why}</td></tr>`;
  });
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body.join("\n")}\n</tbody>\n</table>`;
}
