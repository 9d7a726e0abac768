/**
 * Exact ML/REML for a gaussian LMM whose only random term has a known covariance (kinship, lineage):
 * y = X beta + Z b + e, b ~ N(0, sd^2 K), e ~ N(0, sigma^2 I).
 *
 * Spectral transformation (Kang et al. 2008, EMMA): with Z K Z' = U diag(d) U', the rotated model U'y has
 * independent errors with variances s2 (h2 d_i + 1 - h2), h2 = sd^2 / (sd^2 + sigma^2), so beta and the total
 * variance s2 are profiled out in closed form and the likelihood is one-dimensional in h2. One symmetric
 * eigendecomposition (linalg/eigen.ts, without forming U) replaces lme4's repeated sparse Cholesky of a dense
 * 400 x 400 factor; the conditional modes and variances of b come from one dense Cholesky of
 * V = sd^2 Z K Z' + sigma^2 I at the optimum.
 * @see Kang, Zaitlen, Wade, et al. (2008), Efficient control of population structure in model organism
 *   association mapping, Genetics 178, 1709-1723
 * @module
 */
import { rotatableKnown, rotateByZKZt, zkzt } from "../compile/rotatedKnown.js";
import type { Design } from "../design/design.js";
import { choleskyInPlace, choleskySolve, inverseFromCholesky } from "../linalg/dense.js";
import { choleskyBlocked } from "../linalg/denseBlocked.js";
import type { TermLayout } from "./lambda.js";
import { convergenceInfo } from "./optimise.js";
import { ranefEntries, type MixedFit } from "./results.js";

/** The rotated problem: eigenvalues d of Z K Z' and U'y, U'X (row-major n x p). */
export interface SpectralProblem {
  readonly n: number;
  readonly p: number;
  readonly d: Float64Array;
  readonly y: Float64Array;
  readonly X: Float64Array;
}

/** The profiled likelihood at one h2. */
export interface SpectralProfile {
  /** Log-likelihood (REML: restricted) with all constants, as lme4. */
  readonly logLik: number;
  readonly beta: number[];
  /** Total variance sd^2 + sigma^2 at its optimum given h2. */
  readonly s2: number;
  /** Lower Cholesky factor of X' H^-1 X (p x p), H = h2 Z K Z' + (1 - h2) I. */
  readonly xtxFactor: Float64Array;
}

/** Largest h2 searched: at h2 = 1 the error variance vanishes and a singular K makes H singular. */
export const H2_MAX = 1 - 1e-9;

/**
 * Whether a design has the form this module fits exactly: gaussian identity link, one random term with a
 * known covariance (one coefficient per level).
 * @param design - the design
 * @returns true for the spectral path
 * @example
 * isSpectralLmm(kinshipDesign); // => true
 * isSpectralLmm(sleepstudyDesign); // => false
 */
export function isSpectralLmm(design: Design): boolean {
  const t = design.terms.length === 1 ? design.terms[0] : undefined;
  return design.family === "gaussian" && design.link === "identity" && !!t?.knownCovariance && t.termNames.length === 1;
}

/**
 * Rotate a design with one known-covariance term by the eigenvectors of Z K Z' (U is never formed).
 * @param design - gaussian design whose only random term carries `knownCovariance`
 * @returns eigenvalues (negative round-off clipped to 0) and the rotated response (minus offset) and X
 * @throws Error for a non-gaussian design, without exactly one known-covariance term, or for a K of the wrong size
 *   or clearly not positive semi-definite
 * @example
 * spectralProblem(kinship).d.length; // => 400
 */
export function spectralProblem(design: Design): SpectralProblem {
  if (design.family !== "gaussian") throw new Error(`the spectral (EMMA) fit needs a gaussian model, not ${design.family}`);
  const term = design.terms.length === 1 ? design.terms[0] : undefined;
  if (!term?.knownCovariance || term.termNames.length !== 1) {
    throw new Error("the spectral (EMMA) fit needs exactly one random term, with one coefficient and a known covariance (spec known_covariance)");
  }
  const m = term.levels.length, K = term.knownCovariance;
  if (K.length !== m * m) throw new Error(`known covariance of ${term.group} has ${K.length} entries; expected ${m} x ${m} (one row and column per level)`);
  const { values, y, X } = rotateByZKZt(design, `known covariance of ${term.group}`);
  return { n: design.n, p: design.p, d: values.map((v) => Math.max(v, 0)), y, X };
}

