/**
 * Optimisation schedule shared by the fits: bounded Nelder-Mead, then projected BFGS polish from the
 * simplex optimum (keeps the better point), and the convergence report.
 * @module
 */
import { bfgsBox } from "../optim/bfgs.js";
import { nelderMead } from "../optim/nelderMead.js";
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
 * Convergence report: finite-difference gradient at the optimum (zeroed where a lower bound is active
 * and the gradient pushes outward) and lme4's singularity check on the first `nTheta` parameters.
 * @param optimizer - name
 * @param opt - optimiser result
 * @param f - objective
 * @param lower - lower bounds
 * @param nTheta - number of theta parameters (leading)
 * @returns the convergence info
 * @example
 * convergenceInfo("bfgs", opt, f, lower, 1).singular; // => false
 */
export function convergenceInfo(optimizer: string, opt: OptimResult, f: Objective, lower: Float64Array, nTheta: number): ConvergenceInfo {
  const g = gradientFD(f, Float64Array.from(opt.x), 1e-5);
  const gradient = Array.from(g, (gi, i) => (opt.x[i] <= lower[i] && gi > 0 ? 0 : gi));
  const maxAbsGradient = gradient.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let singular = false;
  for (let i = 0; i < nTheta; i++) if (lower[i] === 0 && opt.x[i] < 1e-4) singular = true;
  const messages: string[] = [];
  if (singular) messages.push("boundary (singular) fit: a random-effect variance (or a correlation's factor) is estimated at 0; see lme4 ?isSingular");
  if (!opt.converged) messages.push(`optimiser stopped without meeting its tolerance: ${opt.message}`);
  if (maxAbsGradient > 2e-3) messages.push(`max |gradient| of the deviance at the optimum is ${maxAbsGradient.toExponential(2)} (lme4 warns above 2e-3)`);
  return { optimizer, evaluations: opt.evaluations, converged: opt.converged, gradient, maxAbsGradient, singular, messages };
}
