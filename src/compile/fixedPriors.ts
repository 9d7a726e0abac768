/**
 * The opening of every compiled log density: argument check, zeroed gradient, the likelihood constant and the
 * fixed effects' priors (their log densities and gradients).
 * @module
 */
import type { ScalarPrior } from "../densities/scalarPrior.js";

/**
 * Checks theta and grad, zeroes grad and returns constant + sum_j log p(beta_j), with d/d beta_j in grad[j].
 * @param theta - unconstrained parameters (beta first)
 * @param grad - gradient buffer, overwritten
 * @param dim - model dimension
 * @param fixedPriors - one prior per fixed effect
 * @param constant - the data-only constant of the density
 * @returns the partial log density
 * @throws when theta or grad has the wrong length
 * @example
 * beginLogDensity(new Float64Array([0]), new Float64Array(1), 1, [compileScalarPrior({ dist: "normal", mu: 0, sigma: 1 })], 0); // => -0.9189385332046727
 */
export function beginLogDensity(theta: Float64Array, grad: Float64Array, dim: number, fixedPriors: readonly ScalarPrior[], constant: number): number {
  if (theta.length !== dim || grad.length !== dim) throw new Error(`logDensity: theta and grad must have length ${dim} (got ${theta.length}, ${grad.length})`);
  grad.fill(0);
  let lp = constant;
  for (let j = 0; j < fixedPriors.length; j++) {
    lp += fixedPriors[j].logDensity(theta[j]);
    grad[j] = fixedPriors[j].gradient(theta[j]);
  }
  return lp;
}
