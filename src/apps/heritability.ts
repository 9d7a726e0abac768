/**
 * Heritability of a known-covariance (kinship) random effect in a gaussian LMM
 * y = X beta + g + e, g ~ N(0, sd_g^2 Z K Z'), e ~ N(0, sigma^2 I): h2 = sd_g^2 / (sd_g^2 + sigma^2).
 *
 * Exact ML/REML by the spectral transformation (Kang et al. 2008, EMMA): with Z K Z' = U diag(d) U', the
 * rotated model U'y has independent errors with variances s2 (h2 d_i + 1 - h2), so beta and the total
 * variance s2 are profiled out in closed form and the likelihood is one-dimensional in h2 (the spectral
 * problem and its profile are shared with the empirical-Bayes fit, laplace/spectralLmm.ts). The interval is
 * the profile-likelihood interval {h2 : 2 (l_max - l(h2)) <= chi2_1(level)}, clipped to [0, 1].
 * @module
 */
import type { Design } from "../design/design.js";
import { H2_MAX, maximiseProfile, profileAt, spectralProblem, type SpectralProblem } from "../laplace/spectralLmm.js";
import { zFor } from "./wald.js";

export { spectralProblem, profileAt, type SpectralProblem };

/** Result of {@link heritability}. */
export interface Heritability {
  readonly method: "ML" | "REML";
  readonly h2: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly sdGenetic: number;
  readonly sigma: number;
  readonly beta: number[];
  readonly fixedNames: readonly string[];
  readonly logLik: number;
}

/** Bisection for the root of f on [a, b] (f(a), f(b) of opposite signs). */
function bisect(f: (x: number) => number, a: number, b: number, tol = 1e-9): number {
  let fa = f(a);
  while (b - a > tol) {
    const m = (a + b) / 2, fm = f(m);
    if (fa * fm <= 0) b = m; else { a = m; fa = fm; }
  }
  return (a + b) / 2;
}

/**
 * Heritability with a profile-likelihood interval, from a rotated problem.
 * @param sp - from {@link spectralProblem}
 * @param fixedNames - names of the fixed effects
 * @param options - method (default ML) and interval level (default 0.95)
 * @returns h2, interval, sd_g, sigma, beta, logLik
 * @example
 * heritabilityFromSpectrum(sp, ["(Intercept)", "x"]).h2; // => 0.7498
 */
export function heritabilityFromSpectrum(sp: SpectralProblem, fixedNames: readonly string[], options: { method?: "ML" | "REML"; level?: number } = {}): Heritability {
  const method = options.method ?? "ML", level = options.level ?? 0.95, reml = method === "REML";
  const ll = (h: number) => profileAt(sp, h, reml).logLik;
  const h2 = maximiseProfile(sp, reml).h2;
  const best = profileAt(sp, h2, reml), cut = best.logLik - zFor(level) ** 2 / 2;
  const drop = (h: number) => ll(h) - cut;
  const lower = drop(0) >= 0 ? 0 : bisect(drop, 0, h2);
  const upper = drop(H2_MAX) >= 0 ? 1 : bisect(drop, h2, H2_MAX);
  return {
    method, h2, lower, upper, level,
    sdGenetic: Math.sqrt(h2 * best.s2), sigma: Math.sqrt((1 - h2) * best.s2),
    beta: best.beta, fixedNames, logLik: best.logLik,
  };
}

/**
 * Heritability of a design's known-covariance random effect (exact ML or REML), with a profile interval.
 * @param design - gaussian design with one random term carrying `knownCovariance` (e.g. kinship_sim)
 * @param options - method (default ML), level (default 0.95)
 * @returns h2 with its interval, sd_g, sigma, fixed effects, logLik
 * @example
 * heritability(loadSpec("kinship_sim/spec.json").design); // => { h2: 0.7498, lower: 0.59, upper: 0.87, ... }
 */
export function heritability(design: Design, options: { method?: "ML" | "REML"; level?: number } = {}): Heritability {
  return heritabilityFromSpectrum(spectralProblem(design), design.fixedNames, options);
}
