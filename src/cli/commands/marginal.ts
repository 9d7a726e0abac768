/**
 * `glmm marginal <spec.json> --term <factor> --method laplace|agq|nuts [--agq 25]`: conditional vs
 * population-averaged effect of a factor or 0/1 covariate (marginal standardisation), printed as JSON.
 * @module
 */
import type { Command } from "commander";
import { ebMarginal, fbMarginal } from "../../apps/marginalIntervals.js";
import { marginalProblem, type MarginalResult } from "../../apps/marginal.js";
import { fitNuts } from "../../fit/index.js";
import { fitMixed } from "../../laplace/index.js";
import { UsageError } from "../errors.js";
import { loadModel } from "../modelInput.js";
import { addChainOptions, chainSettings, type ChainCliOptions } from "../chainOptions.js";
import { choiceOption, intOption } from "../options.js";

interface MarginalCliOptions extends ChainCliOptions {
  term?: string;
  method: string;
  agq: string;
  levels?: string;
  quadrature: string;
  nsim: string;
  seed: string;
}

const HELP = `
Every row's risk is predicted under each level of --term, integrated over the random-effect distribution
(Gauss-Hermite, --quadrature points) and averaged over the rows (binomial rows weighted by trials).
Output: {"term", "method", "contrast": [reference, level], "risk": {"<level>": .}, "risk_difference",
"marginal_or", "conditional_or", "interval90": {"conditional_or", "risk", "risk_difference", "marginal_or"}}.
laplace/agq: plug-in estimates, intervals by simulating the fixed effects from their covariance (--nsim,
--seed; variance components fixed), conditional OR by Wald. nuts: posterior medians and 90% intervals.

Example:
  glmm marginal test/fixtures/cases/cbpp/spec.json --term period --levels 1,4 --method agq --agq 25
`;

/** Run what the user asked for inside a UsageError boundary (bad term, level, family). */
function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
}

/**
 * Compute the marginal effects a command line asks for.
 * @param specPath - spec.json
 * @param o - options
 * @returns the result JSON
 * @throws UsageError for bad options or a term the model cannot standardise
 * @example
 * await marginalCommand("cbpp/spec.json", { term: "period", method: "laplace", agq: "25", quadrature: "25", nsim: "1000", seed: "1", chains: "4", warmup: "1000", draws: "1000" });
 * // => { term: "period", ..., marginal_or: 0.39 }
 */
export async function marginalCommand(specPath: string, o: MarginalCliOptions): Promise<MarginalResult> {
  const method = choiceOption("--method", o.method, ["laplace", "agq", "nuts"] as const);
  if (!o.term) throw new UsageError("--term is required: the factor or 0/1 covariate to standardise over");
  const levels = o.levels?.split(",").map((s) => s.trim());
  if (levels && levels.length !== 2) throw new UsageError(`--levels takes two levels 'reference,other' (got "${o.levels}")`);
  const options = {
    factorLevels: undefined as readonly string[] | undefined, contrast: levels as [string, string] | undefined,
    quadrature: intOption("--quadrature", o.quadrature, 1, 100), nsim: intOption("--nsim", o.nsim, 10),
    seed: intOption("--seed", o.seed, 0), method,
  };
  const agq = intOption("--agq", o.agq, 1, 99);
  const { spec, design, priors } = loadModel(specPath, {});
  options.factorLevels = spec.factors?.[o.term] ?? undefined;
  const term = o.term;
  usage(() => marginalProblem(design, term, options)); // fail fast on a bad term or level, before fitting
  if (method !== "nuts") {
    const fit = usage(() => fitMixed(design, method === "agq" ? { method: "AGQ", nAGQ: agq } : { method: "Laplace" }));
    return usage(() => ebMarginal(design, fit, term, options));
  }
  const nuts = await fitNuts(design, priors, { ...chainSettings(o), seed: options.seed });
  return usage(() => fbMarginal(design, nuts, term, options));
}

/**
 * Register `glmm marginal`.
 * @param program - the commander program
 * @returns nothing
 * @example
 * register(new Command("glmm"));
 */
export function register(program: Command): void {
  addChainOptions(program.command("marginal")
    .description("conditional vs population-averaged effect of a factor (marginal standardisation), JSON")
    .argument("<spec>", "spec.json")
    .option("--term <factor>", "factor or 0/1 covariate")
    .option("--method <method>", "laplace, agq or nuts", "laplace")
    .option("--agq <n>", "quadrature points of the AGQ fit", "25")
    .option("--levels <ref,other>", "the two levels compared (default: the first two)")
    .option("--quadrature <n>", "Gauss-Hermite points for the random-effect average", "25")
    .option("--nsim <n>", "laplace/agq: simulations; nuts: max draws used", "1000")
    .option("--seed <n>", "seed", "1"))
    .addHelpText("after", HELP)
    .action(async (spec: string, o: MarginalCliOptions) => {
      process.stdout.write(`${JSON.stringify(await marginalCommand(spec, o), null, 2)}\n`);
    });
}
