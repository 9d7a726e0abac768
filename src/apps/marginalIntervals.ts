/**
 * Marginal standardisation with 90% intervals: empirical Bayes (plug-in estimate, parametric simulation
 * of the fixed effects) and full Bayes (posterior draws).
 * @module
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { Design } from "../design/design.js";
import type { NutsFit } from "../fit/index.js";
import type { MixedFit } from "../laplace/index.js";
import { makeRng, normal } from "../rng.js";
import { pooledDraws } from "./draws.js";
import { marginalEstimate, marginalProblem, pointFromFit, type MarginalEstimate, type MarginalPoint, type MarginalProblem, type MarginalResult } from "./marginal.js";
import { quantileSorted } from "./rates.js";
import { zFor } from "./wald.js";

/** Options of the marginal analyses. */
export interface MarginalOptions {
  /** Declared level order of a factor term. */
  readonly factorLevels?: readonly string[];
  /** [reference, compared] levels; default the first two. */
  readonly contrast?: readonly [string, string];
  /** Gauss-Hermite points for the random-effect integral; default 25. */
  readonly quadrature?: number;
  /** Label of the method in the result; default "laplace" (EB) / "nuts" (FB). */
  readonly method?: string;
  /** EB: simulations (default 1000) and seed (default 1); FB: at most this many draws (thinned evenly). */
  readonly nsim?: number;
  readonly seed?: number;
}

const LEVEL = 0.9;

/**
 * Symmetric square root R of a covariance (R R = V; negative eigenvalues clipped to 0).
 * @param V - row-major p x p
 * @param p - dimension
 * @returns R
 * @example
 * covarianceRoot(new Float64Array([4, 0, 0, 9]), 2).get(1, 1); // => 3
 */
export function covarianceRoot(V: Float64Array, p: number): Matrix {
  if (V.some((v) => !Number.isFinite(v))) throw new Error("the fixed-effect covariance has non-finite entries (unidentified parameters?): simulation is not possible");
  const M = new Matrix(p, p);
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) M.set(a, c, (V[a * p + c] + V[c * p + a]) / 2);
  const e = new EigenvalueDecomposition(M, { assumeSymmetric: true });
  const U = e.eigenvectorMatrix, d = e.realEigenvalues.map((x) => Math.sqrt(Math.max(x, 0)));
  const R = new Matrix(p, p);
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += U.get(a, k) * d[k] * U.get(c, k);
    R.set(a, c, s);
  }
  return R;
}

function interval(values: number[]): [number, number] {
  const s = Float64Array.from(values).sort();
  return [quantileSorted(s, (1 - LEVEL) / 2), quantileSorted(s, (1 + LEVEL) / 2)];
}

function assemble(mp: MarginalProblem, method: string, est: MarginalEstimate, sims: MarginalEstimate[], conditional: [number, number]): MarginalResult {
  const risk: Record<string, [number, number]> = {};
  for (const lv of mp.cf.levels) risk[lv] = interval(sims.map((s) => s.risk[lv]));
  return {
    term: mp.cf.term, method, contrast: [mp.cf.levels[mp.contrast[0]], mp.cf.levels[mp.contrast[1]]], ...est,
    interval90: { conditional_or: conditional, risk, risk_difference: interval(sims.map((s) => s.risk_difference)), marginal_or: interval(sims.map((s) => s.marginal_or)) },
  };
}

/**
 * Empirical-Bayes marginal effects: estimate at the fit's parameters; 90% intervals by simulating
 * beta ~ N(beta_hat, vcov) (variance components fixed); conditional OR interval by Wald on the log scale.
 * @param design - the design the fit came from
 * @param fit - a Laplace or AGQ fit
 * @param term - factor or 0/1 covariate
 * @param options - levels, contrast, quadrature, nsim, seed
 * @returns the marginal result
 * @example
 * ebMarginal(cbpp, fit, "period", { factorLevels: ["1", "2", "3", "4"] }).marginal_or; // => 0.39
 */
