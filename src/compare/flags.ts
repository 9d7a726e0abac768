/**
 * Flag rules: small pure functions that say where empirical Bayes and full Bayes part on a parameter, and why.
 * Each returns a Flag (rule + a sentence with the numbers) or null.
 *
 * - boundary: a variance component the EB fit puts at (or near) its boundary — an sd near 0, or lme4-singular,
 *   or a correlation near ±1 — while the posterior's 90% interval keeps away from that value.
 * - interval-width: the EB 90% Wald interval (est ± 1.645 SE) and the posterior 90% interval differ in width by
 *   more than 25% of the EB width.
 * - rank: a random-effect level whose rank among its term's levels moves by several places between EB modes
 *   and posterior means.
 * - small-group: a level with few observations whose posterior mean sits away from its EB mode (FB shrinks it
 *   differently, typically because it propagates the uncertainty of the variance component).
 * @module
 */
import type { EbSide, FbSide, Flag } from "./types.js";

/** z for a 90% two-sided normal interval. */
export const Z90 = 1.6448536269514722;

/** An EB sd below this fraction of the posterior median counts as "near 0". */
export const NEAR_ZERO = 0.1;
/** An EB correlation with |cor| above this counts as "at ±1". */
export const NEAR_ONE = 0.98;
/** Relative width difference above which intervals are flagged. */
export const WIDTH_TOLERANCE = 0.25;
/** Posterior-mean shift (in posterior sds) above which a small group is flagged. */
export const SHIFT_TOLERANCE = 0.25;

const fmt = (x: number) => (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : x.toPrecision(3));

/**
 * The EB 90% Wald interval est ± 1.645 SE (nulls when there is no SE).
 *
 * @example
 * ebInterval(1, 0.5); // => { lo: 0.1776, hi: 1.8224 } (rounded)
 * ebInterval(1, null); // => { lo: null, hi: null }
 */
export function ebInterval(est: number, se: number | null): { lo: number | null; hi: number | null } {
  if (se === null || !Number.isFinite(se)) return { lo: null, hi: null };
  return { lo: est - Z90 * se, hi: est + Z90 * se };
}

/**
 * Boundary rule for a variance component: EB sd near 0 (below NEAR_ZERO × posterior median) or the fit is
 * singular, or an EB correlation at ±1, while the posterior 90% interval excludes the EB value.
 *
 * @param kind - "sd" | "cor" | "sigma" | "shape" (only sd and cor can sit at a boundary here)
 * @param ebEst - EB estimate
 * @param fb - posterior summary
 * @param singular - the EB fit is singular (lme4's isSingular)
 * @returns a boundary flag or null
 * @example
 * boundaryFlag("sd", 0, { q5: 0.1, q50: 0.5, q95: 1 }, true)?.rule; // => "boundary"
 * boundaryFlag("sd", 0.6, { q5: 0.4, q50: 0.7, q95: 1.1 }, false); // => null
 */
export function boundaryFlag(kind: string, ebEst: number, fb: Pick<FbSide, "q5" | "q50" | "q95">, singular: boolean): Flag | null {
  const outside = ebEst < fb.q5 || ebEst > fb.q95;
  if (!outside) return null;
  const interval = `[${fmt(fb.q5)}, ${fmt(fb.q95)}]`;
  if (kind === "sd" && ebEst < fb.q5 && (ebEst < NEAR_ZERO * fb.q50 || singular)) {
    const why = singular ? "the EB fit is singular" : `EB sd ${fmt(ebEst)} < ${NEAR_ZERO} × posterior median ${fmt(fb.q50)}`;
    return { rule: "boundary", reason: `sd at the boundary (${why}, EB ${fmt(ebEst)}) while the posterior 90% interval ${interval} keeps away from 0` };
  }
  if (kind === "cor" && Math.abs(ebEst) > NEAR_ONE) {
    return { rule: "boundary", reason: `EB correlation ${fmt(ebEst)} at ±1 while the posterior 90% interval ${interval} excludes it` };
  }
  return null;
}

