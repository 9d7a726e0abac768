/** Simple Monte Carlo summaries for the sampler tests (batch means; no dependency on src/diagnostics). */

/** Mean of xs. */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sample variance (n - 1). */
export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
}

/**
 * Batch-means MCSE of the mean of a set of chains: each chain is cut into batches of `batch` draws; the MCSE is
 * sd(batch means) / sqrt(number of batches).
 */
export function mcseMean(chains: Float64Array[], batch = 50): number {
  const means: number[] = [];
  for (const c of chains) {
    for (let b = 0; b + batch <= c.length; b += batch) means.push(mean(c.subarray(b, b + batch)));
  }
  return Math.sqrt(variance(means) / means.length);
}

/** Column k of a draw-major matrix with `width` columns. */
export function column(draws: Float64Array, width: number, k: number): Float64Array {
  const n = draws.length / width;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draws[i * width + k];
  return out;
}
