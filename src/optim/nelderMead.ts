/**
 * Nelder-Mead simplex minimisation with box constraints (every trial point is projected onto the box),
 * as lme4's Nelder_Mead uses for glmer. Restarts from the best vertex until a restart no longer improves.
 * @module
 */
import { boxBounds, clampToBox, countedObjective, type Objective, type OptimResult, type BoxOptions } from "./types.js";

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions extends BoxOptions {
  /** Initial step per coordinate (default 0.1 * max(|x0_i|, 1)... scaled 0.2). */
  readonly step?: number;
  /** Stop when the simplex's f range is below ftolAbs + ftolRel * |f best|. */
  readonly ftolAbs?: number;
  readonly ftolRel?: number;
  /** Stop when the simplex diameter (relative) is below xtol. */
  readonly xtol?: number;
  readonly maxEvaluations?: number;
  /** Number of restarts from the best point (default 2). */
  readonly restarts?: number;
}

interface Simplex { pts: Float64Array[]; fs: number[] }

/**
 * Minimises f over a box with the Nelder-Mead simplex (standard coefficients 1, 2, 0.5, 0.5).
 * @param f - objective
 * @param x0 - start (projected onto the box)
 * @param options - bounds and tolerances
 * @returns the best point, its value, evaluations and a convergence flag
 * @example
 * const r = nelderMead(x => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, new Float64Array([0, 0]), { lower: [0, 0] });
 * r.x; // => approximately [1, 0] (the bound at 0 is active for x[1])
 * @see Nelder & Mead (1965); lme4 R/optimizer.R Nelder_Mead
 */
export function nelderMead(f: Objective, x0: Float64Array, options: NelderMeadOptions = {}): OptimResult {
  const n = x0.length;
  const { lower, upper } = boxBounds(n, options);
  const maxEval = options.maxEvaluations ?? 2000 * (n + 1);
  const { fx, evaluations } = countedObjective((x) => f(clampToBox(x, lower, upper)));
  let best = clampToBox(Float64Array.from(x0), lower, upper);
  let fBest = fx(Float64Array.from(best));
  let converged = false;
  for (let r = 0; r <= (options.restarts ?? 2); r++) {
    const step = r === 0 ? options.step ?? 0.2 : (options.step ?? 0.2) / 4;
    const simplex = initialSimplex(best, fBest, step, lower, upper, fx);
    converged = runSimplex(simplex, fx, options, () => evaluations() < maxEval);
    const improved = simplex.fs[0] < fBest - Math.abs(fBest) * 1e-12 - 1e-14;
    best = simplex.pts[0];
    fBest = simplex.fs[0];
    if (!improved && r > 0) break;
    if (evaluations() >= maxEval) break;
  }
  return { x: best, f: fBest, evaluations: evaluations(), converged, message: converged ? "tolerance reached" : "evaluation limit reached" };
}

function initialSimplex(x: Float64Array, fxv: number, step: number, lower: Float64Array, upper: Float64Array,
  fx: (x: Float64Array) => number): Simplex {
  const pts = [Float64Array.from(x)];
  const fs = [fxv];
  for (let i = 0; i < x.length; i++) {
    const p = Float64Array.from(x);
    const h = step * Math.max(Math.abs(x[i]), 1);
    p[i] = x[i] + h <= upper[i] ? x[i] + h : x[i] - h;
    if (p[i] < lower[i]) p[i] = lower[i] + h;
    pts.push(p);
    fs.push(fx(p));
  }
  sortSimplex(pts, fs);
  return { pts, fs };
}

function sortSimplex(pts: Float64Array[], fs: number[]): void {
  const idx = fs.map((_, i) => i).sort((a, b) => fs[a] - fs[b]);
  const p2 = idx.map((i) => pts[i]), f2 = idx.map((i) => fs[i]);
  for (let i = 0; i < idx.length; i++) { pts[i] = p2[i]; fs[i] = f2[i]; }
}

function isConverged(s: Simplex, o: NelderMeadOptions): boolean {
  const n = s.pts.length - 1;
  const fRange = s.fs[n] - s.fs[0];
  if (fRange > (o.ftolAbs ?? 1e-10) + (o.ftolRel ?? 1e-12) * Math.abs(s.fs[0])) return false;
  let diam = 0;
  for (let j = 1; j <= n; j++) {
    for (let i = 0; i < n; i++) {
      diam = Math.max(diam, Math.abs(s.pts[j][i] - s.pts[0][i]) / Math.max(1, Math.abs(s.pts[0][i])));
    }
  }
  return diam < (o.xtol ?? 1e-8);
}

function affine(c: Float64Array, w: Float64Array, t: number): Float64Array {
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = c[i] + t * (w[i] - c[i]);
  return out;
}

function runSimplex(s: Simplex, fx: (x: Float64Array) => number, o: NelderMeadOptions, budget: () => boolean): boolean {
  const n = s.pts.length - 1;
  while (budget()) {
    if (isConverged(s, o)) return true;
    const c = new Float64Array(n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) c[i] += s.pts[j][i] / n;
    const worst = s.pts[n];
    const xr = affine(c, worst, -1), fr = fx(xr);
    if (fr < s.fs[0]) {
      const xe = affine(c, worst, -2), fe = fx(xe);
      replaceWorst(s, fe < fr ? xe : xr, Math.min(fe, fr));
    } else if (fr < s.fs[n - 1]) {
      replaceWorst(s, xr, fr);
    } else {
      const outside = fr < s.fs[n];
      const xc = affine(c, worst, outside ? -0.5 : 0.5), fc = fx(xc);
      if (fc < Math.min(fr, s.fs[n])) replaceWorst(s, xc, fc);
      else shrink(s, fx);
    }
    sortSimplex(s.pts, s.fs);
  }
  return false;
}

function replaceWorst(s: Simplex, x: Float64Array, f: number): void {
  s.pts[s.pts.length - 1] = x;
  s.fs[s.fs.length - 1] = f;
}

function shrink(s: Simplex, fx: (x: Float64Array) => number): void {
  for (let j = 1; j < s.pts.length; j++) {
    s.pts[j] = affine(s.pts[0], s.pts[j], 0.5);
    s.fs[j] = fx(s.pts[j]);
  }
}
