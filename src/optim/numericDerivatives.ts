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
  const st: Stencil = { f, x, d: Array.from(x, (xi) => fdStep(xi, h)), warm, s0: null };
  const f0 = f(x);
  if (warm) st.s0 = Float64Array.from(warm.get());
  const gradient = new Float64Array(n), hessian = new Float64Array(n * n);
  const ax = axisPoints(st, f0, gradient, hessian);
  pairPoints(st, f0, ax, hessian, forwardPairs);
  if (st.s0) warm!.set(st.s0);
  return { f: f0, gradient, hessian, evaluations: 1 + 2 * n + ((forwardPairs ? 1 : 2) * n * (n - 1)) / 2 };
}

interface Stencil {
  readonly f: Objective;
  readonly x: Float64Array;
  readonly d: number[];
  readonly warm?: WarmState;
  s0: Float64Array | null;
}

interface AxisValues { fp: Float64Array; fm: Float64Array; sp: Float64Array[]; sm: Float64Array[] }

/** f at x + si d_i (+ sj d_j when j >= 0), after setting the warm guess; x is restored. */
function evalAt(st: Stencil, guess: Float64Array | null, i: number, si: number, j = -1, sj = 0): number {
  const { x, d } = st;
  if (guess && st.warm) st.warm.set(guess);
  const xi = x[i], xj = j >= 0 ? x[j] : 0;
  x[i] += si * d[i];
  if (j >= 0) x[j] += sj * d[j];
  const v = st.f(x);
  x[i] = xi;
  if (j >= 0) x[j] = xj;
  return v;
}

function axisPoints(st: Stencil, f0: number, gradient: Float64Array, hessian: Float64Array): AxisValues {
  const n = st.x.length, d = st.d;
  const ax: AxisValues = { fp: new Float64Array(n), fm: new Float64Array(n), sp: [], sm: [] };
  const saved = (): Float64Array => Float64Array.from(st.warm!.get());
  for (let i = 0; i < n; i++) {
    ax.fp[i] = evalAt(st, st.s0, i, 1);
    if (st.s0) ax.sp.push(saved());
    ax.fm[i] = evalAt(st, st.s0, i, -1);
    if (st.s0) ax.sm.push(saved());
    gradient[i] = (ax.fp[i] - ax.fm[i]) / (2 * d[i]);
    hessian[i * n + i] = (ax.fp[i] - 2 * f0 + ax.fm[i]) / (d[i] * d[i]);
  }
  return ax;
}

function pairPoints(st: Stencil, f0: number, ax: AxisValues, hessian: Float64Array, forwardPairs: boolean): void {
  const n = st.x.length, d = st.d, s0 = st.s0;
  const { fp, fm, sp, sm } = ax;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const pp = evalAt(st, s0 && extrapolate(sp[i], sp[j], s0), i, 1, j, 1);
      let v = (pp - fp[i] - fp[j] + f0) / (d[i] * d[j]);
      if (!forwardPairs) {
        const mm = evalAt(st, s0 && extrapolate(sm[i], sm[j], s0), i, -1, j, -1);
        v = (pp - fp[i] - fp[j] + 2 * f0 - fm[i] - fm[j] + mm) / (2 * d[i] * d[j]);
      }
      hessian[i * n + j] = v;
      hessian[j * n + i] = v;
    }
  }
}

function extrapolate(a: Float64Array, b: Float64Array, c: Float64Array): Float64Array {
  const out = new Float64Array(c.length);
  for (let k = 0; k < c.length; k++) out[k] = a[k] + b[k] - c[k];
  return out;
}
