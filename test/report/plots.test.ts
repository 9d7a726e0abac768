import { describe, expect, it } from "vitest";
import type { Comparison, CompareRow, GroupEstimate } from "../../src/compare/types.js";
import { ebInterval } from "../../src/compare/flags.js";
import {
  caterpillarSpec, chainDraws, comparisonPlotSpecs, forestSpec, intervalData, LABELS, mcmcParams, rankCounts, rankSpec,
  renderSvg, shrinkageData, shrinkageSpec, thinIndices, traceSpec, varianceSpec,
} from "../../src/report/plots/index.js";
import { markCount, parseXml, svgTexts } from "./xml.js";

const fbSide = (mean: number, sd: number) => ({ mean, sd, q5: mean - 1.645 * sd, q50: mean, q95: mean + 1.645 * sd, rhat: 1, ess_bulk: 800 });
const row = (name: string, kind: CompareRow["kind"], est: number, se: number | null, fb: number, extra: Partial<CompareRow> = {}): CompareRow =>
  ({ name, kind, ...extra, eb: { est, se, ...ebInterval(est, se) }, fb: fbSide(fb, se ?? 0.2), flags: [] });

const ROWS: CompareRow[] = [
  row("(Intercept)", "fixed", -1.4, 0.23, -1.42),
  row("period2", "fixed", -0.99, 0.31, -0.98),
  row("period3", "fixed", -1.13, 0.33, -1.12),
  row("sd__herd__(Intercept)", "sd", 0.64, null, 0.76, { group: "herd", term: "(Intercept)" }),
  ...["1", "2", "3"].map((l, i) => row(`re__herd__(Intercept)[${l}]`, "re", i - 1, 0.3, 1.1 * (i - 1), { group: "herd", term: "(Intercept)", level: l })),
];
const GROUPS: GroupEstimate[] = ["1", "2", "3"].map((level, i) => ({ group: "herd", term: "(Intercept)", level, size: 10 * (3 - i), nObs: 4, raw: i === 1 ? null : 2 * (i - 1), ebMode: i - 1, fbMean: 1.1 * (i - 1) }));

/** Two chains of 200 draws of two parameters; chain 2 shifted for the rank counts. */
const NAMES = ["(Intercept)", "sd__herd__(Intercept)", "re__herd__(Intercept)[1]"];
const DRAWS = {
  outputNames: NAMES,
  chains: [0, 1].map((c) => ({ draws: Float64Array.from({ length: 200 * 3 }, (_, k) => (k % 3 === 1 ? 0.5 + 0.1 * Math.sin(k) + c : Math.cos(k) + c)) })),
} as unknown as Parameters<typeof traceSpec>[0];

const COMPARISON = { rows: ROWS, groups: GROUPS } as unknown as Comparison;

describe("plot data", () => {
  it("intervalData: EB est ± 1.645 SE and FB q5..q95 per row", () => {
    const d = intervalData(ROWS.slice(0, 1));
    expect(d).toHaveLength(2);
    expect(d[0]).toMatchObject({ param: "(Intercept)", method: LABELS.eb, est: -1.4 });
    expect(d[0].lo).toBeCloseTo(-1.4 - 1.6448536 * 0.23, 6);
    expect(d[1]).toMatchObject({ method: LABELS.fb, est: -1.42 });
  });
  it("shrinkageData: three series per level, raw left out where null", () => {
    const d = shrinkageData(GROUPS);
    expect(d).toHaveLength(8);
    expect(d.filter((p) => p.series === LABELS.raw).map((p) => p.value)).toEqual([-2, 2]);
    expect(d[0].label).toBe("1 (30)");
  });
  it("thinIndices keeps the ends and spaces evenly", () => {
    expect(thinIndices(10, 4)).toEqual([0, 3, 6, 9]);
    expect(thinIndices(3, 10)).toEqual([0, 1, 2]);
  });
  it("chainDraws reads one column of draw-major chains", () => {
    const x = chainDraws(DRAWS, "sd__herd__(Intercept)");
    expect(x).toHaveLength(2);
    expect(x[1][2]).toBeCloseTo(0.5 + 0.1 * Math.sin(7) + 1, 12);
    expect(() => chainDraws(DRAWS, "nope")).toThrow(/no draws of "nope"/);
  });
  it("rankCounts: disjoint chains fill the lower and upper bins; interleaved chains are flat", () => {
    expect(rankCounts([Float64Array.from([1, 2, 3, 4]), Float64Array.from([5, 6, 7, 8])], 2)).toEqual([[4, 0], [0, 4]]);
    expect(rankCounts([Float64Array.from([1, 3, 5, 7]), Float64Array.from([2, 4, 6, 8])], 2)).toEqual([[2, 2], [2, 2]]);
  });
  it("mcmcParams leaves out the random effects", () => {
    expect(mcmcParams(NAMES)).toEqual(["(Intercept)", "sd__herd__(Intercept)"]);
  });
  it("comparisonPlotSpecs lists the six plots", () => {
    expect(comparisonPlotSpecs(COMPARISON, DRAWS).map((p) => p.file)).toEqual(["forest.svg", "variance.svg", "shrinkage.svg", "caterpillar.svg", "trace.svg", "rank.svg"]);
  });
});

describe("rendered SVG", () => {
  it("forest plot: well-formed, one panel label per fixed effect, 2 points and 2 intervals per effect", async () => {
    const root = parseXml(await renderSvg(forestSpec(ROWS)));
    expect(root.name).toBe("svg");
    const texts = svgTexts(root);
    for (const n of ["(Intercept)", "period2", "period3", LABELS.eb, LABELS.fb]) expect(texts).toContain(n);
    expect(texts).not.toContain("sd__herd__(Intercept)");
    expect(markCount(root, "symbol")).toBe(6);
    expect(markCount(root, "rule")).toBe(6);
  });
  it("caterpillar: one label per level, 2 intervals per level", async () => {
    const root = parseXml(await renderSvg(caterpillarSpec(ROWS)));
    const texts = svgTexts(root);
    for (const l of ["1", "2", "3", "(Intercept) | herd"]) expect(texts).toContain(l);
    expect(markCount(root, "symbol")).toBe(6);
    expect(markCount(root, "rule")).toBe(7); // 6 intervals + the line at 0
  });
  it("shrinkage: 8 points, 2 raw-to-EB segments", async () => {
    const root = parseXml(await renderSvg(shrinkageSpec(GROUPS)));
    expect(markCount(root, "symbol")).toBe(8);
    expect(markCount(root, "rule")).toBe(3); // 2 segments + the line at 0
    expect(svgTexts(root)).toContain("3 (10)");
  });
  it("variance densities, trace and rank plots render with their parameter names", async () => {
    const v = parseXml(await renderSvg(varianceSpec(ROWS, DRAWS)));
    expect(svgTexts(v)).toContain("sd__herd__(Intercept)");
    expect(markCount(v, "area")).toBe(1);
    for (const spec of [traceSpec(DRAWS), rankSpec(DRAWS)]) {
      const root = parseXml(await renderSvg(spec));
      const texts = svgTexts(root);
      expect(texts).toContain("(Intercept)");
      expect(texts).toContain("sd__herd__(Intercept)");
      expect(markCount(root, "line")).toBe(4); // 2 parameters x 2 chains
    }
  });
});
