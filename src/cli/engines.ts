/**
 * The fitting engines behind `glmm fit`, one adapter function per method. An engine that is not wired yet
 * makes the method exit with code 2 ("method X is not available yet"); wiring one = filling its entry of
 * `ENGINES` with a function `(model, settings) => FitResult`.
 * @module
 */
import type { NutsFit } from "../fit/index.js";
import type { LoadedModel } from "../spec/loadSpec.js";
import { UsageError } from "./errors.js";
import { empiricalBayesEngine, nutsEngine } from "./fitEngines.js";

/** Methods of `glmm fit`. */
export type FitMethod = "laplace" | "agq" | "ml" | "reml" | "nuts";
export const FIT_METHODS: readonly FitMethod[] = ["laplace", "agq", "ml", "reml", "nuts"];

/** Settings from the command line (sampler settings are used by nuts only, `agq` by agq only). */
export interface FitSettings {
  readonly method: FitMethod;
  readonly agq: number;
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  readonly adaptDelta: number;
  readonly maxTreedepth: number;
  /** NUTS: half-width of the random initial values (Stan's init_r). */
  readonly initRadius: number;
}

/** One estimate, as the reference result files write it. */
export interface Estimate {
  readonly est: number;
  readonly se: number | null;
}

/** A posterior summary row (stan.json's `summary`). */
export interface PosteriorRow {
  readonly mean: number;
  readonly sd: number;
  readonly q5: number;
  readonly q50: number;
  readonly q95: number;
  readonly mcse_mean: number;
  readonly rhat: number;
  readonly ess_bulk: number;
  readonly ess_tail: number;
}

/** What an engine returns; serialised (without `draws`) as the result JSON (cases/FORMAT.md field names). */
export interface FitResult {
  readonly method: string;
  /** Frequentist fits: estimates by FORMAT.md parameter name. */
  readonly estimates?: Readonly<Record<string, Estimate>>;
  readonly logLik?: number;
  readonly AIC?: number;
  readonly BIC?: number;
  readonly deviance?: number;
  readonly ranef?: Readonly<Record<string, { mode: number; sd: number }>>;
  /** NUTS fits: posterior summary by parameter name. */
  readonly summary?: Readonly<Record<string, PosteriorRow>>;
  /** NUTS fits: the whole fit (draws and sampler columns), for `--csv`. Not written to the JSON. */
  readonly nuts?: NutsFit;
  /** NUTS fits: E-BFMI per chain and Stan-worded warnings. */
  readonly ebfmi?: readonly (number | null)[];
  readonly warnings?: readonly string[];
  /** NUTS fits: sampler timing and counts (stan.json's `timing`). */
  readonly timing?: Readonly<Record<string, unknown>>;
  readonly notes?: string;
}

/** An engine adapter. */
export type Engine = (model: LoadedModel, settings: FitSettings) => FitResult | Promise<FitResult>;

/** Engine per method; null = not available yet. */
const ENGINES: Record<FitMethod, Engine | null> = {
  laplace: empiricalBayesEngine,
  agq: empiricalBayesEngine,
  ml: empiricalBayesEngine,
  reml: empiricalBayesEngine,
  nuts: nutsEngine,
};

/**
 * Check that a method can fit a model (before any work), with lme4's rules.
 *
 * @throws UsageError e.g. `method reml needs family gaussian (this model is poisson)`
 * @example
 * checkMethod("laplace", model); // => undefined
 */
export function checkMethod(method: FitMethod, model: LoadedModel): void {
  const d = model.design;
  if ((method === "ml" || method === "reml") && (d.family !== "gaussian" || d.link !== "identity")) {
    throw new UsageError(`method ${method} needs family gaussian with link identity (this model is ${d.family}/${d.link}); use laplace, agq or nuts`);
  }
  if ((method === "laplace" || method === "agq") && d.family === "gaussian") {
    throw new UsageError(`family gaussian is fitted exactly: use --method ml or reml (or nuts) instead of ${method}`);
  }
  if (method === "agq" && (d.terms.length !== 1 || d.terms[0].termNames.length !== 1)) {
    throw new UsageError(`method agq needs exactly one random-effect term with one coefficient, like (1 | g) (as lme4's nAGQ > 1); use laplace`);
  }
  if (d.terms.length === 0 && method !== "nuts") {
    throw new UsageError(`method ${method} needs at least one random-effect term such as (1 | g)`);
  }
}

/**
 * Run the engine of a method.
 *
 * @throws UsageError `method nuts is not available yet` until its engine is wired
 * @example
 * await runEngine(model, { method: "laplace", ... }); // => FitResult (or UsageError while not wired)
 */
export async function runEngine(model: LoadedModel, settings: FitSettings): Promise<FitResult> {
  const engine = ENGINES[settings.method];
  if (!engine) throw new UsageError(`method ${settings.method} is not available yet`);
  return engine(model, settings);
}
