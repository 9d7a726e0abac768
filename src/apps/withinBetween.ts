/**
 * Within/between decomposition of a covariate (Mundlak; van de Pol & Wright 2009): x_ij = mean_j + (x_ij -
 * mean_j). Fitting y ~ x_within + x_between + (1 | g) separates the within-group effect (e.g. ageing within
 * an individual) from the between-group one (e.g. selective disappearance: better individuals live longer).
 * Includes the selective-disappearance simulation of the example.
 * @module
 */
import { getColumn, tableFromColumns, type DataTable } from "../data/table.js";
import { makeRng, normal } from "../rng.js";

/** Group means and within-group deviations of one covariate. */
export interface WithinBetweenSplit {
  /** Per row: mean of x over the row's group (NaN where x is missing). */
  readonly between: Float64Array;
  /** Per row: x minus its group mean. */
  readonly within: Float64Array;
}

/**
 * Split x into group mean and within-group deviation (missing x: NaN, excluded from the means).
 * @param x - covariate values
 * @param groups - group label per row
 * @returns between (group mean) and within (deviation) per row
 * @example
 * splitWithinBetween(new Float64Array([1, 3, 10]), ["a", "a", "b"]); // => { between: [2, 2, 10], within: [-1, 1, 0] }
 */
export function splitWithinBetween(x: Float64Array, groups: readonly (string | null)[]): WithinBetweenSplit {
  const sum = new Map<string | null, number>(), count = new Map<string | null, number>();
  x.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    sum.set(groups[i], (sum.get(groups[i]) ?? 0) + v);
    count.set(groups[i], (count.get(groups[i]) ?? 0) + 1);
  });
  const between = Float64Array.from(x, (v, i) => (Number.isNaN(v) ? NaN : sum.get(groups[i])! / count.get(groups[i])!));
  return { between, within: Float64Array.from(x, (v, i) => v - between[i]) };
}

/**
 * The table with `<column>_between` and `<column>_within` added.
 * @param table - data table
 * @param column - numeric covariate
 * @param group - grouping column
 * @returns a new table
 * @throws Error if the column is not numeric
 * @example
 * withWithinBetween(table, "age", "id").names.slice(-2); // => ["age_between", "age_within"]
 */
export function withWithinBetween(table: DataTable, column: string, group: string): DataTable {
  const x = getColumn(table, column), g = getColumn(table, group);
  if (!x.numeric) throw new Error(`column '${column}' is not numeric: a within/between split needs numbers`);
  const { between, within } = splitWithinBetween(x.numeric, g.raw);
  const text = (v: Float64Array) => Array.from(v, (a) => (Number.isNaN(a) ? null : String(a)));
  const cols: Record<string, readonly (string | null)[]> = {};
  for (const n of table.names) cols[n] = getColumn(table, n).raw;
  cols[`${column}_between`] = text(between);
  cols[`${column}_within`] = text(within);
  return tableFromColumns(table.source, cols);
}

/** Settings and truth of the selective-disappearance simulation. */
export interface SelectiveDisappearanceTruth {
  readonly individuals: number;
  readonly intercept: number;
  /** True within-individual ageing slope. */
  readonly ageSlope: number;
  readonly sdIndividual: number;
  readonly sigma: number;
  /** Logit of yearly survival = survivalIntercept + survivalQuality * u_i. */
  readonly survivalIntercept: number;
  readonly survivalQuality: number;
  readonly maxAge: number;
}

/** Default simulation settings. */
export const SELECTIVE_DISAPPEARANCE: SelectiveDisappearanceTruth = {
  individuals: 400, intercept: 1, ageSlope: 0.3, sdIndividual: 1, sigma: 0.5,
  survivalIntercept: 0.5, survivalQuality: 2, maxAge: 10,
};

/**
 * Simulate a trait measured every year of life, individuals of high quality u_i surviving longer:
 * y_ij = intercept + ageSlope * age_ij + u_i + e_ij.
 * @param seed - seed
 * @param truth - settings (default {@link SELECTIVE_DISAPPEARANCE})
 * @returns a table with columns id, age, y
 * @example
 * simulateSelectiveDisappearance(1).names; // => ["id", "age", "y"]
 */
export function simulateSelectiveDisappearance(seed: number, truth: SelectiveDisappearanceTruth = SELECTIVE_DISAPPEARANCE): DataTable {
  const rng = makeRng(seed), id: string[] = [], age: string[] = [], y: string[] = [];
  for (let k = 0; k < truth.individuals; k++) {
    const u = truth.sdIndividual * normal(rng);
    const survive = 1 / (1 + Math.exp(-(truth.survivalIntercept + truth.survivalQuality * u)));
    for (let a = 1; a <= truth.maxAge; a++) {
      id.push(`I${k + 1}`);
      age.push(String(a));
      y.push(String(truth.intercept + truth.ageSlope * a + u + truth.sigma * normal(rng)));
      if (rng() > survive) break;
    }
  }
  return tableFromColumns("simulated", { id, age, y });
}
