/**
 * Sample quantiles of type 7 (R's default `quantile`), on sorted or unsorted draws.
 * @module
 */

/**
 * Type-7 quantile of already sorted values, with R's exact arithmetic
 * (`(1 - h) * x[lo] + h * x[hi]`, interpolating only when `x[hi] != x[lo]`), so that indicator
 * transforms like `x <= quantile(x, p)` agree with R draw for draw.
 *
 * @param sorted - values in ascending order (no NaN)
 * @param p - probability in [0, 1]
 * @returns the quantile; NaN for no values
 * @see R src/library/stats/R/quantile.R (type 7)
 * @example
 * quantileSorted(new Float64Array([1, 2, 3, 4]), 0.5); // => 2.5
 * quantileSorted(new Float64Array([1, 2, 3, 4]), 0.05); // => 1.15
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return NaN;
  const index = 1 + (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo - 1];
  const xhi = sorted[hi - 1];
  if (index > lo && xhi !== qs) {
    const h = index - lo;
    return (1 - h) * qs + h * xhi;
  }
  return qs;
}

/**
 * Ascending sorted copy of `x`.
 *
 * @param x - values
 * @returns a new sorted array
 * @example
 * sortedCopy(new Float64Array([3, 1, 2])); // => Float64Array [1, 2, 3]
 */
export function sortedCopy(x: Float64Array): Float64Array {
  return Float64Array.from(x).sort();
}

/**
 * Type-7 quantile of the pooled draws of all chains (posterior's `quantile2`).
 *
 * @param draws - draws of one parameter (any chain layout: the chains are pooled)
 * @param p - probability in [0, 1]
 * @returns the quantile; NaN when a draw is NaN (posterior gives NA) or there are no draws
 * @example
 * quantile(new Float64Array([4, 1, 3, 2]), 0.5); // => 2.5
 * quantile(new Float64Array([1, NaN]), 0.5); // => NaN
 */
export function quantile(draws: Float64Array, p: number): number {
  for (let i = 0; i < draws.length; i++) if (draws[i] !== draws[i]) return NaN;
  return quantileSorted(sortedCopy(draws), p);
}

/**
 * Median of the pooled draws (type 7 at 0.5, same as R's `median`).
 *
 * @param draws - draws of one parameter
 * @returns the median; NaN when a draw is NaN
 * @example
 * median(new Float64Array([5, 1, 3])); // => 3
 */
export function median(draws: Float64Array): number {
  return quantile(draws, 0.5);
}
