/**
 * Potential scale reduction R-hat: the basic split R-hat and the rank-normalized, folded R-hat of
 * Vehtari et al. (2021), as posterior's `rhat_basic` and `rhat`.
 * @see Vehtari, Gelman, Simpson, Carpenter, Bürkner (2021), Bayesian Analysis 16(2), 667-718;
 *   Gelman et al. (2013), Bayesian Data Analysis, 3rd ed.
 * @module
 */
import { chainMeansChecked } from "./draws.js";
import { foldDraws } from "./fold.js";
import { variance } from "./moments.js";
import { zScale } from "./rank.js";
import { splitChains } from "./splitChains.js";

/**
 * R-hat of chains taken as they are (posterior's internal `.rhat`):
 * `sqrt((B/W + n - 1) / n)` with B = n var(chain means), W = mean within-chain variance.
 *
 * @param x - chain-major draws
 * @param nChains - number of chains
 * @returns R-hat; NaN for NaN/Inf or constant draws, or one draw per chain
 * @example
 * rhatOfChains(new Float64Array([1, 2, 3, 2, 3, 4]), 2); // => 1.0801234497346435
 */
export function rhatOfChains(x: Float64Array, nChains: number): number {
  const n = x.length / nChains;
  const chainMeans = new Float64Array(nChains);
  if (!chainMeansChecked(x, nChains, n, chainMeans)) return NaN;
  let withinSum = 0;
  for (let c = 0; c < nChains; c++) {
    const mu = chainMeans[c];
    let ss = 0;
    for (let i = c * n; i < (c + 1) * n; i++) ss += (x[i] - mu) * (x[i] - mu);
    withinSum += ss / (n - 1);
  }
  const varBetween = n * variance(chainMeans);
  const varWithin = withinSum / nChains;
  return Math.sqrt((varBetween / varWithin + n - 1) / n);
}

/**
 * Basic split R-hat (no rank normalization).
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @returns R-hat; NaN for degenerate input
 * @example
 * rhatBasic(new Float64Array([1, 2, 3, 4, 2, 3, 4, 5]), 2); // => 1.957890020745122
 */
export function rhatBasic(draws: Float64Array, nChains: number): number {
  const s = splitChains(draws, nChains);
  return rhatOfChains(s.draws, s.nChains);
}

/**
 * Rank-normalized split R-hat: the larger of the bulk R-hat (rank-normalized split chains) and the
 * tail R-hat (the same after folding the draws about their median).
 *
 * @param draws - chain-major draws of one parameter
 * @param nChains - number of chains
 * @returns R-hat; NaN for NaN draws or constant draws
 * @example
 * rhat(new Float64Array([1, 2, 3, 4, 2, 3, 4, 5]), 2); // => 1.8885001673906132
 */
export function rhat(draws: Float64Array, nChains: number): number {
  const s = splitChains(draws, nChains);
  const bulk = rhatOfChains(zScale(s.draws), s.nChains);
  const f = splitChains(foldDraws(draws), nChains);
  const tail = rhatOfChains(zScale(f.draws), f.nChains);
  return Number.isNaN(bulk) || Number.isNaN(tail) ? NaN : Math.max(bulk, tail);
}
