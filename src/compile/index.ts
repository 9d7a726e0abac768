/**
 * Public API of the compiler: Design + priors -> CompiledModel (log density with gradient on an unconstrained vector).
 * @module
 */
export { compileDesign, type CompileOptions } from "./compileDesign.js";
export type { CompiledModel } from "./compiledModel.js";
export { glmValue, glmBlock, makeGlmState, type GlmState } from "./glmBlock.js";
export { knownCovarianceFactor, denseFactor, type KnownFactor } from "./knownCovariance.js";
export type { PriorOverrides } from "./layout.js";
