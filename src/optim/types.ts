/**
 * Shared types of the optimisers: an objective to minimise and a result record.
 * @module
 */

/** An objective to minimise over a box. */
export type Objective = (x: Float64Array) => number;

/** The box every optimiser here accepts: per-coordinate bounds (default -Infinity / Infinity). */
export interface BoxOptions {
  readonly lower?: ArrayLike<number>;
  readonly upper?: ArrayLike<number>;
}

/** Outcome of a minimisation. */
export interface OptimResult {
  /** Best point found. */
  readonly x: Float64Array;
  /** Objective at x. */
  readonly f: number;
  /** Objective evaluations used. */
  readonly evaluations: number;
  /** True when the stopping tolerance (not the evaluation limit) ended the run. */
  readonly converged: boolean;
  /** Why the run stopped. */
  readonly message: string;
}

/**
 * Projects x onto the box [lower, upper] in place.
 * @param x - point, overwritten
 * @param lower - lower bounds (-Infinity for none)
 * @param upper - upper bounds (Infinity for none)
 * @returns x
 * @example
 * clampToBox(new Float64Array([-1, 5]), new Float64Array([0, 0]), new Float64Array([1, 1])); // => [0, 1]
 */
export function clampToBox(x: Float64Array, lower: Float64Array, upper: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
  return x;
}

/**
 * Fills default bounds: -Infinity/Infinity when not given.
 * @param n - dimension
 * @param b - optional bounds
 * @param fill - value for a missing bound
 * @returns a bound vector of length n
 * @example
 * boundsOrDefault(2, undefined, -Infinity); // => [-Infinity, -Infinity]
 */
export function boundsOrDefault(n: number, b: ArrayLike<number> | undefined, fill: number): Float64Array {
  if (b === undefined) return new Float64Array(n).fill(fill);
  if (b.length !== n) throw new Error(`bounds have length ${b.length} but the start point has ${n}: give one bound per parameter`);
  return Float64Array.from(b);
}

/**
 * The box of an optimiser's options as two bound vectors, -Infinity / Infinity where a bound is not given.
 * @param n - dimension
 * @param options - `{ lower, upper }`
 * @returns `{ lower, upper }`, each of length n
 * @example
 * boxBounds(2, { upper: [1, 2] }).lower; // => [-Infinity, -Infinity]
 */
export function boxBounds(n: number, options: BoxOptions): { lower: Float64Array; upper: Float64Array } {
  return { lower: boundsOrDefault(n, options.lower, -Infinity), upper: boundsOrDefault(n, options.upper, Infinity) };
}

/**
 * An objective that counts its calls and maps a non-finite value (NaN, -Infinity) to +Infinity, so a failed
 * evaluation is never taken for an improvement.
 * @param f - the objective
 * @returns `fx`, the wrapped objective, and `evaluations()`, the calls so far
 * @example
 * const c = countedObjective(() => NaN); c.fx(new Float64Array(1)); c.evaluations(); // => 1
 */
export function countedObjective(f: Objective): { fx: Objective; evaluations: () => number } {
  let calls = 0;
  const fx = (x: Float64Array): number => {
    calls++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  return { fx, evaluations: () => calls };
}
