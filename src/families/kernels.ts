/**
 * Per-observation log-likelihood kernels for every supported family x link, on the linear predictor eta:
 * value (without the data-only constants, see constants.ts), d/d eta, and d/d(dispersion).
 * Stable forms: softplus via log1p(exp(-|eta|)), log Phi by an asymptotic series, log-sum-exp for NB2;
 * finite (no NaN) for |eta| <= 700.
 * @module
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import digamma from "@stdlib/math-base-special-digamma";
import { dLogPhi, logPhi } from "../densities/normalCdf.js";
import type { FamilyName, LinkName } from "../design/design.js";

/** Integer code of a family x link pair, switched on in the hot loop. */
export const enum Kernel { GaussianIdentity = 0, GaussianLog = 1, BinomialLogit = 2, BinomialProbit = 3, BinomialCloglog = 4, PoissonLog = 5, NegBinomial2Log = 6 }

const TABLE: Record<string, Kernel> = {
  "gaussian/identity": Kernel.GaussianIdentity, "gaussian/log": Kernel.GaussianLog,
  "bernoulli/logit": Kernel.BinomialLogit, "bernoulli/probit": Kernel.BinomialProbit, "bernoulli/cloglog": Kernel.BinomialCloglog,
  "binomial/logit": Kernel.BinomialLogit, "binomial/probit": Kernel.BinomialProbit, "binomial/cloglog": Kernel.BinomialCloglog,
  "poisson/log": Kernel.PoissonLog, "negbinomial2/log": Kernel.NegBinomial2Log,
};

/**
 * The kernel of a family and link.
 *
 * @throws Error listing the supported links of the family
 * @example
 * kernelOf("bernoulli", "logit"); // => 2
 */
export function kernelOf(family: FamilyName, link: LinkName): Kernel {
  const k = TABLE[`${family}/${link}`];
  if (k === undefined) {
    const ok = Object.keys(TABLE).filter((s) => s.startsWith(family + "/")).map((s) => s.split("/")[1]);
    throw new Error(`family ${family} does not support link ${link}; use one of: ${ok.join(", ") || "(none: unknown family)"}`);
  }
  return k;
}

/** Per-evaluation constants of the dispersion parameter (sigma or NB2 shape). */
export interface DispersionState {
  disp: number;
  /** gaussian: 1/sigma^2. NB2: log(shape). */
  a: number;
  /** NB2: lgamma(shape). */
  b: number;
  /** NB2: digamma(shape). */
  c: number;
  /** out: d lp / d eta of the last call */
  g: number;
  /** out: accumulated d lp / d dispersion over calls (gaussian: sum r^2 / sigma^3 part) */
  gd: number;
  /** NB2 memo for integer counts y < memo size: lgamma(y + shape), digamma(y + shape), valid where stamp = epoch. */
  memo?: NbMemo;
}

/**
 * Per-evaluation memo of NB2's lgamma(y + shape) and digamma(y + shape) for small integer counts: counts repeat,
 * so each distinct count costs one lgamma/digamma pair per evaluation instead of one per observation.
 */
export interface NbMemo {
  readonly lg: Float64Array;
  readonly dg: Float64Array;
  readonly stamp: Int32Array;
  epoch: number;
}

/**
 * An empty NB2 memo for counts below `size`.
 *
 * @example
 * nbMemo(64).lg.length; // => 64
 */
export function nbMemo(size = 1024): NbMemo {
  return { lg: new Float64Array(size), dg: new Float64Array(size), stamp: new Int32Array(size).fill(-1), epoch: 0 };
}

/** Prepare the dispersion state for one evaluation. */
export function setDispersion(k: Kernel, s: DispersionState, disp: number): void {
  s.disp = disp; s.gd = 0; s.g = 0;
  if (k === Kernel.GaussianIdentity || k === Kernel.GaussianLog) s.a = 1 / (disp * disp);
  else if (k === Kernel.NegBinomial2Log) {
    s.a = Math.log(disp); s.b = gammaln(disp); s.c = digamma(disp);
    if (s.memo) s.memo.epoch++;
  }
}

