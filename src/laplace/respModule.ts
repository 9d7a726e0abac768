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
}

/**
 * Builds the response module of a design.
 * @param design - the model design
 * @param family - family object (with the NB2 shape when needed)
 * @returns the module with eta = offset
 * @example
 * createRespModule(cbppDesign, glmFamily("binomial", "logit")).m[0]; // => 14
 */
export function createRespModule(design: Design, family: GlmFamily): RespModule {
  const n = design.n;
  const y = design.response.y;
  const m = design.response.trials ? Float64Array.from(design.response.trials) : new Float64Array(n).fill(1);
  const offset = design.offset ? Float64Array.from(design.offset) : new Float64Array(n);
  const r: RespModule = {
    family, y, m, offset, eta: new Float64Array(n), mu: new Float64Array(n),
    wrkWt: new Float64Array(n), score: new Float64Array(n),
    logLikConstant: y.reduce((s, yi, i) => s + family.logLikConstant(yi, m[i]), 0),
  };
  updateMu(r, new Float64Array(n));
  return r;
}

/**
 * Sets eta = offset + linear predictor and refreshes mu, weights and score.
 * @param r - response module (mutated)
 * @param lp - linear predictor without offset
 * @returns nothing
 * @example
 * updateMu(resp, linPred(pred, beta, u));
 */
export function updateMu(r: RespModule, lp: Float64Array): void {
  const { link } = r.family;
  const nb = r.family.observedInformation && link.name === "log";
  const k = nb ? shapeOf(r.family) : 0;
  for (let i = 0; i < r.y.length; i++) {
    const eta = r.offset[i] + lp[i];
    const mu = link.linkinv(eta);
    r.eta[i] = eta;
    r.mu[i] = mu;
    if (nb) {
      r.score[i] = ((r.y[i] - mu) * k) / (k + mu);
      r.wrkWt[i] = ((r.y[i] + k) * k * mu) / ((mu + k) * (mu + k));
      continue;
    }
    const me = link.muEta(eta), v = r.family.variance(mu);
    r.wrkWt[i] = (r.m[i] * me * me) / v;
    r.score[i] = ((r.y[i] - r.m[i] * mu) * me) / v;
  }
}

function shapeOf(f: GlmFamily): number {
  if (f.shape === undefined) throw new Error("observed-information weights need the NB2 shape on the family object");
  return f.shape;
}

/**
 * -2 log-likelihood of y at the current mu, all constants included.
 * @param r - response module
 * @returns -2 sum log p(y_i | mu_i)
 * @example
 * minus2LogLik(resp); // => 2 * (sum of -log binomial probabilities)
 */
export function minus2LogLik(r: RespModule): number {
  let s = r.logLikConstant;
  for (let i = 0; i < r.y.length; i++) s += r.family.logLik(r.y[i], r.mu[i], r.m[i], r.eta[i]);
  return -2 * s;
}
