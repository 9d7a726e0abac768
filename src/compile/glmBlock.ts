/**
 * The GLM block: flat passes over observations on typed arrays. It forms eta = X beta + sum_t Z_t b_t +
 * offset, evaluates the family's log-likelihood and d/d eta, and scatters
 * d/d eta into the fixed-effect gradient and each term's d/db (only the k coefficients of the observation's
 * level: random-effect factors are never expanded to dense dummy columns).
 * @module
 */
import { Kernel, nbMemo, obsLogLik, type DispersionState } from "../families/kernels.js";
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
  /** scratch: d log p(y_i) / d eta_i of the last pass */
  readonly gEta: Float64Array;
  /** scratch: the linear predictor of the last pass */
  readonly eta: Float64Array;
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
    disp: { disp: 0.5, a: 0.5, b: 0.5, c: 0.5, g: 0.5, gd: 0.5, memo: kernel === Kernel.NegBinomial2Log ? nbMemo() : undefined }, // doubles from the start (field representation)
    termIndex: terms.map((t) => t.index), termZ: terms.map((t) => t.Z),
    termB: terms.map((t) => t.b), termGB: terms.map((t) => t.gb),
    termK: Int32Array.from(terms.map((t) => t.k)),
    gEta: new Float64Array(d.n),
    eta: new Float64Array(d.n),
  };
}

/**
 * eta = offset + X beta + sum_t Z_t b_t[level_t] into s.eta, as one pass per part: a flat loop per term
 * (a scalar term is a gather) is faster than one generic loop per observation. The additions happen in the
 * same order as a per-observation sum (offset, then X columns, then terms and their coefficients).
 */
function fillEta(s: GlmState, theta: Float64Array): Float64Array {
  const { n, p, X, offset, eta, termIndex, termZ, termB, termK } = s;
  for (let i = 0; i < n; i++) {
    let e = offset === null ? 0 : offset[i];
    const r = i * p;
    for (let j = 0; j < p; j++) e += X[r + j] * theta[j];
    eta[i] = e;
  }
  for (let t = 0; t < termK.length; t++) {
    const k = termK[t], Z = termZ[t], B = termB[t], idx = termIndex[t];
    if (k === 1) {
      for (let i = 0; i < n; i++) eta[i] += Z[i] * B[idx[i]];
      continue;
    }
    for (let i = 0; i < n; i++) {
      const o = idx[i] * k, zr = i * k;
      let e = eta[i];
      for (let a = 0; a < k; a++) e += Z[zr + a] * B[o + a];
      eta[i] = e;
    }
  }
  return eta;
}

/**
 * Chain rule from gEta to beta and b: grad_beta += X' gEta, gb_t += Z_t' gEta grouped by level. Written as
 * column sweeps with register accumulators (a run of observations on one level adds in a register), which
 * avoids the store-to-load chains of a per-observation scatter on level-sorted data.
 */
function scatterAll(s: GlmState, grad: Float64Array): void {
  const { n, p, X, gEta, termIndex, termZ, termGB, termK } = s;
  for (let j = 0; j < p; j++) {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += X[i * p + j] * gEta[i];
    grad[j] += acc;
  }
  for (let t = 0; t < termK.length; t++) {
    const k = termK[t], Z = termZ[t], GB = termGB[t], idx = termIndex[t];
    for (let c = 0; c < k; c++) {
      let cur = -1, acc = 0;
      for (let i = 0; i < n; i++) {
        const l = idx[i];
        if (l !== cur) {
          if (cur >= 0) GB[cur * k + c] += acc;
          cur = l;
          acc = 0;
        }
        acc += Z[i * k + c] * gEta[i];
      }
      if (cur >= 0) GB[cur * k + c] += acc;
    }
  }
}

/**
 * Sum of the observation log-likelihood kernels; adds d/d beta into grad[0..p) and d/db into each term's gb.
 * Dispersion partials accumulate in s.disp.gd (setDispersion must have been called). The common kernels
 * (logit, poisson, gaussian identity) have their own fused loop so the kernel is inlined; the others share one.
 *
 * @param s - GLM state
 * @param theta - beta is theta[0..p)
 * @param grad - gradient (beta part added into)
 * @returns sum_i log p(y_i | eta_i) without data-only constants
 */
export function glmBlock(s: GlmState, theta: Float64Array, grad: Float64Array): number {
  const eta = fillEta(s, theta);
  let lp: number;
  switch (s.kernel) {
    case Kernel.BinomialLogit: lp = logitLoop(s, eta); break;
    case Kernel.PoissonLog: lp = poissonLoop(s, eta); break;
    case Kernel.GaussianIdentity: lp = gaussianLoop(s, eta); break;
    default: lp = genericLoop(s, eta);
  }
  scatterAll(s, grad);
  return lp;
}

function logitLoop(s: GlmState, eta: Float64Array): number {
  const { n, y, trials, gEta } = s;
  let lp = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i];
    const t = Math.exp(-Math.abs(e)), yi = y[i], ni = trials[i];
    lp += yi * e - ni * ((e > 0 ? e : 0) + Math.log1p(t));
    gEta[i] = yi - ni * (e >= 0 ? 1 / (1 + t) : t / (1 + t));
  }
  return lp;
}

function poissonLoop(s: GlmState, eta: Float64Array): number {
  const { n, y, gEta } = s;
  let lp = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i];
    const mu = Math.exp(e);
    lp += y[i] * e - mu;
    gEta[i] = y[i] - mu;
  }
  return lp;
}

function gaussianLoop(s: GlmState, eta: Float64Array): number {
  const { n, y, gEta } = s;
  const a = s.disp.a;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - eta[i];
    ss += r * r;
    gEta[i] = r * a;
  }
  s.disp.gd += ss;
  return -0.5 * ss * a;
}

function genericLoop(s: GlmState, eta: Float64Array): number {
  const { n, y, trials, kernel, disp, gEta } = s;
  let lp = 0;
  for (let i = 0; i < n; i++) {
    lp += obsLogLik(kernel, y[i], trials[i], eta[i], disp);
    gEta[i] = disp.g;
  }
  return lp;
}

/**
 * The same pass without any gradient work (eta and the log-likelihood only): the value-only path.
 *
 * @returns sum_i log p(y_i | eta_i) without data-only constants
 */
export function glmValue(s: GlmState, theta: Float64Array): number {
  const { n, y, trials, kernel, disp } = s;
  const eta = fillEta(s, theta);
  let lp = 0;
  for (let i = 0; i < n; i++) lp += obsLogLik(kernel, y[i], trials[i], eta[i], disp);
  return lp;
}
