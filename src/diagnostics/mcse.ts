/**
 * Monte Carlo standard errors of the mean, the standard deviation and quantiles of one parameter
 * (posterior's `mcse_mean`, `mcse_sd`, `mcse_quantile`).
 * @see Vehtari et al. (2021), Bayesian Analysis 16(2); Kenney and Keeping (1951), Mathematics of
 *   Statistics, Part II, p. 141
 * @module
 */
import { betaQuantile } from "./betaQuantile.js";
import { drawsPerChain } from "./draws.js";
import { essMean, essQuantile } from "./ess.js";
import { mean, sd } from "./moments.js";

/**
 * MCSE of the mean: `sd(x) / sqrt(essMean(x))`.
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @returns the MCSE; NaN for degenerate input
 * @example
 * const x = new Float64Array([0.1, -0.3, 0.8, 1.2, -0.5, 0.2, 0.9, -1.1, 0.4, -0.7, 1.5, 0.0]);
 * mcseMean(x, 1); // => 0.21959268376653276
 */
export function mcseMean(draws: Float64Array, nChains: number): number {
  return sd(draws) / Math.sqrt(essMean(draws, nChains));
}

/**
 * MCSE of the standard deviation without assuming normality: the variance of the variance estimate
 * from the second and fourth central moments (Kenney and Keeping 1951) with the ESS of the squared
 * centred draws, mapped to the SD by a first-order Taylor expansion.
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @returns the MCSE; NaN for degenerate input
 * @example
 * const x = new Float64Array([0.1, -0.3, 0.8, 1.2, -0.5, 0.2, 0.9, -1.1, 0.4, -0.7, 1.5, 0.0]);
 * mcseSd(x, 1); // => 0.10737673055889412
 */
export function mcseSd(draws: Float64Array, nChains: number): number {
  const mu = mean(draws);
  const sq = new Float64Array(draws.length);
  const fourth = new Float64Array(draws.length);
  for (let i = 0; i < draws.length; i++) {
    const c = draws[i] - mu;
    sq[i] = c * c;
    fourth[i] = sq[i] * sq[i];
  }
  const ess = essMean(sq, nChains);
  const eVar = mean(sq);
  const varVar = (mean(fourth) - eVar * eVar) / ess;
  return Math.sqrt(varVar / eVar / 4);
}

/** Normal probabilities of -1 and +1 standard deviations, as posterior hard-codes them. */
const ONE_SD_PROBS = [0.1586553, 0.8413447] as const;

/**
 * MCSE of the p-quantile: half the distance between the order statistics at the +-1 sd quantiles of
 * Beta(ess p + 1, ess (1 - p) + 1), where ess is the ESS of the p-quantile.
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @param p - probability in [0, 1]
 * @param sorted - the draws sorted ascending, if already at hand
 * @returns the MCSE; NaN for NaN/Inf or constant draws
 * @example
 * const x = new Float64Array([0.1, -0.3, 0.8, 1.2, -0.5, 0.2, 0.9, -1.1, 0.4, -0.7, 1.5, 0.0]);
 * mcseQuantile(x, 1, 0.5); // => 0.35
 */
export function mcseQuantile(draws: Float64Array, nChains: number, p: number, sorted?: Float64Array): number {
  drawsPerChain(draws, nChains);
  const srt = sorted ?? Float64Array.from(draws).sort();
  const ess = essQuantile(draws, nChains, p, srt);
  if (Number.isNaN(ess)) return NaN;
  const a1 = betaQuantile(ONE_SD_PROBS[0], ess * p + 1, ess * (1 - p) + 1);
  const a2 = betaQuantile(ONE_SD_PROBS[1], ess * p + 1, ess * (1 - p) + 1);
  const S = srt.length;
  const th1 = srt[Math.max(Math.floor(a1 * S), 1) - 1];
  const th2 = srt[Math.min(Math.ceil(a2 * S), S) - 1];
  return (th2 - th1) / 2;
}
