/**
 * Optimisers: bounded Nelder-Mead, projected BFGS, BOBYQA-style quadratic models, finite-difference Newton,
 * finite-difference derivatives.
 * @module
 */
export { nelderMead, type NelderMeadOptions } from "./nelderMead.js";
export { bfgsBox, type BfgsOptions } from "./bfgs.js";
export { gradientFD, hessianFD, gradientHessianFD, fdStep, type LocalQuadratic, type WarmState } from "./numericDerivatives.js";
export { bobyqa, type BobyqaOptions } from "./bobyqa.js";
export { newtonFD, type NewtonOptions, type NewtonResult } from "./newtonFD.js";
export { clampToBox, boundsOrDefault, type BoxOptions, type Objective, type OptimResult } from "./types.js";
