/**
 * `glmm compare <spec.json> --out <dir>`: fit a model by empirical Bayes and by NUTS, print the comparison
 * table, and write compare.json, the plots (SVG) and report.html into <dir>.
 * @module
 */
import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { compare, type CompareOptions } from "../../compare/compare.js";
import { writeComparisonReport } from "../../compare/writeReport.js";
import { compareText } from "../../report/compareTable.js";
import type { FitMethod } from "../../laplace/index.js";
import { UsageError } from "../errors.js";
import { loadModel } from "../modelInput.js";
import { addChainOptions, chainSettings, type ChainCliOptions } from "../chainOptions.js";
import { choiceOption, intOption, openIntervalOption } from "../options.js";
import { makeProgress } from "../progress.js";

interface CompareCliOptions extends ChainCliOptions {
  out?: string;
  ebMethod?: string;
  seed: string;
  adaptDelta: string;
}

const EB_METHODS = ["reml", "ml", "laplace", "agq"] as const;
const METHOD_NAME: Record<(typeof EB_METHODS)[number], FitMethod> = { reml: "REML", ml: "ML", laplace: "Laplace", agq: "AGQ" };

/**
 * Check the settings of `glmm compare` against the model's family.
 *
 * @param o - command-line options
 * @param family - the model's family
 * @returns compare() options and the output folder
 * @throws UsageError naming the bad option
 * @example
 * compareSettings({ out: "r", chains: "4", warmup: "1000", draws: "1000", seed: "1", adaptDelta: "0.8" }, "binomial").options.chains; // => 4
 */
export function compareSettings(o: CompareCliOptions, family: string): { out: string; options: CompareOptions } {
  if (!o.out) throw new UsageError("glmm compare needs --out <dir>: the folder for compare.json, the SVG plots and report.html");
  if (existsSync(o.out) && !statSync(o.out).isDirectory()) throw new UsageError(`--out ${o.out} is a file; give a folder (it is created if missing)`);
  const gaussian = family === "gaussian";
  let ebMethod: FitMethod | undefined;
  if (o.ebMethod !== undefined) {
    ebMethod = METHOD_NAME[choiceOption("--eb-method", o.ebMethod, EB_METHODS)];
    const ok = gaussian ? ebMethod === "REML" || ebMethod === "ML" : ebMethod === "Laplace" || ebMethod === "AGQ";
    if (!ok) throw new UsageError(`--eb-method ${o.ebMethod} does not fit a ${family} model: use ${gaussian ? "reml or ml" : "laplace or agq"}`);
  }
  return {
    out: o.out,
    options: {
      ebMethod,
      ...chainSettings(o),
      seed: intOption("--seed", o.seed, 0),
      adaptDelta: openIntervalOption("--adapt-delta", o.adaptDelta, 0, 1),
    },
  };
}

async function compareAction(specPath: string | undefined, o: CompareCliOptions): Promise<void> {
  if (!specPath) throw new UsageError("glmm compare needs a spec.json (see cases/FORMAT.md)");
  const model = loadModel(specPath, {});
  const { out, options } = compareSettings(o, model.design.family);
  const tty = process.stderr.isTTY;
  if (tty) process.stderr.write("Empirical Bayes fit, then NUTS...\n");
  const progress = makeProgress(options.chains!, options.warmup! + options.draws!);
  let output;
  try {
    output = await compare(model.design, model.priors, { ...options, formula: model.spec.formula, onProgress: (p) => progress.tick(p.chain, p.iteration) });
  } finally {
    progress.stop();
  }
  const files = await writeComparisonReport(out, output, `${model.spec.name ?? "model"}: empirical Bayes vs full Bayes`);
  process.stdout.write(`${compareText(output.comparison)}\n\nWrote ${files.json}, ${files.svgs.length} SVG plots and ${files.html}\n`);
}

/**
 * Register `glmm compare`.
 *
 * @example
 * register(new Command("glmm")); // => undefined; `glmm compare --help` lists the options
 */
export function register(program: Command): void {
  addChainOptions(program
    .command("compare")
    .description("fit a model by empirical Bayes (Laplace; REML for gaussian) and by NUTS, and compare them: table, compare.json, SVG plots, report.html")
    .argument("[spec]", "model file spec.json (see cases/FORMAT.md)")
    .option("--out <dir>", "folder for compare.json, the SVG plots and report.html (created if missing)")
    .option("--eb-method <method>", `empirical-Bayes method: ${EB_METHODS.join(" | ")} (default: reml for gaussian, laplace otherwise)`))
    .option("--seed <n>", "NUTS: random seed", "1")
    .option("--adapt-delta <x>", "NUTS: target acceptance rate in (0, 1)", "0.8")
    .action(compareAction);
}
