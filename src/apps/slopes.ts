/**
 * Random slopes and quadrature: a correlated random intercept + slope LMM by REML and ML (sleepstudy), and
 * a binomial GLMM by Laplace versus adaptive Gauss-Hermite quadrature (cbpp), side by side, with the exact
 * marginal log-likelihood of each GLMM fit by brute-force numerical integration.
 * @module
 */
import binomialLogpmf from "@stdlib/stats-base-dists-binomial-logpmf";
import type { Design } from "../design/design.js";
import { fitMixed, type MixedFit } from "../laplace/index.js";
import { fixedPredictor } from "./linearPredictor.js";
import { sideBySide, type SideBySide } from "./sideBySide.js";

/**
 * REML and ML fits of a gaussian LMM side by side.
 * @param design - gaussian design (e.g. sleepstudy, Reaction ~ Days + (1 + Days | Subject))
 * @returns the fits and the table
 * @example
 * remlVersusMl(sleepstudy).table.columns; // => ["REML", "ML"]
 */
export function remlVersusMl(design: Design): { fits: [string, MixedFit][]; table: SideBySide } {
  const fits: [string, MixedFit][] = [["REML", fitMixed(design, { method: "REML" })], ["ML", fitMixed(design, { method: "ML" })]];
  return { fits, table: sideBySide(fits) };
}

/**
 * Exact marginal log-likelihood of a binomial/bernoulli logit GLMM with one scalar random intercept, by
 * the trapezoid rule on z in [-12, 12] (4801 points, log-sum-exp per group).
 * @param design - design with exactly one term, `(1 | g)`
 * @param beta - fixed effects
 * @param sd - random-intercept sd
 * @returns log-likelihood with all constants
 * @example
 * exactLogLik(cbpp, [-1.399, -0.991, -1.128, -1.579], 0.6475); // => -91.9834
 */
export function exactLogLik(design: Design, beta: ArrayLike<number>, sd: number): number {
  const t = design.terms[0];
  if (design.terms.length !== 1 || t.termNames.length !== 1 || (design.family !== "binomial" && design.family !== "bernoulli") || design.link !== "logit") {
    throw new Error("exactLogLik handles binomial/bernoulli logit models with one random intercept term");
  }
  const eta = fixedPredictor(design, beta), y = design.response.y, trials = design.response.trials;
  const M = 4800, h = 24 / M, L = t.levels.length;
  const logInt = new Float64Array((M + 1) * L);
  for (let m = 0; m <= M; m++) {
    const z = -12 + m * h, base = Math.log(h * (m === 0 || m === M ? 0.5 : 1)) - 0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
    for (let l = 0; l < L; l++) logInt[m * L + l] = base;
    for (let i = 0; i < design.n; i++) {
      const p = 1 / (1 + Math.exp(-(eta[i] + sd * t.Z[i] * z)));
      logInt[m * L + t.index[i]] += binomialLogpmf(y[i], trials ? trials[i] : 1, p);
    }
  }
  let total = 0;
  for (let l = 0; l < L; l++) {
    let mx = -Infinity;
    for (let m = 0; m <= M; m++) mx = Math.max(mx, logInt[m * L + l]);
    let s = 0;
    for (let m = 0; m <= M; m++) s += Math.exp(logInt[m * L + l] - mx);
    total += mx + Math.log(s);
  }
  return total;
}

/**
 * Laplace and AGQ fits of a GLMM with one scalar random intercept side by side, with the exact marginal
 * log-likelihood at each fit's estimates (Laplace's own logLik is an approximation).
 * @param design - binomial/bernoulli logit design with one `(1 | g)` term (e.g. cbpp)
 * @param nAGQ - quadrature points (default 25)
 * @returns the fits and the table (extra row `logLik_exact`)
 * @example
 * laplaceVersusAgq(cbpp).table.columns; // => ["Laplace", "AGQ(25)"]
 */
export function laplaceVersusAgq(design: Design, nAGQ = 25): { fits: [string, MixedFit][]; table: SideBySide } {
  const fits: [string, MixedFit][] = [["Laplace", fitMixed(design, { method: "Laplace" })], [`AGQ(${nAGQ})`, fitMixed(design, { method: "AGQ", nAGQ })]];
  const exact = fits.map(([, f]) => exactLogLik(design, f.fixef.map((e) => e.est), f.varCorr[0].sd[0]));
  return { fits, table: sideBySide(fits, [{ name: "logLik_exact", values: exact }]) };
}
