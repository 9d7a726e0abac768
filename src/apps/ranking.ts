/**
 * Ranking groups (hospitals, schools) by their random effects, with intervals for the effects and for the
 * ranks: empirical Bayes (conditional modes; rank intervals by simulation from the conditional normal
 * distributions, fixed seed) or full Bayes (posterior means; rank intervals from the ranks of the draws).
 * Rank 1 = the largest effect.
 * @module
 */
import type { NutsFit } from "../fit/index.js";
import type { MixedFit } from "../laplace/index.js";
import { makeRng, normal } from "../rng.js";
import { pooledDraws } from "./draws.js";
import { zFor } from "./wald.js";

/** One ranked group. */
export interface RankedLevel {
  readonly level: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly rank: number;
  readonly rank_lower: number;
  readonly rank_upper: number;
}

/** A ranking (the JSON `glmm rank` prints). */
export interface Ranking {
  readonly group: string;
  readonly method: "laplace" | "nuts";
  readonly levels: RankedLevel[];
}

/** Options of the rankings. */
export interface RankOptions {
  /** Random-effect coefficient to rank; default "(Intercept)". */
  readonly term?: string;
  /** Interval coverage; default 0.9. */
  readonly level?: number;
  /** EB: number of simulations; default 4000. */
  readonly nsim?: number;
  /** EB: simulation seed; default 1. */
  readonly seed?: number;
}

/**
 * Ranks (1 = largest) of each row of a draws-by-levels matrix, written in place into `ranks`.
 * @param values - row-major nsim x L
 * @param L - number of levels
 * @param ranks - output, same shape (ties broken by order)
 * @returns ranks
 * @example
 * rankRows(new Float64Array([0.1, 0.5, -1]), 3, new Int32Array(3)); // => Int32Array [2, 1, 3]
 */
export function rankRows(values: Float64Array, L: number, ranks: Int32Array): Int32Array {
  const order = new Int32Array(L);
  for (let s = 0; s * L < values.length; s++) {
    const o = s * L;
    for (let l = 0; l < L; l++) order[l] = l;
    order.sort((a, b) => values[o + b] - values[o + a]);
    for (let r = 0; r < L; r++) ranks[o + order[r]] = r + 1;
  }
  return ranks;
}

/** Inverse-cdf (type 1) quantile of sorted integers: an attained value. */
function quantileType1(sorted: Int32Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * Rank intervals from simulated or posterior effects.
 * @param values - row-major nsim x L effects
 * @param L - number of levels
 * @param level - coverage
 * @returns per level [lower, upper] rank quantiles
 * @example
 * rankIntervals(sims, 60, 0.9)[0]; // => [3, 21]
 */
export function rankIntervals(values: Float64Array, L: number, level: number): [number, number][] {
  const nsim = values.length / L, ranks = rankRows(values, L, new Int32Array(values.length));
  const lo = (1 - level) / 2, hi = 1 - lo;
  return Array.from({ length: L }, (_, l) => {
    const r = new Int32Array(nsim);
    for (let s = 0; s < nsim; s++) r[s] = ranks[s * L + l];
    r.sort();
    return [quantileType1(r, lo), quantileType1(r, hi)];
  });
}

function assemble(group: string, method: Ranking["method"], levels: readonly string[], est: Float64Array, lower: number[], upper: number[], values: Float64Array, level: number): Ranking {
  const point = rankRows(est, est.length, new Int32Array(est.length));
  const ri = rankIntervals(values, levels.length, level);
  const out = levels.map((lv, l) => ({ level: lv, estimate: est[l], lower: lower[l], upper: upper[l], rank: point[l], rank_lower: ri[l][0], rank_upper: ri[l][1] }));
  return { group, method, levels: out.sort((a, b) => a.rank - b.rank) };
}

/**
 * Empirical-Bayes ranking from a Laplace/AGQ fit: conditional modes, mode +- z sd, rank intervals by
 * simulating every level's effect from N(mode, sd^2) (independent conditional normals, seeded).
 * @param fit - a fit from fitMixed
 * @param group - grouping factor
 * @param options - term, level (0.9), nsim (4000), seed (1)
 * @returns levels sorted by rank
 * @throws Error if the fit has no such random effect
 * @example
 * ebRanking(hospitalFit, "hospital").levels[0]; // => { level: "H07", estimate: 0.93, lower: 0.72, upper: 1.14, rank: 1, rank_lower: 1, rank_upper: 3 }
 */
export function ebRanking(fit: MixedFit, group: string, options: RankOptions = {}): Ranking {
  const term = options.term ?? "(Intercept)", level = options.level ?? 0.9, nsim = options.nsim ?? 4000;
  const entries = fit.ranef.filter((r) => r.group === group && r.term === term);
  if (entries.length === 0) {
    const have = [...new Set(fit.ranef.map((r) => `${r.term} | ${r.group}`))].join(", ");
    throw new Error(`no random effect '${term} | ${group}' to rank; the model has ${have || "none"}`);
  }
  const L = entries.length, z = zFor(level), rng = makeRng(options.seed ?? 1);
  const est = Float64Array.from(entries, (e) => e.mode);
  const values = new Float64Array(nsim * L);
  for (let s = 0; s < nsim; s++) for (let l = 0; l < L; l++) values[s * L + l] = est[l] + entries[l].sd * normal(rng);
  return assemble(group, "laplace", entries.map((e) => e.level), est, entries.map((e) => e.mode - z * e.sd), entries.map((e) => e.mode + z * e.sd), values, level);
}

/**
 * Full-Bayes ranking from NUTS draws: posterior means, central intervals of the effect draws, rank
 * intervals from the ranks within each draw.
 * @param fit - a NUTS fit
 * @param group - grouping factor
 * @param levels - the group's level labels (design term order)
 * @param options - term, level (0.9)
 * @returns levels sorted by rank
 * @example
 * fbRanking(nuts, "hospital", term.levels).levels[0].rank; // => 1
 */
export function fbRanking(fit: NutsFit, group: string, levels: readonly string[], options: RankOptions = {}): Ranking {
  const term = options.term ?? "(Intercept)", level = options.level ?? 0.9, L = levels.length;
  const cols = levels.map((lv) => pooledDraws(fit, `re__${group}__${term}[${lv}]`));
  const nsim = cols[0].length, values = new Float64Array(nsim * L), est = new Float64Array(L);
  const lower: number[] = [], upper: number[] = [];
  cols.forEach((c, l) => {
    for (let s = 0; s < nsim; s++) { values[s * L + l] = c[s]; est[l] += c[s] / nsim; }
    const sorted = Float64Array.from(c).sort();
    lower.push(quantile7(sorted, (1 - level) / 2));
    upper.push(quantile7(sorted, (1 + level) / 2));
  });
  return assemble(group, "nuts", levels, est, lower, upper, values, level);
}

function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
