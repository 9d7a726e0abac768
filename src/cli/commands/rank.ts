/**
 * `glmm rank <spec.json> --group <column> --method laplace|nuts`: rank the levels of a grouping factor by
 * their random effects, with 90% intervals for the effects and the ranks, printed as one JSON object.
 * @module
 */
import type { Command } from "commander";
import { ebRanking, fbRanking, type Ranking } from "../../apps/ranking.js";
import { fitNuts } from "../../fit/index.js";
import { fitMixed } from "../../laplace/index.js";
import { UsageError } from "../errors.js";
import { loadModel } from "../modelInput.js";
import { addChainOptions, chainSettings, type ChainCliOptions } from "../chainOptions.js";
import { choiceOption, intOption, openIntervalOption } from "../options.js";

interface RankCliOptions extends ChainCliOptions {
  group?: string;
  method: string;
  term: string;
  level: string;
  seed: string;
  nsim: string;
}

const HELP = `
Output: {"group", "method", "levels": [{"level", "estimate", "lower", "upper", "rank", "rank_lower",
"rank_upper"}]}, levels sorted by rank (1 = the largest effect). laplace: estimate = conditional mode,
interval mode +- z * conditional sd, rank interval by simulating every level's effect from its conditional
normal distribution (--nsim draws, --seed). nuts: estimate = posterior mean, central posterior interval,
rank interval from the ranks within each posterior draw.

Example:
  glmm rank test/fixtures/cases/hospitals_sim/spec.json --group hospital --method laplace
`;

/**
 * Rank a spec's groups.
 * @param specPath - spec.json
 * @param o - command-line options
 * @returns the ranking JSON
 * @throws UsageError for a bad option, an unknown group or term
 * @example
 * await rankCommand("cbpp/spec.json", { group: "herd", method: "laplace", term: "(Intercept)", level: "0.9", seed: "1", nsim: "4000", chains: "4", warmup: "1000", draws: "1000" });
 * // => { group: "herd", method: "laplace", levels: [...] }
 */
export async function rankCommand(specPath: string, o: RankCliOptions): Promise<Ranking> {
  const method = choiceOption("--method", o.method, ["laplace", "nuts"] as const);
  const level = openIntervalOption("--level", o.level, 0, 1);
  if (!o.group) throw new UsageError("--group is required: the grouping factor whose levels are ranked");
  const { design, priors } = loadModel(specPath, {});
  const term = design.terms.find((t) => t.group === o.group && t.termNames.includes(o.term));
  if (!term) {
    const have = design.terms.map((t) => t.termNames.map((n) => `${n} | ${t.group}`).join(", ")).join(", ");
    throw new UsageError(`--group ${o.group} --term ${o.term}: no such random effect in the model; it has ${have || "no random effects"}`);
  }
  const options = { term: o.term, level, seed: intOption("--seed", o.seed, 0), nsim: intOption("--nsim", o.nsim, 100) };
  if (method === "laplace") return ebRanking(fitMixed(design), o.group, options); // REML for gaussian, else Laplace
  const nuts = await fitNuts(design, priors, { ...chainSettings(o), seed: options.seed });
  return fbRanking(nuts, o.group, term.levels, options);
}

/**
 * Register `glmm rank`.
 * @param program - the commander program
 * @returns nothing
 * @example
 * register(new Command("glmm"));
 */
export function register(program: Command): void {
  addChainOptions(program.command("rank")
    .description("rank the levels of a grouping factor by their random effects, with 90% rank intervals (JSON)")
    .argument("<spec>", "spec.json")
    .option("--group <column>", "grouping factor to rank")
    .option("--method <method>", "laplace (empirical Bayes) or nuts (full Bayes)", "laplace")
    .option("--term <name>", "random-effect coefficient", "(Intercept)")
    .option("--level <p>", "interval coverage", "0.9")
    .option("--seed <n>", "seed (simulation or sampler)", "1")
    .option("--nsim <n>", "laplace: simulations for the rank intervals", "4000"))
    .addHelpText("after", HELP)
    .action(async (spec: string, o: RankCliOptions) => {
      const ranking = await rankCommand(spec, o);
      process.stdout.write(`${JSON.stringify(ranking, null, 2)}\n`);
    });
}