/**
 * log p(y | eta) minus its data-only constant; writes d/d eta into s.g and adds d/d disp into s.gd.
 *
 * @param k - kernel code
 * @param y - response (successes for binomial)
 * @param n - trials (binomial/bernoulli; ignored otherwise)
 * @param e - linear predictor
 * @param s - dispersion state (in/out)
 * @returns the log-likelihood term
 * @example
 * const s = { disp: 1, a: 1, b: 0, c: 0, g: 0, gd: 0 }; obsLogLik(2, 1, 1, 0, s); // => -Math.LN2, s.g = 0.5
 */
export function obsLogLik(k: Kernel, y: number, n: number, e: number, s: DispersionState): number {
  switch (k) {
    case Kernel.BinomialLogit: {
      const t = Math.exp(-Math.abs(e));
      const sig = e >= 0 ? 1 / (1 + t) : t / (1 + t);
      s.g = y - n * sig;
      return y * e - n * ((e > 0 ? e : 0) + Math.log1p(t));
    }
    case Kernel.PoissonLog: {
      const mu = Math.exp(e);
      s.g = y - mu;
      return y * e - mu;
    }
    case Kernel.GaussianIdentity: {
      const r = y - e;
      s.g = r * s.a;
      s.gd += r * r;
      return -0.5 * r * r * s.a;
    }
    case Kernel.NegBinomial2Log: return negBinomial2(y, e, s);
    case Kernel.BinomialProbit: return binomialProbit(y, n, e, s);
    case Kernel.BinomialCloglog: return binomialCloglog(y, n, e, s);
    case Kernel.GaussianLog: {
      const mu = Math.exp(e);
      const r = y - mu;
      s.g = r * mu * s.a;
      s.gd += r * r;
      return -0.5 * r * r * s.a;
    }
  }
}

function negBinomial2(y: number, e: number, s: DispersionState): number {
  const phi = s.disp, logPhi_ = s.a;
  // log(mu + phi) = logsumexp(e, log phi)
  const m = e > logPhi_ ? e : logPhi_;
  const lse = m + Math.log1p(Math.exp(-Math.abs(e - logPhi_)));
  const w = Math.exp(e - lse); // mu / (mu + phi)
  let lg: number, dg: number;
  const memo = s.memo;
  if (memo !== undefined && y < memo.lg.length && y === (y | 0)) {
    if (memo.stamp[y] !== memo.epoch) {
      memo.lg[y] = gammaln(y + phi); memo.dg[y] = digamma(y + phi); memo.stamp[y] = memo.epoch;
    }
    lg = memo.lg[y]; dg = memo.dg[y];
  } else {
    lg = gammaln(y + phi); dg = digamma(y + phi);
  }
  s.g = y - (y + phi) * w;
  s.gd += dg - s.c + logPhi_ + 1 - lse - (y + phi) * Math.exp(-lse);
  return lg - s.b + y * e + phi * logPhi_ - (y + phi) * lse;
}

function binomialProbit(y: number, n: number, e: number, s: DispersionState): number {
  let lp = 0, g = 0;
  if (y > 0) { lp += y * logPhi(e); g += y * dLogPhi(e); }
  if (n - y > 0) { lp += (n - y) * logPhi(-e); g -= (n - y) * dLogPhi(-e); }
  s.g = g;
  return lp;
}

function binomialCloglog(y: number, n: number, e: number, s: DispersionState): number {
  const ee = Math.exp(e);
  let lp = -(n - y) * ee, g = -(n - y) * ee;
  if (y > 0) {
    if (ee < 1e-300) { lp += y * e; g += y; }
    else {
      lp += y * Math.log(-Math.expm1(-ee)); // log(1 - exp(-exp(e)))
      g += ee > 700 ? 0 : (y * ee) / Math.expm1(ee);
    }
  }
  s.g = g;
  return lp;
}
