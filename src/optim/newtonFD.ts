/**
 * Damped, projected Newton minimisation with finite-difference gradients and Hessians, for smooth
 * objectives of a few parameters started near their minimum (the joint Laplace deviance over
 * (theta, beta) from the nAGQ = 0 optimum). Each iteration costs n^2 + n + 1 evaluations (one stencil) plus
 * the line search; the stencil's Hessian at the last iterate is returned, so a caller that needs the
 * Hessian at the optimum (lme4's fixed-effect vcov) gets it without a second stencil.
 * @module
 */
import { choleskyInPlace, choleskySolve } from "../linalg/dense.js";
import { gradientHessianFD, type WarmState } from "./numericDerivatives.js";
import { boxBounds, clampToBox, countedObjective, type Objective, type OptimResult, type BoxOptions } from "./types.js";

/** Options of {@link newtonFD}. */
export interface NewtonOptions extends BoxOptions {
  /** Relative finite-difference step of the stencil (default 1e-4). */
  readonly fdStep?: number;
  /** Stop when the Newton decrement g' H^-1 g falls below this (default 1e-6, deviance scale). */
  readonly tol?: number;
  readonly maxIterations?: number;
  /** Largest step per coordinate, relative to max(|x_i|, 1) (default 1). */
  readonly maxStep?: number;
  /** One-sided pair points in the stencil: about half the evaluations, O(h) Hessian (default false). */
  readonly forwardPairs?: boolean;
  /** Inner-solver state to extrapolate across the stencil (see gradientHessianFD). */
  readonly warm?: WarmState;
}

/** Result of {@link newtonFD}: the optimum plus the last stencil. */
export interface NewtonResult extends OptimResult {
  /** Hessian (row-major) at `hessianAt`, the last iterate before the final (small) step. */
  readonly hessian: Float64Array;
  readonly hessianAt: Float64Array;
  /** Gradient at `hessianAt`. */
  readonly gradient: Float64Array;
  readonly iterations: number;
}

/**
 * Minimises f by Newton steps on finite-difference derivatives, with bound projection, Levenberg
 * damping when the Hessian is not positive definite, a step cap and backtracking.
 * @param f - objective
 * @param x0 - start (projected onto the box)
 * @param options - bounds, stencil step, tolerance
 * @returns the optimum, its value, evaluations and the last Hessian; converged = decrement below tol
 * @example
 * newtonFD(x => (x[0] - 1) ** 2 + 3 * (x[1] + 2) ** 2 + x[0] * x[1], new Float64Array([0, 0])).x; // => approximately [1.3913, -2.2319]
 */
export function newtonFD(f: Objective, x0: Float64Array, options: NewtonOptions = {}): NewtonResult {
  const n = x0.length;
  const { lower, upper } = boxBounds(n, options);
  const { fx, evaluations } = countedObjective(f);
  const tol = options.tol ?? 1e-6;
  let x = clampToBox(Float64Array.from(x0), lower, upper);
  let last = null as ReturnType<typeof gradientHessianFD> | null;
  let hessianAt = x;
  for (let it = 0; it < (options.maxIterations ?? 20); it++) {
    const q = gradientHessianFD(fx, Float64Array.from(x), options.fdStep ?? 1e-4, options.warm, options.forwardPairs);
    last = q; hessianAt = x;
    const free = Array.from(x, (xi, i) => !((xi <= lower[i] && q.gradient[i] > 0) || (xi >= upper[i] && q.gradient[i] < 0)));
    const s = dampedStep(q.hessian, q.gradient, free);
    capStep(s, x, options.maxStep ?? 1);
    let dec = 0;
    for (let i = 0; i < n; i++) dec -= q.gradient[i] * s[i];
    const step = backtrack(fx, x, q.f, s, dec, lower, upper);
    const result = (xr: Float64Array, fr: number, converged: boolean, message: string): NewtonResult =>
      ({ x: xr, f: fr, evaluations: evaluations(), converged, message, hessian: q.hessian, hessianAt, gradient: q.gradient, iterations: it + 1 });
    if (dec < tol) return step ? result(step.x, step.f, true, "Newton decrement below tolerance") : result(x, q.f, true, "Newton decrement below tolerance");
    if (step === null) return result(x, q.f, false, "no decrease along the Newton direction");
    x = step.x;
  }
  const q = last!;
  return { x, f: fx(x), evaluations: evaluations(), converged: false, message: "iteration limit reached", hessian: q.hessian, hessianAt, gradient: q.gradient, iterations: options.maxIterations ?? 20 };
}

/** Solves (H_FF + lambda I) s_F = -g_F on the free set, raising lambda until the factor exists. */
function dampedStep(H: Float64Array, g: Float64Array, free: boolean[]): Float64Array {
  const n = g.length;
  const idx = free.flatMap((fr, i) => (fr ? [i] : []));
  const k = idx.length;
  const s = new Float64Array(n);
  if (k === 0) return s;
  let maxDiag = 0;
  for (const i of idx) maxDiag = Math.max(maxDiag, Math.abs(H[i * n + i]));
  const rhs = Float64Array.from(idx, (i) => -g[i]);
  for (let lambda = 0, tries = 0; tries < 30; tries++, lambda = lambda === 0 ? 1e-8 * (maxDiag || 1) : lambda * 10) {
    const A = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) A[a * k + b] = H[idx[a] * n + idx[b]] + (a === b ? lambda : 0);
    if (!choleskyInPlace(A, k)) continue;
    const sol = choleskySolve(A, k, rhs);
    idx.forEach((i, a) => { s[i] = sol[a]; });
    return s;
  }
  idx.forEach((i) => { s[i] = -g[i]; });
  return s;
}

function capStep(s: Float64Array, x: Float64Array, maxStep: number): void {
  let r = 0;
  for (let i = 0; i < s.length; i++) r = Math.max(r, Math.abs(s[i]) / Math.max(1, Math.abs(x[i])));
  if (r > maxStep) for (let i = 0; i < s.length; i++) s[i] *= maxStep / r;
}

function backtrack(fx: Objective, x: Float64Array, f0: number, s: Float64Array, dec: number,
  lower: Float64Array, upper: Float64Array): { x: Float64Array; f: number } | null {
  for (let t = 1, k = 0; k < 30; k++, t *= 0.5) {
    const xn = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) xn[i] = x[i] + t * s[i];
    clampToBox(xn, lower, upper);
    const fn = fx(xn);
    if (fn < f0 && fn <= f0 - 1e-4 * t * Math.max(dec, 0)) return { x: xn, f: fn };
    if (t * dec < 1e-10) return null;
  }
  return null;
}
