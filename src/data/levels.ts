/**
 * Factor levels as R forms them: `factor(x)` sorts numbers numerically and strings in the locale's collation
 * order (we use ICU's `en` collation, close to R's usual en_US.UTF-8 sort; R in the C locale sorts bytewise).
 * @module
 */
import { formatNumberR } from "../formula/deparse.js";

const collator = new Intl.Collator("en");

/**
 * The sorted distinct labels of a column, as R's `factor()` would create them.
 *
 * @param raw - the fields (no missing values)
 * @param numeric - the numeric values if the column is numeric, else null
 * @returns the level labels in R's order
 * @example
 * defaultLevels(["10", "9", "10"], new Float64Array([10, 9, 10])); // => ["9", "10"]
 * defaultLevels(["b", "B", "a"], null);                            // => ["a", "b", "B"]
 */
export function defaultLevels(raw: readonly (string | null)[], numeric: Float64Array | null): string[] {
  if (numeric) {
    const vals = [...new Set(numeric)].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    return vals.map(formatNumberR);
  }
  const vals = [...new Set(raw.filter((s): s is string => s !== null))];
  return vals.sort(collator.compare);
}

/**
 * The level label of each row: numbers relabelled as R prints them (`1.50` -> `1.5`), text as is.
 *
 * @example
 * rowLabels(["1.50"], new Float64Array([1.5])); // => ["1.5"]
 */
export function rowLabels(raw: readonly (string | null)[], numeric: Float64Array | null): (string | null)[] {
  if (!numeric) return [...raw];
  return raw.map((s, i) => (s === null ? null : formatNumberR(numeric[i])));
}
