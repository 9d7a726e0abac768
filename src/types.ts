/**
 * Shared numeric types of glmm. Every hot loop works on flat `Float64Array`s.
 * @module
 */

/** A flat vector of doubles. */
export type Vec = Float64Array;

/**
 * A log density on the unconstrained space: returns log p(theta) and writes d log p / d theta into `grad`.
 *
 * @example
 * const stdNormal: LogDensityFn = (theta, grad) => {
 *   let lp = 0;
 *   for (let i = 0; i < theta.length; i++) { lp -= 0.5 * theta[i] * theta[i]; grad[i] = -theta[i]; }
 *   return lp;
 * };
 * stdNormal(new Float64Array([1]), new Float64Array(1)); // => -0.5
 */
export type LogDensityFn = (theta: Float64Array, grad: Float64Array) => number;

/** A source of uniform(0, 1) doubles (seeded; see `src/rng.ts`). */
export type Rng = () => number;
