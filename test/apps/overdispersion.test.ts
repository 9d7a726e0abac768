import { describe, expect, it } from "vitest";
import { isObservationLevel, withObservationEffect } from "../../src/apps/designEdit.js";
import { compareCountModels } from "../../src/apps/overdispersion.js";
import { loadSpec } from "../../src/spec/index.js";
import { caseJson, casePath, fitWith } from "./helpers.js";

const aicOf = (r: ReturnType<typeof compareCountModels>, m: string) => r.models.find((x) => x.model === m)!.AIC;

describe("overdispersion: poisson vs poisson + OLRE vs NB2 by AIC", () => {
  it("owls: AICs match glmmTMB (nbinom2, poisson) and lme4 (poisson); NB2 preferred; Pearson dispersion from lme4's modes", () => {
    const design = loadSpec(casePath("owls")).design;
    const r = compareCountModels(design);
    const tmb = caseJson("owls", "glmmtmb.json");
    expect(Math.abs(aicOf(r, "negbinomial2") - tmb.aic_comparison.AIC_negbinomial2)).toBeLessThan(0.02);
    expect(Math.abs(aicOf(r, "poisson") - tmb.aic_comparison.AIC_poisson)).toBeLessThan(0.02);
    const l4 = caseJson("owls", "lme4.json");
    expect(Math.abs(aicOf(r, "poisson") - l4.AIC)).toBeLessThan(0.02);
    expect(r.preferred).toBe(tmb.aic_comparison.preferred_by_AIC);
    expect(r.models.map((m) => m.deltaAIC)[0]).toBe(0);
    expect(r.models.find((m) => m.model === "poisson+olre")!.df).toBe(6);
    // independent Pearson chi2: mu from lme4's estimates and conditional modes, y from data
    const beta = design.fixedNames.map((n) => l4.estimates[n].est);
    const nest = design.terms[0];
    let chi2 = 0;
    for (let i = 0; i < design.n; i++) {
      let eta = design.offset![i] + l4.ranef[`re__Nest__(Intercept)[${nest.levels[nest.index[i]]}]`].mode;
      for (let j = 0; j < design.p; j++) eta += design.X[i * design.p + j] * beta[j];
      chi2 += (design.response.y[i] - Math.exp(eta)) ** 2 / Math.exp(eta);
    }
    expect(Math.abs(r.dispersion.pearsonChi2 / chi2 - 1)).toBeLessThan(1e-3);
    expect(r.dispersion.residualDf).toBe(599 - 5);
    expect(r.dispersion.ratio).toBeGreaterThan(5);
    expect(r.dispersion.pValue).toBeLessThan(1e-6);
  });
  it("grouseticks: the spec's (1 | INDEX) is recognised as an OLRE; poisson + OLRE AIC matches lme4 and glmmTMB", () => {
    const design = loadSpec(casePath("grouseticks")).design;
    expect(design.terms.map((t) => isObservationLevel(t, design.n))).toEqual(design.terms.map((t) => t.group === "INDEX"));
    const r = compareCountModels(design);
    expect(Math.abs(aicOf(r, "poisson+olre") - caseJson("grouseticks", "lme4.json").AIC)).toBeLessThan(0.02);
    expect(Math.abs(aicOf(r, "poisson+olre") - caseJson("grouseticks", "glmmtmb.json").AIC)).toBeLessThan(0.02);
    expect(aicOf(r, "poisson") - aicOf(r, "poisson+olre")).toBeGreaterThan(100);
    expect(r.dispersion.ratio).toBeGreaterThan(1.5);
  });
  it("withObservationEffect adds one level per row", () => {
    const d = withObservationEffect(loadSpec(casePath("owls")).design);
    const t = d.terms.at(-1)!;
    expect(isObservationLevel(t, d.n)).toBe(true);
    expect(t.levels.length).toBe(599);
  });
});
