/**
 * Rates from count models with an exposure offset (log link): rate ratios exp(beta) with Wald intervals on
 * the log scale (empirical Bayes) or posterior intervals from NUTS draws.
 * @module
 */
import type { MixedFit } from "../laplace/index.js";
import { waldInterval, zFor } from "./wald.js";

/** A rate ratio exp(beta) of one coefficient. */
export interface RateRatio {
  readonly name: string;
  /** log rate ratio (the coefficient) and its SE. */
  readonly logRatio: number;
  readonly se: number;
  readonly ratio: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Rate ratios of every non-intercept fixed effect, Wald interval on the log scale.
 * @param fit - a log-link count fit (poisson or negbinomial2), typically with an exposure offset
 * @param level - interval coverage, default 0.95
 * @returns one row per coefficient
 * @throws Error if the link is not log
 * @example
 * rateRatios(owlsFit)[0]; // => { name: "FoodTreatmentSatiated", logRatio: -0.768, se: 0.166, ratio: 0.464, lower: 0.335, upper: 0.642 }
 */
export function rateRatios(fit: MixedFit, level = 0.95): RateRatio[] {
  if (fit.link !== "log") throw new Error(`rate ratios need a log link; this fit uses '${fit.link}'`);
  return fit.fixef.filter((f) => f.name !== "(Intercept)").map((f) => {
    const w = waldInterval(f.est, f.se, level, Math.exp);
    return { name: f.name, logRatio: f.est, se: f.se, ratio: w.est, lower: w.lower, upper: w.upper };
  });
}

/**
 * Rate ratios from posterior draws of the coefficients: posterior median of exp(beta) and the central
 * interval of the draws (quantiles commute with exp).
 * @param names - coefficient names
 * @param draws - per coefficient, its pooled draws
 * @param level - interval coverage, default 0.95
 * @returns one row per coefficient (se = posterior sd of beta; logRatio = posterior mean of beta)
 * @example
 * posteriorRateRatios(["x"], [new Float64Array([0, 0.1, -0.1])])[0].ratio; // => 1
 */
export function posteriorRateRatios(names: readonly string[], draws: readonly Float64Array[], level = 0.95): RateRatio[] {
  zFor(level);
  return names.map((name, k) => {
    const d = Float64Array.from(draws[k]).sort();
    const q = (p: number) => quantileSorted(d, p);
    let m = 0, v = 0;
    for (const x of d) m += x / d.length;
    for (const x of d) v += (x - m) ** 2 / Math.max(1, d.length - 1);
    return { name, logRatio: m, se: Math.sqrt(v), ratio: Math.exp(q(0.5)), lower: Math.exp(q((1 - level) / 2)), upper: Math.exp(q((1 + level) / 2)) };
  });
}

/**
 * Quantile of sorted values, linear interpolation (R type 7).
 * @param sorted - ascending values
 * @param p - probability in [0, 1]
 * @returns the quantile
 * @example
 * quantileSorted(new Float64Array([1, 2, 3, 4]), 0.5); // => 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
