import { describe, expect, it } from "vitest";
import binomialLogpmf from "@stdlib/stats-base-dists-binomial-logpmf";
import poissonLogpmf from "@stdlib/stats-base-dists-poisson-logpmf";
import negbinLogpmf from "@stdlib/stats-base-dists-negative-binomial-logpmf";
import type { Design } from "../../src/design/design.js";
import {
  createPredModule, createRespModule, glmFamily, linkFor, minus2LogLik, pirls, setTheta, updateMu, zlTransposeTimes,
} from "../../src/laplace/index.js";
import { designOf } from "./designs.js";

const full = (f: ReturnType<typeof glmFamily>, y: number, m: number, eta: number) =>
  f.logLik(y, f.link.linkinv(eta), m, eta) + f.logLikConstant(y, m);

describe("family objects", () => {
  it("log-likelihoods with constants equal stdlib's pmfs", () => {
    expect(full(glmFamily("binomial", "logit"), 3, 12, -0.7)).toBeCloseTo(binomialLogpmf(3, 12, 1 / (1 + Math.exp(0.7))), 12);
    expect(full(glmFamily("poisson", "log"), 4, 1, 1.1)).toBeCloseTo(poissonLogpmf(4, Math.exp(1.1)), 12);
    const k = 0.84, mu = Math.exp(1.3);
    expect(full(glmFamily("negbinomial2", "log", k), 5, 1, 1.3)).toBeCloseTo(negbinLogpmf(5, k, k / (k + mu)), 11);
  });
  it("links: inverse, derivative by finite differences", () => {
    for (const name of ["logit", "probit", "cloglog", "log"] as const) {
      const l = linkFor(name);
      const h = 1e-6, eta = 0.3;
      expect(l.muEta(eta)).toBeCloseTo((l.linkinv(eta + h) - l.linkinv(eta - h)) / (2 * h), 7);
      if (name !== "probit") expect(l.linkfun(l.linkinv(eta))).toBeCloseTo(eta, 10);
    }
  });
  it("score and NB2 observed-information weights are the derivatives of the log-likelihood in eta", () => {
    const d: Design = {
      n: 1, p: 1, X: new Float64Array([1]), fixedNames: ["(Intercept)"], response: { name: "y", y: new Float64Array([7]) },
      terms: [], family: "negbinomial2", link: "log",
    };
    const fam = glmFamily("negbinomial2", "log", 2.5);
    const r = createRespModule(d, fam);
    const eta = 1.2, h = 1e-4;
    updateMu(r, new Float64Array([eta]));
    const ll = (e: number) => full(fam, 7, 1, e);
    expect(r.score[0]).toBeCloseTo((ll(eta + h) - ll(eta - h)) / (2 * h), 6);
    expect(r.wrkWt[0]).toBeCloseTo(-(ll(eta + h) - 2 * ll(eta) + ll(eta - h)) / (h * h), 4);
  });
});

describe("fused response passes", () => {
  it("logit binomial and log poisson match the family/link objects, clamped extremes included", () => {
    const etas = [-40, -31, -12, -1.3, 0, 0.7, 5, 29, 33];
    for (const [family, link, y, m] of [["binomial", "logit", [0, 3, 12, 1, 7, 12, 0, 12, 5], 12], ["poisson", "log", [0, 3, 1, 2, 0, 4, 150, 9, 1], 1]] as const) {
      const fam = glmFamily(family, link);
      const n = etas.length;
      const d: Design = {
        n, p: 1, X: new Float64Array(n).fill(1), fixedNames: ["(Intercept)"], terms: [], family, link,
        response: { name: "y", y: Float64Array.from(y), trials: family === "binomial" ? new Float64Array(n).fill(m) : undefined },
      };
      const r = createRespModule(d, fam);
      updateMu(r, Float64Array.from(etas));
      let ll = r.logLikConstant;
      etas.forEach((eta, i) => {
        const mu = fam.link.linkinv(eta), me = fam.link.muEta(eta), v = fam.variance(mu);
        expect(r.mu[i]).toBeCloseTo(mu, 14);
        // the fused pass uses a / (1 + a)^2 for both mu_eta and V: no cancellation in 1 - mu near eta = 30
        const w = (r.m[i] * me * me) / v;
        expect(Math.abs(r.wrkWt[i] - w)).toBeLessThan(1e-12 * (1 + w));
        const score = ((y[i] - r.m[i] * mu) * me) / v;
        expect(Math.abs(r.score[i] - score)).toBeLessThan(1e-12 * (1 + Math.abs(score)));
        ll += fam.logLik(y[i], mu, r.m[i], eta);
      });
      expect(minus2LogLik(r)).toBeCloseTo(-2 * ll, 8);
    }
  });
});

describe("PIRLS", () => {
  it("converges to the conditional mode: Lambda'Z' score = u (cbpp, theta = 0.64)", () => {
    const d = designOf("cbpp");
    const pred = createPredModule(d);
    const resp = createRespModule(d, glmFamily("binomial", "logit"));
    setTheta(pred, [0.64]);
    const beta = new Float64Array([-1.4, -1, -1.1, -1.6]);
    const r = pirls(pred, resp, beta, new Float64Array(pred.q), true);
    expect(r.converged).toBe(true);
    const g = zlTransposeTimes(pred.zl, resp.score);
    g.forEach((v, k) => expect(v - r.u[k]).toBeCloseTo(0, 9));
  });
});
