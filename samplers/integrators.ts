/**
 * Symplectic integrators written as coefficient data over one generic loop (blackjax style): coefficients
 * alternate momentum, position, momentum, ... updates, symmetric, starting and ending with a momentum half-step.
 * Leapfrog (velocity Verlet) is `[0.5, 1, 0.5]`, as Stan's `expl_leapfrog`.
 * @module
 */
import type { LogDensityFn } from "../src/types.js";
import type { Metric } from "./metrics.js";

/** A point in phase space with its cached log density and gradient. */
export interface PhasePoint {
  /** Position (unconstrained parameters). */
  q: Float64Array;
  /** Momentum. */
  p: Float64Array;
  /** d log p / dq at q. */
  grad: Float64Array;
  /** log p(q) (-Infinity when the density failed). */
  logp: number;
}

/** Coefficients of an integrator: momentum, position, momentum, ... (odd length, symmetric). */
export type IntegratorCoefficients = readonly number[];

/** Leapfrog / velocity Verlet: one gradient per step. */
export const leapfrog: IntegratorCoefficients = [0.5, 1, 0.5];

/** McLachlan's two-stage minimal-error integrator (b = 0.1932...): two gradients per step. */
export const mclachlan: IntegratorCoefficients = [0.1931833275037836, 0.5, 1 - 2 * 0.1931833275037836, 0.5, 0.1931833275037836];

/**
 * A new phase point (arrays allocated, logp = NaN).
 *
 * @param dim - dimension
 * @returns the point
 * @example
 * makePoint(2).q.length; // => 2
 */
export function makePoint(dim: number): PhasePoint {
  return { q: new Float64Array(dim), p: new Float64Array(dim), grad: new Float64Array(dim), logp: NaN };
}

/**
 * Copies `src` into `dst` (same dimension).
 *
 * @param dst - destination, overwritten
 * @param src - source
 * @returns dst
 * @example
 * copyPoint(makePoint(1), makePoint(1)).q.length; // => 1
 */
export function copyPoint(dst: PhasePoint, src: PhasePoint): PhasePoint {
  dst.q.set(src.q);
  dst.p.set(src.p);
  dst.grad.set(src.grad);
  dst.logp = src.logp;
  return dst;
}

/**
 * A deep copy of a phase point.
 *
 * @param src - source
 * @returns a new point equal to src
 * @example
 * clonePoint(makePoint(3)).p.length; // => 3
 */
export function clonePoint(src: PhasePoint): PhasePoint {
  return { q: Float64Array.from(src.q), p: Float64Array.from(src.p), grad: Float64Array.from(src.grad), logp: src.logp };
}

/**
 * Hamiltonian H = -log p(q) + K(p); NaN (a failed density) is mapped to +Infinity as Stan does.
 *
 * @param z - phase point
 * @param metric - metric
 * @returns H
 * @example
 * const z = makePoint(1); z.logp = -1; z.p[0] = 2; hamiltonian(z, unitMetric(1)); // => 3
 */
export function hamiltonian(z: PhasePoint, metric: Metric): number {
  const h = -z.logp + metric.kineticEnergy(z.p);
  return Number.isNaN(h) ? Infinity : h;
}

/**
 * Evaluates the log density and gradient at z.q into z (non-finite values become logp = -Infinity).
 *
 * @param z - point whose q is set; logp and grad are overwritten
 * @param logDensity - the target
 * @returns z
 * @example
 * const z = makePoint(1); z.q[0] = 1; evaluate(z, (t, g) => { g[0] = -t[0]; return -0.5 * t[0] * t[0]; }).logp; // => -0.5
 */
export function evaluate(z: PhasePoint, logDensity: LogDensityFn): PhasePoint {
  let lp: number;
  try {
    lp = logDensity(z.q, z.grad);
  } catch {
    lp = -Infinity;
  }
  z.logp = Number.isFinite(lp) ? lp : -Infinity;
  return z;
}

/**
 * Advances z in place by one integrator step of size `stepSize` (negative = backwards in time).
 *
 * @param z - phase point with cached logp/grad; updated in place
 * @param stepSize - signed step size
 * @param logDensity - the target
 * @param metric - metric giving dK/dp
 * @param coefficients - integrator coefficients (default leapfrog)
 * @param scratch - a length-dim buffer for the velocity (allocated when omitted)
 * @returns z
 * @example
 * const z = makePoint(1); z.q[0] = 1; const f = (t, g) => { g[0] = -t[0]; return -0.5 * t[0] * t[0]; };
 * evaluate(z, f); integrate(z, 0.1, f, unitMetric(1)).q[0]; // => 0.995
 */
export function integrate(
  z: PhasePoint,
  stepSize: number,
  logDensity: LogDensityFn,
  metric: Metric,
  coefficients: IntegratorCoefficients = leapfrog,
  scratch: Float64Array = new Float64Array(z.q.length),
): PhasePoint {
  const n = z.q.length;
  for (let c = 0; c < coefficients.length; c++) {
    const h = coefficients[c] * stepSize;
    if (c % 2 === 0) {
      for (let i = 0; i < n; i++) z.p[i] += h * z.grad[i];
    } else {
      metric.velocity(z.p, scratch);
      for (let i = 0; i < n; i++) z.q[i] += h * scratch[i];
      evaluate(z, logDensity);
    }
  }
  return z;
}
