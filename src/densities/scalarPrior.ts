/**
 * Scalar prior densities with their derivative, compiled once from a `PriorDef` (constants precomputed).
 * Every density is FULL: all normalising constants are included, and half (`+`) priors carry their
 * truncation constant -log P(X > 0).
 * @module
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import type { PriorDef } from "../design/priors.js";
import { logPhi } from "./normalCdf.js";

/** A compiled scalar prior: log density and its derivative at x. */
export interface ScalarPrior {
  readonly def: PriorDef;
  /** true when the density is zero for x < 0 (half priors, exponential, gamma, inv_gamma). */
  readonly positiveOnly: boolean;
  logDensity(x: number): number;
  /** d logDensity / dx */
  gradient(x: number): number;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Compile a scalar prior.
 *
 * @param def - the prior as data (not `lkj`: that one is a matrix prior, see lkj.ts)
 * @param what - the parameter named in errors
 * @returns log density and derivative functions
 * @throws Error for `lkj` on a scalar and for a half student_t with a non-zero location
 * @example
 * compileScalarPrior({ dist: "normal", mu: 0, sigma: 1 }).logDensity(0); // => -0.9189385332046727
 * compileScalarPrior({ dist: "normal", mu: 0, sigma: 1, half: true }).logDensity(0); // => -0.2257913526447274
 */
export function compileScalarPrior(def: PriorDef, what = "prior"): ScalarPrior {
  switch (def.dist) {
    case "normal": return normalPrior(def.mu, def.sigma, !!def.half, def);
    case "student_t": return studentPrior(def.nu, def.mu, def.sigma, !!def.half, def, what);
    case "cauchy": return cauchyPrior(def.mu, def.sigma, !!def.half, def);
    case "exponential": return positive(def, Math.log(def.rate), (x) => -def.rate * x, () => -def.rate);
    case "gamma": {
      const { shape: a, rate: b } = def;
      const c = a * Math.log(b) - gammaln(a);
      return positive(def, c, (x) => (a - 1) * Math.log(x) - b * x, (x) => (a - 1) / x - b);
    }
    case "inv_gamma": {
      const { shape: a, scale: b } = def;
      const c = a * Math.log(b) - gammaln(a);
      return positive(def, c, (x) => -(a + 1) * Math.log(x) - b / x, (x) => -(a + 1) / x + b / (x * x));
    }
    case "flat": return { def, positiveOnly: false, logDensity: () => 0, gradient: () => 0 };
    case "lkj": throw new Error(`${what}: lkj(${def.eta}) is a prior on a correlation matrix; use it only for 'cor'`);
  }
}

function positive(def: PriorDef, c: number, f: (x: number) => number, g: (x: number) => number): ScalarPrior {
  return {
    def, positiveOnly: true,
    logDensity: (x) => (x < 0 ? -Infinity : c + f(x)),
    gradient: (x) => (x < 0 ? 0 : g(x)),
  };
}

function normalPrior(mu: number, s: number, half: boolean, def: PriorDef): ScalarPrior {
  // truncation: -log P(X > 0) = -log Phi(mu / s)
  const c = -LOG_SQRT_2PI - Math.log(s) - (half ? logPhi(mu / s) : 0);
  const inv = 1 / (s * s);
  return {
    def, positiveOnly: half,
    logDensity: (x) => (half && x < 0 ? -Infinity : c - 0.5 * (x - mu) * (x - mu) * inv),
    gradient: (x) => -(x - mu) * inv,
  };
}

function studentPrior(nu: number, mu: number, s: number, half: boolean, def: PriorDef, what: string): ScalarPrior {
  if (half && mu !== 0) {
    throw new Error(`${what}: student_t+(${nu}, ${mu}, ${s}) needs location 0; write student_t+(${nu}, 0, ${s})`);
  }
  const c = gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(s) + (half ? Math.LN2 : 0);
  return {
    def, positiveOnly: half,
    logDensity: (x) => {
      if (half && x < 0) return -Infinity;
      const u = (x - mu) / s;
      return c - 0.5 * (nu + 1) * Math.log1p((u * u) / nu);
    },
    gradient: (x) => {
      const r = x - mu;
      return (-(nu + 1) * r) / (nu * s * s + r * r);
    },
  };
}

function cauchyPrior(mu: number, s: number, half: boolean, def: PriorDef): ScalarPrior {
  // P(X > 0) = 1/2 + atan(mu / s) / pi
  const c = -Math.log(Math.PI * s) - (half ? Math.log(0.5 + Math.atan(mu / s) / Math.PI) : 0);
  return {
    def, positiveOnly: half,
    logDensity: (x) => {
      if (half && x < 0) return -Infinity;
      const u = (x - mu) / s;
      return c - Math.log1p(u * u);
    },
    gradient: (x) => {
      const r = x - mu;
      return (-2 * r) / (s * s + r * r);
    },
  };
}
