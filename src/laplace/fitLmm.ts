/**
 * Fits a gaussian LMM by exact profiled ML or REML (lme4 lmer): the profiled deviance is minimised over
 * theta by a bound-constrained quadratic-model trust region (BOBYQA, as lme4's default lmer optimiser).
 * @module
 */
import type { Design } from "../design/design.js";
import { inverseFromCholesky } from "../linalg/dense.js";
import { thetaLowerBounds, thetaStart } from "./lambda.js";
import { lmmDeviance } from "./lmm.js";
import { convergenceInfo } from "./optimise.js";
import { bobyqa } from "../optim/bobyqa.js";
import { gradientHessianFD } from "../optim/numericDerivatives.js";
import { conditionalModes, createPredModule, type PredOptions } from "./predModule.js";
import { ranefEntries, varCorrFromTheta, type MixedFit } from "./results.js";

/** Below this many observations the convergence check uses the deviance Hessian, as lme4's calc.derivs default. */
const HESSIAN_CHECK_MAX_N = 10_000;

/** Finite-difference Hessian of the profiled deviance over theta for lme4's scaled-gradient check (small n only). */
function devianceHessian(f: (theta: Float64Array) => number, theta: Float64Array, n: number): Float64Array | undefined {
  if (n >= HESSIAN_CHECK_MAX_N || theta.length === 0) return undefined;
  return gradientHessianFD(f, Float64Array.from(theta), 1e-4).hessian;
}

/**
 * ML or REML fit of a gaussian identity-link LMM.
 * @param design - gaussian design
 * @param reml - REML (true) or ML
 * @param options - linear algebra choice
 * @returns the fit
 * @example
 * fitLmm(sleepstudyDesign, true).logLik; // => -871.8141 (lme4 REML criterion / -2)
 */
export function fitLmm(design: Design, reml: boolean, options: PredOptions = {}): MixedFit {
  if (design.family !== "gaussian" || design.link !== "identity") {
    throw new Error(`ML/REML are exact only for gaussian identity-link models (got ${design.family}/${design.link}): use method 'Laplace'`);
  }
  const pred = createPredModule(design, options);
  const y = Float64Array.from(design.response.y, (v, i) => v - (design.offset ? design.offset[i] : 0));
  const f = (theta: Float64Array): number => lmmDeviance(pred, y, theta, reml).deviance;
  const lower = thetaLowerBounds(pred.layouts);
  const opt = bobyqa(f, thetaStart(pred.layouts), { lower, rhoBegin: 0.2, rhoEnd: 1e-7 });
  const ev = lmmDeviance(pred, y, opt.x, reml);
  const { n, p } = design;
  const s2 = ev.sigma * ev.sigma;
  const vcov = inverseFromCholesky(pred.RX, p).map((v) => v * s2);
  const { b, condVar } = conditionalModes(pred, ev.u);
  const df = opt.x.length + p + 1;
  return {
    method: reml ? "REML" : "ML", nAGQ: 0, family: design.family, link: design.link,
    fixef: design.fixedNames.map((name, j) => ({ name, est: ev.beta[j], se: Math.sqrt(vcov[j * p + j]) })),
    vcov, vcovSource: "RX", theta: opt.x, sigma: ev.sigma,
    varCorr: varCorrFromTheta(opt.x, pred.layouts, ev.sigma),
    logLik: -ev.deviance / 2, deviance: ev.deviance, AIC: ev.deviance + 2 * df, BIC: ev.deviance + df * Math.log(n), df, nobs: n,
    ranef: ranefEntries(pred.layouts, b, condVar.map((v) => v * s2)),
    convergence: convergenceInfo("bobyqa", opt, f, lower, pred.layouts.length ? opt.x.length : 0, devianceHessian(f, opt.x, n)),
  };
}