export function ebMarginal(design: Design, fit: MixedFit, term: string, options: MarginalOptions = {}): MarginalResult {
  const mp = marginalProblem(design, term, options), p = design.p, nsim = options.nsim ?? 1000;
  const point = pointFromFit(design, fit), R = covarianceRoot(fit.vcov, p), rng = makeRng(options.seed ?? 1);
  const sims: MarginalEstimate[] = [];
  const z = new Float64Array(p);
  for (let s = 0; s < nsim; s++) {
    for (let j = 0; j < p; j++) z[j] = normal(rng);
    const beta = Float64Array.from(point.beta, (b, a) => { let x = b; for (let j = 0; j < p; j++) x += R.get(a, j) * z[j]; return x; });
    sims.push(marginalEstimate(mp, { beta, cov: point.cov }));
  }
  const est = marginalEstimate(mp, point), c = contrastOf(mp, est);
  let v = 0;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) v += c[a] * fit.vcov[a * p + b] * c[b];
  const zq = zFor(LEVEL), lor = Math.log(est.conditional_or);
  return assemble(mp, options.method ?? "laplace", est, sims, [Math.exp(lor - zq * Math.sqrt(v)), Math.exp(lor + zq * Math.sqrt(v))]);
}

function contrastOf(mp: MarginalProblem, _est: MarginalEstimate): Float64Array {
  const { p } = mp.design, [a, b] = mp.contrast;
  return Float64Array.from({ length: p }, (_, j) => mp.cf.X[b][j] - mp.cf.X[a][j]);
}

/**
 * The parameter point of posterior draw `d` (FORMAT.md names: fixed names, sd__g__t, cor__g__t1__t2).
 * @param design - the design
 * @param get - pooled draws by name
 * @param d - draw index
 * @returns beta and covariances
 * @example
 * pointFromDraws(cbpp, (n) => pooledDraws(fit, n), 0).beta.length; // => 4
 */
export function pointFromDraws(design: Design, get: (name: string) => Float64Array, d: number): MarginalPoint {
  const beta = Float64Array.from(design.fixedNames, (n) => get(n)[d]);
  const cov = design.terms.map((t) => {
    const k = t.termNames.length, sd = t.termNames.map((n) => get(`sd__${t.group}__${n}`)[d]);
    return Float64Array.from({ length: k * k }, (_, ac) => {
      const a = Math.floor(ac / k), c = ac % k;
      if (a === c) return sd[a] * sd[a];
      const [x, y] = a < c ? [a, c] : [c, a];
      return sd[a] * sd[c] * get(`cor__${t.group}__${t.termNames[x]}__${t.termNames[y]}`)[d];
    });
  });
  return { beta, cov };
}

/**
 * Full-Bayes marginal effects: every quantity computed per posterior draw; estimate = posterior median,
 * 90% central intervals.
 * @param design - the design sampled
 * @param fit - its NUTS fit
 * @param term - factor or 0/1 covariate
 * @param options - levels, contrast, quadrature, nsim (max draws used, default 1000)
 * @returns the marginal result
 * @example
 * fbMarginal(cbpp, nuts, "period", { factorLevels: ["1", "2", "3", "4"] }).interval90.marginal_or; // => [0.25, 0.6]
 */
export function fbMarginal(design: Design, fit: NutsFit, term: string, options: MarginalOptions = {}): MarginalResult {
  const mp = marginalProblem(design, term, options), cache = new Map<string, Float64Array>();
  const get = (n: string) => { let v = cache.get(n); if (!v) { v = pooledDraws(fit, n); cache.set(n, v); } return v; };
  const total = get(design.fixedNames[0]).length, m = Math.min(total, options.nsim ?? 1000);
  const sims = Array.from({ length: m }, (_, s) => marginalEstimate(mp, pointFromDraws(design, get, Math.floor((s * total) / m))));
  const med = (xs: number[]) => quantileSorted(Float64Array.from(xs).sort(), 0.5);
  const risk: Record<string, number> = {};
  for (const lv of mp.cf.levels) risk[lv] = med(sims.map((s) => s.risk[lv]));
  const est: MarginalEstimate = {
    risk, risk_difference: med(sims.map((s) => s.risk_difference)),
    marginal_or: med(sims.map((s) => s.marginal_or)), conditional_or: med(sims.map((s) => s.conditional_or)),
  };
  return assemble(mp, options.method ?? "nuts", est, sims, interval(sims.map((s) => s.conditional_or)));
}
