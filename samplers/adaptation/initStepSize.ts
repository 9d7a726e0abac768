/**
 * Stan's step-size heuristic (`base_hmc::init_stepsize`): from the current position, draw a momentum, take one
 * leapfrog step and compare the acceptance exp(H0 - H) with 0.8; keep doubling (or halving) the step size, with a
 * fresh momentum each time, until the acceptance crosses 0.8.
 * @module
 */
import type { LogDensityFn, Rng } from "../../src/types.js";
import { hamiltonian, integrate, leapfrog, makePoint, type IntegratorCoefficients } from "../integrators.js";
import type { Metric } from "../metrics.js";
import type { NutsState } from "../nuts.js";

/** Inputs of the heuristic besides the state. */
export interface InitStepSizeParams {
  logDensity: LogDensityFn;
  metric: Metric;
  integrator?: IntegratorCoefficients;
}

/** log(exp(H0 - H)) after one step of size eps from `state` with a fresh momentum. */
function oneStepLogAccept(rng: Rng, state: NutsState, eps: number, params: InitStepSizeParams): number {
  const z = makePoint(state.position.length);
  z.q.set(state.position);
  z.grad.set(state.logDensityGrad);
  z.logp = state.logDensity;
  params.metric.sampleMomentum(rng, z.p);
  const H0 = hamiltonian(z, params.metric);
  integrate(z, eps, params.logDensity, params.metric, params.integrator ?? leapfrog);
  return H0 - hamiltonian(z, params.metric);
}

/**
 * Finds a starting step size as Stan does. Step sizes of 0, NaN or > 1e7 are returned unchanged.
 *
 * @param rng - uniform source (consumed for the momenta)
 * @param state - current NUTS state (not modified)
 * @param stepSize - starting step size
 * @param params - log density, metric, integrator
 * @returns the step size at which one-step acceptance crosses 0.8
 * @throws when the step size grows beyond 1e7 (improper posterior) or shrinks to 0
 * @example
 * const f = (t, g) => { g[0] = -t[0]; return -0.5 * t[0] * t[0]; };
 * initStepSize(makeRng(1), init(new Float64Array([0.5]), f), 1, { logDensity: f, metric: unitMetric(1) }) > 0; // => true
 */
export function initStepSize(rng: Rng, state: NutsState, stepSize: number, params: InitStepSizeParams): number {
  let eps = stepSize;
  if (eps === 0 || eps > 1e7 || Number.isNaN(eps)) return eps;
  const logTarget = Math.log(0.8);
  const direction = oneStepLogAccept(rng, state, eps, params) > logTarget ? 1 : -1;
  for (;;) {
    const deltaH = oneStepLogAccept(rng, state, eps, params);
    if (direction === 1 && !(deltaH > logTarget)) break;
    if (direction === -1 && !(deltaH < logTarget)) break;
    eps = direction === 1 ? 2 * eps : 0.5 * eps;
    if (eps > 1e7) throw new Error("Posterior is improper (step size grew beyond 1e7): check the model's priors.");
    if (eps === 0) throw new Error("No acceptably small step size could be found: is the log density continuous?");
  }
  return eps;
}
