/**
 * A slow, obviously-correct reference log density for a Design: dense matrices, direct formulas, and the
 * @stdlib logpdf/logpmf functions for every likelihood and prior term. Same unconstrained layout as
 * compileDesign (read from the compiled names only through the documented ordering).
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { denseFactor, knownCovarianceFactor } from "../../src/compile/index.js";
import gammaln from "@stdlib/math-base-special-gammaln";
import normalLogpdf from "@stdlib/stats-base-dists-normal-logpdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import tLogpdf from "@stdlib/stats-base-dists-t-logpdf";
import cauchyLogpdf from "@stdlib/stats-base-dists-cauchy-logpdf";
import exponentialLogpdf from "@stdlib/stats-base-dists-exponential-logpdf";
import gammaLogpdf from "@stdlib/stats-base-dists-gamma-logpdf";
import binomialLogpmf from "@stdlib/stats-base-dists-binomial-logpmf";
import poissonLogpmf from "@stdlib/stats-base-dists-poisson-logpmf";
import nbLogpmf from "@stdlib/stats-base-dists-negative-binomial-logpmf";
import type { Design } from "../../src/design/design.js";
import type { ModelPriors, PriorDef } from "../../src/design/priors.js";

/** log density of a scalar prior from @stdlib (inv_gamma: direct formula; half: minus log P(X > 0)). */
export function refPrior(d: PriorDef | null, x: number): number {
  if (!d || d.dist === "flat") return 0;
  switch (d.dist) {
    case "normal": return normalLogpdf(x, d.mu, d.sigma) - (d.half ? Math.log(1 - normalCdf(0, d.mu, d.sigma)) : 0);
    case "student_t": return tLogpdf((x - d.mu) / d.sigma, d.nu) - Math.log(d.sigma) + (d.half ? Math.LN2 : 0);
    case "cauchy": return cauchyLogpdf(x, d.mu, d.sigma) - (d.half ? Math.log(0.5 + Math.atan(d.mu / d.sigma) / Math.PI) : 0);
    case "exponential": return exponentialLogpdf(x, d.rate);
    case "gamma": return gammaLogpdf(x, d.shape, d.rate);
    case "inv_gamma": return d.shape * Math.log(d.scale) - gammaln(d.shape) - (d.shape + 1) * Math.log(x) - d.scale / x;
    case "lkj": throw new Error("lkj is not scalar");
  }
}

/** Lower-triangular L (number[][]) of a correlation matrix from canonical partial correlations, and log|J|. */
export function refCorrCholesky(y: number[], K: number): { L: number[][]; logJ: number } {
  const L = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  L[0][0] = 1;
  let logJ = 0, m = 0;
  for (let i = 1; i < K; i++) {
    for (let j = 0; j < i; j++) {
      const z = Math.tanh(y[m++]);
      let rest = 1;
      for (let c = 0; c < j; c++) rest -= L[i][c] ** 2;
      L[i][j] = z * Math.sqrt(rest);
      logJ += Math.log(1 - z * z) + 0.5 * Math.log(rest); // dtanh, and d x / d z = sqrt(rest)
    }
    let rest = 1;
    for (let c = 0; c < i; c++) rest -= L[i][c] ** 2;
    L[i][i] = Math.sqrt(rest);
  }
  return { L, logJ };
}

/** LKJ density of R = L L' in terms of L: (eta-1) log det R - log c_K + log|dR/dL| (LKJ 2009, Stan manual). */
export function refLkjCholesky(L: number[][], eta: number): number {
  const K = L.length;
  let logDetR = 0;
  for (let i = 0; i < K; i++) logDetR += 2 * Math.log(L[i][i]);
  let logC = 0;
  for (let k = 1; k < K; k++) {
    const b = eta + (K - 1 - k) / 2;
    logC += (2 * eta - 2 + K - k) * (K - k) * Math.LN2 + (K - k) * (2 * gammaln(b) - gammaln(2 * b));
  }
  let jac = 0; // R -> L Jacobian, Stan's lkj_corr_cholesky: sum_{k>=1} (K - k - 1) log L_kk
  for (let k = 1; k < K; k++) jac += (K - k - 1) * Math.log(L[k][k]);
  return (eta - 1) * logDetR - logC + jac;
}

function linkInv(link: string, e: number): number {
  switch (link) {
    case "identity": return e;
    case "log": return Math.exp(e);
    case "logit": return 1 / (1 + Math.exp(-e));
    default: return normalCdf(e, 0, 1); // probit (cloglog is handled in refObs)
  }
}

