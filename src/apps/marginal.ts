/**
 * Conditional vs population-averaged (marginal) effects of a factor or 0/1 covariate in a binary/binomial
 * GLMM by marginal standardisation: every row's risk under each level, integrated over the random-effect
 * distribution (Gauss-Hermite quadrature: the random part z_i'b of row i is N(0, v_i) with
 * v_i = sum_t z_it' Sigma_t z_it) and averaged over the rows (binomial rows weighted by their trials).
 * Intervals: empirical Bayes by parametric simulation of beta ~ N(beta_hat, vcov) with the variance
 * components held at their estimates; full Bayes from the posterior draws of beta and Sigma.
 * @module
 */
import type { Design } from "../design/design.js";
import { gaussHermite, linkFor, type MixedFit } from "../laplace/index.js";
import { counterfactual, type Counterfactual } from "./counterfactual.js";

/** Parameters at which the risks are evaluated: fixed effects and per-term covariance (k x k). */
export interface MarginalPoint {
  readonly beta: Float64Array;
  readonly cov: readonly Float64Array[];
}

/** Population-averaged risks of every level, plus the chosen contrast. */
export interface MarginalEstimate {
  readonly risk: Record<string, number>;
  readonly risk_difference: number;
  readonly marginal_or: number;
  readonly conditional_or: number;
}

/** The answer `glmm marginal` prints. */
export interface MarginalResult extends MarginalEstimate {
  readonly term: string;
  readonly method: string;
  /** [reference, compared] levels of the contrast. */
  readonly contrast: [string, string];
  readonly interval90: {
    readonly conditional_or: [number, number];
    readonly risk: Record<string, [number, number]>;
    readonly risk_difference: [number, number];
    readonly marginal_or: [number, number];
  };
}

/** Everything needed to evaluate risks repeatedly. */
export interface MarginalProblem {
  readonly design: Design;
  readonly cf: Counterfactual;
  readonly contrast: [number, number];
  readonly weights: Float64Array;
  readonly nodes: Float64Array;
  readonly ghWeights: Float64Array;
}

/**
 * Set up the standardisation of `term` in a design.
 * @param design - binomial or bernoulli design with logit link
 * @param term - factor or 0/1 covariate
 * @param options - declared level order, contrast levels [reference, other], quadrature points (25)
 * @returns the problem
 * @throws Error for other families/links, unknown terms or levels
 * @example
 * marginalProblem(cbpp, "period", { factorLevels: ["1", "2", "3", "4"] }).contrast; // => [0, 1]
 */
export function marginalProblem(design: Design, term: string, options: { factorLevels?: readonly string[]; contrast?: readonly [string, string]; quadrature?: number } = {}): MarginalProblem {
  if (design.family !== "binomial" && design.family !== "bernoulli") throw new Error(`marginal risks need a binomial or bernoulli model, not ${design.family}`);
  if (design.link !== "logit") throw new Error(`odds ratios need the logit link, not ${design.link}`);
  const cf = counterfactual(design, term, options.factorLevels);
  const [a, b] = options.contrast ?? [cf.levels[0], cf.levels[1]];
  const contrast: [number, number] = [cf.levels.indexOf(a), cf.levels.indexOf(b)];
  if (contrast.some((c) => c < 0) || a === b) throw new Error(`contrast levels must be two different levels of '${term}' (${cf.levels.join(", ")}), got ${a}, ${b}`);
  const weights = design.response.trials ? Float64Array.from(design.response.trials) : new Float64Array(design.n).fill(1);
  const gh = gaussHermite(options.quadrature ?? 25);
  return { design, cf, contrast, weights, nodes: gh.nodes, ghWeights: gh.weights };
}

/** Row sds per level, cached per covariance list (EB simulations share one; the problem is fixed per list). */
const SD_CACHE = new WeakMap<MarginalProblem, WeakMap<readonly Float64Array[], Float64Array[]>>();

/** Row variances v_i of the random part under counterfactual Z (known covariances: times K_ll). */
function rowVariances(design: Design, Z: readonly Float64Array[], cov: readonly Float64Array[]): Float64Array {
  const v = new Float64Array(design.n);
  design.terms.forEach((t, ti) => {
    const k = t.termNames.length, S = cov[ti], Zt = Z[ti], K = t.knownCovariance, L = t.levels.length;
    for (let i = 0; i < design.n; i++) {
      let s = 0;
      for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) s += Zt[i * k + a] * S[a * k + c] * Zt[i * k + c];
      v[i] += K ? s * K[t.index[i] * L + t.index[i]] : s;
    }
  });
  return v;
}

