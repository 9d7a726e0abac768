/**
 * Optimisers: bounded Nelder-Mead, projected BFGS, finite-difference derivatives.
 * @module
 */
export { nelderMead, type NelderMeadOptions } from "./nelderMead.js";
export { bfgsBox, type BfgsOptions } from "./bfgs.js";
export { gradientFD, hessianFD, fdStep } from "./numericDerivatives.js";
export { clampToBox, boundsOrDefault, type Objective, type OptimResult } from "./types.js";
