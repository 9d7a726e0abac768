/**
 * NUTS run plots: trace plots (draws against iteration, one line per chain) and rank plots (rank histograms per
 * chain, flat when the chains mix; Vehtari et al. 2021) for the fixed effects and variance components.
 * @module
 */
import type { SampleResult } from "../../../samplers/index.js";
import { isRandomEffect } from "../../fit/index.js";
import { chainDraws, rankCounts } from "./draws.js";
import { thinIndices, type VlSpec } from "./render.js";

/** Points per chain and parameter in a trace plot. */
export const TRACE_POINTS = 300;
/** Bins of a rank plot. */
export const RANK_BINS = 20;
/** At most this many parameters are shown. */
export const MAX_PARAMS = 8;

type Draws = Pick<SampleResult, "chains" | "outputNames">;

/**
 * The parameters the MCMC plots show: everything but the random effects, at most MAX_PARAMS.
 *
 * @example
 * mcmcParams(["(Intercept)", "sd__herd__(Intercept)", "re__herd__(Intercept)[1]"]); // => ["(Intercept)", "sd__herd__(Intercept)"]
 */
export function mcmcParams(names: readonly string[]): string[] {
  return names.filter((n) => !isRandomEffect(n) && !n.startsWith("lp__")).slice(0, MAX_PARAMS);
}

const chainColor = { field: "chain", type: "nominal", title: "chain", scale: { scheme: "dark2" } };
const rowFacet = (params: string[]) => ({ row: { field: "param", type: "nominal", title: null, sort: params, header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" } } });

/**
 * Trace plot: one panel per parameter (own y scale), one line per chain, post-warmup draws thinned to
 * TRACE_POINTS per chain.
 *
 * @example
 * traceSpec(nuts.result).facet.row.field; // => "param"
 */
export function traceSpec(result: Draws): VlSpec & { facet: { row: { field: string } } } {
  const params = mcmcParams(result.outputNames);
  const values: { param: string; chain: string; iteration: number; value: number }[] = [];
  for (const p of params) {
    chainDraws(result, p).forEach((x, c) => {
      for (const i of thinIndices(x.length, TRACE_POINTS)) values.push({ param: p, chain: String(c + 1), iteration: i + 1, value: x[i] });
    });
  }
  return {
    title: "Trace plots (post-warmup draws)",
    data: { values },
    facet: rowFacet(params),
    spec: {
      width: 480, height: 80,
      mark: { type: "line", strokeWidth: 0.8, opacity: 0.8 },
      encoding: { x: { field: "iteration", type: "quantitative" }, y: { field: "value", type: "quantitative", title: null, scale: { zero: false } }, color: chainColor },
    },
    resolve: { scale: { y: "independent" } },
  };
}

/**
 * Rank plot: per parameter, the ranks of all draws pooled over chains, binned (RANK_BINS) and counted per chain,
 * with the uniform expectation as a dashed line.
 *
 * @example
 * rankSpec(nuts.result).facet.row.field; // => "param"
 */
export function rankSpec(result: Draws): VlSpec & { facet: { row: { field: string } } } {
  const params = mcmcParams(result.outputNames);
  const values: { param: string; chain: string; bin: number; count: number; expected: number }[] = [];
  for (const p of params) {
    const chains = chainDraws(result, p);
    const expected = chains[0].length / RANK_BINS;
    rankCounts(chains, RANK_BINS).forEach((counts, c) => counts.forEach((count, b) => values.push({ param: p, chain: String(c + 1), bin: b + 1, count, expected })));
  }
  return {
    title: "Rank plots (uniform when the chains mix)",
    data: { values },
    facet: rowFacet(params),
    spec: {
      width: 480, height: 70,
      layer: [
        { mark: { type: "line", interpolate: "step", strokeWidth: 1.5 }, encoding: { x: { field: "bin", type: "quantitative", title: `rank bin (${RANK_BINS} bins)` }, y: { field: "count", type: "quantitative", title: null }, color: chainColor } },
        { mark: { type: "rule", color: "#666", strokeDash: [4, 3] }, encoding: { y: { field: "expected", type: "quantitative", aggregate: "mean" } } },
      ],
    },
  };
}
