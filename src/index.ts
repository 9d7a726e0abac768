/**
 * glmm: Bayesian generalized linear mixed models. Public re-exports only.
 *
 * - the typed model graph: `import { graph } from "glmm"` then `graph.model({...})` (or `import * as glmm from
 *   "glmm/graph"` style via the `graph` namespace);
 * - formulas and model files: `loadSpec`, `designFromFormula`, `readCsv`;
 * - engines: `compileDesign` (log density + gradient), `fitMixed` (Laplace/AGQ/ML/REML), `fitNuts` (NUTS);
 * - diagnostics as the posterior R package computes them; EB-vs-FB comparison; the applications.
 * @module
 */
export type { Vec, LogDensityFn, Rng } from "./types.js";
export { makeRng, streamSeed } from "./rng.js";
export type { Design, ReTerm, Response, FamilyName, LinkName } from "./design/design.js";
export { parsePrior, parsePriors, DEFAULT_PRIORS } from "./design/priors.js";
export type { PriorDef, ModelPriors } from "./design/priors.js";

export * as graph from "./graph/index.js";
export type { Values, Draws, DataInput } from "./graph/index.js";
export { compileDesign, type CompiledModel, type CompileOptions } from "./compile/index.js";

export { loadSpec, designFromFormula, readSpec, type LoadedModel, type ModelSpec, type DesignOptions } from "./spec/index.js";
export { parseFormula } from "./formula/index.js";
export { readCsv, parseCsv, type DataTable } from "./data/index.js";

export { fitMixed, toResultJson, type MixedFit, type FitOptions, type FitMethod } from "./laplace/index.js";
export { fitNuts, toStanJson, type NutsFit, type NutsTiming, type FitNutsOptions } from "./fit/index.js";

export {
  rhat, rhatBasic, essBulk, essTail, essBasic, essMean, essSd, essQuantile, mcseMean, mcseSd, mcseQuantile,
  mean, sd, quantile, ebfmi, summarise, summariseParallel, closeSummaryPool, stackChains, type SummaryRow,
} from "./diagnostics/index.js";

export * as compare from "./compare/index.js";
export * as apps from "./apps/index.js";
