/**
 * Prior builders for the graph API: each returns a plain `PriorDef` (the contract of src/design/priors.ts), so a
 * graph's priors are data. Half priors are truncated at 0 with their normalising constant (see densities/).
 * @module
 */
import type { PriorDef } from "../design/priors.js";

function positive(what: string, v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) throw new Error(`${what} must be a finite number > 0, got ${v}`);
  return v;
}

/**
 * normal(mu, sigma).
 * @example
 * normal(0, 5); // => { dist: "normal", mu: 0, sigma: 5 }
 */
export function normal(mu: number, sigma: number): PriorDef {
  return { dist: "normal", mu, sigma: positive("normal: sigma", sigma) };
}

/**
 * Student-t(nu, mu, sigma).
 * @example
 * studentT(3, 0, 2.5); // => { dist: "student_t", nu: 3, mu: 0, sigma: 2.5 }
 */
export function studentT(nu: number, mu: number, sigma: number): PriorDef {
  return { dist: "student_t", nu: positive("student_t: nu", nu), mu, sigma: positive("student_t: sigma", sigma) };
}

/**
 * Cauchy(mu, sigma).
 * @example
 * cauchy(0, 1); // => { dist: "cauchy", mu: 0, sigma: 1 }
 */
export function cauchy(mu: number, sigma: number): PriorDef {
  return { dist: "cauchy", mu, sigma: positive("cauchy: sigma", sigma) };
}

/**
 * Half-normal(0, sigma) on (0, inf) (Stan's normal+).
 * @example
 * halfNormal(2.5); // => { dist: "normal", mu: 0, sigma: 2.5, half: true }
 */
export function halfNormal(sigma: number): PriorDef {
  return { dist: "normal", mu: 0, sigma: positive("halfNormal: sigma", sigma), half: true };
}

/**
 * Half-Student-t(nu, 0, sigma) on (0, inf).
 * @example
 * halfStudentT(3, 2.5); // => { dist: "student_t", nu: 3, mu: 0, sigma: 2.5, half: true }
 */
export function halfStudentT(nu: number, sigma: number): PriorDef {
  return { dist: "student_t", nu: positive("halfStudentT: nu", nu), mu: 0, sigma: positive("halfStudentT: sigma", sigma), half: true };
}

/**
 * Half-Cauchy(0, sigma) on (0, inf).
 * @example
 * halfCauchy(1); // => { dist: "cauchy", mu: 0, sigma: 1, half: true }
 */
export function halfCauchy(sigma: number): PriorDef {
  return { dist: "cauchy", mu: 0, sigma: positive("halfCauchy: sigma", sigma), half: true };
}

/**
 * Exponential(rate).
 * @example
 * exponential(1); // => { dist: "exponential", rate: 1 }
 */
export function exponential(rate: number): PriorDef {
  return { dist: "exponential", rate: positive("exponential: rate", rate) };
}

/**
 * Gamma(shape, rate).
 * @example
 * gamma(0.01, 0.01); // => { dist: "gamma", shape: 0.01, rate: 0.01 }
 */
export function gamma(shape: number, rate: number): PriorDef {
  return { dist: "gamma", shape: positive("gamma: shape", shape), rate: positive("gamma: rate", rate) };
}

/**
 * Inverse-gamma(shape, scale).
 * @example
 * invGamma(2, 1); // => { dist: "inv_gamma", shape: 2, scale: 1 }
 */
export function invGamma(shape: number, scale: number): PriorDef {
  return { dist: "inv_gamma", shape: positive("invGamma: shape", shape), scale: positive("invGamma: scale", scale) };
}

/**
 * LKJ(eta) on a correlation matrix (used through its Cholesky factor).
 * @example
 * lkj(2); // => { dist: "lkj", eta: 2 }
 */
export function lkj(eta: number): PriorDef {
  return { dist: "lkj", eta: positive("lkj: eta", eta) };
}

/**
 * Flat (improper uniform) prior; on a correlation matrix it means lkj(1).
 * @example
 * flat(); // => { dist: "flat" }
 */
export function flat(): PriorDef {
  return { dist: "flat" };
}
