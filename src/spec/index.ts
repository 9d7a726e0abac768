/**
 * Model specifications: spec.json files and formula + data -> Design.
 * @module
 */
export { loadSpec, priorsFor } from "./loadSpec.js";
export type { LoadedModel } from "./loadSpec.js";
export { readSpec, checkSpec } from "./readSpec.js";
export type { ModelSpec } from "./readSpec.js";
export { designFromFormula } from "./designFromFormula.js";
export type { DesignOptions, DesignResult } from "./designFromFormula.js";
export { checkFamilyLink, FAMILY_LINKS } from "./family.js";
export { checkResponse } from "./responseChecks.js";
export { readCovarianceCsv, alignCovariance } from "./knownCovariance.js";
export type { LabelledMatrix } from "./knownCovariance.js";
export { defaultPriors } from "./defaultPriors.js";