/**
 * Profiled (RE)ML log-likelihood at a given h2 (beta and the total variance at their optimum).
 * @param sp - the rotated problem
 * @param h2 - heritability in [0, 1)
 * @param reml - REML instead of ML
 * @returns logLik (with all constants, as lme4), beta, total variance s2, factor of X'H^-1 X
 * @throws Error if X is rank deficient
 * @example
 * profileAt(sp, 0.75, false).logLik; // => -512.57
 */
export function profileAt(sp: SpectralProblem, h2: number, reml: boolean): SpectralProfile {
  const { n, p, d, X, y } = sp, A = new Float64Array(p * p), b = new Float64Array(p);
  let logDetH = 0;
  for (let k = 0; k < n; k++) {
    const v = h2 * d[k] + 1 - h2, w = 1 / v, row = k * p;
    logDetH += Math.log(v);
    for (let a = 0; a < p; a++) {
      const wx = w * X[row + a];
      b[a] += wx * y[k];
      for (let c = 0; c <= a; c++) A[a * p + c] += wx * X[row + c];
    }
  }
  if (!choleskyInPlace(A, p)) throw new Error("fixed-effect design is rank deficient: drop collinear columns of X");
  const beta = choleskySolve(A, p, b);
  let rss = 0;
  for (let k = 0; k < n; k++) {
    let r = y[k];
    for (let a = 0; a < p; a++) r -= X[k * p + a] * beta[a];
    rss += (r * r) / (h2 * d[k] + 1 - h2);
  }
  const m = reml ? n - p : n, s2 = rss / m;
  let logLik = -0.5 * (m * (Math.log(2 * Math.PI * s2) + 1) + logDetH);
  if (reml) for (let a = 0; a < p; a++) logLik -= Math.log(A[a * p + a]);
  return { logLik, beta: Array.from(beta), s2, xtxFactor: A };
}

/**
 * The h2 maximising the profiled likelihood on [0, H2_MAX]: a 40-point grid, then golden section on the
 * bracket around the best grid point (tolerance 1e-10); 0 when the boundary is at least as good.
 * @param sp - the rotated problem
 * @param reml - REML instead of ML
 * @returns h2 and the number of likelihood evaluations
 * @example
 * maximiseProfile(sp, false).h2; // => 0.74982 (kinship_sim)
 */
export function maximiseProfile(sp: SpectralProblem, reml: boolean): { h2: number; evaluations: number } {
  let evaluations = 0;
  const ll = (h: number) => { evaluations++; return profileAt(sp, h, reml).logLik; };
  const N = 40, grid = Array.from({ length: N + 1 }, (_, i) => (i === N ? H2_MAX : i / N)), vals = grid.map(ll);
  let best = 0;
  for (let i = 1; i <= N; i++) if (vals[i] > vals[best]) best = i;
  const a = grid[Math.max(0, best - 1)], b = grid[Math.min(N, best + 1)];
  const h = goldenMax(ll, a, b, 1e-10);
  const candidates = [[h, ll(h)], [grid[best], vals[best]]];
  candidates.sort((u, v) => v[1] - u[1]);
  return { h2: candidates[0][0], evaluations };
}

/** Golden-section maximisation of f on [a, b]. */
function goldenMax(f: (x: number) => number, a: number, b: number, tol: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a), e = a + g * (b - a), fc = f(c), fe = f(e);
  while (b - a > tol) {
    if (fc > fe) { b = e; e = c; fe = fc; c = b - g * (b - a); fc = f(c); }
    else { a = c; c = e; fc = fe; e = a + g * (b - a); fe = f(e); }
  }
  return (a + b) / 2;
}