/**
 * Interval-width rule: |FB width − EB width| > WIDTH_TOLERANCE × EB width, with EB width = 2 × 1.645 SE and
 * FB width = q95 − q5.
 *
 * @example
 * intervalWidthFlag({ est: 0, se: 1, lo: -1.645, hi: 1.645 }, { q5: -2.5, q95: 2.5 })?.rule; // => "interval-width"
 * intervalWidthFlag({ est: 0, se: 1, lo: -1.645, hi: 1.645 }, { q5: -1.7, q95: 1.7 }); // => null
 */
export function intervalWidthFlag(eb: EbSide, fb: Pick<FbSide, "q5" | "q95">, tolerance = WIDTH_TOLERANCE): Flag | null {
  if (eb.lo === null || eb.hi === null) return null;
  const ebWidth = eb.hi - eb.lo, fbWidth = fb.q95 - fb.q5;
  if (!(ebWidth > 0) || !Number.isFinite(fbWidth)) return null;
  const rel = (fbWidth - ebWidth) / ebWidth;
  if (Math.abs(rel) <= tolerance) return null;
  const pct = Math.round(rel * 100);
  return { rule: "interval-width", reason: `posterior 90% interval is ${pct > 0 ? "+" : ""}${pct}% the width of the EB interval (${fmt(fbWidth)} vs ${fmt(ebWidth)})` };
}

/**
 * 0-based ranks of values (ties keep input order).
 *
 * @example
 * ranks([0.3, -1, 2]); // => [1, 0, 2]
 */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const r = new Array<number>(values.length);
  order.forEach((idx, k) => { r[idx] = k; });
  return r;
}

/**
 * Smallest rank shift that counts as a disagreement among n levels: max(2, round(0.1 n)), so neighbours that
 * swap places do not count.
 *
 * @example
 * minRankShift(15); // => 2
 * minRankShift(60); // => 6
 */
export function minRankShift(n: number): number {
  return Math.max(2, Math.round(0.1 * n));
}

/**
 * Rank rule over the levels of one random-effect term: a level whose rank by EB mode and rank by posterior mean
 * differ by at least minRankShift(n) places.
 *
 * @param ebModes - EB conditional modes, one per level
 * @param fbMeans - posterior means, same order
 * @returns one flag or null per level
 * @example
 * rankFlags([1, 2, 3, 4, 5], [5, 2, 3, 4, 1]).map((f) => f?.rule ?? null);
 * // => ["rank", null, null, null, "rank"]
 */
export function rankFlags(ebModes: readonly number[], fbMeans: readonly number[]): (Flag | null)[] {
  const n = ebModes.length, min = minRankShift(n);
  const re = ranks(ebModes), rf = ranks(fbMeans);
  return re.map((r, i) => {
    if (Math.abs(r - rf[i]) < min) return null;
    return { rule: "rank", reason: `ranked ${r + 1} of ${n} by EB mode but ${rf[i] + 1} of ${n} by posterior mean` };
  });
}

/** Inputs of the small-group rule for one level. */
export interface SmallGroupInput {
  /** The level's size (observations; binomial: trials). */
  readonly size: number;
  /** Median size over the term's levels. */
  readonly medianSize: number;
  readonly ebMode: number;
  readonly fbMean: number;
  readonly fbSd: number;
}

/**
 * Small-group rule: a level of size <= max(3, median/2) whose posterior mean is more than SHIFT_TOLERANCE
 * posterior sds away from its EB mode.
 *
 * @example
 * smallGroupFlag({ size: 2, medianSize: 10, ebMode: 0.1, fbMean: 0.5, fbSd: 0.4 })?.rule; // => "small-group"
 * smallGroupFlag({ size: 10, medianSize: 10, ebMode: 0.1, fbMean: 0.5, fbSd: 0.4 }); // => null
 */
export function smallGroupFlag(g: SmallGroupInput): Flag | null {
  if (g.size > Math.max(3, g.medianSize / 2)) return null;
  if (!(g.fbSd > 0)) return null;
  const shift = (g.fbMean - g.ebMode) / g.fbSd;
  if (Math.abs(shift) <= SHIFT_TOLERANCE) return null;
  return {
    rule: "small-group",
    reason: `small group (size ${g.size}, median ${g.medianSize}): posterior mean ${fmt(g.fbMean)} is ${fmt(Math.abs(shift))} posterior sds from the EB mode ${fmt(g.ebMode)}`,
  };
}
