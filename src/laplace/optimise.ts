/**
 * Optimisation schedule shared by the fits: bounded Nelder-Mead, then projected BFGS polish from the
 * simplex optimum (keeps the better point), and the convergence report.
 * @module
 */
import { bfgsBox } from "../optim/bfgs.js";
import { nelderMead } from "../optim/nelderMead.js";
import { backSolveTranspose, choleskyInPlace } from "../linalg/dense.js";
import { gradientFD } from "../optim/numericDerivatives.js";
import type { Objective, OptimResult } from "../optim/types.js";
import type { ConvergenceInfo } from "./results.js";

/**
 * Minimises f over a box: Nelder-Mead (moderate tolerances) then BFGS polish. The simplex matters: for a
 * scalar term the deviance is even in theta, so theta = 0 is a stationary point where a gradient method
 * started far away can stop (seen on insteval when BFGS alone jumped to the bound).
 * @param f - deviance
 * @param x0 - start
 * @param lower - lower bounds
 * @param simplex - run the simplex first (default true)
 * @param gtol - BFGS gradient tolerance on the deviance scale (finite-difference noise is about 1e-7)
 * @returns the better of the two results with total evaluations
 * @example
 * optimiseTheta(x => (x[0] - 2) ** 2, new Float64Array([1]), new Float64Array([0])).x; // => [2]
 */
export function optimiseTheta(f: Objective, x0: Float64Array, lower: Float64Array, simplex = true, gtol = 1e-6): OptimResult {
  const nm = simplex ? nelderMead(f, x0, { lower, ftolAbs: 1e-6, ftolRel: 1e-9, xtol: 1e-4, step: 0.1, restarts: 0 }) : null;
  const start = nm ? nm.x : x0;
  const bf = bfgsBox(f, Float64Array.from(start), { lower, gtol, fdStep: 1e-6 });
  const best = nm && nm.f < bf.f ? nm : bf;
  return { ...best, evaluations: (nm?.evaluations ?? 0) + bf.evaluations, converged: bf.converged || (nm?.converged ?? false) };
}

/**
 * Convergence report: finite-difference gradient at the optimum (zeroed where a lower bound is active and the
 * gradient pushes outward), lme4's singularity check on the first `nTheta` parameters, and lme4's gradient check.
 * With the deviance Hessian H = R'R that check is lme4's checkConv: max_i min(|g_i|, |(R^-1 g)_i|) > 0.002 warns
 * (the scaled gradient is about the change in the parameter that a Newton step would make, so it does not grow
 * with n); without a Hessian it falls back to max |g_i| > 0.002.
 * @param optimizer - name
 * @param opt - optimiser result
 * @param f - objective
 * @param lower - lower bounds
 * @param nTheta - number of theta parameters (leading)
 * @param hessian - deviance Hessian at the optimum over all parameters (row-major), if known
 * @returns the convergence info
 * @example
 * convergenceInfo("bfgs", opt, f, lower, 1).singular; // => false
 */
export function convergenceInfo(optimizer: string, opt: OptimResult, f: Objective, lower: Float64Array, nTheta: number, hessian?: Float64Array): ConvergenceInfo {
  const g = gradientFD(f, Float64Array.from(opt.x), 1e-5);
  const gradient = Array.from(g, (gi, i) => (opt.x[i] <= lower[i] && gi > 0 ? 0 : gi));
  const maxAbsGradient = gradient.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const scaled = hessian ? scaledGradientCheck(gradient, hessian) : undefined;
  let singular = false;
  for (let i = 0; i < nTheta; i++) if (lower[i] === 0 && opt.x[i] < 1e-4) singular = true;
  const messages: string[] = [];
  if (singular) messages.push("boundary (singular) fit: a random-effect variance (or a correlation's factor) is estimated at 0; see lme4 ?isSingular");
  if (!opt.converged) messages.push(`optimiser stopped without meeting its tolerance: ${opt.message}`);
  if (scaled === null) messages.push("unable to evaluate the scaled gradient: the deviance Hessian at the optimum is not positive definite");
  const stat = scaled ? scaled.value : maxAbsGradient;
  if (stat > GRADIENT_TOL) {
    const component = scaled ? scaled.component : gradient.findIndex((v) => Math.abs(v) === maxAbsGradient);
    messages.push(`Model failed to converge with max|grad| = ${stat.toPrecision(3)} (tol = ${GRADIENT_TOL}, component ${component + 1})`);
  }
  return { optimizer, evaluations: opt.evaluations, converged: opt.converged, gradient, maxAbsGradient, ...(scaled ? { maxScaledGradient: scaled.value } : {}), singular, messages };
}

/** lme4's check.conv.grad tolerance. */
const GRADIENT_TOL = 2e-3;

/**
 * max_i min(|g_i|, |(R^-1 g)_i|) with H = R'R (lme4 checkConv), or null when H is not positive definite.
 * Components with g_i = 0 (an active bound) are left out of the solve, as their rows of H are.
 */
function scaledGradientCheck(g: readonly number[], H: Float64Array): { value: number; component: number } | null {
  const free = g.map((v, i) => (v === 0 ? -1 : i)).filter((i) => i >= 0);
  const m = free.length, n = g.length;
  if (m === 0) return { value: 0, component: 0 };
  const L = new Float64Array(m * m);
  free.forEach((a, i) => free.forEach((b, j) => { L[i * m + j] = H[a * n + b]; }));
  if (!choleskyInPlace(L, m)) return null;
  const x = backSolveTranspose(L, m, Float64Array.from(free, (a) => g[a]));
  let value = 0, component = 0;
  free.forEach((a, i) => {
    const v = Math.min(Math.abs(g[a]), Math.abs(x[i]));
    if (v > value) { value = v; component = a; }
  });
  return { value, component };
}