function refObs(d: Design, i: number, e: number, disp: number): number {
  const y = d.response.y[i];
  const mu = linkInv(d.link, e);
  if (d.link === "probit" || d.link === "cloglog") {
    // direct binomial formula with an accurate 1 - p (stdlib's log1p(-p) loses digits when p -> 1)
    const n = d.family === "binomial" ? d.response.trials![i] : 1;
    const logq = d.link === "probit" ? Math.log(normalCdf(-e, 0, 1)) : -Math.exp(e);
    const p = d.link === "probit" ? mu : -Math.expm1(-Math.exp(e));
    const lchoose = gammaln(n + 1) - gammaln(y + 1) - gammaln(n - y + 1);
    return lchoose + (y > 0 ? y * Math.log(p) : 0) + (n - y > 0 ? (n - y) * logq : 0);
  }
  switch (d.family) {
    case "gaussian": return normalLogpdf(y, mu, disp);
    case "bernoulli": return binomialLogpmf(y, 1, mu);
    case "binomial": return binomialLogpmf(y, d.response.trials![i], mu);
    case "poisson": return poissonLogpmf(y, mu);
    case "negbinomial2": return nbLogpmf(y, disp, disp / (disp + mu));
  }
}

/**
 * Dense factor F of a known covariance. The z coordinates are defined by the factor the compiler chooses (pivoted
 * Cholesky), so the reference takes F from it — F itself is checked independently (F F' = K) in the tests.
 */
function refFactor(K: Float64Array, m: number): number[][] {
  const F = denseFactor(knownCovarianceFactor(K, m));
  return Array.from({ length: m }, (_, i) => Array.from(F.subarray(i * m, (i + 1) * m)));
}

/**
 * The reference log density at theta (layout of compileDesign: beta, per term [log sd, cpc, z|b], log dispersion).
 */
export function referenceLogDensity(d: Design, priors: ModelPriors, theta: Float64Array, centered = false): number {
  const th = Array.from(theta);
  let pos = 0;
  const take = (m: number) => th.slice(pos, (pos += m));
  const beta = take(d.p);
  let lp = 0;
  d.fixedNames.forEach((nm, j) => { lp += refPrior(nm === "(Intercept)" ? priors.Intercept : priors.b, beta[j]); });
  const cols: { term: number; level: number; a: number; b: number }[] = []; // dense Z columns with their b
  d.terms.forEach((t, ti) => {
    const k = t.termNames.length, m = t.levels.length;
    const logSd = take(k), sd = logSd.map(Math.exp);
    logSd.forEach((u, a) => { lp += u + refPrior(priors.sd, sd[a]); });
    let L = [[1]];
    if (k > 1) {
      const r = refCorrCholesky(take((k * (k - 1)) / 2), k);
      L = r.L;
      lp += r.logJ + refLkjCholesky(L, priors.cor && priors.cor.dist === "lkj" ? priors.cor.eta : 1);
    }
    const raw = take(m * k);
    const b: number[] = new Array(m * k).fill(0);
    if (centered) {
      const S = new Matrix(k, k); // Sigma = D L L' D
      for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += L[a][q] * L[c][q];
        S.set(a, c, sd[a] * sd[c] * s);
      }
      for (let l = 0; l < m; l++) {
        const v = raw.slice(l * k, (l + 1) * k);
        lp += refMvnLogpdf(v, S);
        v.forEach((x, a) => { b[l * k + a] = x; });
      }
    } else {
      raw.forEach((z) => { lp += normalLogpdf(z, 0, 1); });
      if (t.knownCovariance) {
        const F = refFactor(t.knownCovariance, m);
        for (let i = 0; i < m; i++) for (let c = 0; c < m; c++) b[i] += sd[0] * F[i][c] * raw[c];
      } else {
        for (let l = 0; l < m; l++) for (let a = 0; a < k; a++) for (let c = 0; c <= a; c++) b[l * k + a] += sd[a] * L[a][c] * raw[l * k + c];
      }
    }
    for (let l = 0; l < m; l++) for (let a = 0; a < k; a++) cols.push({ term: ti, level: l, a, b: b[l * k + a] });
  });
  let disp = 1;
  if (d.family === "gaussian" || d.family === "negbinomial2") {
    const u = take(1)[0];
    disp = Math.exp(u);
    lp += u + refPrior(d.family === "gaussian" ? priors.sigma : priors.shape, disp);
  }
  // dense Z (n x q) and eta = X beta + Z b + offset
  for (let i = 0; i < d.n; i++) {
    let e = d.offset ? d.offset[i] : 0;
    for (let j = 0; j < d.p; j++) e += d.X[i * d.p + j] * beta[j];
    for (const c of cols) {
      const t = d.terms[c.term], k = t.termNames.length;
      const zic = t.index[i] === c.level ? t.Z[i * k + c.a] : 0;
      e += zic * c.b;
    }
    lp += refObs(d, i, e, disp);
  }
  return lp;
}

/** log N(v | 0, S) by a dense Cholesky (ml-matrix). */
function refMvnLogpdf(v: number[], S: Matrix): number {
  const k = v.length;
  const c = new CholeskyDecomposition(S);
  const Lm = c.lowerTriangularMatrix;
  let logDet = 0;
  for (let a = 0; a < k; a++) logDet += 2 * Math.log(Lm.get(a, a));
  const sol = c.solve(Matrix.columnVector(v));
  let q = 0;
  for (let a = 0; a < k; a++) q += v[a] * sol.get(a, 0);
  return -0.5 * k * Math.log(2 * Math.PI) - 0.5 * logDet - 0.5 * q;
}
