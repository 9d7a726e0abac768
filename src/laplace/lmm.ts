/**
 * Exact profiled ML and REML deviance of a gaussian LMM (lme4's lmer deviance, Bates et al. 2015, sec. 3):
 * beta and sigma profiled out; u and beta from one block solve of the penalized least squares system.
 * @module
 */
import { ldRX2, linPred, setTheta, solveJoint, updateDecomp, zlTransposeTimes, type PredModule } from "./predModule.js";

/** The profiled LMM at one theta. */
export interface LmmEvaluation {
  /** Profiled deviance: -2 log-likelihood (ML) or the REML criterion. */
  readonly deviance: number;
  readonly beta: Float64Array;
  readonly u: Float64Array;
  /** Penalized weighted residual sum of squares |y - X beta - Z Lambda u|^2 + |u|^2. */
  readonly pwrss: number;
  readonly ldL2: number;
  readonly ldRX2: number;
  /** Profiled residual sd: sqrt(pwrss / n) (ML) or sqrt(pwrss / (n - p)) (REML). */
  readonly sigma: number;
}

/**
 * Profiled deviance of an LMM at theta.
 * @param pred - predictor module (theta is set here)
 * @param y - response minus offset
 * @param theta - relative covariance parameters
 * @param reml - REML criterion instead of -2 log-likelihood
 * @returns the deviance and the conditional solution
 * @example
 * lmmDeviance(pred, y, new Float64Array([0.9667, 0.0152, 0.2309]), true).deviance; // => 1743.628 (sleepstudy)
 * @see lme4 R/lmer.R mkLmerDevfun; Bates, Maechler, Bolker & Walker (2015), eqs. 34 and 41
 */
export function lmmDeviance(pred: PredModule, y: Float64Array, theta: ArrayLike<number>, reml: boolean): LmmEvaluation {
  setTheta(pred, theta);
  const { n, p, X } = pred;
  const w = new Float64Array(n).fill(1);
  if (!updateDecomp(pred, w, true)) {
    return { deviance: Infinity, beta: new Float64Array(p), u: new Float64Array(pred.q), pwrss: NaN, ldL2: NaN, ldRX2: NaN, sigma: NaN };
  }
  const xty = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) xty[j] += X[i * p + j] * y[i];
  const { u, beta } = solveJoint(pred, zlTransposeTimes(pred.zl, y), xty);
  const fit = linPred(pred, beta, u);
  let pwrss = 0;
  for (let i = 0; i < n; i++) pwrss += (y[i] - fit[i]) ** 2;
  for (let k = 0; k < u.length; k++) pwrss += u[k] * u[k];
  const ldL2 = pred.system.logDet(), ldRX = ldRX2(pred);
  const dof = reml ? n - p : n;
  const deviance = ldL2 + (reml ? ldRX : 0) + dof * (1 + Math.log((2 * Math.PI * pwrss) / dof));
  return { deviance, beta, u, pwrss, ldL2, ldRX2: ldRX, sigma: Math.sqrt(pwrss / dof) };
}
