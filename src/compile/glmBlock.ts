/**
 * The GLM block: one fused pass over observations on flat typed arrays. For every observation it forms
 * eta = X beta + sum_t Z_t b_t + offset, evaluates the family's log-likelihood and d/d eta, and scatters
 * d/d eta into the fixed-effect gradient and each term's d/db (only the k coefficients of the observation's
 * level: random-effect factors are never expanded to dense dummy columns).
 * @module
 */
import { obsLogLik, type DispersionState, type Kernel } from "../families/kernels.js";
import type { TermState } from "./termState.js";

/** Flat views of the design and the terms, built once per compiled model. */
export interface GlmState {
  readonly n: number;
  readonly p: number;
  readonly X: Float64Array;
  readonly y: Float64Array;
  /** trials for binomial (ones for bernoulli and the other families) */
  readonly trials: Float64Array;
  readonly offset: Float64Array | null;
  readonly kernel: Kernel;
  readonly disp: DispersionState;
  readonly termIndex: Int32Array[];
  readonly termZ: Float64Array[];
  readonly termB: Float64Array[];
  readonly termGB: Float64Array[];
  readonly termK: Int32Array;
}

/**
 * Build the flat state from the design arrays and the term states.
 *
 * @example
 * makeGlmState(design, kernelOf(design.family, design.link), terms);
 */
export function makeGlmState(
  d: { n: number; p: number; X: Float64Array; response: { y: Float64Array; trials?: Float64Array }; offset?: Float64Array },
  kernel: Kernel, terms: readonly TermState[],
): GlmState {
  return {
    n: d.n, p: d.p, X: d.X, y: d.response.y,
    trials: d.response.trials ?? new Float64Array(d.n).fill(1),
    offset: d.offset ?? null, kernel,
    disp: { disp: 1, a: 1, b: 0, c: 0, g: 0, gd: 0 },
    termIndex: terms.map((t) => t.index), termZ: terms.map((t) => t.Z),
    termB: terms.map((t) => t.b), termGB: terms.map((t) => t.gb),
    termK: Int32Array.from(terms.map((t) => t.k)),
  };
}

/**
 * Sum of the observation log-likelihood kernels; adds d/d beta into grad[0..p) and d/db into each term's gb.
 * Dispersion partials accumulate in s.disp.gd (setDispersion must have been called).
 *
 * @param s - GLM state
 * @param theta - beta is theta[0..p)
 * @param grad - gradient (beta part added into)
 * @returns sum_i log p(y_i | eta_i) without data-only constants
 */
export function glmBlock(s: GlmState, theta: Float64Array, grad: Float64Array): number {
  const { n, p, X, y, trials, offset, kernel, disp, termIndex, termZ, termB, termGB, termK } = s;
  const nT = termK.length;
  let lp = 0;
  for (let i = 0; i < n; i++) {
    let e = offset === null ? 0 : offset[i];
    const r = i * p;
    for (let j = 0; j < p; j++) e += X[r + j] * theta[j];
    for (let t = 0; t < nT; t++) {
      const k = termK[t], Z = termZ[t], B = termB[t];
      const o = termIndex[t][i] * k, zr = i * k;
      for (let a = 0; a < k; a++) e += Z[zr + a] * B[o + a];
    }
    lp += obsLogLik(kernel, y[i], trials[i], e, disp);
    const g = disp.g;
    for (let j = 0; j < p; j++) grad[j] += g * X[r + j];
    for (let t = 0; t < nT; t++) {
      const k = termK[t], Z = termZ[t], GB = termGB[t];
      const o = termIndex[t][i] * k, zr = i * k;
      for (let a = 0; a < k; a++) GB[o + a] += g * Z[zr + a];
    }
  }
  return lp;
}

/**
 * The same pass without any gradient work (eta and the log-likelihood only): the benchmark baseline and the
 * value-only path.
 *
 * @returns sum_i log p(y_i | eta_i) without data-only constants
 */
export function glmValue(s: GlmState, theta: Float64Array): number {
  const { n, p, X, y, trials, offset, kernel, disp, termIndex, termZ, termB, termK } = s;
  const nT = termK.length;
  let lp = 0;
  for (let i = 0; i < n; i++) {
    let e = offset === null ? 0 : offset[i];
    const r = i * p;
    for (let j = 0; j < p; j++) e += X[r + j] * theta[j];
    for (let t = 0; t < nT; t++) {
      const k = termK[t], Z = termZ[t], B = termB[t];
      const o = termIndex[t][i] * k, zr = i * k;
      for (let a = 0; a < k; a++) e += Z[zr + a] * B[o + a];
    }
    lp += obsLogLik(kernel, y[i], trials[i], e, disp);
  }
  return lp;
}
