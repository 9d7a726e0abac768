import { describe, expect, it } from "vitest";
import { fitMixed, toResultJson } from "../../src/laplace/index.js";
import { compareFit, refFit } from "./compare.js";
import { designOf, fixtureJson } from "./designs.js";

describe("sleepstudy: exact LMM against lme4 and glmmTMB", () => {
  const d = designOf("sleepstudy");
  const lme4 = fixtureJson("sleepstudy", "lme4.json");
  it("REML matches lmer(REML = TRUE) in every printed quantity", () => {
    const j: any = toResultJson(fitMixed(d, { method: "REML" }));
    expect(compareFit(j, refFit(lme4, "REML"))).toEqual([]);
    expect(j.logLik).toBeCloseTo(-871.814135979976, 5);
  });
  it("ML matches lmer(REML = FALSE) and glmmTMB's ML fit", () => {
    const fit = fitMixed(d, { method: "ML" });
    const j: any = toResultJson(fit);
    expect(compareFit(j, refFit(lme4, "ML"))).toEqual([]);
    // glmmTMB's conditional sds include fixed-effect uncertainty: compare its estimates, not condsd
    expect(compareFit(j, fixtureJson("sleepstudy", "glmmtmb.json"), { condSd: false })).toEqual([]);
    expect(fit.convergence.singular).toBe(false);
    expect(fit.convergence.maxAbsGradient).toBeLessThan(1e-3);
    expect(j.AIC).toBeCloseTo(refFit(lme4, "ML").AIC, 4);
    expect(j.BIC).toBeCloseTo(refFit(lme4, "ML").BIC, 4);
  });
  it("sparse and dense linear algebra give the same fit, conditional sds included (selected inverse vs solves)", () => {
    const sparse: any = toResultJson(fitMixed(d, { method: "REML", linearAlgebra: "sparse" }));
    const dense: any = toResultJson(fitMixed(d, { method: "REML", linearAlgebra: "dense" }));
    expect(sparse.logLik).toBeCloseTo(dense.logLik, 8);
    const names = Object.keys(dense.ranef);
    expect(names.length).toBe(36);
    for (const k of names) {
      expect(sparse.ranef[k].mode).toBeCloseTo(dense.ranef[k].mode, 7);
      expect(sparse.ranef[k].sd).toBeCloseTo(dense.ranef[k].sd, 8);
    }
  });
});