/**
 * Exact ML or REML fit of a known-covariance gaussian LMM by the spectral transformation; the same MixedFit as
 * fitLmm (lme4's theta = sd / sigma, fixed-effect vcov sigma^2-scaled from X'V^-1 X, conditional modes and
 * conditional sds given beta, as lme4's ranef(condVar = TRUE)).
 * @param design - a design for which {@link isSpectralLmm} holds
 * @param reml - REML (true) or ML
 * @returns the fit
 * @example
 * fitSpectralLmm(kinshipDesign, false).logLik; // => -512.56595 (exact_ml.json)
 */
export function fitSpectralLmm(design: Design, reml: boolean): MixedFit {
  const sp = spectralProblem(design);
  const opt = maximiseProfile(sp, reml);
  const { h2 } = opt, best = profileAt(sp, h2, reml), { n, p } = design;
  const sg2 = h2 * best.s2, se2 = (1 - h2) * best.s2, sigma = Math.sqrt(se2), theta = Math.sqrt(h2 / (1 - h2));
  const deviance = -2 * best.logLik, df = p + 2;
  const vcov = inverseFromCholesky(best.xtxFactor, p).map((v) => v * best.s2);
  const term = design.terms[0];
  const layout: TermLayout = { term, k: 1, nLevels: term.levels.length, offset: 0, thetaOffset: 0, nTheta: 1 };
  const { b, condVar } = knownConditionalModes(design, best.beta, sg2, se2);
  const devTheta = (x: Float64Array) => -2 * profileAt(sp, x[0] * x[0] / (1 + x[0] * x[0]), reml).logLik;
  const optim = { x: new Float64Array([theta]), f: deviance, evaluations: opt.evaluations, converged: true, message: "golden section converged" };
  return {
    method: reml ? "REML" : "ML", nAGQ: 0, family: design.family, link: design.link,
    fixef: design.fixedNames.map((name, j) => ({ name, est: best.beta[j], se: Math.sqrt(vcov[j * p + j]) })),
    vcov, vcovSource: "RX", theta: optim.x, sigma,
    varCorr: [{ group: term.group, termNames: term.termNames, sd: [Math.sqrt(sg2)], cor: new Float64Array([1]) }],
    logLik: best.logLik, deviance, AIC: deviance + 2 * df, BIC: deviance + df * Math.log(n), df, nobs: n,
    ranef: ranefEntries([layout], b, condVar),
    convergence: convergenceInfo("spectral (EMMA) grid + golden section", optim, devTheta, new Float64Array([0]), 1),
  };
}

/**
 * Conditional modes and variances of b given beta: with S = sd^2 K and V = Z S Z' + sigma^2 I,
 * b = S Z' V^-1 r (r = y - X beta - offset) and var(b | y) = S - S Z' V^-1 Z S (diagonal only), from one dense
 * Cholesky of V (n^3 / 6). With one observation per level (Z = D P invertible) these are
 * b = Z^-1 (r - sigma^2 V^-1 r) and var = Z^-1 (sigma^2 I - sigma^4 V^-1) Z'^-1, needing only diag(V^-1)
 * (n^3 / 6); otherwise a forward solve with the m columns of Z S (n^2 m / 2).
 * @param design - a design for which {@link isSpectralLmm} holds
 * @param beta - fixed effects
 * @param sg2 - sd^2 of the known-covariance term
 * @param se2 - residual variance sigma^2
 * @returns b and its conditional variances, one per level
 * @example
 * knownConditionalModes(kinshipDesign, [0.98, 0.585], 0.7986, 0.2664).b[0]; // => -0.99194
 */
