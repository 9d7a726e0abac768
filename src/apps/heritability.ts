/**
 * Heritability of a known-covariance (kinship) random effect in a gaussian LMM
 * y = X beta + g + e, g ~ N(0, sd_g^2 Z K Z'), e ~ N(0, sigma^2 I): h2 = sd_g^2 / (sd_g^2 + sigma^2).
 *
 * Exact ML/REML by the spectral transformation (Kang et al. 2008, EMMA): with Z K Z' = U diag(d) U', the
 * rotated model U'y has independent errors with variances s2 (h2 d_i + 1 - h2), so beta and the total
 * variance s2 are profiled out in closed form and the likelihood is one-dimensional in h2. The interval is
 * the profile-likelihood interval {h2 : 2 (l_max - l(h2)) <= chi2_1(level)}, clipped to [0, 1].
 * @module
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { Design } from "../design/design.js";
import { zFor } from "./wald.js";

/** The rotated problem: eigenvalues d and U'y, U'X (row-major n x p). */
export interface SpectralProblem {
  readonly n: number;
  readonly p: number;
  readonly d: Float64Array;
  readonly y: Float64Array;
  readonly X: Float64Array;
}

/** Result of {@link heritability}. */
export interface Heritability {
  readonly method: "ML" | "REML";
  readonly h2: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly sdGenetic: number;
  readonly sigma: number;
  readonly beta: number[];
  readonly fixedNames: readonly string[];
  readonly logLik: number;
}

/**
 * Rotate a design with one known-covariance term by the eigenvectors of Z K Z'.
 * @param design - gaussian design whose only random term carries `knownCovariance`
 * @returns eigenvalues and rotated response / fixed-effect matrix
 * @example
 * spectralProblem(kinship).d.length; // => 400
 */
export function spectralProblem(design: Design): SpectralProblem {
  if (design.family !== "gaussian") throw new Error(`heritability needs a gaussian model, not ${design.family}`);
  const term = design.terms.length === 1 ? design.terms[0] : undefined;
  if (!term?.knownCovariance) throw new Error("heritability needs exactly one random term, with a known covariance (spec known_covariance)");
  const { n, p } = design, L = term.levels.length, K = term.knownCovariance;
  const G = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) G.set(i, j, term.Z[i] * term.Z[j] * K[term.index[i] * L + term.index[j]]);
  const eig = new EigenvalueDecomposition(G, { assumeSymmetric: true });
  const U = eig.eigenvectorMatrix, d = Float64Array.from(eig.realEigenvalues, (v) => Math.max(v, 0));
  const off = design.offset;
  const y = new Float64Array(n), X = new Float64Array(n * p);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const u = U.get(i, k);
      y[k] += u * (design.response.y[i] - (off ? off[i] : 0));
      for (let j = 0; j < p; j++) X[k * p + j] += u * design.X[i * p + j];
    }
  }
  return { n, p, d, y, X };
}

interface Profile { logLik: number; beta: number[]; s2: number }

/**
 * Profiled (RE)ML log-likelihood at a given h2 (beta and the total variance at their optimum).
 * @param sp - the rotated problem
 * @param h2 - heritability in [0, 1)
 * @param reml - REML instead of ML
 * @returns logLik (with all constants, as lme4), beta, total variance s2
 * @example
 * profileAt(sp, 0.75, false).logLik; // => -512.57
 */
