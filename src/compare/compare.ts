/**
 * `compare`: fit one model both ways — empirical Bayes (the Laplace engine; REML for gaussian models, as lme4's
 * lmer default, or ML on request) and full Bayes (NUTS) — and line the results up parameter by parameter with
 * the flags of flags.ts.
 * @module
 */
import type { Design } from "../design/design.js";
import type { ModelPriors } from "../design/priors.js";
import { fitNuts, isRandomEffect, type NutsFit } from "../fit/index.js";
import { fitMixed, type FitMethod, type MixedFit } from "../laplace/index.js";
import { loadSpec } from "../spec/index.js";
import type { SampleProgress } from "../../samplers/index.js";
import { fbLookup, parameterRows, randomEffectRows } from "./rows.js";
import type { Comparison, FlagRule } from "./types.js";

/** Options of {@link compare}. */
export interface CompareOptions {
  /** EB method: default REML for gaussian models (lme4's default), Laplace otherwise; ML or AGQ on request. */
  readonly ebMethod?: FitMethod;
  /** Quadrature points for ebMethod 'AGQ'. */
  readonly nAGQ?: number;
  /** NUTS settings (defaults 4 chains, 1000 warmup, 1000 draws, seed 1, adaptDelta 0.8). */
  readonly chains?: number;
  readonly warmup?: number;
  readonly draws?: number;
  readonly seed?: number;
  readonly adaptDelta?: number;
  /** Worker threads for the chains (default: min(chains, cores)). */
  readonly workers?: number;
  readonly onProgress?: (p: SampleProgress) => void;
  /** The model's formula, recorded in compare.json. */
  readonly formula?: string;
}

/** A comparison with the two fits behind it (the plots need the draws). */
export interface CompareOutput {
  readonly comparison: Comparison;
  readonly ebFit: MixedFit;
  readonly nutsFit: NutsFit;
}

function flagCounts(c: Pick<Comparison, "rows">): Record<FlagRule, number> {
  const counts: Record<FlagRule, number> = { boundary: 0, "interval-width": 0, rank: 0, "small-group": 0 };
  for (const r of c.rows) for (const rule of new Set(r.flags.map((f) => f.rule))) counts[rule]++;
  return counts;
}

/**
 * Fit a model by empirical Bayes and by NUTS and compare them.
 *
 * @param design - the model design
 * @param priors - priors of the Bayesian fit
 * @param options - EB method, NUTS settings, progress callback
 * @returns the comparison (rows, group data, flag counts) and both fits
 * @example
 * const { comparison } = await compare(cbpp.design, cbpp.priors, { seed: 1, warmup: 500, draws: 500 });
 * comparison.rows.find((r) => r.name === "sd__herd__(Intercept)")?.eb.est; // => 0.6423
 */
export async function compare(design: Design, priors: ModelPriors, options: CompareOptions = {}): Promise<CompareOutput> {
  const t0 = performance.now();
  const ebFit = fitMixed(design, { method: options.ebMethod, ...(options.nAGQ !== undefined ? { nAGQ: options.nAGQ } : {}) });
  const t1 = performance.now();
  const seed = options.seed ?? 1;
  const nutsFit = await fitNuts(design, priors, {
    chains: options.chains, warmup: options.warmup, draws: options.draws, seed, adaptDelta: options.adaptDelta,
    workers: options.workers, onProgress: options.onProgress,
  });
  const t2 = performance.now();
  const fb = fbLookup(nutsFit.summary);
  const re = randomEffectRows(design, ebFit, fb);
  const rows = [...parameterRows(ebFit, fb), ...re.rows];
  const main = nutsFit.summary.filter((r) => !isRandomEffect(r.name));
  const comparison: Comparison = {
    model: { family: design.family, link: design.link, nObs: design.n, ...(options.formula ? { formula: options.formula } : {}) },
    eb: {
      method: ebFit.method === "AGQ" ? `AGQ(${ebFit.nAGQ})` : ebFit.method, logLik: ebFit.logLik,
      converged: ebFit.convergence.converged, singular: ebFit.convergence.singular, seconds: (t1 - t0) / 1000,
    },
    fb: {
      chains: nutsFit.timing.chains, warmup: nutsFit.timing.warmup, draws: nutsFit.timing.draws_per_chain, seed,
      seconds: (t2 - t1) / 1000, divergences: nutsFit.timing.divergences,
      maxRhat: Math.max(...main.map((r) => r.rhat)), minEssBulk: nutsFit.timing.min_ess_bulk, warnings: nutsFit.warnings,
    },
    rows,
    groups: re.groups,
    flagCounts: flagCounts({ rows }),
  };
  return { comparison, ebFit, nutsFit };
}

/**
 * {@link compare} on a spec.json (its priors, its formula recorded).
 *
 * @param path - spec.json path
 * @param options - as for compare
 * @returns the comparison and both fits
 * @throws InputError for a bad spec or data file
 * @example
 * (await compareSpec("test/fixtures/cases/sleepstudy/spec.json", { seed: 1 })).comparison.eb.method; // => "REML"
 */
export async function compareSpec(path: string, options: CompareOptions = {}): Promise<CompareOutput> {
  const { spec, design, priors } = loadSpec(path);
  return compare(design, priors, { formula: spec.formula, ...options });
}
