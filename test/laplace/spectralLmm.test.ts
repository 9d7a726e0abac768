/**
 * The spectral (EMMA) exact ML/REML path for a single known-covariance term against the general LMM engine
 * (fitLmm, dense linear algebra: lme4's penalised least squares with Lambda = theta C) and exact_ml.json.
 */
import { describe, expect, it } from "vitest";
import type { Design } from "../../src/design/design.js";
import { fitMixed, fitLmm, toResultJson } from "../../src/laplace/index.js";
import { fitSpectralLmm, isSpectralLmm } from "../../src/laplace/spectralLmm.js";
import { syntheticDesign } from "../compile/syntheticDesigns.js";
import { compareFit, refFit } from "./compare.js";
import { designOf, fixtureJson } from "./designs.js";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Largest differences between two fits of the same design. */
function gaps(a: ReturnType<typeof fitLmm>, b: ReturnType<typeof fitLmm>) {
  let fixed = 0, mode = 0, condSd = 0;
  a.fixef.forEach((f, j) => { fixed = Math.max(fixed, Math.abs(f.est - b.fixef[j].est), rel(f.se, b.fixef[j].se)); });
  a.ranef.forEach((r, l) => { mode = Math.max(mode, Math.abs(r.mode - b.ranef[l].mode)); condSd = Math.max(condSd, rel(r.sd, b.ranef[l].sd)); });
  return { logLik: Math.abs(a.logLik - b.logLik), sd: rel(a.varCorr[0].sd[0], b.varCorr[0].sd[0]), sigma: rel(a.sigma!, b.sigma!), fixed, mode, condSd };
}

/** y with a known-covariance signal: y_i += scale z_i sum_l K[level(i), l] sin(3 l + 1) (deterministic). */
function withSignal(d: Design, scale = 0.15): Design {
  const t = d.terms[0], m = t.levels.length, K = t.knownCovariance!, y = Float64Array.from(d.response.y);
  for (let i = 0; i < d.n; i++) for (let l = 0; l < m; l++) y[i] += scale * t.Z[i] * K[t.index[i] * m + l] * Math.sin(3 * l + 1);
  return { ...d, response: { ...d.response, y } };
}

describe("spectral exact ML/REML for one known-covariance term", () => {
  const cases: Record<string, Design> = {
    "repeated observations, singular K, offset": withSignal(syntheticDesign({ n: 90, p: 2, family: "gaussian", link: "identity", terms: [{ group: "id", nLev: 30, known: "singular" }], offset: true, seed: 11 })),
    "one observation per level, covariate slope (0 + x | id)": withSignal(syntheticDesign({ n: 40, p: 3, family: "gaussian", link: "identity", terms: [{ group: "id", obsLevel: true, slopeOnly: true, known: "full" }], seed: 12 }), 0.3),
  };
  for (const [name, d] of Object.entries(cases)) {
    for (const reml of [false, true]) {
      it(`${name}, ${reml ? "REML" : "ML"}: agrees with the general engine`, () => {
        expect(isSpectralLmm(d)).toBe(true);
        const fast = fitSpectralLmm(d, reml), slow = fitLmm(d, reml, { linearAlgebra: "dense" });
        const g = gaps(fast, slow);
        expect(fast.logLik).toBeGreaterThanOrEqual(slow.logLik - 1e-9); // exact 1-D optimum is at least as good
        expect(g.logLik).toBeLessThan(1e-6);
        expect(g.sd).toBeLessThan(1e-3);
        expect(g.sigma).toBeLessThan(1e-3);
        expect(g.fixed).toBeLessThan(1e-4);
        expect(g.mode).toBeLessThan(1e-4);
        expect(g.condSd).toBeLessThan(1e-3);
        expect(fast.theta[0]).toBeCloseTo(fast.varCorr[0].sd[0] / fast.sigma!, 12);
        expect(fast.df).toBe(slow.df);
        expect(fast.AIC - slow.AIC).toBeCloseTo(-2 * (fast.logLik - slow.logLik), 9);
      });
    }
  }

  it("boundary: no signal gives sd = 0 in both engines (singular fit flagged), same logLik, sigma and beta", () => {
    const d = syntheticDesign({ n: 40, p: 3, family: "gaussian", link: "identity", terms: [{ group: "id", obsLevel: true, slopeOnly: true, known: "full" }], seed: 12 });
    for (const reml of [false, true]) {
      const fast = fitSpectralLmm(d, reml), slow = fitLmm(d, reml, { linearAlgebra: "dense" });
      expect(fast.varCorr[0].sd[0]).toBe(0);
      expect(slow.varCorr[0].sd[0]).toBe(0);
      expect(fast.convergence.singular).toBe(true);
      expect(Math.abs(fast.logLik - slow.logLik)).toBeLessThan(1e-9);
      expect(rel(fast.sigma!, slow.sigma!)).toBeLessThan(1e-9);
      fast.fixef.forEach((f, j) => expect(Math.abs(f.est - slow.fixef[j].est)).toBeLessThan(1e-9));
      expect(Math.max(...fast.ranef.map((r) => Math.abs(r.mode) + r.sd))).toBe(0);
    }
  });

  for (const method of ["ML", "REML"] as const) {
    it(`kinship_sim ${method} through fitMixed: exact_ml.json at the project tolerances, logLik to 1e-8`, () => {
      const fit = fitMixed(designOf("kinship_sim"), { method });
      expect(fit.convergence.optimizer).toMatch(/spectral/);
      const ref = refFit(fixtureJson("kinship_sim", "exact_ml.json"), method);
      expect(compareFit(toResultJson(fit), ref)).toEqual([]);
      expect(Math.abs(fit.logLik - ref.logLik)).toBeLessThan(1e-8);
      expect(rel(fit.varCorr[0].sd[0], ref.estimates["sd__id__(Intercept)"].est)).toBeLessThan(1e-5);
      expect(fit.convergence.maxAbsGradient).toBeLessThan(1e-4);
    });
  }

  it("dispatch: not for several terms or non-gaussian models; forcing a linear algebra uses the general engine; bad K refused", () => {
    const d = designOf("kinship_sim");
    expect(isSpectralLmm({ ...d, family: "poisson", link: "log" })).toBe(false);
    expect(isSpectralLmm({ ...d, terms: [d.terms[0], { ...d.terms[0], knownCovariance: undefined }] })).toBe(false);
    expect(isSpectralLmm({ ...d, terms: [{ ...d.terms[0], knownCovariance: undefined }] })).toBe(false);
    const K = d.terms[0].knownCovariance!, neg = K.map((v, i) => (i % 401 === 0 ? v - 0.5 : v));
    expect(() => fitSpectralLmm({ ...d, terms: [{ ...d.terms[0], knownCovariance: neg }] }, true)).toThrow(/not positive semi-definite/);
    expect(() => fitSpectralLmm({ ...d, terms: [{ ...d.terms[0], knownCovariance: K.subarray(0, 399 * 399) }] }, true)).toThrow(/expected 400 x 400/);
    const small = cases["repeated observations, singular K, offset"];
    expect(fitMixed(small, { method: "REML", linearAlgebra: "dense" }).convergence.optimizer).not.toMatch(/spectral/);
  });
});
