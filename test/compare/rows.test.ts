import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Design, ReTerm } from "../../src/design/design.js";
import { fitMixed, type MixedFit } from "../../src/laplace/index.js";
import { parameterRows, randomEffectRows, type FbLookup } from "../../src/compare/rows.js";
import type { FbSide } from "../../src/compare/types.js";
import { loadSpec } from "../../src/spec/index.js";
import { Z90 } from "../../src/compare/flags.js";

const fb = (mean: number, sd: number, q5 = mean - Z90 * sd, q95 = mean + Z90 * sd): FbSide => ({ mean, sd, q5, q50: mean, q95, rhat: 1, ess_bulk: 1000 });

/** A constructed EB fit: two fixed effects, a (1 | g) term with 5 levels, an sd at 0 (singular). */
function constructedFit(): MixedFit {
  const levels = ["a", "b", "c", "d", "e"];
  const modes = [-1, -0.5, 0, 0.5, 1];
  return {
    method: "Laplace", nAGQ: 1, family: "poisson", link: "log",
    fixef: [{ name: "(Intercept)", est: 1, se: 0.2 }, { name: "x", est: 0.5, se: 0.1 }],
    vcov: new Float64Array(4), vcovSource: "hessian", theta: new Float64Array([0]),
    varCorr: [{ group: "g", termNames: ["(Intercept)"], sd: [0], cor: new Float64Array([1]) }],
    logLik: -10, deviance: 20, AIC: 26, BIC: 27, df: 3, nobs: 12,
    ranef: levels.map((level, l) => ({ group: "g", term: "(Intercept)", level, mode: modes[l], sd: 0.3 })),
    convergence: { optimizer: "x", evaluations: 1, converged: true, gradient: [], maxAbsGradient: 0, singular: true, messages: [] },
  };
}

/** Observations per level: a 1, others 3 (12 in all). */
function constructedDesign(): Design {
  const level = [0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4];
  const term: ReTerm = { group: "g", termNames: ["(Intercept)"], levels: ["a", "b", "c", "d", "e"], index: Int32Array.from(level), Z: new Float64Array(12).fill(1) };
  return {
    n: 12, p: 2, X: Float64Array.from(level.flatMap((_, i) => [1, i / 12])), fixedNames: ["(Intercept)", "x"],
    response: { name: "y", y: Float64Array.from(level.map((l) => l + 1)) }, terms: [term], family: "poisson", link: "log",
  };
}

describe("parameterRows (constructed fit)", () => {
  const lookup: FbLookup = new Map([
    ["(Intercept)", fb(1.02, 0.21)], // width +5%: agrees
    ["x", fb(0.5, 0.15)], // width +50%: interval-width
    ["sd__g__(Intercept)", fb(0.4, 0.15, 0.15, 0.7)], // EB sd 0, posterior keeps away: boundary
  ]);
  const rows = parameterRows(constructedFit(), lookup);
  it("matches EB and FB by FORMAT.md name, with the EB Wald interval", () => {
    expect(rows.map((r) => [r.name, r.kind])).toEqual([["(Intercept)", "fixed"], ["x", "fixed"], ["sd__g__(Intercept)", "sd"]]);
    expect(rows[0].eb.lo).toBeCloseTo(1 - Z90 * 0.2, 12);
    expect(rows[0].fb?.mean).toBe(1.02);
    expect(rows[2].eb).toEqual({ est: 0, se: null, lo: null, hi: null });
  });
  it("flags exactly the parameters where EB and FB part", () => {
    expect(rows.map((r) => r.flags.map((f) => f.rule))).toEqual([[], ["interval-width"], ["boundary"]]);
  });
  it("keeps rows without a posterior, unflagged", () => {
    const r = parameterRows(constructedFit(), new Map());
    expect(r.every((x) => x.fb === null && x.flags.length === 0)).toBe(true);
  });
});

describe("randomEffectRows (constructed fit)", () => {
  const lookup: FbLookup = new Map([
    ["re__g__(Intercept)[a]", fb(0.6, 0.4)], // small level (1 obs) moved 0.6/0.4 sd, and from rank 1 to rank 4
    ["re__g__(Intercept)[b]", fb(-0.5, 0.3)],
    ["re__g__(Intercept)[c]", fb(0, 0.3)],
    ["re__g__(Intercept)[d]", fb(0.5, 0.3)],
    ["re__g__(Intercept)[e]", fb(1, 0.3)],
  ]);
  const { rows, groups } = randomEffectRows(constructedDesign(), constructedFit(), lookup);
  it("gives one row and one group entry per level with the conditional sd as SE", () => {
    expect(rows.map((r) => r.level)).toEqual(["a", "b", "c", "d", "e"]);
    expect(rows[1].eb.se).toBe(0.3);
    expect(groups.map((g) => g.nObs)).toEqual([1, 3, 3, 3, 2]);
    expect(groups[1].fbMean).toBe(-0.5);
  });
  it("flags the moved small level for rank, small group and interval width; nothing else", () => {
    expect(rows[0].flags.map((f) => f.rule).sort()).toEqual(["interval-width", "rank", "small-group"]);
    expect(rows.slice(1).map((r) => r.flags.length)).toEqual([0, 0, 0, 0]);
  });
});

describe("EB side on cbpp agrees with lme4", () => {
  const { design } = loadSpec("test/fixtures/cases/cbpp/spec.json");
  const fit = fitMixed(design, {});
  const lme4 = JSON.parse(readFileSync("test/fixtures/cases/cbpp/lme4.json", "utf8")).fits.find((f: { method: string }) => f.method === "Laplace");
  it("estimates within 1e-3, SEs within 3%, conditional modes within 2e-3", () => {
    const rows = parameterRows(fit, new Map());
    for (const r of rows) {
      const ref = lme4.estimates[r.name];
      expect(Math.abs(r.eb.est - ref.est), r.name).toBeLessThan(1e-3);
      if (ref.se !== null) expect(Math.abs(r.eb.se! / ref.se - 1), r.name).toBeLessThan(0.03);
      else expect(r.eb.se).toBeNull();
    }
    const re = randomEffectRows(design, fit, new Map()).rows;
    expect(re).toHaveLength(15);
    for (const r of re) {
      expect(Math.abs(r.eb.est - lme4.ranef[r.name].mode), r.name).toBeLessThan(2e-3);
      expect(Math.abs(r.eb.se! / lme4.ranef[r.name].sd - 1), r.name).toBeLessThan(0.02);
    }
  });
});
