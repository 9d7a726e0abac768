/**
 * Full Bayes on a Design: NUTS chains in worker threads, the posterior summary, E-BFMI, Stan's warnings and the
 * timing block of FORMAT.md's `stan.json`.
 * @module
 */
import { sample, type SampleOptions, type SampleResult } from "../../samplers/index.js";
import { ebfmi, summarise, type SummaryRow } from "../diagnostics/index.js";
import type { Design } from "../design/design.js";
import type { ModelPriors } from "../design/priors.js";
import { nutsModelUrl } from "./nutsModel.js";
import { samplerWarnings, stuckChainWarnings } from "./warnings.js";

/** The timing block of `stan.json`, computed as the references compute it (per-chain times summed). */
export interface NutsTiming {
  chains: number;
  warmup: number;
  draws_per_chain: number;
  sampling_s: number;
  warmup_s: number;
  wall_s: number;
  leapfrog_total: number;
  leapfrog_sampling: number;
  min_ess_bulk: number;
  ess_per_s: number;
  ess_per_1000_grads: number;
  divergences: number;
  /** The deepest tree after warm-up (as the references' `max_treedepth_hit`: 10 when the default limit was reached). */
  max_treedepth_hit: number;
  /** Transitions after warm-up that stopped at the tree-depth limit (what Stan's treedepth warning counts). */
  treedepth_limit_hits: number;
  adapt_delta: number;
}

/** A NUTS fit: raw sampler output plus everything derived from it. */
export interface NutsFit {
  readonly result: SampleResult;
  readonly summary: SummaryRow[];
  readonly ebfmi: number[];
  readonly timing: NutsTiming;
  readonly warnings: string[];
}

/** Options of {@link fitNuts}: the sampler's, plus the parameterisation. */
export interface FitNutsOptions extends SampleOptions {
  readonly centered?: boolean;
}

/**
 * Sample a Design's posterior with NUTS and summarise it.
 *
 * @param design - the model design
 * @param priors - priors per parameter class
 * @param options - chains, warmup, draws, seed, adaptDelta, maxTreeDepth, metric, workers, ...
 * @returns draws, summary (mean, sd, q5, q50, q95, mcse_mean, rhat, ess_bulk, ess_tail), E-BFMI, timing, warnings
 * @example
 * const fit = await fitNuts(design, priors, { seed: 1 }); fit.timing.chains; // => 4
 */
export async function fitNuts(design: Design, priors: ModelPriors, options: FitNutsOptions = {}): Promise<NutsFit> {
  const { centered, ...sampleOptions } = options;
  const factory = { module: nutsModelUrl(), exportName: "nutsModel", args: { design, priors, centered } };
  const result = await sample(factory, sampleOptions);
  const names = result.outputNames;
  const summary = summarise(result.chains.map((c) => c.draws), names.length, names);
  const energies = result.chains.map((c) => ebfmi(c.sampler.energy));
  const timing = nutsTiming(result, summary);
  const warnings = samplerWarnings({
    divergences: timing.divergences,
    treedepthHits: timing.treedepth_limit_hits,
    maxTreeDepth: result.settings.maxTreeDepth,
    adaptDelta: result.settings.adaptDelta,
    ebfmi: energies,
    summary,
    chains: result.chains.length,
  });
  warnings.push(...stuckChainWarnings(result.chains.map((c) => c.stepSize)));
  for (const c of result.chains) warnings.push(...c.messages.map((m) => `chain ${c.chain + 1}: ${m}`));
  return { result, summary, ebfmi: energies, timing, warnings };
}

/** True for the random effects themselves (`re__...`), which the references leave out of min ESS. */
export function isRandomEffect(name: string): boolean {
  return name.startsWith("re__");
}

/**
 * The timing block: per-chain sampling and warm-up seconds summed (as rstan's get_elapsed_time summed over
 * chains run on one core), wall time beside it, leapfrog counts, min bulk ESS over the non-`re__` parameters.
 *
 * @example
 * nutsTiming(result, summary).ess_per_s; // => min_ess_bulk / sampling_s
 */
export function nutsTiming(result: SampleResult, summary: readonly SummaryRow[]): NutsTiming {
  let sampling = 0, warmup = 0, lfTotal = 0, lfSampling = 0, divergences = 0, depthHits = 0, deepest = 0;
  const maxDepth = result.settings.maxTreeDepth;
  for (const c of result.chains) {
    sampling += c.samplingSeconds;
    warmup += c.warmupSeconds;
    lfTotal += c.warmupLeapfrog + c.samplingLeapfrog;
    lfSampling += c.samplingLeapfrog;
    for (let i = 0; i < c.sampler.divergent.length; i++) {
      divergences += c.sampler.divergent[i];
      if (c.sampler.treeDepth[i] >= maxDepth) depthHits++;
      if (c.sampler.treeDepth[i] > deepest) deepest = c.sampler.treeDepth[i];
    }
  }
  const ess = summary.filter((r) => !isRandomEffect(r.name)).map((r) => r.ess_bulk);
  const minEss = ess.length ? Math.min(...ess) : NaN;
  return {
    chains: result.chains.length,
    warmup: result.settings.warmup,
    draws_per_chain: result.chains[0]?.sampler.lp.length ?? 0,
    sampling_s: sampling,
    warmup_s: warmup,
    wall_s: result.seconds,
    leapfrog_total: lfTotal,
    leapfrog_sampling: lfSampling,
    min_ess_bulk: minEss,
    ess_per_s: minEss / sampling,
    ess_per_1000_grads: (minEss / lfTotal) * 1000,
    divergences,
    max_treedepth_hit: deepest,
    treedepth_limit_hits: depthHits,
    adapt_delta: result.settings.adaptDelta,
  };
}
