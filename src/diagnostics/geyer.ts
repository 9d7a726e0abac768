/**
 * The effective sample size of several chains of one quantity (posterior's internal `.ess`): combined
 * autocorrelations (Vehtari et al. 2021, eq. 10), Geyer's (1992) initial positive and initial monotone
 * sequences, the "improved" antithetic term, and the cap at `N * log10(N)`.
 *
 * Autocovariances are needed only up to the lag where Geyer's sequence stops, often a handful of lags:
 * those are computed directly (O(N) each) and the FFT of all lags is used only once a lag beyond
 * `DIRECT_LAGS` is needed. Both give the same numbers up to rounding (see the tests).
 * @module
 */
import { chainMeansChecked } from "./draws.js";
import { acovWorkspace, meanAutocovariance, type AcovWorkspace } from "./autocovariance.js";
import { variance } from "./moments.js";

/** Lags computed directly before switching to the FFT of all lags. */
export const DIRECT_LAGS = 16;

/** Scratch buffers for `essOfChains`, reusable across parameters with the same shape. */
export interface EssWorkspace {
  n: number;
  nChains: number;
  centered: Float64Array;
  chainMeans: Float64Array;
  acovMeans: Float64Array;
  rho: Float64Array;
  fftBuffers: AcovWorkspace;
  /** lags already in `acovMeans` */
  computed: number;
  /** force the FFT for all lags (for testing the direct path against it) */
  fftOnly: boolean;
}

/**
 * Allocate scratch buffers for chains of `n` draws.
 *
 * @param n - draws per chain
 * @param nChains - number of chains
 * @returns a workspace for `essOfChains`
 * @example
 * essWorkspace(500, 8).acovMeans.length; // => 500
 */
export function essWorkspace(n: number, nChains: number): EssWorkspace {
  return {
    n, nChains, centered: new Float64Array(n * nChains), chainMeans: new Float64Array(nChains),
    acovMeans: new Float64Array(n), rho: new Float64Array(n),
    fftBuffers: acovWorkspace(n), computed: 0, fftOnly: false,
  };
}

/**
 * Chain means and centred chains, in two passes; false (nothing to compute) when the draws hold a NaN or
 * an infinite value or are constant (posterior's `should_return_NA`, as `isDegenerate`).
 */
function prepare(x: Float64Array, ws: EssWorkspace): boolean {
  const { n, nChains, centered, chainMeans } = ws;
  if (!chainMeansChecked(x, nChains, n, chainMeans)) return false;
  for (let c = 0; c < nChains; c++) {
    const mu = chainMeans[c];
    for (let i = c * n; i < (c + 1) * n; i++) centered[i] = x[i] - mu;
  }
  ws.computed = 0;
  return true;
}

/**
 * Mean over chains of the biased autocovariances at lags `lag .. lag + 3` (those below n), summed
 * directly in one pass over the centred draws.
 */
function directLags(centered: Float64Array, n: number, nChains: number, lag: number, out: Float64Array): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let c = 0; c < nChains; c++) {
    const base = c * n;
    const end = base + n;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let i = base;
    for (; i + lag + 3 < end; i++) {
      const v = centered[i];
      const j = i + lag;
      a0 += v * centered[j];
      a1 += v * centered[j + 1];
      a2 += v * centered[j + 2];
      a3 += v * centered[j + 3];
    }
    for (; i + lag < end; i++) {
      const v = centered[i];
      const j = i + lag;
      a0 += v * centered[j];
      if (j + 1 < end) a1 += v * centered[j + 1];
      if (j + 2 < end) a2 += v * centered[j + 2];
    }
    s0 += a0 / n;
    s1 += a1 / n;
    s2 += a2 / n;
    s3 += a3 / n;
  }
  out[lag] = s0 / nChains;
  if (lag + 1 < n) out[lag + 1] = s1 / nChains;
  if (lag + 2 < n) out[lag + 2] = s2 / nChains;
  if (lag + 3 < n) out[lag + 3] = s3 / nChains;
}

/** Make `acovMeans[0..t]` available. */
function ensureLag(x: Float64Array, ws: EssWorkspace, t: number): void {
  if (t < ws.computed) return;
  const { n, nChains, centered, acovMeans } = ws;
  if (t >= DIRECT_LAGS || ws.fftOnly) {
    meanAutocovariance(x, nChains, acovMeans, ws.fftBuffers);
    ws.computed = n;
    return;
  }
  let lag = ws.computed;
  for (; lag <= t; lag += 4) directLags(centered, n, nChains, lag, acovMeans);
  ws.computed = Math.min(lag, n);
}

/**
 * Effective sample size of `nChains` chains of one quantity (no splitting, no rank normalization:
 * callers compose those), exactly as posterior's `.ess`.
 *
 * @param x - chain-major draws
 * @param nChains - number of chains
 * @param ws - scratch buffers from `essWorkspace(n, nChains)` (default: new)
 * @returns the ESS; NaN for fewer than 3 draws per chain, NaN/Inf draws or constant draws
 * @see posterior R/convergence.R `.ess`; Geyer (1992); Vehtari et al. (2021)
 * @example
 * essOfChains(new Float64Array([1, 3, 2, 5, 4, 6, 2, 1, 3, 4, 6, 5]), 2); // => 9.545454545454545
 */
export function essOfChains(x: Float64Array, nChains: number, ws?: EssWorkspace): number {
  const n = x.length / nChains;
  if (!(n >= 3)) return NaN;
  const w = ws !== undefined && ws.n === n && ws.nChains === nChains ? ws : essWorkspace(n, nChains);
  if (!prepare(x, w)) return NaN;
  ensureLag(x, w, 1);
  const acm = w.acovMeans;
  const meanVar = (acm[0] * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (nChains > 1) varPlus += variance(w.chainMeans);
  const tauHat = geyerTau(x, w, meanVar, varPlus);
  const total = nChains * n;
  const tauBound = 1 / Math.log10(total);
  return total / (tauHat < tauBound ? tauBound : tauHat);
}

/** Geyer's initial positive + initial monotone sequences; returns the integrated autocorrelation time. */
function geyerTau(x: Float64Array, w: EssWorkspace, meanVar: number, varPlus: number): number {
  const { n, acovMeans: acm, rho } = w;
  let t = 0;
  let even = 1;
  rho[0] = even;
  let odd = 1 - (meanVar - acm[1]) / varPlus;
  rho[1] = odd;
  while (t < n - 5 && !Number.isNaN(even + odd) && even + odd > 0) {
    t += 2;
    ensureLag(x, w, t + 1);
    even = 1 - (meanVar - acm[t]) / varPlus;
    odd = 1 - (meanVar - acm[t + 1]) / varPlus;
    rho[t] = 0; // rho is reused across calls: clear what this call may read
    rho[t + 1] = 0;
    if (even + odd >= 0) {
      rho[t] = even;
      rho[t + 1] = odd;
    }
  }
  const maxT = t;
  if (even > 0) rho[maxT] = even; // used by the improved (antithetic) estimate
  for (t = 2; t <= maxT - 2; t += 2) {
    if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
      rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
      rho[t + 1] = rho[t];
    }
  }
  // R: sum(rho_hat_t[1:max_t]); for max_t = 0, 1:0 selects element 1 alone
  let sum = 0;
  for (let i = 0; i < Math.max(maxT, 1); i++) sum += rho[i];
  return -1 + 2 * sum + rho[maxT];
}
