/**
 * Adapters from the engines to `FitResult`: empirical Bayes (src/laplace `fitMixed`: Laplace, AGQ, ML, REML)
 * and NUTS (src/fit `fitNuts`).
 * @module
 */
import { fitNuts, toStanJson, type NutsFit } from "../fit/index.js";
import { fitMixed, toResultJson } from "../laplace/index.js";
import type { LoadedModel } from "../spec/loadSpec.js";
import type { FitResult, FitSettings } from "./engines.js";
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

/**
 * Full-Bayes fit by NUTS (src/fit `fitNuts`: chains in worker threads, posterior summary, Stan's warnings, timing as
 * stan.json), with a progress bar on a terminal.
 *
 * @example
 * (await nutsEngine(model, settings)).summary!["(Intercept)"].rhat; // => about 1.00
 */
export async function nutsEngine(model: LoadedModel, s: FitSettings): Promise<FitResult> {
  const progress = makeProgress(s.chains, s.warmup + s.draws);
  let fit: NutsFit;
  try {
    fit = await fitNuts(model.design, model.priors, {
      chains: s.chains, warmup: s.warmup, draws: s.draws, seed: s.seed, adaptDelta: s.adaptDelta, maxTreeDepth: s.maxTreedepth, initRadius: s.initRadius,
      onProgress: (p) => progress.tick(p.chain, p.iteration),
    });
  } finally {
    progress.stop();
  }
  const { summary, timing, ebfmi, warnings } = toStanJson(fit) as Pick<FitResult, "summary" | "timing"> & { ebfmi: unknown; warnings: string[] };
  for (const w of warnings) process.stderr.write(`Warning: ${w}\n`);
  return { method: "NUTS", summary, timing, ebfmi, warnings, nuts: fit } as FitResult;
}
