/**
 * Central finite-difference gradients and Hessians of a scalar function.
 * @module
 */
import type { Objective } from "./types.js";

/**
 * Step for coordinate i: h * max(|x_i|, 1).
 * @param xi - coordinate value
 * @param h - relative step
 * @returns the absolute step
 * @example
 * fdStep(100, 1e-4); // => 0.01
 */
export function fdStep(xi: number, h: number): number {
  return h * Math.max(Math.abs(xi), 1);
}

/**
 * Central-difference gradient (2n evaluations).
 * @param f - function
 * @param x - point (restored on return)
 * @param h - relative step (default 1e-5)
 * @returns the gradient
 * @example
 * gradientFD(x => x[0] * x[0] + 3 * x[1], new Float64Array([2, 0])); // => approximately [4, 3]
 */
export function gradientFD(f: Objective, x: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i], d = fdStep(xi, h);
    x[i] = xi + d;
    const fp = f(x);
    x[i] = xi - d;
    const fm = f(x);
    x[i] = xi;
    g[i] = (fp - fm) / (2 * d);
  }
  return g;
}

/**
 * Central-difference Hessian (2n^2 + 1 evaluations), symmetric, row-major n x n.
 * @param f - function
 * @param x - point (restored on return)
 * @param h - relative step (default 1e-4)
 * @returns the Hessian, row-major
 * @example
 * hessianFD(x => x[0] * x[0] * x[1], new Float64Array([1, 2])); // => approximately [4, 2, 2, 0]
 */
export function hessianFD(f: Objective, x: Float64Array, h = 1e-4): Float64Array {
  const n = x.length;
  const H = new Float64Array(n * n);
  const f0 = f(x);
  const d = Array.from(x, (xi) => fdStep(xi, h));
  const at = (i: number, si: number, j: number, sj: number): number => {
    const xi = x[i], xj = x[j];
    x[i] += si * d[i];
    x[j] += sj * d[j];
    const v = f(x);
    x[i] = xi;
    x[j] = xj;
    return v;
  };
  for (let i = 0; i < n; i++) {
    H[i * n + i] = (at(i, 1, i, 0) - 2 * f0 + at(i, -1, i, 0)) / (d[i] * d[i]);
    for (let j = 0; j < i; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * d[i] * d[j]);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}

/** Value, gradient and Hessian of f at one point from one finite-difference stencil. */
export interface LocalQuadratic {
  readonly f: number;
  readonly gradient: Float64Array;
  /** Row-major n x n, symmetric. */
  readonly hessian: Float64Array;
  readonly evaluations: number;
}

/**
 * Hidden state of an objective that warm-starts an inner solve (the PIRLS mode of a Laplace deviance):
 * the stencil reads it after the centre and axis points and sets an extrapolated guess before each point.
 */
export interface WarmState {
  get(): Float64Array;
  set(s: Float64Array): void;
}

/**
 * Value, central gradient and Hessian from n^2 + n + 1 evaluations (hessianFD takes 2n^2 + 1): the
 * diagonal and gradient from f(x +- d_i), the off-diagonals from the symmetric second-order formula
 * [f(x+di+dj) - f(x+di) - f(x+dj) + 2 f(x) - f(x-di) - f(x-dj) + f(x-di-dj)] / (2 di dj), O(h^2) accurate.
 * With `forwardPairs`, the off-diagonals use only f(x+di+dj): [f(x+di+dj) - f(x+di) - f(x+dj) + f(x)] / (di dj),
 * O(h) accurate (relative error ~ h), in 1 + 2n + n(n-1)/2 evaluations.
 * With `warm`, each axis point starts from the centre's state s0 and each pair point from
 * s(x+-di) + s(x+-dj) - s0 (second-order accurate), and s0 is restored at the end.
 * @param f - function
 * @param x - point (restored on return)
 * @param h - relative step (default 1e-4)
 * @param warm - optional inner-solver state to extrapolate
 * @param forwardPairs - one-sided pair points (about half the evaluations; default false)
 * @returns f(x), gradient, Hessian and the number of evaluations
 * @example
 * gradientHessianFD(x => x[0] * x[0] * x[1], new Float64Array([1, 2])).hessian; // => approximately [4, 2, 2, 0]
 */
export function gradientHessianFD(f: Objective, x: Float64Array, h = 1e-4, warm?: WarmState, forwardPairs = false): LocalQuadratic {
  const n = x.length;
  const d = Array.from(x, (xi) => fdStep(xi, h));
  const at = (i: number, si: number, j: number, sj: number): number => {
    const xi = x[i], xj = x[j];
    x[i] += si * d[i];
    if (j >= 0) x[j] += sj * d[j];
    const v = f(x);
    x[i] = xi;
    if (j >= 0) x[j] = xj;
    return v;
  };
  const f0 = f(x);
  const s0 = warm ? Float64Array.from(warm.get()) : null;
  const sp: Float64Array[] = [], sm: Float64Array[] = [];
  const fp = new Float64Array(n), fm = new Float64Array(n);
  const gradient = new Float64Array(n), hessian = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    if (s0) warm!.set(s0);
    fp[i] = at(i, 1, -1, 0);
    if (s0) { sp.push(Float64Array.from(warm!.get())); warm!.set(s0); }
    fm[i] = at(i, -1, -1, 0);
    if (s0) sm.push(Float64Array.from(warm!.get()));
    gradient[i] = (fp[i] - fm[i]) / (2 * d[i]);
    hessian[i * n + i] = (fp[i] - 2 * f0 + fm[i]) / (d[i] * d[i]);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (s0) warm!.set(extrapolate(sp[i], sp[j], s0));
      const pp = at(i, 1, j, 1);
      if (forwardPairs) {
        const v = (pp - fp[i] - fp[j] + f0) / (d[i] * d[j]);
        hessian[i * n + j] = v;
        hessian[j * n + i] = v;
        continue;
      }
      if (s0) warm!.set(extrapolate(sm[i], sm[j], s0));
      const mm = at(i, -1, j, -1);
      const v = (pp - fp[i] - fp[j] + 2 * f0 - fm[i] - fm[j] + mm) / (2 * d[i] * d[j]);
      hessian[i * n + j] = v;
      hessian[j * n + i] = v;
    }
  }
  if (s0) warm!.set(s0);
  return { f: f0, gradient, hessian, evaluations: 1 + 2 * n + ((forwardPairs ? 1 : 2) * n * (n - 1)) / 2 };
}

function extrapolate(a: Float64Array, b: Float64Array, c: Float64Array): Float64Array {
  const out = new Float64Array(c.length);
  for (let k = 0; k < c.length; k++) out[k] = a[k] + b[k] - c[k];
  return out;
}
