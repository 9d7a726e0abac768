/**
 * The records of an empirical-Bayes versus full-Bayes comparison: one row per parameter (fixed effect,
 * variance component, random effect), the flags that say where the two part, and per-level group data for
 * the shrinkage plot. Everything here is plain JSON-ready data (compare.json).
 * @module
 */

/** What a row describes. `sd`, `cor`, `sigma`, `shape` are the variance components. */
export type RowKind = "fixed" | "sd" | "cor" | "sigma" | "shape" | "re";

/** Names of the flag rules (see flags.ts). */
export type FlagRule = "boundary" | "interval-width" | "rank" | "small-group";

/** One reason why EB and FB part on a parameter. */
export interface Flag {
  readonly rule: FlagRule;
  /** A sentence with the numbers behind the flag. */
  readonly reason: string;
}

/**
 * The empirical-Bayes side of a row: the estimate (conditional mode for random effects), its standard error
 * (conditional sd for random effects; null for variance components, as lme4 gives none) and the 90% Wald
 * interval est ± 1.645 SE (null without an SE).
 */
export interface EbSide {
  readonly est: number;
  readonly se: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

/** The full-Bayes side of a row: posterior summary (90% central interval q5..q95). */
export interface FbSide {
  readonly mean: number;
  readonly sd: number;
  readonly q5: number;
  readonly q50: number;
  readonly q95: number;
  readonly rhat: number;
  readonly ess_bulk: number;
}

/** One parameter, both ways. */
export interface CompareRow {
  /** FORMAT.md name: `period2`, `sd__herd__(Intercept)`, `re__herd__(Intercept)[3]`. */
  readonly name: string;
  readonly kind: RowKind;
  /** Grouping factor and coefficient (variance components and random effects). */
  readonly group?: string;
  readonly term?: string;
  /** Level (random effects only). */
  readonly level?: string;
  readonly eb: EbSide;
  /** null when the sampler reported no such parameter. */
  readonly fb: FbSide | null;
  readonly flags: Flag[];
}

/**
 * One level of one random-effect term, for the shrinkage plot: its size, its no-pooling ("raw") estimate,
 * the EB conditional mode and the posterior mean.
 */
export interface GroupEstimate {
  readonly group: string;
  readonly term: string;
  readonly level: string;
  /** Observations in the level (binomial: total trials, the level's information). */
  readonly size: number;
  /** Number of observations in the level. */
  readonly nObs: number;
  /** No-pooling estimate on the link scale (see rawGroupEstimates); null where none is defined. */
  readonly raw: number | null;
  readonly ebMode: number;
  readonly fbMean: number | null;
}

/** Settings and outcome of the EB fit. */
export interface EbInfo {
  readonly method: string;
  readonly logLik: number;
  readonly converged: boolean;
  readonly singular: boolean;
  readonly seconds: number;
}

/** Settings and outcome of the NUTS run. */
export interface FbInfo {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  readonly seconds: number;
  readonly divergences: number;
  readonly maxRhat: number;
  readonly minEssBulk: number;
  readonly warnings: string[];
}

/** The whole comparison (written as compare.json). */
export interface Comparison {
  readonly model: { readonly family: string; readonly link: string; readonly nObs: number; readonly formula?: string };
  readonly eb: EbInfo;
  readonly fb: FbInfo;
  readonly rows: CompareRow[];
  readonly groups: GroupEstimate[];
  /** Number of rows with at least one flag, per rule. */
  readonly flagCounts: Record<FlagRule, number>;
}
