/**
 * Fitting a Design end to end: full Bayes by NUTS (and, beside it, the empirical-Bayes engine in src/laplace).
 * @module
 */
export { fitNuts, nutsTiming, isRandomEffect } from "./nuts.js";
export type { NutsFit, NutsTiming, FitNutsOptions } from "./nuts.js";
export { nutsModel, nutsModelUrl } from "./nutsModel.js";
export type { NutsModelArgs } from "./nutsModel.js";
export { toStanJson } from "./stanJson.js";
export { samplerWarnings, stuckChainWarnings } from "./warnings.js";
