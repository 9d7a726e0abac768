import { describe, expect, it } from "vitest";
import { compileDesign } from "../../src/compile/index.js";
import { DEFAULT_PRIORS, type ModelPriors } from "../../src/design/priors.js";
import { makeRng } from "../../src/rng.js";
import { referenceLogDensity } from "./referenceDensity.js";
import { FAMILY_LINKS, randomTheta, STRUCTURES, syntheticDesign } from "./syntheticDesigns.js";

const PRIORS: ModelPriors = { ...DEFAULT_PRIORS, sigma: { dist: "student_t", nu: 3, mu: 0, sigma: 2, half: true } };

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

describe("compileDesign equals the dense reference density (1e-10 relative, 20 seeded points each)", () => {
  for (const [family, link] of FAMILY_LINKS) {
    it(`${family}/${link} with a random intercept and an offset`, () => {
      const d = syntheticDesign({ n: 25, p: 3, family, link, terms: STRUCTURES.intercept, offset: true, seed: 11 });
      const m = compileDesign(d, PRIORS);
      const rng = makeRng(`${family}/${link}`);
      const grad = new Float64Array(m.dim);
      for (let r = 0; r < 20; r++) {
        const th = randomTheta(rng, m.dim);
        const ref = referenceLogDensity(d, PRIORS, th);
        expect(Number.isFinite(ref)).toBe(true);
        expect(relErr(m.logDensity(th, grad), ref)).toBeLessThan(1e-10);
      }
    });
  }
  for (const [name, terms] of Object.entries(STRUCTURES)) {
    for (const centered of name.startsWith("known") ? [false] : [false, true]) {
      it(`${name} (${centered ? "centered" : "non-centered"}), poisson and gaussian`, () => {
        for (const family of ["poisson", "gaussian"] as const) {
          const d = syntheticDesign({ n: 24, p: 2, family, link: family === "poisson" ? "log" : "identity", terms, seed: 5 });
          const m = compileDesign(d, PRIORS, { centered });
          const rng = makeRng(`${name}/${family}/${centered}`);
          const grad = new Float64Array(m.dim);
          for (let r = 0; r < 20; r++) {
            const th = randomTheta(rng, m.dim);
            expect(relErr(m.logDensity(th, grad), referenceLogDensity(d, PRIORS, th, centered))).toBeLessThan(1e-10);
          }
        }
      });
    }
  }
});

describe("compiled model outputs", () => {
  it("names, output names and the constrain/unconstrain round trip", () => {
    const d = syntheticDesign({ n: 20, p: 2, family: "gaussian", link: "identity", terms: STRUCTURES.correlated2, seed: 2 });
    const m = compileDesign(d, PRIORS);
    expect(m.names().slice(0, 6)).toEqual(["(Intercept)", "c1", "log(sd__g__(Intercept))", "log(sd__g__x1)", "atanh_cpc__g[2,1]", "z__g__(Intercept)[L1]"]);
    expect(m.names().length).toBe(m.dim);
    expect(m.outputNames().slice(0, 6)).toEqual(["(Intercept)", "c1", "sd__g__(Intercept)", "sd__g__x1", "cor__g__(Intercept)__x1", "sigma"]);
    expect(m.outputNames()[6]).toBe("re__g__(Intercept)[L1]");
    const th = randomTheta(makeRng(9), m.dim);
    const vals = m.constrain(th);
    expect(vals.sigma).toBeCloseTo(Math.exp(th[m.dim - 1]), 14);
    expect(vals["cor__g__(Intercept)__x1"]).toBeCloseTo(Math.tanh(th[4]), 14);
    const back = m.unconstrain(vals);
    for (let i = 0; i < m.dim; i++) expect(back[i]).toBeCloseTo(th[i], 10);
  });

  it("round trips for k = 3, centered, and a singular known covariance (in its range)", () => {
    for (const [terms, centered] of [[STRUCTURES.several, false], [STRUCTURES.correlated3, true]] as const) {
      const d = syntheticDesign({ n: 20, p: 2, family: "poisson", link: "log", terms, seed: 3 });
      const m = compileDesign(d, PRIORS, { centered });
      const th = randomTheta(makeRng(4), m.dim);
      const back = m.unconstrain(m.constrain(th));
      for (let i = 0; i < m.dim; i++) expect(back[i]).toBeCloseTo(th[i], 9);
    }
    const d = syntheticDesign({ n: 20, p: 1, family: "gaussian", link: "identity", terms: STRUCTURES.knownSingular, seed: 3 });
    const m = compileDesign(d, PRIORS);
    const th = randomTheta(makeRng(5), m.dim);
    const v1 = m.constrain(th);
    const v2 = m.constrain(m.unconstrain(v1)); // z in the null direction is not identified from b; b is
    for (const nm of m.outputNames()) expect(v2[nm]).toBeCloseTo(v1[nm], 10);
  });

  it("sums of the known-covariance random effects vanish for a centred (singular) K", () => {
    const d = syntheticDesign({ n: 20, p: 1, family: "gaussian", link: "identity", terms: STRUCTURES.knownSingular, seed: 3 });
    const m = compileDesign(d, PRIORS);
    const out = new Float64Array(m.outputNames().length);
    m.output(randomTheta(makeRng(8), m.dim), out);
    const re = m.outputNames().map((nm, i) => (nm.startsWith("re__") ? out[i] : 0));
    expect(Math.abs(re.reduce((a, b) => a + b, 0))).toBeLessThan(1e-10);
  });

  it("errors say what to change", () => {
    const d = syntheticDesign({ n: 10, p: 1, family: "poisson", link: "log", terms: [], seed: 1 });
    expect(() => compileDesign({ ...d, link: "logit" }, PRIORS)).toThrow(/poisson does not support link logit; use one of: log/);
    expect(() => compileDesign({ ...d, response: { name: "y", y: d.response.y.map(() => 1.5) } }, PRIORS)).toThrow(/non-negative integer/);
    expect(() => compileDesign({ ...d, family: "binomial", link: "logit" }, PRIORS)).toThrow(/needs trials/);
    const t = syntheticDesign({ n: 10, p: 1, family: "poisson", link: "log", terms: STRUCTURES.correlated2, seed: 1 });
    expect(() => compileDesign(t, { ...PRIORS, cor: { dist: "normal", mu: 0, sigma: 1 } })).toThrow(/priors.cor must be lkj/);
    expect(() => compileDesign(t, { ...PRIORS, Intercept: { dist: "exponential", rate: 1 } })).toThrow(/prior of \(Intercept\): exponential has support \(0, inf\)/);
    expect(() => compileDesign(t, PRIORS, { priorOverrides: { sd__g__x9: { dist: "flat" } } })).toThrow(/unknown parameter "sd__g__x9"/);
    const kd = syntheticDesign({ n: 10, p: 1, family: "gaussian", link: "identity", terms: STRUCTURES.knownCovariance, seed: 1 });
    expect(() => compileDesign(kd, PRIORS, { centered: true })).toThrow(/known-covariance terms are non-centered only/);
    const m = compileDesign(t, PRIORS);
    expect(() => m.logDensity(new Float64Array(2), new Float64Array(2))).toThrow(/must have length/);
  });
});

