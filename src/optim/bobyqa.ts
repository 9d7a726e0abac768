/**
 * Derivative-free bound-constrained minimisation by a quadratic-model trust region, after Powell's
 * BOBYQA/UOBYQA (the optimiser lme4 uses for lmer): a full quadratic interpolates f at (n+1)(n+2)/2
 * points; each iteration minimises the model in the trust region intersected with the box (truncated
 * conjugate gradient that fixes variables as they reach their bounds), evaluates f once and swaps the
 * new point into the set by its Lagrange function; the resolution rho shrinks from rhoBegin to rhoEnd
 * when the model stops producing steps. Meant for a few parameters (the model is refitted by a dense
 * solve each step): about 40-80 evaluations for 2-3 parameters against 150+ for simplex + FD-BFGS.
 * @module
 */
import { boxBounds, clampToBox, type Objective, type OptimResult, type BoxOptions } from "./types.js";
import { fitQuadratic, minEigenvalue, type QuadraticModel } from "./bobyqaModel.js";
import { boxTrustRegionStep } from "./bobyqaStep.js";

/** Options of {@link bobyqa}. */
export interface BobyqaOptions extends BoxOptions {
  /** Initial trust-region radius (default 0.2; reduced to half the narrowest box width). */
  readonly rhoBegin?: number;
  /** Final resolution: the run stops when rho would go below it (default 1e-6). */
  readonly rhoEnd?: number;
  readonly maxEvaluations?: number;
}

interface State {
  readonly f: Objective;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly pts: Float64Array[];
  readonly fs: number[];
  evaluations: number;
}

/**
 * Minimises f over the box [lower, upper] without derivatives.
 * @param f - objective
 * @param x0 - start (projected onto the box)
 * @param options - bounds, radii and evaluation limit
 * @returns the best point and its value
 * @example
 * bobyqa(x => (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2, new Float64Array([0, 0]), { lower: [-5, 0] }).x; // => ~[1, 0]
 * @see Powell (2009), The BOBYQA algorithm for bound constrained optimization without derivatives
 */
export function bobyqa(f: Objective, x0: Float64Array, options: BobyqaOptions = {}): OptimResult {
  const n = x0.length;
  const { lower, upper } = boxBounds(n, options);
  let minWidth = Infinity;
  for (let i = 0; i < n; i++) minWidth = Math.min(minWidth, upper[i] - lower[i]);
  if (!(minWidth > 0)) throw new Error("bobyqa needs upper > lower for every parameter: fix the bounds (or drop the fixed parameter)");
  const rho = Math.min(options.rhoBegin ?? 0.2, minWidth / 2);
  const maxEval = options.maxEvaluations ?? 200 * (n + 1) ** 2;
  const st: State = { f, lower, upper, pts: [], fs: [], evaluations: 0 };
  initialPoints(st, clampToBox(Float64Array.from(x0), lower, upper), rho);
  const run: Run = { st, rho, delta: rho, rhoEnd: options.rhoEnd ?? 1e-6, errors: [] };
  let converged = true;
  while (iterate(run)) {
    if (st.evaluations >= maxEval) { converged = false; break; }
  }
  const kb = bestIndex(st.fs);
  return {
    x: Float64Array.from(st.pts[kb]), f: st.fs[kb], evaluations: st.evaluations, converged,
    message: converged ? "rho reached rhoEnd" : "evaluation limit reached",
  };
}

/** Radii and recent model errors of a run. */
interface Run {
  readonly st: State;
  rho: number;
  delta: number;
  readonly rhoEnd: number;
  /** |f - model| at recent trust-region points: when small against the curvature, a short step means
   * convergence at this resolution and rho shrinks without geometry steps (Powell's test). */
  readonly errors: number[];
}

