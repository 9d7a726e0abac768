import { describe, expect, it } from "vitest";
import { compileDesign } from "../../src/compile/index.js";
import type { FamilyName, LinkName } from "../../src/design/design.js";
import { DEFAULT_PRIORS, type ModelPriors } from "../../src/design/priors.js";
import { makeRng } from "../../src/rng.js";
import { FAMILY_LINKS, randomTheta, STRUCTURES, syntheticDesign, type TermSpec } from "../compile/syntheticDesigns.js";
import { fdGradient, gradientMismatch } from "./finiteDifference.js";

const PRIORS: ModelPriors = { ...DEFAULT_PRIORS, sigma: { dist: "normal", mu: 0, sigma: 2, half: true }, shape: { dist: "gamma", shape: 2, rate: 0.5 } };

function checkModel(family: FamilyName, link: LinkName, terms: TermSpec[], centered: boolean, seed: string, priors = PRIORS, offset = false): void {
  const d = syntheticDesign({ n: 20, p: 2, family, link, terms, offset, seed: 7 });
  const m = compileDesign(d, priors, { centered });
  const rng = makeRng(seed);
  const grad = new Float64Array(m.dim);
  const scratch = new Float64Array(m.dim);
  const f = (x: Float64Array) => m.logDensity(x, scratch);
  for (let r = 0; r < 20; r++) {
    const th = randomTheta(rng, m.dim);
    m.logDensity(th, grad);
    const bad = gradientMismatch(grad, fdGradient(f, th));
    if (bad) throw new Error(`${seed}: d/d ${m.names()[bad.index]} off by ${bad.abs} (relative ${bad.rel}) at point ${r}`);
  }
}

describe("gradient = finite differences, 20 seeded points each", () => {
  for (const [family, link] of FAMILY_LINKS) {
    it(`${family}/${link}: intercept term + offset`, () => {
      expect(() => checkModel(family, link, STRUCTURES.intercept, false, `${family}/${link}`, PRIORS, true)).not.toThrow();
    });
  }
  for (const [name, terms] of Object.entries(STRUCTURES)) {
    it(`${name}: non-centered (bernoulli/logit, gaussian/identity)`, () => {
      checkModel("bernoulli", "logit", terms, false, `${name}/b`);
      checkModel("gaussian", "identity", terms, false, `${name}/g`);
    });
    if (!name.startsWith("known")) {
      it(`${name}: centered (poisson/log, negbinomial2/log)`, () => {
        checkModel("poisson", "log", terms, true, `${name}/c`);
        checkModel("negbinomial2", "log", terms, true, `${name}/nb`);
      });
    }
  }
  it("every prior class and distribution (sd, Intercept, b, sigma, shape, lkj)", () => {
    const dists: ModelPriors[] = [
      { Intercept: { dist: "student_t", nu: 4, mu: 1, sigma: 2 }, b: { dist: "cauchy", mu: 0.5, sigma: 1 }, sd: { dist: "student_t", nu: 3, mu: 0, sigma: 1, half: true }, cor: { dist: "lkj", eta: 0.7 }, sigma: { dist: "exponential", rate: 2 }, shape: { dist: "inv_gamma", shape: 3, scale: 2 } },
      { Intercept: { dist: "flat" }, b: { dist: "normal", mu: -1, sigma: 3 }, sd: { dist: "cauchy", mu: 0, sigma: 2, half: true }, cor: { dist: "lkj", eta: 4 }, sigma: { dist: "gamma", shape: 2, rate: 1 }, shape: { dist: "exponential", rate: 0.1 } },
      { Intercept: null, b: null, sd: { dist: "inv_gamma", shape: 2, scale: 1 }, cor: null, sigma: { dist: "cauchy", mu: 0, sigma: 1, half: true }, shape: { dist: "gamma", shape: 0.01, rate: 0.01 } },
      { ...PRIORS, sd: { dist: "exponential", rate: 1 }, cor: { dist: "flat" }, sigma: { dist: "inv_gamma", shape: 1, scale: 1 } },
    ];
    dists.forEach((pr, i) => {
      checkModel("gaussian", "identity", STRUCTURES.several, false, `prior${i}/g`, pr);
      checkModel("negbinomial2", "log", STRUCTURES.correlated3, true, `prior${i}/nb`, pr);
    });
  });
});

describe("stability at extreme linear predictors", () => {
  it("no NaN in value or gradient for |eta| up to 700", () => {
    for (const [family, link] of FAMILY_LINKS) {
      if (family === "gaussian" && link === "log") continue; // exp(700)^2 overflows to -Infinity (not NaN): checked below
      const d = syntheticDesign({ n: 12, p: 1, family, link, terms: [], seed: 3 });
      const m = compileDesign(d, PRIORS);
      const grad = new Float64Array(m.dim);
      for (const e of [-700, -300, -40, 40, 300, 700]) {
        const th = new Float64Array(m.dim);
        th[0] = e;
        const lp = m.logDensity(th, grad);
        expect(Number.isNaN(lp), `${family}/${link} at eta=${e}`).toBe(false);
        for (const g of grad) expect(Number.isNaN(g), `${family}/${link} gradient at eta=${e}`).toBe(false);
      }
    }
    const d = syntheticDesign({ n: 12, p: 1, family: "gaussian", link: "log", terms: [], seed: 3 });
    const m = compileDesign(d, PRIORS);
    const g = new Float64Array(m.dim);
    expect(m.logDensity(new Float64Array([700, 0]), g)).toBe(-Infinity);
    expect(Number.isNaN(m.logDensity(new Float64Array([-700, 0]), g))).toBe(false);
  });
});