export function profileAt(sp: SpectralProblem, h2: number, reml: boolean): Profile {
  const { n, p, d, X, y } = sp;
  const A = new Matrix(p, p), b = new Matrix(p, 1);
  let logDetV = 0;
  for (let k = 0; k < n; k++) {
    const v = h2 * d[k] + 1 - h2, w = 1 / v;
    logDetV += Math.log(v);
    for (let a = 0; a < p; a++) {
      b.set(a, 0, b.get(a, 0) + w * X[k * p + a] * y[k]);
      for (let c = 0; c <= a; c++) A.set(a, c, A.get(a, c) + w * X[k * p + a] * X[k * p + c]);
    }
  }
  for (let a = 0; a < p; a++) for (let c = a + 1; c < p; c++) A.set(a, c, A.get(c, a));
  const chol = new CholeskyDecomposition(A);
  const beta = chol.solve(b).getColumn(0);
  let rss = 0;
  for (let k = 0; k < n; k++) {
    let r = y[k];
    for (let a = 0; a < p; a++) r -= X[k * p + a] * beta[a];
    rss += (r * r) / (h2 * d[k] + 1 - h2);
  }
  const m = reml ? n - p : n, s2 = rss / m;
  let logLik = -0.5 * (m * (Math.log(2 * Math.PI * s2) + 1) + logDetV);
  if (reml) {
    const Lc = chol.lowerTriangularMatrix;
    for (let a = 0; a < p; a++) logLik -= Math.log(Lc.get(a, a));
  }
  return { logLik, beta, s2 };
}

/** Golden-section maximisation of f on [a, b]. */
function maximise(f: (x: number) => number, a: number, b: number, tol = 1e-10): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a), e = a + g * (b - a), fc = f(c), fe = f(e);
  while (b - a > tol) {
    if (fc > fe) { b = e; e = c; fe = fc; c = b - g * (b - a); fc = f(c); }
    else { a = c; c = e; fc = fe; e = a + g * (b - a); fe = f(e); }
  }
  return (a + b) / 2;
}

/** Bisection for the root of f on [a, b] (f(a), f(b) of opposite signs). */
function bisect(f: (x: number) => number, a: number, b: number, tol = 1e-9): number {
  let fa = f(a);
  while (b - a > tol) {
    const m = (a + b) / 2, fm = f(m);
    if (fa * fm <= 0) b = m; else { a = m; fa = fm; }
  }
  return (a + b) / 2;
}

const H2_MAX = 1 - 1e-9;

/**
 * Heritability with a profile-likelihood interval, from a rotated problem.
 * @param sp - from {@link spectralProblem}
 * @param fixedNames - names of the fixed effects
 * @param options - method (default ML) and interval level (default 0.95)
 * @returns h2, interval, sd_g, sigma, beta, logLik
 * @example
 * heritabilityFromSpectrum(sp, ["(Intercept)", "x"]).h2; // => 0.7498
 */
export function heritabilityFromSpectrum(sp: SpectralProblem, fixedNames: readonly string[], options: { method?: "ML" | "REML"; level?: number } = {}): Heritability {
  const method = options.method ?? "ML", level = options.level ?? 0.95, reml = method === "REML";
  const ll = (h: number) => profileAt(sp, h, reml).logLik;
  let h2 = maximise(ll, 0, H2_MAX);
  if (ll(0) >= ll(h2)) h2 = 0;
  const best = profileAt(sp, h2, reml), cut = best.logLik - zFor(level) ** 2 / 2;
  const drop = (h: number) => ll(h) - cut;
  const lower = drop(0) >= 0 ? 0 : bisect(drop, 0, h2);
  const upper = drop(H2_MAX) >= 0 ? 1 : bisect(drop, h2, H2_MAX);
  return {
    method, h2, lower, upper, level,
    sdGenetic: Math.sqrt(h2 * best.s2), sigma: Math.sqrt((1 - h2) * best.s2),
    beta: best.beta, fixedNames, logLik: best.logLik,
  };
}

/**
 * Heritability of a design's known-covariance random effect (exact ML or REML), with a profile interval.
 * @param design - gaussian design with one random term carrying `knownCovariance` (e.g. kinship_sim)
 * @param options - method (default ML), level (default 0.95)
 * @returns h2 with its interval, sd_g, sigma, fixed effects, logLik
 * @example
 * heritability(loadSpec("kinship_sim/spec.json").design); // => { h2: 0.7498, lower: 0.59, upper: 0.87, ... }
 */
export function heritability(design: Design, options: { method?: "ML" | "REML"; level?: number } = {}): Heritability {
  return heritabilityFromSpectrum(spectralProblem(design), design.fixedNames, options);
}