describe("explicit @stdlib sum on a tiny model", () => {
  it("negbinomial2 with offset, (1 | g), 4 observations: every term written out", async () => {
    const { default: nbLogpmf } = await import("@stdlib/stats-base-dists-negative-binomial-logpmf");
    const { default: normalLogpdf } = await import("@stdlib/stats-base-dists-normal-logpdf");
    const { default: gammaLogpdf } = await import("@stdlib/stats-base-dists-gamma-logpdf");
    const d = {
      n: 4, p: 2, X: new Float64Array([1, 0.5, 1, -1, 1, 2, 1, 0]), fixedNames: ["(Intercept)", "x"],
      response: { name: "y", y: new Float64Array([0, 3, 7, 1]) }, offset: new Float64Array([0.1, 0, -0.2, 0.3]),
      terms: [{ group: "g", termNames: ["(Intercept)"], levels: ["a", "b"], index: new Int32Array([0, 1, 1, 0]), Z: new Float64Array([1, 1, 1, 1]) }],
      family: "negbinomial2" as const, link: "log" as const,
    };
    const m = compileDesign(d, DEFAULT_PRIORS);
    const theta = new Float64Array([0.4, -0.3, Math.log(0.8), 1.2, -0.5, Math.log(3)]);
    const [b0, b1, , z1, z2] = theta;
    const sd = 0.8, phi = 3, u = [sd * z1, sd * z2];
    let ref = normalLogpdf(b0, 0, 5) + normalLogpdf(b1, 0, 5);
    ref += normalLogpdf(sd, 0, 2.5) + Math.LN2 + Math.log(sd); // half-normal + log-Jacobian
    ref += normalLogpdf(z1, 0, 1) + normalLogpdf(z2, 0, 1);
    ref += gammaLogpdf(phi, 0.01, 0.01) + Math.log(phi);
    for (let i = 0; i < 4; i++) {
      const mu = Math.exp(d.offset[i] + b0 + b1 * d.X[2 * i + 1] + u[d.terms[0].index[i]]);
      ref += nbLogpmf(d.response.y[i], phi, phi / (phi + mu));
    }
    expect(relErr(m.logDensity(theta, new Float64Array(m.dim)), ref)).toBeLessThan(1e-12);
  });
});

describe("known covariance factor", () => {
  it("F F' = K for full-rank and singular K; rank detected; asymmetric K rejected", async () => {
    const { knownCovarianceFactor, denseFactor } = await import("../../src/compile/index.js");
    for (const [name, rank] of [["knownCovariance", 6], ["knownSingular", 5]] as const) {
      const K = syntheticDesign({ n: 12, p: 1, family: "gaussian", link: "identity", terms: STRUCTURES[name], seed: 4 }).terms[0].knownCovariance!;
      const f = knownCovarianceFactor(K, 6);
      const F = denseFactor(f);
      expect(f.rank).toBe(rank);
      for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) {
        let s = 0;
        for (let c = 0; c < 6; c++) s += F[i * 6 + c] * F[j * 6 + c];
        expect(Math.abs(s - K[i * 6 + j])).toBeLessThan(1e-12);
      }
    }
    expect(() => knownCovarianceFactor(new Float64Array([1, 0.5, 0.4, 1]), 2)).toThrow(/not symmetric at \(2, 1\)/);
    expect(() => knownCovarianceFactor(new Float64Array([1, 2, 2, 1]), 2)).toThrow(/not positive semi-definite/);
  });
});