/** One iteration: a trust-region step, a geometry step or a reduction of rho; false when rho is exhausted. */
function iterate(run: Run): boolean {
  const { st } = run;
  const n = st.lower.length;
  const kb = bestIndex(st.fs), xb = st.pts[kb];
  const model = fitQuadratic(st.pts, st.fs, xb, run.delta);
  if (model === null) { rebuild(st, kb, run.delta); return true; }
  const far = farthest(st.pts, xb);
  const d = boxTrustRegionStep(model.g, model.H, run.delta, lowerGap(st, xb), upperGap(st, xb));
  const dn = norm(d);
  if (dn < 0.5 * run.rho) {
    const recent = run.errors.slice(-3);
    const trusted = recent.length === 3 && Math.max(...recent) <= 0.125 * minEigenvalue(model.H, n) * run.rho ** 2;
    if (!trusted && far.dist > 2 * run.delta) { geometryStep(st, kb, far.k, run.delta, model); return true; }
    return shrinkRho(run);
  }
  const xn = clampToBox(xb.map((v, i) => v + d[i]), st.lower, st.upper);
  const fn = evaluate(st, xn);
  const predicted = -(dot(model.g, d) + 0.5 * quad(model.H, d));
  const ratio = predicted > 0 ? (st.fs[kb] - fn) / predicted : -1;
  run.errors.push(Math.abs(st.fs[kb] - predicted - fn));
  const atFloor = run.delta <= run.rho;
  run.delta = ratio < 0.1 ? Math.min(run.delta / 2, dn) : ratio > 0.7 ? Math.max(run.delta / 2, 2 * dn) : Math.max(run.delta / 2, dn);
  if (run.delta <= 1.5 * run.rho) run.delta = run.rho;
  swapIn(st, kb, xn, fn, model, run.delta);
  if (ratio >= 0.1) return true;
  const kb2 = bestIndex(st.fs), far2 = farthest(st.pts, st.pts[kb2]);
  const model2 = far2.dist > 2 * run.delta ? fitQuadratic(st.pts, st.fs, st.pts[kb2], run.delta) : null;
  if (model2 !== null) { geometryStep(st, kb2, far2.k, run.delta, model2); return true; }
  return atFloor ? shrinkRho(run) : true;
}

/**
 * Moves to the next rho (false when rho is already at rhoEnd); the recorded model errors are rescaled to
 * it (errors of a quadratic fit shrink like rho^2).
 */
function shrinkRho(run: Run): boolean {
  if (run.rho <= run.rhoEnd) return false;
  const next = nextRho(run.rho, run.rhoEnd), r2 = (next / run.rho) ** 2;
  for (let i = 0; i < run.errors.length; i++) run.errors[i] *= r2;
  run.rho = next;
  run.delta = Math.max(run.delta / 2, next);
  return true;
}

/** Powell's schedule: divide by 10, then the geometric mean with rhoEnd, then rhoEnd. */
function nextRho(rho: number, rhoEnd: number): number {
  const r = rho / rhoEnd;
  return r <= 16 ? rhoEnd : r <= 250 ? Math.sqrt(rho * rhoEnd) : rho / 10;
}

function evaluate(st: State, x: Float64Array): number {
  st.evaluations++;
  const v = st.f(x);
  st.pts.push(x);
  st.fs.push(Number.isFinite(v) ? v : finitePenalty(st.fs));
  return st.fs[st.fs.length - 1];
}

/** Stand-in for a non-finite value (a failed factorisation): worse than every value so far, yet finite, so the model stays usable. */
function finitePenalty(fs: readonly number[]): number {
  let lo = Infinity, hi = -Infinity;
  for (const v of fs) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return Number.isFinite(hi) ? hi + (hi - lo) + 1 : Number.MAX_VALUE;
}

/** Restarts the interpolation set around the best point (when it has become degenerate). */
function rebuild(st: State, kb: number, delta: number): void {
  const xb = st.pts[kb], fb = st.fs[kb];
  st.pts.length = 0;
  st.fs.length = 0;
  st.pts.push(xb);
  st.fs.push(fb);
  initialPoints(st, xb, delta, false);
}

