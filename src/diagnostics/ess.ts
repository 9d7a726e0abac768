/**
 * Effective sample sizes of one parameter (posterior's `ess_basic`, `ess_bulk`, `ess_tail`,
 * `ess_quantile`, `ess_mean`, `ess_sd`), composed from split chains, rank normalization and indicator
 * transforms of `essOfChains`.
 *
 * Every function takes one parameter's draws as a flat chain-major `Float64Array` and the number of
 * chains (see `draws.ts`), and returns NaN where posterior returns NA.
 * @see Vehtari, Gelman, Simpson, Carpenter, Bürkner (2021). Rank-normalization, folding, and localization:
 *   An improved R-hat for assessing convergence of MCMC. Bayesian Analysis 16(2), 667-718.
 * @module
 */
import { drawsPerChain, isDegenerate } from "./draws.js";
import { essOfChains, type EssWorkspace } from "./geyer.js";
import { mean } from "./moments.js";
import { quantileSorted } from "./quantile.js";
import { zScale } from "./rank.js";
import { splitChains } from "./splitChains.js";

/**
 * Basic ESS: `essOfChains` of the split chains (Gelman et al. 2013, BDA3).
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @returns the ESS, NaN for degenerate input
 * @example
 * const x = new Float64Array([0.1, -0.3, 0.8, 1.2, -0.5, 0.2, 0.9, -1.1, 0.4, -0.7, 1.5, 0.0]);
 * essBasic(x, 1); // => 12.9501749525715 (= 12 log10(12), the cap: too few draws to see any autocorrelation)
 */
export function essBasic(draws: Float64Array, nChains: number): number {
  const s = splitChains(draws, nChains);
  return essOfChains(s.draws, s.nChains);
}

/**
 * ESS of the mean, identical to `essBasic` (posterior's `ess_mean`).
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @returns the ESS, NaN for degenerate input
 * @example
 * essMean(new Float64Array([1, 1, 1, 1]), 1); // => NaN (constant draws)
 */
export function essMean(draws: Float64Array, nChains: number): number {
  return essBasic(draws, nChains);
}

/**
 * Bulk ESS: ESS of the rank-normalized split chains.
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @param ws - optional reusable scratch buffers
 * @returns the bulk ESS, NaN for NaN or constant draws
 * @example
 * const x = new Float64Array([0.1, -0.3, 0.8, 1.2, -0.5, 0.2, 0.9, -1.1, 0.4, -0.7, 1.5, 0.0]);
 * essBulk(x, 1); // => 12.9501749525715
 */
export function essBulk(draws: Float64Array, nChains: number, ws?: EssWorkspace): number {
  const s = splitChains(draws, nChains);
  return essOfChains(zScale(s.draws), s.nChains, ws);
}

/**
 * ESS of the indicator `draws <= quantile(draws, p)` (the ESS of the p-quantile estimate).
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @param p - probability in [0, 1]
 * @param sorted - the draws sorted ascending, if already at hand
 * @param ws - optional reusable scratch buffers
 * @returns the ESS, NaN for NaN/Inf or constant draws
 * @throws RangeError when p is outside [0, 1]
 * @example
 * const x = new Float64Array([0.1, -0.3, 0.8, 1.2, -0.5, 0.2, 0.9, -1.1, 0.4, -0.7, 1.5, 0.0]);
 * essQuantile(x, 1, 0.5); // => 12.9501749525715
 */
export function essQuantile(
  draws: Float64Array, nChains: number, p: number, sorted?: Float64Array, ws?: EssWorkspace,
): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
  drawsPerChain(draws, nChains);
  if (isDegenerate(draws)) return NaN;
  const len = draws.length;
  const prob = p === 1 ? (len - 0.5) / len : p;
  const q = quantileSorted(sorted ?? Float64Array.from(draws).sort(), prob);
  const indicator = new Float64Array(len);
  for (let i = 0; i < len; i++) indicator[i] = draws[i] <= q ? 1 : 0;
  const s = splitChains(indicator, nChains);
  return essOfChains(s.draws, s.nChains, ws);
}

/**
 * Tail ESS: the smaller of the ESS of the 5% and 95% quantiles.
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @param sorted - the draws sorted ascending, if already at hand
 * @param ws - optional reusable scratch buffers
 * @returns the tail ESS, NaN for NaN/Inf or constant draws
 * @example
 * const x = new Float64Array([0.1, -0.3, 0.8, 1.2, -0.5, 0.2, 0.9, -1.1, 0.4, -0.7, 1.5, 0.0]);
 * essTail(x, 1); // => 12.9501749525715
 */
export function essTail(draws: Float64Array, nChains: number, sorted?: Float64Array, ws?: EssWorkspace): number {
  const srt = sorted ?? Float64Array.from(draws).sort();
  const q05 = essQuantile(draws, nChains, 0.05, srt, ws);
  const q95 = essQuantile(draws, nChains, 0.95, srt, ws);
  return Number.isNaN(q05) || Number.isNaN(q95) ? NaN : Math.min(q05, q95);
}

/**
 * ESS of the standard deviation: ESS of the split chains of `|x - mean(x)|` (posterior >= 1.4).
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @returns the ESS, NaN for degenerate input
 * @example
 * const x = new Float64Array([0.1, -0.3, 0.8, 1.2, -0.5, 0.2, 0.9, -1.1, 0.4, -0.7, 1.5, 0.0]);
 * essSd(x, 1); // => 12.9501749525715
 */
export function essSd(draws: Float64Array, nChains: number): number {
  const mu = mean(draws);
  const dev = new Float64Array(draws.length);
  for (let i = 0; i < draws.length; i++) dev[i] = Math.abs(draws[i] - mu);
  return essBasic(dev, nChains);
}
