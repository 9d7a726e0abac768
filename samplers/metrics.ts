/**
 * Euclidean metrics for HMC: the kinetic energy K(p) = p' M^{-1} p / 2, its gradient dK/dp = M^{-1} p (Stan's
 * `dtau_dp`, the "sharp" momentum) and the momentum draw p ~ N(0, M). A metric is described by its INVERSE mass
 * matrix, as Stan stores and adapts it.
 * @module
 */
import { choleskyFailingPivot } from "../src/linalg/dense.js";
import { normal } from "../src/rng.js";
import type { Rng } from "../src/types.js";

/** Which inverse mass matrix: identity, diagonal, or dense. */
export type MetricKind = "unit" | "diag" | "dense";

/** A Euclidean metric: everything NUTS needs about the kinetic energy. */
export interface Metric {
  /** "unit", "diag" or "dense". */
  readonly kind: MetricKind;
  /** Dimension of the parameter space. */
  readonly dim: number;
  /** Inverse mass matrix: empty for unit, the diagonal (length dim) for diag, row-major dim x dim for dense. */
  readonly inverse: Float64Array;
  /** K(p) = p' M^{-1} p / 2. */
  kineticEnergy(p: Float64Array): number;
  /** Writes dK/dp = M^{-1} p into `out`. */
  velocity(p: Float64Array, out: Float64Array): void;
  /** Writes a momentum draw p ~ N(0, M) into `out`, consuming normals from `rng`. */
  sampleMomentum(rng: Rng, out: Float64Array): void;
}

/**
 * The identity metric: K(p) = |p|^2 / 2.
 *
 * @param dim - dimension
 * @returns the unit metric
 * @example
 * unitMetric(2).kineticEnergy(new Float64Array([1, 1])); // => 1
 */
export function unitMetric(dim: number): Metric {
  return {
    kind: "unit",
    dim,
    inverse: new Float64Array(0),
    kineticEnergy(p) {
      let k = 0;
      for (let i = 0; i < dim; i++) k += p[i] * p[i];
      return 0.5 * k;
    },
    velocity(p, out) {
      for (let i = 0; i < dim; i++) out[i] = p[i];
    },
    sampleMomentum(rng, out) {
      for (let i = 0; i < dim; i++) out[i] = normal(rng);
    },
  };
}

/**
 * A diagonal metric given by the inverse mass diagonal (the posterior variances, once adapted).
 *
 * @param inverseDiagonal - M^{-1} diagonal, all entries > 0 (copied)
 * @returns the diagonal metric
 * @example
 * diagMetric(new Float64Array([4])).kineticEnergy(new Float64Array([1])); // => 2
 */
export function diagMetric(inverseDiagonal: Float64Array): Metric {
  const inv = Float64Array.from(inverseDiagonal);
  const dim = inv.length;
  const sd = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    if (!(inv[i] > 0) || !Number.isFinite(inv[i])) {
      throw new Error(`diagMetric: inverse mass entry ${i} is ${inv[i]}; every entry must be finite and > 0.`);
    }
    sd[i] = 1 / Math.sqrt(inv[i]);
  }
  return {
    kind: "diag",
    dim,
    inverse: inv,
    kineticEnergy(p) {
      let k = 0;
      for (let i = 0; i < dim; i++) k += p[i] * p[i] * inv[i];
      return 0.5 * k;
    },
    velocity(p, out) {
      for (let i = 0; i < dim; i++) out[i] = inv[i] * p[i];
    },
    sampleMomentum(rng, out) {
      for (let i = 0; i < dim; i++) out[i] = normal(rng) * sd[i];
    },
  };
}

/**
 * Lower Cholesky factor L (row-major) of a symmetric positive-definite matrix A = L L'.
 *
 * @param a - row-major n x n SPD matrix
 * @param n - dimension
 * @returns L, row-major, zeros above the diagonal
 * @example
 * cholesky(new Float64Array([4, 2, 2, 2]), 2); // => Float64Array [2, 0, 1, 1]
 */
export function cholesky(a: Float64Array, n: number): Float64Array {
  const l = Float64Array.from(a);
  const j = choleskyFailingPivot(l, n);
  if (j >= 0) throw new Error(`cholesky: matrix is not positive definite (pivot ${j} = ${l[j * n + j]}).`);
  return l;
}

/**
 * A dense metric given by the inverse mass matrix (the posterior covariance, once adapted). Momenta are drawn as
 * p = L^{-T} u with u ~ N(0, I) and M^{-1} = L L', so Cov(p) = M (Stan's `dense_e_metric::sample_p`).
 *
 * @param inverse - row-major dim x dim SPD inverse mass matrix (copied)
 * @param dim - dimension
 * @returns the dense metric
 * @example
 * denseMetric(new Float64Array([2, 0, 0, 2]), 2).kineticEnergy(new Float64Array([1, 1])); // => 2
 */
export function denseMetric(inverse: Float64Array, dim: number): Metric {
  if (inverse.length !== dim * dim) throw new Error(`denseMetric: expected ${dim * dim} entries, got ${inverse.length}.`);
  const inv = Float64Array.from(inverse);
  const l = cholesky(inv, dim);
  const u = new Float64Array(dim);
  const velocity = (p: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < dim; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += inv[i * dim + j] * p[j];
      out[i] = s;
    }
  };
  return {
    kind: "dense",
    dim,
    inverse: inv,
    kineticEnergy(p) {
      let k = 0;
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += inv[i * dim + j] * p[j];
        k += p[i] * s;
      }
      return 0.5 * k;
    },
    velocity,
    sampleMomentum(rng, out) {
      for (let i = 0; i < dim; i++) u[i] = normal(rng);
      for (let i = dim - 1; i >= 0; i--) {
        let s = u[i];
        for (let k = i + 1; k < dim; k++) s -= l[k * dim + i] * out[k];
        out[i] = s / l[i * dim + i];
      }
    },
  };
}

/**
 * Builds a metric of the given kind from an inverse mass matrix (or the identity when `inverse` is omitted).
 *
 * @param kind - "unit", "diag" or "dense"
 * @param dim - dimension
 * @param inverse - diagonal (diag) or row-major matrix (dense); ignored for unit
 * @returns the metric
 * @example
 * makeMetric("diag", 2).inverse; // => Float64Array [1, 1]
 */
export function makeMetric(kind: MetricKind, dim: number, inverse?: Float64Array): Metric {
  if (kind === "unit") return unitMetric(dim);
  if (kind === "diag") return diagMetric(inverse ?? new Float64Array(dim).fill(1));
  if (kind === "dense") {
    if (inverse) return denseMetric(inverse, dim);
    const eye = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) eye[i * dim + i] = 1;
    return denseMetric(eye, dim);
  }
  throw new Error(`Unknown metric "${String(kind)}": use "unit", "diag" or "dense".`);
}
