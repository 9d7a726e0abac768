import { describe, expect, it } from "vitest";
import { fitMixed, toResultJson } from "../../src/laplace/index.js";
import { compareFit, refFit } from "./compare.js";
import { designOf, fixtureJson } from "./designs.js";

describe("cbpp: binomial GLMM, Laplace and AGQ(25)", () => {
  const d = designOf("cbpp");
  const lme4 = fixtureJson("cbpp", "lme4.json");
  const tmb = fixtureJson("cbpp", "glmmtmb.json");
  it("Laplace matches glmer's estimates, logLik and conditional modes/sds", () => {
    const j: any = toResultJson(fitMixed(d, { method: "Laplace" }));
    // lme4's fixed-effect SEs differ from the Hessian-based ones by up to 1.2% (see report): SEs vs glmmTMB
    expect(compareFit(j, refFit(lme4, "Laplace"), { se: false })).toEqual([]);
    expect(compareFit(j, tmb, { condSd: false })).toEqual([]);
  });
  it("AGQ(25) matches glmer(nAGQ = 25) and its exact marginal logLik", () => {
    const fit = fitMixed(d, { method: "AGQ", nAGQ: 25 });
    const ref = refFit(lme4, "AGQ(25)");
    const j: any = toResultJson(fit);
    expect(compareFit(j, ref, { logLik: false })).toEqual([]);
    expect(Math.abs(fit.logLik - ref.logLik_quadrature)).toBeLessThan(0.01);
  });
});
