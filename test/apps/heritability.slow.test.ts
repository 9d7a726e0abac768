import { describe, expect, it } from "vitest";
import { heritability } from "../../src/apps/heritability.js";
import { fitMixed } from "../../src/laplace/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { casePath, rel } from "./helpers.js";

describe("heritability: spectral transform agrees with the general LMM engine (dense Lambda = theta C) on the known-covariance design", () => {
  it("ML: same logLik, sd_g and sigma as fitMixed(method ML, linearAlgebra dense)", () => {
    const { design } = loadSpec(casePath("kinship_sim"));
    const h = heritability(design);
    const fit = fitMixed(design, { method: "ML", linearAlgebra: "dense" }); // forced: the default is the spectral path itself
    expect(fit.convergence.optimizer).not.toMatch(/spectral/);
    expect(Math.abs(h.logLik - fit.logLik)).toBeLessThan(1e-5);
    expect(rel(h.sdGenetic, fit.varCorr[0].sd[0])).toBeLessThan(1e-4);
    expect(rel(h.sigma, fit.sigma!)).toBeLessThan(1e-4);
  }, 120_000);
});