/**
 * Population-averaged risk of every level at one parameter point.
 * @param mp - the problem
 * @param point - beta and covariances
 * @returns risks per level (model order)
 * @example
 * marginalRisks(mp, pointFromFit(mp.design, fit)); // => Float64Array [0.197, 0.087, 0.075, 0.047]
 */
export function marginalRisks(mp: MarginalProblem, point: MarginalPoint): Float64Array {
  const { design, cf, weights, nodes, ghWeights } = mp, { n, p } = design, inv = linkFor("logit").linkinv;
  const out = new Float64Array(cf.levels.length);
  let wsum = 0;
  for (let i = 0; i < n; i++) wsum += weights[i];
  const cache = SD_CACHE.get(mp) ?? new WeakMap<readonly Float64Array[], Float64Array[]>();
  SD_CACHE.set(mp, cache);
  let sds = cache.get(point.cov);
  if (!sds) {
    sds = cf.levels.map((_, l) => rowVariances(design, cf.Z[l], point.cov).map(Math.sqrt));
    cache.set(point.cov, sds);
  }
  cf.levels.forEach((_, l) => {
    const X = cf.X[l], sdRow = sds[l];
    let s = 0;
    for (let i = 0; i < n; i++) {
      let eta = design.offset ? design.offset[i] : 0;
      for (let j = 0; j < p; j++) eta += X[i * p + j] * point.beta[j];
      const sd = sdRow[i];
      let r = 0;
      for (let q = 0; q < nodes.length; q++) r += ghWeights[q] * inv(eta + sd * nodes[q]);
      s += weights[i] * r;
    }
    out[l] = s / wsum;
  });
  return out;
}

/**
 * Contrast row c = x(other) - x(reference) of the fixed effects (constant over rows without interactions).
 * @param mp - the problem
 * @returns c, length p
 * @example
 * contrastVector(mp); // => Float64Array [0, 1, 0, 0]
 */
export function contrastVector(mp: MarginalProblem): Float64Array {
  const { p } = mp.design, [a, b] = mp.contrast;
  return Float64Array.from({ length: p }, (_, j) => mp.cf.X[b][j] - mp.cf.X[a][j]);
}

/**
 * Risks, risk difference and odds ratios at one point.
 * @param mp - the problem
 * @param point - parameters
 * @returns the estimate
 * @example
 * marginalEstimate(mp, point).marginal_or; // => 0.39
 */
export function marginalEstimate(mp: MarginalProblem, point: MarginalPoint): MarginalEstimate {
  const r = marginalRisks(mp, point), [a, b] = mp.contrast, c = contrastVector(mp);
  let logOr = 0;
  for (let j = 0; j < c.length; j++) logOr += c[j] * point.beta[j];
  const risk: Record<string, number> = {};
  mp.cf.levels.forEach((lv, l) => { risk[lv] = r[l]; });
  const odds = (x: number) => x / (1 - x);
  return { risk, risk_difference: r[b] - r[a], marginal_or: odds(r[b]) / odds(r[a]), conditional_or: Math.exp(logOr) };
}

/**
 * The parameter point of an empirical-Bayes fit.
 * @param design - the design the fit came from
 * @param fit - fitMixed result
 * @returns beta and per-term covariance from varCorr
 * @example
 * pointFromFit(cbpp, fit).cov[0]; // => Float64Array [0.4124]
 */
export function pointFromFit(design: Design, fit: MixedFit): MarginalPoint {
  if (fit.varCorr.length !== design.terms.length) throw new Error("the fit's random terms do not match the design's");
  const cov = design.terms.map((t, ti) => {
    const vc = fit.varCorr[ti], k = t.termNames.length;
    if (vc.group !== t.group) throw new Error(`fit term ${ti} is on '${vc.group}', the design's on '${t.group}'`);
    return Float64Array.from({ length: k * k }, (_, ac) => vc.sd[Math.floor(ac / k)] * vc.sd[ac % k] * vc.cor[ac]);
  });
  return { beta: Float64Array.from(fit.fixef, (f) => f.est), cov };
}
