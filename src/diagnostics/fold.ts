/**
 * Folding draws about their median, `|x - median(x)|` (posterior's `fold_draws`), used by the tail R-hat.
 * @module
 */
import { median } from "./quantile.js";

/**
 * Fold draws about their pooled median.
 *
 * @param x - draws of one parameter (all chains pooled for the median)
 * @param med - the median, if already known
 * @param out - output buffer (default: new array)
 * @returns `|x - median(x)|`, same layout as `x`
 * @see posterior R/convergence.R `fold_draws`
 * @example
 * foldDraws(new Float64Array([1, 2, 6])); // => Float64Array [1, 0, 4]
 */
export function foldDraws(x: Float64Array, med = median(x), out: Float64Array = new Float64Array(x.length)): Float64Array {
  for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i] - med);
  return out;
}

/**
 * Fold draws about `med` and get the ascending order of the folded values in O(n) from the order of
 * the draws, by merging the draws below `med` (walking down) with those at or above it (walking up).
 *
 * @param x - draws (no NaN)
 * @param order - indices sorting `x` ascending
 * @param med - the centre (finite)
 * @param folded - receives `|x - med|`
 * @param foldedOrder - receives indices sorting `folded` ascending
 * @param foldedSorted - receives the folded values in ascending order (optional)
 * @returns nothing
 * @example
 * const folded = new Float64Array(3), fo = new Uint32Array(3);
 * foldOrdered(new Float64Array([1, 2, 6]), new Uint32Array([0, 1, 2]), 2, folded, fo);
 * // folded => [1, 0, 4], fo => [1, 0, 2]
 */
export function foldOrdered(
  x: Float64Array, order: Uint32Array, med: number, folded: Float64Array, foldedOrder: Uint32Array,
  foldedSorted?: Float64Array,
): void {
  const n = x.length;
  for (let i = 0; i < n; i++) folded[i] = Math.abs(x[i] - med);
  let right = 0;
  while (right < n && x[order[right]] < med) right++;
  let left = right - 1;
  let fl = left >= 0 ? folded[order[left]] : Infinity;
  let fr = right < n ? folded[order[right]] : Infinity;
  for (let k = 0; k < n; k++) {
    // take the left draw when strictly smaller, or when the right side is used up
    if (right >= n || (left >= 0 && fl < fr)) {
      foldedOrder[k] = order[left];
      if (foldedSorted !== undefined) foldedSorted[k] = fl;
      left--;
      fl = left >= 0 ? folded[order[left]] : Infinity;
    } else {
      foldedOrder[k] = order[right];
      if (foldedSorted !== undefined) foldedSorted[k] = fr;
      right++;
      fr = right < n ? folded[order[right]] : Infinity;
    }
  }
}
