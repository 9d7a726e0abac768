import { describe, expect, it } from "vitest";
import { fitMixed, toResultJson } from "../../src/laplace/index.js";
import { compareFit, refFit } from "./compare.js";
import { designOf, fixtureJson } from "./designs.js";

describe("kinship_sim: known-covariance random effect (K rank 399), exact ML and REML", () => {
  const d = designOf("kinship_sim");
  const ref = fixtureJson("kinship_sim", "exact_ml.json");
  for (const method of ["ML", "REML"] as const) {
    it(`${method} matches the eigendecomposition fit (spectral path)`, () => {
      const fit = fitMixed(d, { method });
      expect(fit.convergence.optimizer).toMatch(/spectral/);
      expect(compareFit(toResultJson(fit), refFit(ref, method))).toEqual([]);
    });
    it(`${method}: the general engine (dense Lambda = theta C, lme4's PLS) agrees with the reference and the spectral path`, () => {
      const slow = fitMixed(d, { method, linearAlgebra: "dense" }), fast = fitMixed(d, { method });
      expect(slow.convergence.optimizer).not.toMatch(/spectral/);
      expect(compareFit(toResultJson(slow), refFit(ref, method))).toEqual([]);
      expect(fast.logLik).toBeGreaterThanOrEqual(slow.logLik - 1e-9);
      expect(Math.abs(fast.logLik - slow.logLik)).toBeLessThan(1e-6);
      let mode = 0;
      fast.ranef.forEach((r, l) => { mode = Math.max(mode, Math.abs(r.mode - slow.ranef[l].mode)); });
      expect(mode).toBeLessThan(1e-4);
    });
  }
});
