/**
 * Penalized iteratively reweighted least squares (lme4 R/lmer.R RglmerWrkIter / src/external.cpp
 * pwrssUpdate): Newton steps on the penalized deviance -2 log p(y | u) + |u|^2, with step halving.
 * `uOnly` keeps beta fixed (Laplace/AGQ stage); otherwise beta is updated jointly (lme4's nAGQ = 0 stage).
 * @module
 */
import { linPred, solveJoint, solveU, updateDecomp, zlTransposeTimes, type PredModule } from "./predModule.js";
import { minus2LogLik, updateMu, type RespModule } from "./respModule.js";

/** Result of a PIRLS run. */
export interface PirlsResult {
  readonly u: Float64Array;
  readonly beta: Float64Array;
  /** Penalized deviance -2 log p(y | u) + |u|^2 at the mode. */
  readonly pdev: number;
  /** log det(Lambda'Z'WZLambda + I) with the weights at the mode. */
  readonly ldL2: number;
  readonly iterations: number;
  readonly converged: boolean;
}

const sumSq = (v: Float64Array): number => { let s = 0; for (const x of v) s += x * x; return s; };

/**
 * One PIRLS iteration: six calls alternating between the two modules.
 * @param pred - predictor module (theta already set)
 * @param resp - response module at (beta, u)
 * @param beta - fixed effects
 * @param u - spherical random effects
 * @param uOnly - keep beta fixed
 * @returns the Newton increments and the predicted decrease of the penalized deviance
 * @example
 * pirlsIncrement(pred, resp, beta, u, true); // => { du, dbeta, decrement }
 */
export function pirlsIncrement(pred: PredModule, resp: RespModule, beta: Float64Array, u: Float64Array, uOnly: boolean) {
  if (!updateDecomp(pred, resp.wrkWt, !uOnly)) return null;       // updateXwts + updateDecomp
  const rhsU = zlTransposeTimes(pred.zl, resp.score);               // updateRes
  for (let k = 0; k < u.length; k++) rhsU[k] -= u[k];
  const rhsB = uOnly ? new Float64Array(pred.p) : xTransposeTimes(pred, resp.score);
  const sol = uOnly ? { u: solveU(pred, rhsU), beta: new Float64Array(pred.p) } : solveJoint(pred, rhsU, rhsB);  // solve
  let decrement = 0;
  for (let k = 0; k < u.length; k++) decrement += sol.u[k] * rhsU[k];
  for (let j = 0; j < pred.p; j++) decrement += sol.beta[j] * rhsB[j];
  return { du: sol.u, dbeta: sol.beta, decrement };
}

function xTransposeTimes(pred: PredModule, v: Float64Array): Float64Array {
  const { n, p, X } = pred;
  const out = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[j] += X[i * p + j] * v[i];
  return out;
}

/**
 * PIRLS to the conditional mode of u (and beta unless `uOnly`), then the factor at the mode.
 * @param pred - predictor module (theta already set)
 * @param resp - response module (mutated)
 * @param beta0 - fixed effects (start)
 * @param u0 - start for u
 * @param uOnly - keep beta fixed
 * @param tol - stop when the Newton decrement is below tol * (1 + |pdev|) (default 1e-13)
 * @returns the mode, penalized deviance and log det at the mode
 * @example
 * pirls(pred, resp, beta, new Float64Array(pred.q), true).pdev; // => penalized deviance at the mode
 */
export function pirls(pred: PredModule, resp: RespModule, beta0: Float64Array, u0: Float64Array, uOnly: boolean, tol = 1e-13): PirlsResult {
  let u = Float64Array.from(u0), beta = Float64Array.from(beta0);
  updateMu(resp, linPred(pred, beta, u));                                // updateMu
  let pdev = minus2LogLik(resp) + sumSq(u);
  let it = 0, converged = false, current = true;                         // current: resp is at (beta, u)
  for (; it < 60 && !converged; it++) {
    const inc = pirlsIncrement(pred, resp, beta, u, uOnly);
    if (inc === null) break;
    const step = halvingStep(pred, resp, beta, u, inc.du, inc.dbeta, pdev);
    if (step === null) { current = false; converged = inc.decrement < 1e-8 * (1 + Math.abs(pdev)); break; }
    ({ u, beta, pdev } = step);
    converged = inc.decrement < tol * (1 + Math.abs(pdev));
  }
  if (!current) updateMu(resp, linPred(pred, beta, u));
  const ok = updateDecomp(pred, resp.wrkWt, !uOnly);
  return { u, beta, pdev, ldL2: ok ? pred.system.logDet() : Infinity, iterations: it, converged };
}

function halvingStep(pred: PredModule, resp: RespModule, beta: Float64Array, u: Float64Array,
  du: Float64Array, db: Float64Array, pdev0: number) {
  for (let t = 1, h = 0; h < 30; h++, t /= 2) {
    const un = new Float64Array(u.length), bn = new Float64Array(beta.length);
    for (let k = 0; k < u.length; k++) un[k] = u[k] + t * du[k];
    for (let j = 0; j < beta.length; j++) bn[j] = beta[j] + t * db[j];
    updateMu(resp, linPred(pred, bn, un));                              // updateMu
    const pdev = minus2LogLik(resp) + sumSq(un);                          // resDev + sqrL
    if (pdev <= pdev0 + 1e-12 * Math.abs(pdev0)) return { u: un, beta: bn, pdev };
  }
  return null;
}
