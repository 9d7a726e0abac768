/**
 * `glmm fit`: fit a model from a spec.json (or spec-less from --formula/--data/--family) with Laplace, AGQ,
 * ML, REML or NUTS; write the result JSON atomically (--out), optional draws as CSV (--csv), and print an
 * lme4-like table (TTY) or the JSON (--json / piped).
 * @module
 */
import { join } from "node:path";
import { writeStanCsv } from "../../../samplers/io/stanCsv.js";
import type { Command } from "commander";
import { coefficientTable, fitHeadline, posteriorTable } from "../../report/table.js";
import { FIT_METHODS, checkMethod, runEngine, type FitResult, type FitSettings } from "../engines.js";
import { UsageError } from "../errors.js";
import { ensureDir, wantsJson, writeJsonAtomic, writeTextAtomic } from "../io.js";
import { loadModel, type ModelSourceOptions } from "../modelInput.js";
import { addChainOptions, chainSettings, type ChainCliOptions } from "../chainOptions.js";
import { choiceOption, intOption, minNumberOption, openIntervalOption } from "../options.js";
import type { LoadedModel } from "../../spec/loadSpec.js";

interface FitCliOptions extends ModelSourceOptions, ChainCliOptions {
  method: string;
  agq: string;
  seed: string;
  adaptDelta: string;
  maxTreedepth: string;
  initRadius?: string;
  out?: string;
  csv?: string;
  json?: boolean;
}

/**
 * Check the command-line settings of `glmm fit`.
 *
 * @throws UsageError naming the bad option
 * @example
 * fitSettings({ method: "nuts", agq: "25", chains: "4", warmup: "1000", draws: "1000", seed: "1", adaptDelta: "0.8", maxTreedepth: "10" }).chains;
 * // => 4
 */
export function fitSettings(o: FitCliOptions): FitSettings {
  return {
    method: choiceOption("--method", o.method, FIT_METHODS),
    agq: intOption("--agq", o.agq, 1, 99),
    ...chainSettings(o),
    seed: intOption("--seed", o.seed, 0),
    adaptDelta: openIntervalOption("--adapt-delta", o.adaptDelta, 0, 1),
    maxTreedepth: intOption("--max-treedepth", o.maxTreedepth, 1, 30),
    initRadius: minNumberOption("--init-radius", o.initRadius ?? "2", 0),
  };
}

/** The result JSON: model description + the engine's result (draws go to --csv only). */
function resultJson(model: LoadedModel, settings: FitSettings, result: FitResult, seconds: number): Record<string, unknown> {
  const { nuts: _nuts, ...rest } = result;
  const d = model.design;
  const sampler = settings.method === "nuts"
    ? { chains: settings.chains, warmup: settings.warmup, draws_per_chain: settings.draws, seed: settings.seed, adapt_delta: settings.adaptDelta, max_treedepth: settings.maxTreedepth, init_radius: settings.initRadius }
    : {};
  return {
    tool: "glmm 0.1.0", formula: model.spec.formula, family: d.family, link: d.link, n_obs: d.n,
    dropped_rows: model.droppedRows, ...sampler, ...rest, time_s: seconds,
  };
}

/** Stan CSV per chain (`<dir>/<model>_<k>.csv`), readable by posterior::read_cmdstan_csv and ArviZ. */
function writeDrawsCsv(dir: string, model: LoadedModel, settings: FitSettings, result: FitResult): void {
  if (!result.nuts) throw new UsageError(`--csv needs posterior draws; method ${result.method} has none (use --method nuts)`);
  ensureDir(dir);
  const name = model.spec.name ?? "glmm";
  const meta = { model: name, seed: settings.seed, warmup: settings.warmup, draws: settings.draws, adaptDelta: settings.adaptDelta, maxTreeDepth: settings.maxTreedepth };
  for (const chain of result.nuts.result.chains) {
    writeTextAtomic(join(dir, `${name}_${chain.chain + 1}.csv`), writeStanCsv(chain, meta));
  }
}

async function fitAction(specPath: string | undefined, o: FitCliOptions): Promise<void> {
  const settings = fitSettings(o);
  if (o.csv && settings.method !== "nuts") throw new UsageError(`--csv needs posterior draws; method ${settings.method} has none (use --method nuts)`);
  const model = loadModel(specPath, o);
  checkMethod(settings.method, model);
  const t0 = performance.now();
  const result = await runEngine(model, settings);
  const json = resultJson(model, settings, result, (performance.now() - t0) / 1000);
  if (o.csv) writeDrawsCsv(o.csv, model, settings, result);
  if (o.out) writeJsonAtomic(o.out, json);
  if (wantsJson(o)) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else process.stdout.write(`${fitHeadline(json)}\n\n${result.summary ? posteriorTable(result.summary) : coefficientTable(result.estimates ?? {})}\n`);
}

/**
 * Register `glmm fit`.
 *
 * @example
 * register(new Command("glmm")); // => undefined; `glmm fit --help` now lists every option
 */
export function register(program: Command): void {
  addChainOptions(program
    .command("fit")
    .description("fit a GLMM from a spec.json (or --formula/--data/--family) by Laplace, AGQ, ML, REML or NUTS")
    .argument("[spec]", "model file spec.json (see cases/FORMAT.md); omit to use --formula/--data/--family")
    .option("--method <method>", `fitting method: ${FIT_METHODS.join(" | ")}`, "laplace")
    .option("--formula <formula>", "lme4 formula, e.g. \"y ~ x + (1 | g)\" (spec-less form)")
    .option("--data <file.csv>", "data CSV with a header row (spec-less form)")
    .option("--family <family>", "gaussian | bernoulli | binomial | poisson | negbinomial2 (spec-less form)")
    .option("--link <link>", "identity | log | logit | probit | cloglog (default: the family's canonical link)")
    .option("--agq <n>", "quadrature points for --method agq (lme4's nAGQ)", "25"))
    .option("--seed <n>", "NUTS: random seed (chain k uses stream seed/k)", "1")
    .option("--adapt-delta <x>", "NUTS: target acceptance rate in (0, 1)", "0.8")
    .option("--max-treedepth <n>", "NUTS: maximum tree depth", "10")
    .option("--init-radius <r>", "NUTS: random initial values uniform(-r, r) on the unconstrained scale (Stan's init_r; 0 = start at zero)", "2")
    .option("--out <result.json>", "write the result JSON here (written only if the fit succeeds)")
    .option("--csv <dir>", "NUTS: write draws_chain<k>.csv files into this folder")
    .option("--json", "print JSON instead of the table (default when stdout is not a terminal)")
    .action(fitAction);
}