/** x0, x0 +- rho e_i (2 rho inward at a bound), x0 + (first offsets of i and j): (n+1)(n+2)/2 points. */
function initialPoints(st: State, x0: Float64Array, rho: number, withCentre = true): void {
  const n = x0.length;
  if (withCentre) evaluate(st, x0);
  const first = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let a = rho, b = -rho;
    if (x0[i] + a > st.upper[i]) { a = -rho; b = -2 * rho; } else if (x0[i] + b < st.lower[i]) b = 2 * rho;
    first[i] = a;
    for (const s of [a, b]) { const x = Float64Array.from(x0); x[i] += s; evaluate(st, clampToBox(x, st.lower, st.upper)); }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    const x = Float64Array.from(x0);
    x[i] += first[i]; x[j] += first[j];
    evaluate(st, clampToBox(x, st.lower, st.upper));
  }
}

/**
 * Replaces a point by xn (already evaluated and appended): the one whose Lagrange function is largest at
 * xn, weighted by its distance from the best point (never the best point itself).
 */
function swapIn(st: State, kb: number, xn: Float64Array, fn: number, model: QuadraticModel, delta: number): void {
  st.pts.pop(); st.fs.pop();
  const ell = model.lagrangeAt(xn);
  let k = -1, score = -1;
  for (let t = 0; t < st.pts.length; t++) {
    if (t === kb) continue;
    const w = Math.max(1, dist(st.pts[t], st.pts[kb]) / delta);
    const s = Math.abs(ell[t]) * w * w;
    if (s > score) { score = s; k = t; }
  }
  st.pts[k] = xn;
  st.fs[k] = fn;
}

/** Moves the far point k next to the best point, where its Lagrange function is large (or along the axes). */
function geometryStep(st: State, kb: number, k: number, delta: number, model: QuadraticModel): void {
  const xb = st.pts[kb], n = xb.length;
  const candidates: Float64Array[] = [];
  const add = (i: number, si: number, j: number, sj: number) => {
    const x = Float64Array.from(xb);
    x[i] += si;
    if (j >= 0) x[j] += sj;
    candidates.push(clampToBox(x, st.lower, st.upper));
  };
  const h = delta / Math.SQRT2;
  for (let i = 0; i < n; i++) {
    add(i, delta, -1, 0); add(i, -delta, -1, 0);
    for (let j = 0; j < i; j++) { add(i, h, j, h); add(i, h, j, -h); add(i, -h, j, h); add(i, -h, j, -h); }
  }
  let best = candidates[0], bestScore = -1;
  for (const c of candidates) {
    if (dist(c, xb) === 0) continue;
    const score = Math.abs(model.lagrangeAt(c)[k]);
    if (score > bestScore) { bestScore = score; best = c; }
  }
  evaluate(st, best);
  st.pts[k] = st.pts.pop()!;
  st.fs[k] = st.fs.pop()!;
}

function bestIndex(fs: readonly number[]): number {
  let k = 0;
  for (let t = 1; t < fs.length; t++) if (fs[t] < fs[k]) k = t;
  return k;
}

function farthest(pts: readonly Float64Array[], xb: Float64Array): { k: number; dist: number } {
  let k = 0, best = -1;
  pts.forEach((p, t) => { const d = dist(p, xb); if (d > best) { best = d; k = t; } });
  return { k, dist: best };
}

function lowerGap(st: State, xb: Float64Array): Float64Array { return xb.map((v, i) => st.lower[i] - v); }
function upperGap(st: State, xb: Float64Array): Float64Array { return xb.map((v, i) => st.upper[i] - v); }
function dot(a: ArrayLike<number>, b: ArrayLike<number>): number { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }
function norm(a: ArrayLike<number>): number { return Math.sqrt(dot(a, a)); }
function dist(a: ArrayLike<number>, b: ArrayLike<number>): number { let s = 0; for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2; return Math.sqrt(s); }
function quad(H: Float64Array, d: Float64Array): number {
  const n = d.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += d[i] * H[i * n + j] * d[j];
  return s;
}
