/**
 * The response module (lme4 glmResp): y, trials, offset, eta, mu, working weights and residuals, and the
 * -2 log-likelihood with all constants (lme4's aic(); the Laplace deviance is ldL2 + |u|^2 + this).
 * @module
 */
import type { Design } from "../design/design.js";
import type { GlmFamily } from "./glmFamily.js";

/** Response state; `updateMu` refreshes eta, mu, weights and residuals. */
export interface RespModule {
  family: GlmFamily;
  readonly y: Float64Array;
  /** Binomial trials (1 for bernoulli) or prior weights (1). */
  readonly m: Float64Array;
  readonly offset: Float64Array;
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  /** Curvature weights: Fisher m mu_eta^2 / V(mu), or the observed information when the family asks. */
  readonly wrkWt: Float64Array;
  /** Score d loglik / d eta. */
  readonly score: Float64Array;
  /** Sum of the mu-free log-likelihood constants (computed once). */
  readonly logLikConstant: number;
  /** Sum of the mu-dependent log-likelihood terms at the current mu (refreshed by updateMu). */
  logLikSum: number;
}

/**
 * Builds the response module of a design.
 * @param design - the model design
 * @param family - family object (with the NB2 shape when needed)
 * @param logLikConstant - the constant to use instead of the rows' own (aggregated bernoulli rows keep
 *   the original rows' constant, 0, not the log binomial coefficients of the merged rows)
 * @returns the module with eta = offset
 * @example
 * createRespModule(cbppDesign, glmFamily("binomial", "logit")).m[0]; // => 14
 */
export function createRespModule(design: Design, family: GlmFamily, logLikConstant?: number): RespModule {
  const n = design.n;
  const y = design.response.y;
  const m = design.response.trials ? Float64Array.from(design.response.trials) : new Float64Array(n).fill(1);
  const offset = design.offset ? Float64Array.from(design.offset) : new Float64Array(n);
  const r: RespModule = {
    family, y, m, offset, eta: new Float64Array(n), mu: new Float64Array(n),
    wrkWt: new Float64Array(n), score: new Float64Array(n),
    logLikConstant: logLikConstant ?? sumLogLikConstant(family, y, m),
    logLikSum: 0,
  };
  updateMu(r, new Float64Array(n));
  return r;
}

/**
 * The log-likelihood terms that do not depend on the parameters (e.g. log choose(m, y)), summed over rows.
 * @param family - the GLM family
 * @param y - responses
 * @param trials - binomial trials per row (1 where absent)
 * @returns the sum
 * @example
 * sumLogLikConstant(glmFamily("binomial", "logit"), [1], [3]); // => log 3
 */
export function sumLogLikConstant(family: GlmFamily, y: ArrayLike<number>, trials?: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < y.length; i++) c += family.logLikConstant(y[i], trials ? trials[i] : 1);
  return c;
}

/**
 * Sets eta = offset + linear predictor and refreshes mu, weights, score and the log-likelihood sum.
 * Logit binomial and log poisson take a fused pass (one exp and one log1p per row, same clamping as
 * the link objects); other families go through the family and link objects.
 * @param r - response module (mutated)
 * @param lp - linear predictor without offset
 * @returns nothing
 * @example
 * updateMu(resp, linPred(pred, beta, u));
 */
export function updateMu(r: RespModule, lp: Float64Array): void {
  const fam = r.family, link = fam.link.name;
  if ((fam.family === "binomial" || fam.family === "bernoulli") && link === "logit") r.logLikSum = logitPass(r, lp);
  else if (fam.family === "poisson" && link === "log") r.logLikSum = poissonLogPass(r, lp);
  else r.logLikSum = genericPass(r, lp);
}

const EPS = 2.220446049250313e-16;

function logitPass(r: RespModule, lp: Float64Array): number {
  const { y, m, offset, eta: etaOut, mu: muOut, wrkWt, score } = r;
  let ll = 0;
  for (let i = 0; i < y.length; i++) {
    const eta = offset[i] + lp[i];
    const a = Math.exp(-Math.abs(eta)), l1p = Math.log1p(a);
    const yi = y[i], mi = m[i];
    ll += yi * eta - mi * ((eta > 0 ? eta : 0) + l1p);       // y log mu + (m - y) log(1 - mu)
    etaOut[i] = eta;
    if (eta >= -30 && eta <= 30) {                          // no clamping: mu_eta = V(mu) = mu (1 - mu)
      const mu = eta >= 0 ? 1 / (1 + a) : a / (1 + a), me = a / ((1 + a) * (1 + a));
      muOut[i] = mu;
      wrkWt[i] = mi * me;
      score[i] = yi - mi * mu;
      continue;
    }
    const mu = eta < 0 ? EPS : 1 - EPS, me0 = a / ((1 + a) * (1 + a)), me = me0 > EPS ? me0 : EPS, v = mu * (1 - mu);
    muOut[i] = mu;
    wrkWt[i] = (mi * me * me) / v;
    score[i] = ((yi - mi * mu) * me) / v;
  }
  return ll;
}

function poissonLogPass(r: RespModule, lp: Float64Array): number {
  const { y, m, offset, eta: etaOut, mu: muOut, wrkWt, score } = r;
  let ll = 0;
  for (let i = 0; i < y.length; i++) {
    const eta = offset[i] + lp[i];
    const e = Math.exp(eta), clamped = !(e > EPS), mu = clamped ? EPS : e;
    etaOut[i] = eta; muOut[i] = mu;
    wrkWt[i] = m[i] * mu;                              // m me^2 / V with me = V = mu
    score[i] = y[i] - m[i] * mu;
    ll += m[i] * ((y[i] === 0 ? 0 : y[i] * (clamped ? Math.log(mu) : eta)) - mu);
  }
  return ll;
}

function genericPass(r: RespModule, lp: Float64Array): number {
  const fam = r.family, link = fam.link;
  const nb = fam.observedInformation && link.name === "log";
  const k = nb ? shapeOf(fam) : 0;
  let ll = 0;
  for (let i = 0; i < r.y.length; i++) {
    const eta = r.offset[i] + lp[i];
    const mu = link.linkinv(eta);
    r.eta[i] = eta;
    r.mu[i] = mu;
    ll += fam.logLik(r.y[i], mu, r.m[i], eta);
    if (nb) {
      r.score[i] = ((r.y[i] - mu) * k) / (k + mu);
      r.wrkWt[i] = ((r.y[i] + k) * k * mu) / ((mu + k) * (mu + k));
      continue;
    }
    const me = link.muEta(eta), v = fam.variance(mu);
    r.wrkWt[i] = (r.m[i] * me * me) / v;
    r.score[i] = ((r.y[i] - r.m[i] * mu) * me) / v;
  }
  return ll;
}

function shapeOf(f: GlmFamily): number {
  if (f.shape === undefined) throw new Error("observed-information weights need the NB2 shape on the family object");
  return f.shape;
}

/**
 * -2 log-likelihood of y at the current mu, all constants included (summed by the last updateMu).
 * @param r - response module
 * @returns -2 sum log p(y_i | mu_i)
 * @example
 * minus2LogLik(resp); // => 2 * (sum of -log binomial probabilities)
 */
export function minus2LogLik(r: RespModule): number {
  return -2 * (r.logLikConstant + r.logLikSum);
}
