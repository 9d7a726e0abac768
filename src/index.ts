/**
 * glmm: Bayesian generalized linear mixed models. Public re-exports only.
 * @module
 */
export type { Vec, LogDensityFn, Rng } from "./types.js";
export { makeRng } from "./rng.js";
export type { Design, ReTerm, Response, FamilyName, LinkName } from "./design/design.js";
export { parsePrior, parsePriors, DEFAULT_PRIORS } from "./design/priors.js";
export type { PriorDef, ModelPriors } from "./design/priors.js";
