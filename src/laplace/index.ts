/**
 * Empirical Bayes for GLMMs: PIRLS, Laplace, adaptive Gauss-Hermite quadrature, exact ML/REML LMMs.
 * @module
 */
export { fitMixed, type FitOptions } from "./fit.js";
export { fitLmm } from "./fitLmm.js";
export { fitGlmm, type GlmmOptions } from "./fitGlmm.js";
export { toResultJson, varCorrFromTheta, ranefEntries, type MixedFit, type FitMethod, type FixedEffect, type VarCorrTerm, type RanefEntry, type ConvergenceInfo } from "./results.js";
export { glmFamily, negativeBinomialFamily, type GlmFamily } from "./glmFamily.js";
export { linkFor, type Link } from "./links.js";
export { createRespModule, updateMu, minus2LogLik, type RespModule } from "./respModule.js";
export { createPredModule, setTheta, updateDecomp, solveU, solveJoint, linPred, conditionalModes, zlTransposeTimes, type PredModule, type PredOptions } from "./predModule.js";
export { pirls, pirlsIncrement, type PirlsResult } from "./pirls.js";
export { lmmDeviance, type LmmEvaluation } from "./lmm.js";
export { createGlmmState, stage1Deviance, jointDeviance, type GlmmState } from "./laplace.js";
export { gaussHermite, agqDeviance, type GaussHermiteRule } from "./agq.js";
export { termLayouts, thetaLowerBounds, thetaStart, relativeFactor, type TermLayout } from "./lambda.js";
