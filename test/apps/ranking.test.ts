import { describe, expect, it } from "vitest";
import { ebRanking, fbRanking, rankIntervals, rankRows } from "../../src/apps/ranking.js";
import type { NutsFit } from "../../src/fit/index.js";
import { fitMixed } from "../../src/laplace/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { runGlmm } from "./cliHarness.js";
import { caseJson, casePath } from "./helpers.js";

describe("ranking: hospitals_sim, empirical Bayes", () => {
  const fit = fitMixed(loadSpec(casePath("hospitals_sim")).design);
  const truth = caseJson("hospitals_sim", "truth.json");
  const lme4 = caseJson("hospitals_sim", "lme4.json");
  const r = ebRanking(fit, "hospital");

  it("estimates are lme4's conditional modes, intervals mode +- 1.645 sd, ranks 1..60", () => {
    expect(r.levels).toHaveLength(60);
    expect(r.levels.map((l) => l.rank)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (const l of r.levels) {
      const ref = lme4.ranef[`re__hospital__(Intercept)[${l.level}]`];
      expect(Math.abs(l.estimate - ref.mode)).toBeLessThan(2e-3);
      expect(Math.abs((l.upper - l.lower) / (2 * 1.644854) - ref.sd)).toBeLessThan(2e-3);
      expect(l.rank_lower).toBeLessThanOrEqual(l.rank);
      expect(l.rank_upper).toBeGreaterThanOrEqual(l.rank);
    }
    for (let i = 1; i < 60; i++) expect(r.levels[i].estimate).toBeLessThanOrEqual(r.levels[i - 1].estimate);
  });
  it("the true top-5 hospitals lie inside their 90% rank intervals", () => {
    const top5: string[] = truth.true_rank_high_to_low.slice(0, 5);
    top5.forEach((h, i) => {
      const l = r.levels.find((x) => x.level === h)!;
      expect(l.rank_lower).toBeLessThanOrEqual(i + 1);
      expect(l.rank_upper).toBeGreaterThanOrEqual(i + 1);
    });
  });
  it("small hospitals get wide rank intervals, large ones narrow (same seed, same answer)", () => {
    const width = (h: string) => { const l = r.levels.find((x) => x.level === h)!; return l.rank_upper - l.rank_lower; };
    expect(width("H38")).toBeGreaterThan(3 * width("H30")); // 19 vs 1039 patients
    expect(ebRanking(fit, "hospital")).toEqual(r);
  });
  it("an unknown group is an error naming the available effects", () => {
    expect(() => ebRanking(fit, "ward")).toThrow(/\(Intercept\) \| hospital/);
  });
});

describe("ranking: rank utilities and full Bayes from draws", () => {
  it("rankRows ranks each draw, 1 = largest", () => {
    expect(Array.from(rankRows(new Float64Array([0.1, 0.5, -1, 3, 2, 1]), 3, new Int32Array(6)))).toEqual([2, 1, 3, 1, 2, 3]);
  });
  it("rank intervals of known draw patterns", () => {
    // level 0 alternates ranks 1 and 2 with level 1; level 2 always last
    const v = new Float64Array(300);
    for (let s = 0; s < 100; s++) v.set(s % 2 ? [1, 0, -5] : [0, 1, -5], s * 3);
    expect(rankIntervals(v, 3, 0.9)).toEqual([[1, 2], [1, 2], [3, 3]]);
  });
  it("fbRanking: posterior means and quantiles of the draws, ranks from each draw", () => {
    const names = ["(Intercept)", "re__g__(Intercept)[a]", "re__g__(Intercept)[b]"];
    const chain = (off: number) => ({ draws: Float64Array.from({ length: 3 * 101 }, (_, i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? (Math.floor(i / 3) - 50) / 50 + off : off)) });
    const fit = { result: { outputNames: names, chains: [chain(0), chain(0.2)] } } as unknown as NutsFit;
    const r = fbRanking(fit, "g", ["a", "b"], { level: 0.9 });
    const a = r.levels.find((l) => l.level === "a")!, b = r.levels.find((l) => l.level === "b")!;
    expect(a.estimate).toBeCloseTo(0.1, 12);
    expect(b.estimate).toBeCloseTo(0.1, 12);
    expect(a.rank_lower).toBe(1);
    expect(a.rank_upper).toBe(2);
    expect(b.lower).toBeCloseTo(0, 12);
    expect(b.upper).toBeCloseTo(0.2, 12);
  });
});

describe("glmm rank (CLI)", () => {
  it("prints the ranking JSON for cbpp herds", async () => {
    const run = await runGlmm(["rank", casePath("cbpp"), "--group", "herd", "--method", "laplace"]);
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout);
    expect(j.group).toBe("herd");
    expect(j.method).toBe("laplace");
    expect(j.levels).toHaveLength(15);
    expect(Object.keys(j.levels[0])).toEqual(["level", "estimate", "lower", "upper", "rank", "rank_lower", "rank_upper"]);
    const ref = caseJson("cbpp", "lme4.json");
    const modes = (ref.fits?.[0] ?? ref).ranef;
    expect(Math.abs(j.levels[0].estimate - modes[`re__herd__(Intercept)[${j.levels[0].level}]`].mode)).toBeLessThan(2e-3);
  });
  it("bad input exits 2 with one line", async () => {
    for (const args of [["--group", "farm"], ["--group", "herd", "--method", "mcmc"], ["--method", "laplace"], ["--group", "herd", "--level", "1.5"]]) {
      const run = await runGlmm(["rank", casePath("cbpp"), ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stdout).toBe("");
    }
  });
});
