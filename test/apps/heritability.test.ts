import { describe, expect, it } from "vitest";
import { heritabilityFromSpectrum, profileAt, spectralProblem } from "../../src/apps/heritability.js";
import { loadSpec } from "../../src/spec/index.js";
import { caseJson, casePath, rel } from "./helpers.js";

describe("heritability: kinship_sim known-covariance LMM (exact ML/REML by the spectral transform)", () => {
  const { design } = loadSpec(casePath("kinship_sim"));
  const sp = spectralProblem(design);
  const ref = caseJson("kinship_sim", "exact_ml.json").fits;
  const truth = caseJson("kinship_sim", "truth.json");
  for (const method of ["ML", "REML"] as const) {
    it(`${method}: h2, sds, beta and logLik match exact_ml.json`, () => {
      const h = heritabilityFromSpectrum(sp, design.fixedNames, { method });
      const r = ref.find((f: any) => f.method === method);
      expect(Math.abs(h.h2 - r.variance_components.h2)).toBeLessThan(1e-6);
      expect(rel(h.sdGenetic, r.estimates["sd__id__(Intercept)"].est)).toBeLessThan(1e-6);
      expect(rel(h.sigma, r.estimates.sigma.est)).toBeLessThan(1e-6);
      expect(rel(h.beta[1], r.estimates.x.est)).toBeLessThan(1e-6);
      expect(Math.abs(h.logLik - r.logLik)).toBeLessThan(1e-8);
      // profile interval: the likelihood drops by chi2_1(0.95) / 2 = 1.9207 at both ends; the truth is inside
      for (const end of [h.lower, h.upper]) expect(h.logLik - profileAt(sp, end, method === "REML").logLik).toBeCloseTo(1.920729, 4);
      expect(h.lower).toBeLessThan(truth.variance_components.h2);
      expect(h.upper).toBeGreaterThan(truth.variance_components.h2);
    });
  }
  it("a narrower level gives a nested interval", () => {
    const a = heritabilityFromSpectrum(sp, design.fixedNames, { level: 0.5 });
    const b = heritabilityFromSpectrum(sp, design.fixedNames, { level: 0.95 });
    expect(a.lower).toBeGreaterThan(b.lower);
    expect(a.upper).toBeLessThan(b.upper);
  });
  it("designs without a known covariance are refused with a message", () => {
    expect(() => spectralProblem({ ...design, terms: [{ ...design.terms[0], knownCovariance: undefined }] })).toThrow(/known covariance/);
  });
});
