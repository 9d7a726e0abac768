/**
 * The draws layout every diagnostic takes, and helpers to build it.
 *
 * One parameter's draws are ONE flat `Float64Array`, chain-major: chain `c` holds
 * `draws[c * n .. (c + 1) * n - 1]` where `n = draws.length / nChains`. Splitting chains is then free
 * (an even `n` split in halves is the same array read as `2 * nChains` chains), and no per-chain arrays
 * are allocated on hot paths.
 * @module
 */

/**
 * Check that `draws` can be read as `nChains` chains of equal length, and return that length.
 *
 * @param draws - all draws of one parameter, chain-major
 * @param nChains - number of chains (>= 1)
 * @returns draws per chain
 * @throws RangeError when `nChains` is not a positive integer or does not divide `draws.length`
 * @example
 * drawsPerChain(new Float64Array(8), 2); // => 4
 */
export function drawsPerChain(draws: Float64Array, nChains: number): number {
  if (!Number.isInteger(nChains) || nChains < 1) {
    throw new RangeError(`nChains must be a positive integer, got ${nChains}`);
  }
  if (draws.length % nChains !== 0) {
    throw new RangeError(
      `${draws.length} draws cannot be split into ${nChains} chains of equal length; pass chains of equal length`,
    );
  }
  return draws.length / nChains;
}

/**
 * Stack per-chain arrays into the flat chain-major layout the diagnostics take.
 *
 * @param chains - one array of draws per chain, all of the same length
 * @returns `{ draws, nChains }`
 * @throws RangeError when the chains have different lengths or there are none
 * @example
 * stackChains([[1, 2], [3, 4]]); // => { draws: Float64Array [1, 2, 3, 4], nChains: 2 }
 */
export function stackChains(chains: ArrayLike<number>[]): { draws: Float64Array; nChains: number } {
  if (chains.length === 0) throw new RangeError("stackChains needs at least one chain");
  const n = chains[0].length;
  const draws = new Float64Array(n * chains.length);
  for (let c = 0; c < chains.length; c++) {
    if (chains[c].length !== n) {
      throw new RangeError(`chain ${c + 1} has ${chains[c].length} draws but chain 1 has ${n}; chains must be equally long`);
    }
    for (let i = 0; i < n; i++) draws[c * n + i] = chains[c][i];
  }
  return { draws, nChains: chains.length };
}

/**
 * True when the draws hold a NaN or an infinite value, or are constant (range below machine epsilon):
 * the cases where posterior's convergence diagnostics return `NA` (`should_return_NA`).
 *
 * @param x - draws (any layout)
 * @returns whether a diagnostic on `x` is undefined
 * @see posterior R/convergence.R `should_return_NA`, R/misc.R `is_constant`
 * @example
 * isDegenerate(new Float64Array([1, 1, 1])); // => true
 * isDegenerate(new Float64Array([1, 2, NaN])); // => true
 * isDegenerate(new Float64Array([1, 2, 3])); // => false
 */
export function isDegenerate(x: Float64Array): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v || v === Infinity || v === -Infinity) return true;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return !(Math.abs(hi - lo) >= Number.EPSILON);
}

/**
 * Chain means of chain-major draws, in one pass that also checks posterior's `should_return_NA`
 * (a NaN or infinite draw, or constant draws): the shared first pass of R-hat and ESS.
 *
 * @param x - chain-major draws, `n` per chain
 * @param nChains - number of chains
 * @param n - draws per chain
 * @param chainMeans - output, length nChains
 * @returns false when the draws are degenerate (the means are then meaningless)
 * @example
 * const m = new Float64Array(2); chainMeansChecked(new Float64Array([1, 2, 3, 5]), 2, 2, m); // => true, m = [1.5, 4]
 * chainMeansChecked(new Float64Array([1, 1, 1, 1]), 2, 2, m); // => false
 */
export function chainMeansChecked(x: Float64Array, nChains: number, n: number, chainMeans: Float64Array): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  let total = 0;
  for (let c = 0; c < nChains; c++) {
    let s = 0;
    for (let i = c * n; i < (c + 1) * n; i++) {
      const v = x[i];
      s += v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    chainMeans[c] = s / n;
    total += s;
  }
  return !(Number.isNaN(total) || lo === -Infinity || hi === Infinity || !(hi - lo >= Number.EPSILON));
}
