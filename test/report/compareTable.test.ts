import { describe, expect, it } from "vitest";
import type { Comparison, CompareRow } from "../../src/compare/types.js";
import { compareHtmlTable, compareText, escapeHtml, rowCells } from "../../src/report/compareTable.js";
import { reportHtml } from "../../src/report/html.js";

const fb = { mean: -0.9871, sd: 0.328, q5: -1.517, q50: -0.98, q95: -0.4501, rhat: 1.0012, ess_bulk: 2000 };
const ROWS: CompareRow[] = [
  { name: "period2", kind: "fixed", eb: { est: -0.99233, se: 0.30664, lo: -1.497, hi: -0.488 }, fb, flags: [] },
  { name: "sd__g__(Intercept)", kind: "sd", group: "g", term: "(Intercept)", eb: { est: 0, se: null, lo: null, hi: null }, fb: { ...fb, mean: 0.4, q5: 0.1, q95: 0.8 }, flags: [{ rule: "boundary", reason: "sd at the boundary <x>" }] },
  { name: "re__g__(Intercept)[a]", kind: "re", group: "g", term: "(Intercept)", level: "a", eb: { est: 0.1, se: 0.2, lo: -0.23, hi: 0.43 }, fb, flags: [] },
  { name: "re__g__(Intercept)[b]", kind: "re", group: "g", term: "(Intercept)", level: "b", eb: { est: 0.3, se: 0.2, lo: -0.03, hi: 0.63 }, fb, flags: [{ rule: "rank", reason: "ranked 2 of 2 by EB mode but 1 of 2 by posterior mean" }] },
];
const COMPARISON: Comparison = {
  model: { family: "poisson", link: "log", nObs: 12, formula: "y ~ x + (1 | g)" },
  eb: { method: "Laplace", logLik: -92.026, converged: true, singular: true, seconds: 0.1 },
  fb: { chains: 4, warmup: 500, draws: 500, seed: 3, seconds: 2, divergences: 0, maxRhat: 1.0034, minEssBulk: 650, warnings: ["The largest R-hat is 1.015"] },
  rows: ROWS, groups: [], flagCounts: { boundary: 1, "interval-width": 0, rank: 1, "small-group": 0 },
};

describe("comparison table", () => {
  it("rowCells: 4 significant digits, blank SE for variance components, rule names", () => {
    expect(rowCells(ROWS[0])).toEqual(["period2", "-0.9923", "0.3066", "-0.9871", "0.3280", "-1.517", "-0.4501", "1.00", ""]);
    expect(rowCells(ROWS[1])[2]).toBe("");
    expect(rowCells(ROWS[1])[8]).toBe("boundary");
  });
  it("compareText: header, parameters, only the flagged random effects, reasons, warnings", () => {
    const t = compareText(COMPARISON);
    const lines = t.split("\n");
    expect(lines[0]).toBe("EB: Laplace (logLik -92.0260, singular)   FB: NUTS 4 chains x 500 draws (seed 3), 0 divergences, max R-hat 1.003");
    expect(t).toContain("period2");
    expect(t).toContain("re__g__(Intercept)[b]");
    expect(t).not.toContain("re__g__(Intercept)[a]");
    expect(t).toContain("2 random effects, 1 flagged");
    expect(t).toContain("  sd__g__(Intercept): boundary: sd at the boundary <x>");
    expect(t).toContain("Warning: The largest R-hat is 1.015");
  });
  it("HTML table escapes text and marks flagged rows", () => {
    const h = compareHtmlTable(ROWS);
    expect(h.match(/<tr class="flagged">/g)).toHaveLength(2);
    expect(h).toContain("sd at the boundary &lt;x&gt;");
    expect(h).not.toContain("<x>");
    expect(escapeHtml(`a<b & "c"`)).toBe("a&lt;b &amp; &quot;c&quot;");
  });
  it("reportHtml embeds the SVGs (prolog stripped), the tables and the model line", () => {
    const html = reportHtml(COMPARISON, [{ title: "Fixed effects", file: "forest.svg", svg: '<?xml version="1.0"?>\n<svg id="s1"></svg>' }], "demo");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<figure id="forest.svg"><figcaption>Fixed effects</figcaption>\n<svg id="s1"></svg>');
    expect(html).not.toContain("<?xml");
    expect(html).toContain("<code>y ~ x + (1 | g)</code>");
    expect(html).toContain("Random effects (2, 1 flagged)");
    expect(html).toContain("<b>singular</b>");
  });
});
