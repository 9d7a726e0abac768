/**
 * Wald intervals and fixed-effect lookups shared by the applications.
 * @module
 */
import qnorm from "@stdlib/stats-base-dists-normal-quantile";
import type { FixedEffect, MixedFit } from "../laplace/index.js";

/** A point estimate with a two-sided interval. */
export interface Interval {
  readonly est: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Two-sided normal quantile for a central interval.
 * @param level - coverage, e.g. 0.95
 * @returns z with P(|Z| < z) = level
 * @example
 * zFor(0.95); // => 1.959964
 */
export function zFor(level: number): number {
  if (!(level > 0 && level < 1)) throw new Error(`interval level must be in (0, 1), got ${level}`);
  return qnorm(0.5 + level / 2, 0, 1);
}

/**
 * Wald interval est +- z se, optionally transformed (e.g. exp for ratios).
 * @param est - estimate on the scale where it is approximately normal
 * @param se - its standard error
 * @param level - coverage
 * @param transform - monotone increasing map applied to estimate and limits
 * @returns { est, lower, upper }
 * @example
 * waldInterval(0, 1, 0.95, Math.exp); // => { est: 1, lower: 0.1409, upper: 7.0993 }
 */
export function waldInterval(est: number, se: number, level: number, transform: (x: number) => number = (x) => x): Interval {
  const z = zFor(level);
  return { est: transform(est), lower: transform(est - z * se), upper: transform(est + z * se) };
}

/**
 * A fixed effect of a fit by name.
 * @param fit - the fit
 * @param name - coefficient name as R writes it
 * @returns the fixed effect
 * @throws Error listing the available names
 * @example
 * fixedEffect(fit, "treat").est; // => -1.405
 */
export function fixedEffect(fit: MixedFit, name: string): FixedEffect {
  const f = fit.fixef.find((e) => e.name === name);
  if (!f) throw new Error(`no fixed effect '${name}'; the model has ${fit.fixef.map((e) => e.name).join(", ")}`);
  return f;
}

/**
 * The estimated sd of a random-effect coefficient.
 * @param fit - the fit
 * @param group - grouping factor
 * @param term - coefficient name, e.g. "(Intercept)"
 * @returns the sd
 * @example
 * randomSd(fit, "study", "treat"); // => 0.778
 */
export function randomSd(fit: MixedFit, group: string, term: string): number {
  for (const vc of fit.varCorr) {
    const i = vc.termNames.indexOf(term);
    if (vc.group === group && i >= 0) return vc.sd[i];
  }
  throw new Error(`no random effect '${term} | ${group}' in the fit`);
}
