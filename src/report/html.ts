/**
 * report.html: one self-contained page with the comparison tables and the plots' SVGs inlined.
 * @module
 */
import type { Comparison } from "../compare/types.js";
import { compareHtmlTable, escapeHtml, num } from "./compareTable.js";

/** A plot as the report embeds it. */
export interface ReportPlot {
  readonly title: string;
  readonly file: string;
  readonly svg: string;
}

const STYLE = `body{font-family:DejaVu Sans,Arial,sans-serif;margin:2em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;font-size:13px;margin:1em 0}th,td{padding:3px 8px;text-align:right;border-bottom:1px solid #eee}
th{background:#f4f4f4}td.name{text-align:left;font-family:monospace}td.why{text-align:left;font-size:12px;color:#a33}
tr.flagged td.name{color:#a33;font-weight:bold}figure{margin:1.5em 0}figcaption{font-weight:bold;margin-bottom:.5em}
.meta{color:#555;font-size:14px}details{margin:1em 0}`;

/** Strip the XML prolog so an SVG document can sit inside HTML. */
function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, "");
}

function metaBlock(c: Comparison): string {
  const counts = Object.entries(c.flagCounts).map(([rule, n]) => `${escapeHtml(rule)}: ${n}`).join(", ");
  return `<p class="meta">${c.model.formula ? `<code>${escapeHtml(c.model.formula)}</code>, ` : ""}${escapeHtml(c.model.family)} (${escapeHtml(c.model.link)} link), ${c.model.nObs} observations.<br>
Empirical Bayes: ${escapeHtml(c.eb.method)}, logLik ${num(c.eb.logLik, 6)}${c.eb.singular ? ", <b>singular</b>" : ""}${c.eb.converged ? "" : ", <b>not converged</b>"} (${c.eb.seconds.toFixed(2)} s).<br>
Full Bayes: NUTS, ${c.fb.chains} chains × ${c.fb.warmup} warmup + ${c.fb.draws} draws, seed ${c.fb.seed}; ${c.fb.divergences} divergences, max R-hat ${num(c.fb.maxRhat, 4)}, min bulk ESS ${num(c.fb.minEssBulk, 4)} (${c.fb.seconds.toFixed(1)} s).<br>
Rows flagged, per rule: ${counts}.</p>
${c.fb.warnings.map((w) => `<p class="meta"><b>Sampler warning:</b> ${escapeHtml(w)}</p>`).join("\n")}`;
}

const RULES = `<p class="meta">Flags: <b>boundary</b> — EB puts an sd at (near) 0 or a correlation at ±1 while the posterior 90% interval keeps away;
<b>interval-width</b> — the 90% intervals (EB: est ± 1.645 SE; FB: q5–q95) differ in width by more than 25%;
<b>rank</b> — a level moves several places in the ranking of its term's random effects;
<b>small-group</b> — a small level whose posterior mean sits more than 0.25 posterior sd from its EB mode.
EB variance components have no SE (as in lme4).</p>`;

/**
 * The report page.
 *
 * @param c - the comparison
 * @param plots - rendered plots, embedded in order
 * @param title - page title
 * @returns a complete HTML document
 * @example
 * reportHtml(comparison, plots, "cbpp").includes("<svg"); // => true
 */
export function reportHtml(c: Comparison, plots: readonly ReportPlot[], title = "Empirical Bayes vs full Bayes"): string {
  const main = c.rows.filter((r) => r.kind !== "re"), re = c.rows.filter((r) => r.kind === "re");
  const figures = plots.map((p) => `<figure id="${escapeHtml(p.file)}"><figcaption>${escapeHtml(p.title)}</figcaption>\n${inlineSvg(p.svg)}\n</figure>`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
${metaBlock(c)}
<h2>Fixed effects and variance components</h2>
${compareHtmlTable(main)}
${RULES}
${re.length ? `<details${re.some((r) => r.flags.length) ? " open" : ""}><summary>Random effects (${re.length}, ${re.filter((r) => r.flags.length).length} flagged)</summary>\n${compareHtmlTable(re)}\n</details>` : ""}
<h2>Plots</h2>
${figures.join("\n")}
</body></html>
`;
}
