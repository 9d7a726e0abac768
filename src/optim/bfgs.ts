/**
 * Projected quasi-Newton (BFGS) minimisation with box constraints and central-difference gradients.
 * Variables on a bound whose gradient points out of the box are held fixed for the step.
 * Used to polish the joint (theta, beta) Laplace/AGQ optimum after the simplex stage.
 * @module
 */
import { gradientFD } from "./numericDerivatives.js";
import { boxBounds, clampToBox, countedObjective, type Objective, type OptimResult, type BoxOptions } from "./types.js";

/** Options of {@link bfgsBox}. */
export interface BfgsOptions extends BoxOptions {
  /** Stop when max |projected gradient| * max(|x|,1) < gtol (default 1e-6). */
  readonly gtol?: number;
  readonly maxIterations?: number;
  /** Relative finite-difference step (default 1e-5). */
  readonly fdStep?: number;
  /** Analytic gradient; numeric when absent. */
  readonly gradient?: (x: Float64Array) => Float64Array;
}

/**
 * Minimises f over a box by projected BFGS with Armijo backtracking.
 * @param f - objective
 * @param x0 - start (projected onto the box)
 * @param options - bounds, tolerances
 * @returns best point, value, evaluation count, convergence flag
 * @example
 * const r = bfgsBox(x => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2, new Float64Array([-1.2, 1]));
 * r.x; // => approximately [1, 1]
 * @see Nocedal & Wright, Numerical Optimization, ch. 6
 */
export function bfgsBox(f: Objective, x0: Float64Array, options: BfgsOptions = {}): OptimResult {
  const n = x0.length;
  const { lower, upper } = boxBounds(n, options);
  const { fx, evaluations } = countedObjective(f);
  const grad = options.gradient ?? ((x: Float64Array) => gradientFD(fx, x, options.fdStep ?? 1e-5));
  let x = clampToBox(Float64Array.from(x0), lower, upper);
  let fv = fx(x);
  let g = grad(x);
  let H = identity(n);
  const gtol = options.gtol ?? 1e-6;
  for (let it = 0; it < (options.maxIterations ?? 500); it++) {
    const free = freeMask(x, g, lower, upper);
    if (projectedGradNorm(g, free, x) < gtol) return done(x, fv, evaluations(), true, "gradient tolerance reached");
    const d = direction(H, g, free);
    const step = lineSearch(fx, x, fv, g, d, lower, upper);
    if (step === null) {
      if (!isIdentity(H)) { H = identity(n); continue; }
      return done(x, fv, evaluations(), true, "no further decrease (line search)");
    }
    const gNew = grad(step.x);
    if (it === 0 || isIdentity(H)) scaleIdentity(H, step.x, x, gNew, g);
    updateInverseHessian(H, step.x, x, gNew, g, free);
    const rel = Math.abs(fv - step.f) / Math.max(1, Math.abs(fv));
    x = step.x; fv = step.f; g = gNew;
    if (rel < 1e-15 && it > 2) return done(x, fv, evaluations(), true, "relative decrease below 1e-15");
  }
  return done(x, fv, evaluations(), false, "iteration limit reached");
}

function done(x: Float64Array, f: number, evaluations: number, converged: boolean, message: string): OptimResult {
  return { x, f, evaluations, converged, message };
}

function identity(n: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => { const r = new Float64Array(n); r[i] = 1; return r; });
}

function isIdentity(H: Float64Array[]): boolean {
  return H.every((r, i) => r.every((v, j) => v === (i === j ? 1 : 0)));
}

function freeMask(x: Float64Array, g: Float64Array, lo: Float64Array, up: Float64Array): boolean[] {
  return Array.from(x, (xi, i) => !((xi <= lo[i] && g[i] > 0) || (xi >= up[i] && g[i] < 0)));
}

function projectedGradNorm(g: Float64Array, free: boolean[], x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < g.length; i++) if (free[i]) m = Math.max(m, Math.abs(g[i]) * Math.max(1, Math.abs(x[i])));
  return m;
}

function direction(H: Float64Array[], g: Float64Array, free: boolean[]): Float64Array {
  const n = g.length;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!free[i]) continue;
    let s = 0;
    for (let j = 0; j < n; j++) if (free[j]) s -= H[i][j] * g[j];
    d[i] = s;
  }
  let gd = 0;
  for (let i = 0; i < n; i++) gd += g[i] * d[i];
  if (!(gd < 0)) for (let i = 0; i < n; i++) d[i] = free[i] ? -g[i] : 0;
  return d;
}

/** Nocedal & Wright (6.20): H0 = (s'y / y'y) I before the first update. */
function scaleIdentity(H: Float64Array[], xn: Float64Array, x: Float64Array, gn: Float64Array, g: Float64Array): void {
  let sy = 0, yy = 0;
  for (let i = 0; i < x.length; i++) { const yi = gn[i] - g[i]; sy += (xn[i] - x[i]) * yi; yy += yi * yi; }
  if (!(sy > 0 && yy > 0)) return;
  for (let i = 0; i < x.length; i++) H[i][i] = sy / yy;
}

function lineSearch(fx: Objective, x: Float64Array, f0: number, g: Float64Array, d: Float64Array,
  lo: Float64Array, up: Float64Array): { x: Float64Array; f: number } | null {
  let maxStep = 0;
  for (let i = 0; i < x.length; i++) maxStep = Math.max(maxStep, Math.abs(d[i]) / Math.max(1, Math.abs(x[i])));
  let t = maxStep > 1 ? 1 / maxStep : 1;
  for (let k = 0; k < 40; k++, t *= 0.5) {
    const xn = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) xn[i] = x[i] + t * d[i];
    clampToBox(xn, lo, up);
    let decrease = 0;
    for (let i = 0; i < x.length; i++) decrease += g[i] * (xn[i] - x[i]);
    const fn = fx(xn);
    if (fn <= f0 + 1e-4 * Math.min(decrease, 0) && fn < f0) return { x: xn, f: fn };
  }
  return null;
}

function updateInverseHessian(H: Float64Array[], xn: Float64Array, x: Float64Array, gn: Float64Array,
  g: Float64Array, free: boolean[]): void {
  const n = x.length;
  const s = new Float64Array(n), y = new Float64Array(n);
  let sy = 0;
  for (let i = 0; i < n; i++) {
    if (!free[i]) continue;
    s[i] = xn[i] - x[i];
    y[i] = gn[i] - g[i];
    sy += s[i] * y[i];
  }
  if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return;
  const Hy = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Hy[i] += H[i][j] * y[j];
  const yHy = dot(y, Hy);
  const c = (sy + yHy) / (sy * sy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) H[i][j] += c * s[i] * s[j] - (Hy[i] * s[j] + s[i] * Hy[j]) / sy;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