export function knownConditionalModes(design: Design, beta: ArrayLike<number>, sg2: number, se2: number): { b: Float64Array; condVar: Float64Array } {
  const { n, p } = design, t = design.terms[0], m = t.levels.length;
  if (sg2 === 0) return { b: new Float64Array(m), condVar: new Float64Array(m) }; // boundary fit: b = 0 exactly
  const V = zkzt(design);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) V[i * n + j] *= sg2;
    V[i * n + i] += se2;
  }
  if (!choleskyBlocked(V, n)) throw new Error("V = sd^2 Z K Z' + sigma^2 I is not positive definite: sigma is 0; check the response");
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = design.response.y[i] - (design.offset ? design.offset[i] : 0);
    for (let j = 0; j < p; j++) s -= design.X[i * p + j] * beta[j];
    r[i] = s;
  }
  const vr = choleskySolve(V, n, Float64Array.from(r));
  if (rotatableKnown(design, false)) {
    const dInv = inverseDiagonal(V, n), b = new Float64Array(m), condVar = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      const l = t.index[i], z = t.Z[i];
      b[l] = (r[i] - se2 * vr[i]) / z;
      condVar[l] = Math.max(0, (se2 - se2 * se2 * dInv[i]) / (z * z));
    }
    return { b, condVar };
  }
  return generalModes(design, V, vr, sg2);
}

/** Any Z: b = S Z' V^-1 r, var = diag(S) - column sums of (L^-1 Z S)^2. */
function generalModes(design: Design, Lv: Float64Array, vr: Float64Array, sg2: number): { b: Float64Array; condVar: Float64Array } {
  const t = design.terms[0], n = design.n, m = t.levels.length, K = t.knownCovariance!;
  const b = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const ki = t.index[i] * m, a = sg2 * t.Z[i] * vr[i];
    for (let l = 0; l < m; l++) b[l] += a * K[ki + l];
  }
  const W = forwardSolveRows(Lv, n, design, sg2), condVar = new Float64Array(m);
  for (let l = 0; l < m; l++) condVar[l] = sg2 * K[l * m + l];
  for (let i = 0; i < n; i++) for (let l = 0; l < m; l++) condVar[l] -= W[i * m + l] * W[i * m + l];
  return { b, condVar: condVar.map((v) => Math.max(v, 0)) };
}

/** L^-1 (Z S) with S = sd^2 K, row-major n x m (row-oriented forward substitution: contiguous inner loops). */
function forwardSolveRows(Lv: Float64Array, n: number, design: Design, sg2: number): Float64Array {
  const t = design.terms[0], m = t.levels.length, K = t.knownCovariance!, W = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = i * m, ki = t.index[i] * m, zi = sg2 * t.Z[i];
    for (let l = 0; l < m; l++) W[row + l] = zi * K[ki + l];
    for (let j = 0; j < i; j++) {
      const lij = Lv[i * n + j];
      if (lij === 0) continue;
      const rj = j * m;
      for (let l = 0; l < m; l++) W[row + l] -= lij * W[rj + l];
    }
    const inv = 1 / Lv[i * n + i];
    for (let l = 0; l < m; l++) W[row + l] *= inv;
  }
  return W;
}

/**
 * diag(A^-1) from A = L L': columns i and i+1 of L^-1 together by forward substitution (x_k for k >= i),
 * summed squares (the row of L is loaded once for both columns).
 */
function inverseDiagonal(L: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n), x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    x[i] = 1 / L[i * n + i];
    let sx = x[i] * x[i];
    if (i + 1 === n) { out[i] = sx; break; }
    const r1 = (i + 1) * n;
    x[i + 1] = (-L[r1 + i] * x[i]) / L[r1 + i + 1];
    y[i + 1] = 1 / L[r1 + i + 1];
    sx += x[i + 1] * x[i + 1];
    let sy = y[i + 1] * y[i + 1];
    for (let k = i + 2; k < n; k++) {
      const rk = k * n;
      let ax = L[rk + i] * x[i], ay = 0;
      for (let j = i + 1; j < k; j++) {
        const l = L[rk + j];
        ax += l * x[j];
        ay += l * y[j];
      }
      const inv = 1 / L[rk + k];
      x[k] = -ax * inv;
      y[k] = -ay * inv;
      sx += x[k] * x[k];
      sy += y[k] * y[k];
    }
    out[i] = sx;
    out[i + 1] = sy;
  }
  return out;
}
