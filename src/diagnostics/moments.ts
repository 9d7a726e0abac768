/**
 * Mean, variance and standard deviation computed as R computes them (`mean.default` with its
 * second refinement pass, `var` with n - 1), so summaries agree with R to the last digits.
 * @module
 */

/**
 * Mean of `x[offset .. offset + n - 1]`, with R's refinement pass (sum, then add the mean residual).
 *
 * @param x - values
 * @param offset - first index (default 0)
 * @param n - count (default: to the end)
 * @returns the mean; NaN for no values; +-Infinity when an infinite value is present
 * @see R src/main/summary.c `rsum`/`real_mean`
 * @example
 * mean(new Float64Array([1, 2, 3, 4])); // => 2.5
 * mean(new Float64Array([])); // => NaN
 */
export function mean(x: Float64Array, offset = 0, n = x.length - offset): number {
  if (n <= 0) return NaN;
  let s = 0;
  for (let i = offset; i < offset + n; i++) s += x[i];
  s /= n;
  if (!Number.isFinite(s)) return s;
  let t = 0;
  for (let i = offset; i < offset + n; i++) t += x[i] - s;
  return s + t / n;
}

/**
 * Sample variance (divisor n - 1) of `x[offset .. offset + n - 1]`, two-pass about the mean.
 *
 * @param x - values
 * @param offset - first index (default 0)
 * @param n - count (default: to the end)
 * @param center - the mean, if already known
 * @returns the variance; NaN for fewer than 2 values or non-finite input
 * @example
 * variance(new Float64Array([1, 2, 3, 4])); // => 1.6666666666666667
 * variance(new Float64Array([5])); // => NaN
 */
export function variance(x: Float64Array, offset = 0, n = x.length - offset, center = mean(x, offset, n)): number {
  if (n < 2) return NaN;
  let ss = 0;
  for (let i = offset; i < offset + n; i++) {
    const d = x[i] - center;
    ss += d * d;
  }
  return ss / (n - 1);
}

/**
 * Sample standard deviation (divisor n - 1), pooling all chains as posterior's `sd` does.
 *
 * @param x - values
 * @returns the standard deviation; NaN for fewer than 2 values or non-finite input
 * @example
 * sd(new Float64Array([1, 2, 3, 4])); // => 1.2909944487358056
 */
export function sd(x: Float64Array): number {
  return Math.sqrt(variance(x));
}
