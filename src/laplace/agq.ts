/**
 * Adaptive Gauss-Hermite quadrature for a single scalar random-effect term (lme4 nAGQ > 1): per level,
 * nodes are centred at the conditional mode and scaled by the conditional curvature.
 * @module
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { PredModule } from "./predModule.js";
import type { RespModule } from "./respModule.js";

/** Gauss-Hermite rule for the standard normal weight: sum_k w_k f(z_k) ~ E f(Z). */
export interface GaussHermiteRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/**
 * Gauss-Hermite nodes and weights for N(0, 1) by Golub-Welsch (eigen-decomposition of the Jacobi matrix
 * of the probabilists' Hermite polynomials).
 * @param n - number of nodes (1..100)
 * @returns nodes (ascending) and weights summing to 1
 * @example
 * gaussHermite(3); // => nodes [-1.7320508, 0, 1.7320508], weights [1/6, 2/3, 1/6]
 * @see Golub & Welsch (1969)
 */
export function gaussHermite(n: number): GaussHermiteRule {
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`nAGQ must be an integer in 1..100 (got ${n})`);
  if (n === 1) return { nodes: new Float64Array([0]), weights: new Float64Array([1]) };
  const J = Matrix.zeros(n, n);
  for (let k = 1; k < n; k++) { J.set(k, k - 1, Math.sqrt(k)); J.set(k - 1, k, Math.sqrt(k)); }
  const eig = new EigenvalueDecomposition(J, { assumeSymmetric: true });
  const vals = eig.realEigenvalues, V = eig.eigenvectorMatrix;
  const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
  const nodes = Float64Array.from(order, (i) => vals[i]);
  const weights = Float64Array.from(order, (i) => V.get(0, i) ** 2);
  const s = weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < n; k++) weights[k] /= s;
  return { nodes, weights };
}

/**
 * -2 log marginal likelihood by AGQ, given the u-only PIRLS mode u at (theta, beta) with the response
 * module at that mode (weights at the mode). Requires one term with k = 1.
 * @param pred - predictor module (theta set)
 * @param resp - response module at the mode
 * @param beta - fixed effects
 * @param u - conditional modes
 * @param rule - Gauss-Hermite rule
 * @returns the AGQ deviance (= Laplace deviance when the rule has one node)
 * @example
 * agqDeviance(pred, resp, beta, u, gaussHermite(25)); // => 183.9677 for cbpp at lme4's AGQ(25) estimates
 */
export function agqDeviance(pred: PredModule, resp: RespModule, beta: Float64Array, u: Float64Array, rule: GaussHermiteRule): number {
  const lay = pred.layouts[0];
  if (pred.layouts.length !== 1 || lay.k !== 1 || lay.knownFactor) {
    throw new Error("AGQ (nAGQ > 1) needs exactly one scalar random-effect term such as (1 | group): use method 'Laplace'");
  }
  const { n, p, X, zl } = pred;
  const L = lay.nLevels, idx = lay.term.index;
  const a = new Float64Array(L).fill(1);
  const fixed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = resp.offset[i];
    for (let j = 0; j < p; j++) s += X[i * p + j] * beta[j];
    fixed[i] = s;
    a[idx[i]] += resp.wrkWt[i] * zl.values[i] * zl.values[i];
  }
  const devAt = new Float64Array(L * rule.nodes.length);
  const fam = resp.family;
  rule.nodes.forEach((z, k) => {
    for (let l = 0; l < L; l++) { const ul = u[l] + z / Math.sqrt(a[l]); devAt[l * rule.nodes.length + k] = ul * ul; }
    for (let i = 0; i < n; i++) {
      const l = idx[i];
      const eta = fixed[i] + zl.values[i] * (u[l] + z / Math.sqrt(a[l]));
      devAt[l * rule.nodes.length + k] -= 2 * fam.logLik(resp.y[i], fam.link.linkinv(eta), resp.m[i], eta);
    }
  });
  return levelSums(devAt, a, rule) - 2 * resp.logLikConstant;
}

function levelSums(devAt: Float64Array, a: Float64Array, rule: GaussHermiteRule): number {
  const K = rule.nodes.length;
  let total = 0;
  for (let l = 0; l < a.length; l++) {
    let ref = Infinity;
    for (let k = 0; k < K; k++) ref = Math.min(ref, devAt[l * K + k] - rule.nodes[k] ** 2);
    let s = 0;
    for (let k = 0; k < K; k++) s += rule.weights[k] * Math.exp(-0.5 * (devAt[l * K + k] - rule.nodes[k] ** 2 - ref));
    total += ref - 2 * Math.log(s) + Math.log(a[l]);
  }
  return total;
}
