/**
 * Fits a GLMM by Laplace or AGQ as glmer does: stage 1 (a loose simplex over theta with beta inside
 * PIRLS, lme4's nAGQ = 0) gives the start; stage 2 minimises the deviance over (theta, beta[, log shape])
 * with u-only PIRLS by damped Newton steps on a finite-difference stencil, whose last Hessian is the
 * finite-difference Hessian lme4 uses for the fixed-effect covariance (else RX). Bernoulli rows with
 * identical covariates and random-effect pattern are merged into binomial counts first (exact).
 * @module
 */
import { aggregateBinomialRows } from "../compile/aggregate.js";
import type { Design } from "../design/design.js";
import { kernelOf } from "../families/kernels.js";
import { FAMILY_LINKS } from "../spec/family.js";
import { choleskyInPlace, inverseFromCholesky } from "../linalg/dense.js";
import { gradientHessianFD, type WarmState } from "../optim/numericDerivatives.js";
import { nelderMead } from "../optim/nelderMead.js";
import { newtonFD, type NewtonResult } from "../optim/newtonFD.js";
import { thetaLowerBounds, thetaStart } from "./lambda.js";
import { glmFamily } from "./glmFamily.js";
import { createGlmmState, gaussHermite, jointDeviance, stage1Deviance, unpack, type GlmmState } from "./laplace.js";
import { convergenceInfo, optimiseTheta } from "./optimise.js";
import { conditionalModes, createPredModule, updateDecomp, type PredOptions } from "./predModule.js";
import { sumLogLikConstant } from "./respModule.js";
import { ranefEntries, varCorrFromTheta, type MixedFit } from "./results.js";

/** Options of {@link fitGlmm}. */
export interface GlmmOptions extends PredOptions {
  /** Quadrature points: 1 = Laplace (default), > 1 = AGQ (one scalar term only). */
  readonly nAGQ?: number;
  /** Starting NB2 shape (default 1). */
  readonly shape?: number;
}

/**
 * Laplace/AGQ fit of a non-gaussian GLMM.
 * @param design - the design
 * @param options - nAGQ, linear algebra, NB2 start
 * @returns the fit
 * @example
 * fitGlmm(cbppDesign).logLik; // => -92.0266 (lme4 glmer)
 */
export function fitGlmm(design: Design, options: GlmmOptions = {}): MixedFit {
  const nAGQ = options.nAGQ ?? 1;
  const work = mergedBinomialRows(design);
  const pred = createPredModule(work.design, options);
  const st = createGlmmState(work.design, pred, options.shape ?? 1, work.logLikConstant);
  const lowerTheta = thetaLowerBounds(pred.layouts);
  const tol1 = stage1PirlsTol(design);
  const s1 = nelderMead((th) => stage1Deviance(st, th, tol1), thetaStart(pred.layouts), { lower: lowerTheta, ftolRel: 1e-8, ftolAbs: STAGE1.ftolAbs, xtol: STAGE1.xtol, restarts: 0 });
  stage1Deviance(st, s1.x);
  const x0 = packStart(st, s1.x);
  const lower = Float64Array.from(x0, (_, i) => (i < st.nTheta ? lowerTheta[i] : -Infinity));
  const rule = nAGQ > 1 ? gaussHermite(nAGQ) : undefined;
  const f = (x: Float64Array): number => jointDeviance(st, x, rule);
  const stage2 = jointOptimum(f, x0, lower, { get: () => st.b, set: (b) => { st.b = Float64Array.from(b); } });
  const dev = f(stage2.opt.x);
  const opt = { ...stage2.opt, evaluations: s1.evaluations + 1 + stage2.opt.evaluations };
  const conv = convergenceInfo(stage2.name, opt, f, lower, st.nTheta, stage2.hessian?.hessian);
  return assemble(design, st, stage2.opt.x, dev, f, conv, nAGQ, stage2.hessian);
}

/**
 * Stage 1 only supplies Newton's start: loose simplex tolerances (deviance units / relative theta) and
 * a loose PIRLS tolerance where PIRLS is Newton's method (canonical links: quadratic convergence leaves
 * the deviance accurate to ~1e-8 anyway); Fisher scoring (probit, cloglog) converges linearly: 1e-10.
 */
const STAGE1 = { ftolAbs: 0.1, xtol: 0.2 };

function stage1PirlsTol(design: Design): number {
  return design.link === FAMILY_LINKS[design.family][0] ? 1e-6 : 1e-10;
}

/**
 * Bernoulli/binomial rows with the same covariates, offset and random-effect pattern merged into one
 * binomial row (exact: the kernel is linear in successes and trials); the log-likelihood constant stays
 * that of the original rows, so logLik equals lme4's on the unmerged data.
 */
function mergedBinomialRows(design: Design): { design: Design; logLikConstant?: number } {
  if (design.family !== "bernoulli" && design.family !== "binomial") return { design };
  const merged = aggregateBinomialRows(design, kernelOf(design.family, design.link));
  if (merged === null) return { design };
  return { design: merged, logLikConstant: sumLogLikConstant(glmFamily(design.family, design.link), design.response.y, design.response.trials) };
}

