/**
 * FORMAT.md's `stan.json` shape for a NUTS fit, so results can be read beside the rstan references.
 * @module
 */
import type { NutsFit } from "./nuts.js";

/** One parameter's row in `stan.json`'s `summary`. */
export interface StanJsonRow {
  mean: number | null;
  sd: number | null;
  q5: number | null;
  q50: number | null;
  q95: number | null;
  mcse_mean: number | null;
  rhat: number | null;
  ess_bulk: number | null;
  ess_tail: number | null;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The `stan.json` object of a fit: tool, chains, warmup, draws, summary by name, timing, E-BFMI, warnings.
 *
 * @param fit - a NUTS fit
 * @param extra - fields to add (e.g. `model`, `seed`)
 * @returns plain JSON-ready data (NaN written as null)
 * @example
 * toStanJson(fit).summary["(Intercept)"].mean; // => the posterior mean
 */
export function toStanJson(fit: NutsFit, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const summary: Record<string, StanJsonRow> = {};
  for (const r of fit.summary) {
    summary[r.name] = {
      mean: finiteOrNull(r.mean), sd: finiteOrNull(r.sd), q5: finiteOrNull(r.q5), q50: finiteOrNull(r.q50),
      q95: finiteOrNull(r.q95), mcse_mean: finiteOrNull(r.mcse_mean), rhat: finiteOrNull(r.rhat),
      ess_bulk: finiteOrNull(r.ess_bulk), ess_tail: finiteOrNull(r.ess_tail),
    };
  }
  const s = fit.result.settings;
  return {
    tool: "glmm 0.1.0 (NUTS)",
    ...extra,
    chains: fit.result.chains.length,
    warmup: s.warmup,
    draws_per_chain: fit.timing.draws_per_chain,
    seed: s.seed,
    adapt_delta: s.adaptDelta,
    summary,
    timing: { ...fit.timing, min_ess_bulk: finiteOrNull(fit.timing.min_ess_bulk) },
    ebfmi: fit.ebfmi.map(finiteOrNull),
    warnings: fit.warnings,
  };
}
