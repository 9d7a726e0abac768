import { describe, expect, it } from "vitest";
import { fitMixed, toResultJson } from "../../src/laplace/index.js";
import { compareFit, refFit } from "./compare.js";
import { designOf, fixtureJson } from "./designs.js";

describe("Laplace GLMMs against lme4 / glmmTMB / metafor", () => {
  it("grouseticks: poisson with nested and observation-level random intercepts (sparse path)", () => {
    const fit = fitMixed(designOf("grouseticks"));
    const j: any = toResultJson(fit);
    expect(compareFit(j, fixtureJson("grouseticks", "lme4.json"))).toEqual([]);
    expect(compareFit(j, fixtureJson("grouseticks", "glmmtmb.json"), { condSd: false })).toEqual([]);
    expect(fit.vcovSource).toBe("hessian");
  });
  it("owls: poisson with offset matches glmer and glmmTMB", () => {
    const j: any = toResultJson(fitMixed(designOf("owls", "poisson")));
    expect(compareFit(j, fixtureJson("owls", "lme4.json"))).toEqual([]);
    expect(compareFit(j, refFit(fixtureJson("owls", "glmmtmb.json"), "Laplace", "poisson"), { condSd: false })).toEqual([]);
  });
  it("owls: NB2 (shape estimated jointly, observed-information Laplace) matches glmmTMB nbinom2", () => {
    const fit = fitMixed(designOf("owls"));
    const ref = refFit(fixtureJson("owls", "glmmtmb.json"), "Laplace", "nbinom2");
    expect(compareFit(toResultJson(fit), ref, { condSd: false })).toEqual([]);
    expect(Math.abs(fit.shape!.se! / ref.estimates.shape.se - 1)).toBeLessThan(0.01);
    const pois = fitMixed(designOf("owls", "poisson"));
    expect(fit.AIC).toBeLessThan(pois.AIC); // AIC prefers NB2, as glmmtmb.json's aic_comparison
  });
  it("nielweise2007 UM.RS: two independent terms on one group match glmer and metafor", () => {
    const j: any = toResultJson(fitMixed(designOf("nielweise2007")));
    expect(compareFit(j, refFit(fixtureJson("nielweise2007", "lme4.json"), "Laplace", "(1 | study)"))).toEqual([]);
    const mf = fixtureJson("nielweise2007", "metafor.json").fits[0];
    expect(compareFit(j, mf)).toEqual([]);
  });
  it("nielweise2007 UM.FS: fixed study intercepts, unidentified double-zero study", () => {
    const fit = fitMixed(designOf("nielweise2007_FS"));
    const j: any = toResultJson(fit);
    const ref = refFit(fixtureJson("nielweise2007", "lme4.json"), "Laplace", "factor(study)");
    expect(compareFit(j, ref, { skip: ref.unidentified })).toEqual([]);
    expect(j.estimates["factor(study)15"].est).toBeLessThan(-15);
    // metafor: same estimates; its SEs are RX-based (its notes) and its logLik is on another constant
    const mf = fixtureJson("nielweise2007", "metafor.json").fits[1];
    expect(compareFit(j, mf, { se: false, logLik: false })).toEqual([]);
  });
});

describe("nielweise2007 with metafor's default coding (random treat coded -1/2, +1/2; double-zero study dropped)", () => {
  const fits = fixtureJson("nielweise2007", "metafor.json").fits;
  it("UM.RS Laplace matches rma.glmm(model = 'UM.RS', coding = 1/2, drop00 = TRUE)", () => {
    const j: any = toResultJson(fitMixed(designOf("nielweise2007_RS_half")));
    expect(compareFit(j, fits[2])).toEqual([]);
  });
  it("UM.FS AGQ(7) matches rma.glmm(model = 'UM.FS', coding = 1/2, drop00 = TRUE, nAGQ = 7)", () => {
    const fit = fitMixed(designOf("nielweise2007_FS_half"), { method: "AGQ", nAGQ: 7 });
    expect(fit.nAGQ).toBe(7);
    // metafor's logLik is on its own constant for UM.FS (metafor.json notes)
    expect(compareFit(toResultJson(fit), fits[3], { logLik: false })).toEqual([]);
  });
});
