/**
 * Rank normalization (z-scale) with average ranks for ties and Blom's offset c = 3/8, as posterior's
 * `z_scale`: `z = qnorm((r - 3/8) / (S + 1/4))`.
 * @module
 */
import qnorm from "@stdlib/stats-base-dists-normal-quantile";
import { argsort } from "./argsort.js";

const BLOM_C = 3 / 8;

/** z-values of every possible average rank r = 1, 1.5, 2, ..., S (at index 2r), cached per S. */
const zTables = new Map<number, Float64Array>();

function zTable(S: number): Float64Array {
  let table = zTables.get(S);
  if (table === undefined) {
    table = new Float64Array(2 * S + 1);
    for (let k = 2; k <= 2 * S; k++) table[k] = qnorm((k / 2 - BLOM_C) / (S - 2 * BLOM_C + 1), 0, 1);
    if (zTables.size > 64) zTables.clear();
    zTables.set(S, table);
  }
  return table;
}

/**
 * Rank-normalize values whose ascending order is known: tied values (equal under `===`) get the
 * average of their ranks, as R's `rank(ties.method = "average")`. NaN values give NaN.
 *
 * @param x - values
 * @param order - indices sorting `x` ascending (NaN last), e.g. from `argsort`
 * @param out - receives the z-scores (same layout as `x`)
 * @param sortedValues - `x[order[k]]` for every k, if at hand (sequential reads instead of gathers)
 * @returns `out`
 * @see posterior R/convergence.R `z_scale`, `backtransform_ranks` (Blom 1958)
 * @example
 * zScaleOrdered(new Float64Array([3, 1, 2]), new Uint32Array([1, 2, 0]), new Float64Array(3));
 * // => Float64Array [0.8694237732888861, -0.8694237732888861, 0]
 */
export function zScaleOrdered(
  x: Float64Array, order: Uint32Array, out: Float64Array, sortedValues?: Float64Array,
): Float64Array {
  const S = x.length;
  const table = zTable(S);
  const sv = sortedValues ?? gatherSorted(x, order);
  let start = 0;
  while (start < S) {
    const v = sv[start];
    let end = start + 1;
    while (end < S && sv[end] === v) end++;
    // ranks start + 1 .. end share the average (start + 1 + end) / 2, found at table index start + 1 + end
    const z = v !== v ? NaN : table[start + 1 + end];
    for (let k = start; k < end; k++) out[order[k]] = z;
    start = end;
  }
  return out;
}

function gatherSorted(x: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) out[k] = x[order[k]];
  return out;
}

/**
 * Rank-normalize draws: average ranks over all draws (all chains pooled), then
 * `qnorm((r - 3/8) / (S - 3/4 + 1))`. NaN draws stay NaN.
 *
 * @param x - values of any layout (ranked jointly)
 * @param out - output buffer (default: new array)
 * @returns the z-scores, same layout as `x`
 * @see posterior R/convergence.R `z_scale`
 * @example
 * zScale(new Float64Array([3, 1, 2])); // => Float64Array [0.8694237732888861, -0.8694237732888861, 0]
 * zScale(new Float64Array([5, 5])); // => Float64Array [0, 0]
 */
export function zScale(x: Float64Array, out: Float64Array = new Float64Array(x.length)): Float64Array {
  return zScaleOrdered(x, argsort(x, new Uint32Array(x.length)), out);
}
