/**
 * GLM family objects for PIRLS (lme4 src/glmFamily): link, inverse link, d mu / d eta, variance,
 * deviance residuals and the -2 log-likelihood with all constants (lme4's aic()).
 * Binomial responses are counts y out of trials m (bernoulli: m = 1); mu is the success probability.
 * @module
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import type { FamilyName, LinkName } from "../design/design.js";
import { linkFor, type Link } from "./links.js";

/** A family with its link, in lme4's vocabulary. */
export interface GlmFamily {
  readonly family: FamilyName;
  readonly link: Link;
  /** Unit variance V(mu) (per trial for binomial). */
  variance(mu: number): number;
  /** Log-likelihood of one observation without the mu-free constant; m = trials (binomial) or prior weight. */
  logLik(y: number, mu: number, m: number, eta: number): number;
  /** The mu-free constant of the log-likelihood (log binomial coefficient, -log y!); full = logLik + this. */
  logLikConstant(y: number, m: number): number;
  /** Deviance residual (squared scale): 2 [l(y; y) - l(y; mu)] for one observation. */
  devResid(y: number, mu: number, m: number): number;
  /**
   * True when the Laplace curvature uses the observed information (glmmTMB's choice for NB2, whose log
   * link is not canonical); false for Fisher scoring weights (lme4). For canonical links they coincide.
   */
  readonly observedInformation: boolean;
  /** NB2 shape k (negbinomial2 only). */
  readonly shape?: number;
}

const xlogy = (x: number, y: number): number => (x === 0 ? 0 : x * Math.log(y));

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function binomialFamily(family: FamilyName, link: Link): GlmFamily {
  const logit = link.name === "logit";
  return {
    family, link, observedInformation: false,
    variance: (mu) => mu * (1 - mu),
    logLik(y, mu, m, eta) {
      const sp = logit ? softplus(-eta) : 0;
      const logMu = logit ? -sp : Math.log(mu);
      const log1mMu = logit ? -eta - sp : Math.log1p(-mu); // softplus(x) - softplus(-x) = x
      return (y === 0 ? 0 : y * logMu) + (m - y === 0 ? 0 : (m - y) * log1mMu);
    },
    logLikConstant: (y, m) => gammaln(m + 1) - gammaln(y + 1) - gammaln(m - y + 1),
    devResid: (y, mu, m) => 2 * (xlogy(y, y / (m * mu)) + xlogy(m - y, (m - y) / (m * (1 - mu)))),
  };
}

function poissonFamily(link: Link): GlmFamily {
  return {
    family: "poisson", link, observedInformation: false,
    variance: (mu) => mu,
    logLik: (y, mu, m) => m * (xlogy(y, mu) - mu),
    logLikConstant: (y, m) => -m * gammaln(y + 1),
    devResid: (y, mu, m) => 2 * m * (xlogy(y, y / mu) - (y - mu)),
  };
}

/**
 * NB2 family with fixed shape k: var = mu + mu^2 / k.
 * @param link - link (log in the references)
 * @param shape - k > 0
 * @returns the family object
 * @example
 * negativeBinomialFamily(linkFor("log"), 2).variance(2); // => 4
 */
export function negativeBinomialFamily(link: Link, shape: number): GlmFamily {
  const k = shape;
  return {
    family: "negbinomial2", link, observedInformation: true, shape: k,
    variance: (mu) => mu + (mu * mu) / k,
    logLik: (y, mu) => gammaln(y + k) - gammaln(k) + k * Math.log(k / (k + mu)) + xlogy(y, mu / (k + mu)),
    logLikConstant: (y) => -gammaln(y + 1),
    devResid: (y, mu) => 2 * (xlogy(y, y / mu) - (y + k) * Math.log((y + k) / (mu + k))),
  };
}

/**
 * The family object for a design's family and link.
 * @param family - family name (gaussian is handled by the exact LMM code, not here)
 * @param link - link name
 * @param shape - NB2 shape (required for negbinomial2)
 * @returns the family
 * @example
 * glmFamily("poisson", "log").variance(3); // => 3
 */
export function glmFamily(family: FamilyName, link: LinkName, shape?: number): GlmFamily {
  const l = linkFor(link);
  switch (family) {
    case "bernoulli":
    case "binomial":
      return binomialFamily(family, l);
    case "poisson":
      return poissonFamily(l);
    case "negbinomial2":
      if (shape === undefined || !(shape > 0)) throw new Error("negbinomial2 needs a positive shape: pass options.shape or let fitMixed estimate it");
      return negativeBinomialFamily(l, shape);
    default:
      throw new Error(`family '${family}' has no PIRLS family object: fit gaussian models with method 'ML' or 'REML'`);
  }
}
