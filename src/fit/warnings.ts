/**
 * Sampler warnings worded as rstan words them, from the sampler columns and the summary.
 * @module
 */
import { median, type SummaryRow } from "../diagnostics/index.js";

/** What the warnings are computed from. */
export interface WarningInputs {
  readonly divergences: number;
  readonly treedepthHits: number;
  readonly maxTreeDepth: number;
  readonly adaptDelta: number;
  readonly ebfmi: readonly number[];
  readonly summary: readonly SummaryRow[];
  readonly chains: number;
}

/**
 * rstan's post-sampling warnings: divergences, tree-depth saturation, low E-BFMI (< 0.3), R-hat > 1.01,
 * bulk or tail ESS below 100 per chain.
 *
 * @returns one sentence per problem; empty when all is well
 * @example
 * samplerWarnings({ divergences: 2, treedepthHits: 0, maxTreeDepth: 10, adaptDelta: 0.8, ebfmi: [1], summary: [], chains: 4 });
 * // => ["There were 2 divergent transitions after warmup. Increasing adapt_delta above 0.8 may help."]
 */
export function samplerWarnings(w: WarningInputs): string[] {
  const out: string[] = [];
  if (w.divergences > 0) {
    out.push(`There were ${w.divergences} divergent transitions after warmup. Increasing adapt_delta above ${w.adaptDelta} may help.`);
  }
  if (w.treedepthHits > 0) {
    out.push(`There were ${w.treedepthHits} transitions after warmup that exceeded the maximum treedepth. Increase max_treedepth above ${w.maxTreeDepth}.`);
  }
  const lowBfmi = w.ebfmi.filter((e) => e < 0.3).length;
  if (lowBfmi > 0) out.push(`There were ${lowBfmi} chains where the estimated Bayesian Fraction of Missing Information was low.`);
  const rhats = w.summary.map((r) => r.rhat).filter((r) => Number.isFinite(r));
  const maxRhat = rhats.length ? Math.max(...rhats) : NaN;
  if (maxRhat > 1.01) out.push(`The largest R-hat is ${maxRhat.toFixed(3)}, indicating chains have not mixed.`);
  const need = 100 * w.chains;
  if (w.summary.some((r) => r.ess_bulk < need)) {
    out.push("Bulk Effective Samples Size (ESS) is too low, indicating posterior means and medians may be unreliable.");
  }
  if (w.summary.some((r) => r.ess_tail < need)) {
    out.push("Tail Effective Samples Size (ESS) is too low, indicating posterior variances and tail quantiles may be unreliable.");
  }
  return out;
}

/**
 * Chains whose adapted step size is below 1/100 of the median over all chains: such a chain usually never left the
 * region of its initial values (seen on grouseticks at adapt_delta 0.99, where an initial coefficient of a wide
 * covariate put log p near -1e63). Not a Stan warning; Stan reports these chains only through R-hat.
 *
 * @param stepSizes - adapted step size per chain
 * @returns one sentence per such chain (chains numbered from 1); empty with fewer than 3 chains
 * @example
 * stuckChainWarnings([0.02, 0.03, 1e-11, 0.025]);
 * // => ["chain 3: its adapted step size 1.0e-11 is below 1/100 of the chains' median (0.022); it probably never left the region of its initial values. Try a smaller init radius (--init-radius 0.5), more warm-up, or centring and scaling wide covariates."]
 */
export function stuckChainWarnings(stepSizes: readonly number[]): string[] {
  if (stepSizes.length < 3) return [];
  const mid = median(Float64Array.from(stepSizes));
  const out: string[] = [];
  stepSizes.forEach((eps, k) => {
    if (eps < mid / 100) {
      out.push(`chain ${k + 1}: its adapted step size ${eps.toExponential(1)} is below 1/100 of the chains' median (${mid.toPrecision(2)}); ` +
        "it probably never left the region of its initial values. Try a smaller init radius (--init-radius 0.5), more warm-up, or centring and scaling wide covariates.");
    }
  });
  return out;
}
