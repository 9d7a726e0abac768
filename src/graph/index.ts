/**
 * Public API of the typed model graph: builders, model(), inferred types, toDesign and compileModel.
 * @module
 */
export { normal, studentT, cauchy, halfNormal, halfStudentT, halfCauchy, exponential, gamma, invGamma, lkj, flat } from "./priors.js";
export {
  vector, counts, trials, factor, matrix, covariance, intercept, slope, effects, columns, re, reIndependent, reKnown,
  gaussian, bernoulli, binomial, poisson, negbinomial2,
  type DataNode, type FactorNode, type MatrixNode, type CovarianceNode, type CoefNode, type ReNode, type LikelihoodNode,
  type TermCoef, type EffectNames, type ReOptions,
} from "./nodes.js";
export { model, type ModelNode } from "./model.js";
export type { Values, Draws, DataInput, ScalarNames, Pairs } from "./infer.js";
export { toDesign, type GraphDesign } from "./toDesign.js";
export { compileModel, type GraphModel } from "./compileModel.js";
export { designToGraph, type GraphWithData } from "./fromDesign.js";
