/**
 * Split each chain in two halves, doubling the number of chains (posterior's `.split_chains`).
 * @module
 */
import { drawsPerChain } from "./draws.js";

/** Draws of one parameter in the chain-major layout, with their chain count. */
export interface Chains {
  /** all draws, chain-major (see `draws.ts`) */
  draws: Float64Array;
  /** number of chains */
  nChains: number;
}

/**
 * Split every chain into its first and second half. With an odd number of draws per chain the middle
 * draw of each chain is dropped (R: `x[1:floor(n/2)]`, `x[ceiling(n/2 + 1):n]`). Chains of one draw
 * are returned unchanged. An even split returns the same array (no copy): chain-major halves are
 * already consecutive.
 *
 * @param draws - draws of one parameter, chain-major
 * @param nChains - number of chains
 * @returns the split chains (`2 * nChains` of them, unless each chain has one draw)
 * @see posterior R/split_chains.R `.split_chains`
 * @example
 * splitChains(new Float64Array([1, 2, 3, 4, 5]), 1); // => { draws: Float64Array [1, 2, 4, 5], nChains: 2 }
 * splitChains(new Float64Array([1, 2, 3, 4]), 2).nChains; // => 4
 */
export function splitChains(draws: Float64Array, nChains: number): Chains {
  const n = drawsPerChain(draws, nChains);
  if (n <= 1) return { draws, nChains };
  if (n % 2 === 0) return { draws, nChains: 2 * nChains };
  const half = (n - 1) / 2;
  const out = new Float64Array(2 * half * nChains);
  let k = 0;
  for (let c = 0; c < nChains; c++) {
    const base = c * n;
    for (let i = 0; i < half; i++) out[k++] = draws[base + i];
    for (let i = half + 1; i < n; i++) out[k++] = draws[base + i];
  }
  return { draws: out, nChains: 2 * nChains };
}
