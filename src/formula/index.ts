/**
 * lme4-style formulas: parsing, R's terms and model.matrix, lme4's random-effect terms.
 * @module
 */
export type { Expr, Formula, BinaryOp } from "./ast.js";
export { tokenize } from "./tokenize.js";
export type { Token } from "./tokenize.js";
export { parseFormula, parseExpression } from "./parse.js";
export { deparse, formatNumberR } from "./deparse.js";
export { expandTerms, termLabel } from "./terms.js";
export type { TermStructure } from "./terms.js";
export { splitRandom } from "./bars.js";
export type { RandomSpec } from "./bars.js";
export { evaluateVariable, numericValues, factorValues, assertFinite } from "./evaluate.js";
export type { VarValue, EvalContext } from "./evaluate.js";
export { buildModelMatrix } from "./modelMatrix.js";
export type { ModelMatrix } from "./modelMatrix.js";
export { buildReTerm, groupingFactor } from "./randomTerms.js";
export { columnNames } from "./variables.js";
