/**
 * The fixed part of the linear predictor, X beta + offset, of every observation of a Design.
 * @module
 */
import type { Design } from "./design.js";

/**
 * Fixed-effect part X beta + offset.
 * @param design - the design
 * @param beta - fixed effects in design.fixedNames order
 * @returns eta, length n
 * @example
 * fixedPredictor(design, [0.7, -0.8, 0, 0.2])[0]; // => 2.32
 */
export function fixedPredictor(design: Design, beta: ArrayLike<number>): Float64Array {
  const { n, p, X } = design;
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = design.offset ? design.offset[i] : 0;
    for (let j = 0; j < p; j++) s += X[i * p + j] * beta[j];
    eta[i] = s;
  }
  return eta;
}