/**
 * Newton pays about n^2 / 2 evaluations per step, but the vcov needs that stencil at the optimum anyway
 * and BFGS on finite differences takes many steps of 2n: Newton wins up to a few dozen parameters.
 */
const MAX_NEWTON_PARAMS = 60;

/**
 * Stage 2: Newton steps on the finite-difference stencil (its last Hessian is the vcov Hessian), with
 * projected BFGS as the fallback (many parameters, or Newton stalled).
 */
function jointOptimum(f: (x: Float64Array) => number, x0: Float64Array, lower: Float64Array, warm: WarmState) {
  if (x0.length <= MAX_NEWTON_PARAMS) {
    const nt = newtonFD(f, x0, { lower, fdStep: 1e-4, tol: 1e-6, maxIterations: 12, warm, forwardPairs: true });
    if (nt.converged) return { opt: nt, name: "nelderMead(theta)+newton(theta,beta)", hessian: nt };
    const bf = optimiseTheta(f, Float64Array.from(nt.x), lower, false);
    const opt = { ...bf, evaluations: bf.evaluations + nt.evaluations };
    return { opt, name: "nelderMead(theta)+newton+bfgs(theta,beta)", hessian: undefined };
  }
  return { opt: optimiseTheta(f, x0, lower, false), name: "nelderMead(theta)+bfgs(theta,beta)", hessian: undefined };
}

function packStart(st: GlmmState, theta: Float64Array): Float64Array {
  const x = [...theta, ...st.beta];
  if (st.hasShape) x.push(Math.log(st.resp.family.shape ?? 1));
  return Float64Array.from(x);
}

/**
 * vcov of beta from the Hessian of the deviance over all parameters (V = (H/2)^-1, lme4's default).
 * Parameters with no curvature (unidentified, e.g. a study intercept with no events: MLE -Inf) are
 * dropped first and get an infinite variance; when the rest is still not positive definite, vcov falls
 * back to (RX'RX)^-1 at the mode, as lme4 does.
 */
function fixedCovariance(st: GlmmState, x: Float64Array, f: (x: Float64Array) => number, known?: Float64Array) {
  const p = st.design.p, m = x.length;
  const H = known ?? gradientHessianFD(f, Float64Array.from(x), 1e-4, undefined, true).hessian;
  f(x);
  const maxDiag = Math.max(...Array.from({ length: m }, (_, i) => Math.abs(H[i * m + i])));
  const keep = Array.from({ length: m }, (_, i) => i).filter((i) => H[i * m + i] > 1e-7 * maxDiag);
  const k = keep.length;
  const Hc = new Float64Array(k * k);
  keep.forEach((a, i) => keep.forEach((b, j) => { Hc[i * k + j] = H[a * m + b] / 2; }));
  if (choleskyInPlace(Hc, k)) {
    const V = inverseFromCholesky(Hc, k);
    const pos = new Map(keep.map((a, i) => [a, i]));
    const at = (a: number, b: number): number => {
      const i = pos.get(a), j = pos.get(b);
      if (i === undefined || j === undefined) return a === b ? Infinity : 0;
      return V[i * k + j];
    };
    const vb = new Float64Array(p * p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) vb[a * p + b] = at(st.nTheta + a, st.nTheta + b);
    const logShapeVar = st.hasShape ? at(m - 1, m - 1) : undefined;
    return { vcov: vb, source: "hessian" as const, logShapeVar };
  }
  updateDecomp(st.pred, st.resp.wrkWt, true);
  return { vcov: inverseFromCholesky(st.pred.RX, p), source: "RX" as const, logShapeVar: undefined };
}

function assemble(design: Design, st: GlmmState, x: Float64Array, dev: number, f: (x: Float64Array) => number,
  convergence: MixedFit["convergence"], nAGQ: number, stencil?: NewtonResult): MixedFit {
  const { pred } = st;
  const { theta, beta, shape } = unpack(st, x);
  const cov = fixedCovariance(st, x, f, stencil?.hessian);
  const p = design.p, n = design.n;
  const { b, condVar } = conditionalModes(pred, st.u);
  const df = x.length;
  return {
    method: nAGQ > 1 ? "AGQ" : "Laplace", nAGQ, family: design.family, link: design.link,
    fixef: design.fixedNames.map((name, j) => ({ name, est: beta[j], se: Math.sqrt(cov.vcov[j * p + j]) })),
    vcov: cov.vcov, vcovSource: cov.source, theta,
    shape: shape === undefined ? undefined : { est: shape, se: cov.logShapeVar === undefined ? null : shape * Math.sqrt(cov.logShapeVar) },
    varCorr: varCorrFromTheta(theta, pred.layouts, 1),
    logLik: -dev / 2, deviance: dev, AIC: dev + 2 * df, BIC: dev + df * Math.log(n), df, nobs: n,
    ranef: ranefEntries(pred.layouts, b, condVar), convergence,
  };
}
