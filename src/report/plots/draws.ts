/**
 * Reading one parameter's draws out of a NUTS result (draw-major per chain).
 * @module
 */
import type { SampleResult } from "../../../samplers/index.js";

/**
 * The draws of one parameter, one array per chain.
 *
 * @param result - the sampler result
 * @param name - parameter name (FORMAT.md)
 * @returns per-chain draws
 * @throws Error when the sampler reported no such parameter
 * @example
 * chainDraws(nuts.result, "period2").length; // => 4 (chains)
 */
export function chainDraws(result: Pick<SampleResult, "chains" | "outputNames">, name: string): Float64Array[] {
  const k = result.outputNames.indexOf(name);
  if (k < 0) throw new Error(`no draws of "${name}": the sampler reported ${result.outputNames.slice(0, 5).join(", ")}, ...`);
  const m = result.outputNames.length;
  return result.chains.map((c) => {
    const n = c.draws.length / m, out = new Float64Array(n);
    for (let d = 0; d < n; d++) out[d] = c.draws[d * m + k];
    return out;
  });
}

/**
 * Rank histogram counts (the rank plot of Vehtari et al. 2021): ranks of all draws pooled over chains, split
 * into `bins` equal bins, counted per chain.
 *
 * @param chains - per-chain draws
 * @param bins - number of rank bins
 * @returns counts[chain][bin]
 * @example
 * rankCounts([new Float64Array([1, 3]), new Float64Array([2, 4])], 2); // => [[1, 1], [1, 1]]
 */
export function rankCounts(chains: readonly Float64Array[], bins: number): number[][] {
  const pooled: { v: number; c: number }[] = [];
  chains.forEach((x, c) => x.forEach((v) => pooled.push({ v, c })));
  pooled.sort((a, b) => a.v - b.v);
  const counts = chains.map(() => new Array<number>(bins).fill(0));
  const N = pooled.length;
  pooled.forEach((p, r) => { counts[p.c][Math.min(bins - 1, Math.floor((r * bins) / N))]++; });
  return counts;
}
