/**
 * Adapters from the engines to `FitResult`: empirical Bayes (src/laplace `fitMixed`: Laplace, AGQ, ML, REML)
 * and NUTS (samplers `sample` over the compiled density, summarised with src/diagnostics `summarise`).
 * @module
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runChain, type ChainResult } from "../../samplers/chains.js";
import { sample } from "../../samplers/run.js";
import { summarise } from "../diagnostics/summary.js";
import { fitMixed, toResultJson } from "../laplace/index.js";
import type { LoadedModel } from "../spec/loadSpec.js";
import type { FitResult, FitSettings, PosteriorRow } from "./engines.js";
import { NUTS_MODEL_MODULE, nutsSamplerModel } from "./nutsModel.js";
import { makeProgress } from "./progress.js";

const EB_METHOD = { laplace: "Laplace", agq: "AGQ", ml: "ML", reml: "REML" } as const;

/**
 * Empirical-Bayes fit by src/laplace's `fitMixed`, in the result-file format of cases/FORMAT.md.
 *
 * @example
 * empiricalBayesEngine(loadSpec("cbpp/spec.json"), { method: "laplace", ... }).estimates!.period2.est; // => -0.9923
 */
export function empiricalBayesEngine(model: LoadedModel, s: FitSettings): FitResult {
  const method = EB_METHOD[s.method as keyof typeof EB_METHOD];
  const fit = fitMixed(model.design, { method, nAGQ: method === "AGQ" ? s.agq : undefined });
  const { tool: _tool, method: label, ...rest } = toResultJson(fit);
  return { method: String(label), ...(rest as Omit<FitResult, "method">) };
}

/** Whether the factory module is a standalone file workers can import (not inside a bundled chunk). */
function canUseWorkers(): boolean {
  const path = fileURLToPath(NUTS_MODEL_MODULE);
  return /nutsModel\.[jt]s$/.test(path) && existsSync(path);
}

async function runChains(model: LoadedModel, s: FitSettings): Promise<ChainResult[]> {
  const opts = { chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed, adaptDelta: s.adaptDelta, maxTreeDepth: s.maxTreedepth };
  const progress = makeProgress(s.chains, s.warmup + s.draws);
  try {
    if (canUseWorkers()) {
      const ref = { module: NUTS_MODEL_MODULE, exportName: "nutsSamplerModel", args: { design: model.design, priors: model.priors } };
      return (await sample(ref, { ...opts, onProgress: (p) => progress.tick(p.chain, p.iteration) })).chains;
    }
    const m = nutsSamplerModel({ design: model.design, priors: model.priors });
    return Array.from({ length: s.chains }, (_, chain) => runChain(m, { ...opts, chain }, (c, it) => progress.tick(c, it)));
  } finally {
    progress.stop();
  }
}

/**
 * Full-Bayes fit by NUTS: chains (worker threads when possible), posterior summary, timing as stan.json.
 *
 * @example
 * (await nutsEngine(model, settings)).summary!["(Intercept)"].rhat; // => about 1.00
 */
export async function nutsEngine(model: LoadedModel, s: FitSettings): Promise<FitResult> {
  const chains = await runChains(model, s);
  const names = chains[0].outputNames;
  const rows = summarise(chains.map((c) => c.draws), names.length, names);
  const summary: Record<string, PosteriorRow> = {};
  for (const { name, ...row } of rows) summary[name] = row;
  const fixedRows = rows.filter((r) => !r.name.startsWith("re__"));
  const sum = (f: (c: ChainResult) => number) => chains.reduce((a, c) => a + f(c), 0);
  const timing = {
    chains: s.chains, warmup: s.warmup, draws_per_chain: s.draws,
    sampling_s: sum((c) => c.samplingSeconds), warmup_s: sum((c) => c.warmupSeconds),
    leapfrog_total: sum((c) => c.warmupLeapfrog + c.samplingLeapfrog),
    min_ess_bulk: Math.min(...fixedRows.map((r) => r.ess_bulk)),
    divergences: sum((c) => c.sampler.divergent.reduce((a, v) => a + v, 0)),
    step_size: chains.map((c) => c.stepSize),
  };
  return { method: "NUTS", summary, timing, draws: { names, chains: chains.map((c) => c.draws) } } as FitResult;
}
