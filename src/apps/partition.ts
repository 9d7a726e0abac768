/**
 * Variance partitioning with two structured random effects on the same units — a lineage (phylogenetic,
 * Brownian-motion) covariance and a spatial (exponential) covariance — plus residual noise:
 * y_ij = mu + a_i + s_i + e_ij, a ~ N(0, sd_a^2 A), s ~ N(0, sd_s^2 S). Share of component t =
 * sd_t^2 mean(diag K_t) / total. Point estimates from fitMixed (REML); intervals from NUTS draws.
 * Includes the simulation used by the example and tests.
 * @module
 */
import type { Design, ReTerm } from "../design/design.js";
import type { NutsFit } from "../fit/index.js";
import type { MixedFit } from "../laplace/index.js";
import { makeRng, normal } from "../rng.js";
import { pooledDraws } from "./draws.js";
import { quantileSorted } from "./rates.js";

/** Simulation settings (and truth). */
export interface PartitionTruth {
  /** Populations = leaves of a balanced binary tree of this depth (2^depth leaves). */
  readonly depth: number;
  readonly perPopulation: number;
  readonly intercept: number;
  readonly sdLineage: number;
  readonly sdSpatial: number;
  readonly sigma: number;
  /** Range of the exponential spatial correlation exp(-d / range) on the unit square. */
  readonly range: number;
}

/** Default settings. */
export const PARTITION_TRUTH: PartitionTruth = { depth: 6, perPopulation: 6, intercept: 1, sdLineage: 0.8, sdSpatial: 0.6, sigma: 0.5, range: 0.3 };

/**
 * Brownian-motion covariance of the leaves of a balanced binary tree of unit height: K_ij = shared depth / depth.
 * @param depth - tree depth
 * @returns row-major 2^depth x 2^depth, diagonal 1
 * @example
 * treeCovariance(1); // => Float64Array [1, 0, 0, 1]
 */
export function treeCovariance(depth: number): Float64Array {
  const L = 2 ** depth, K = new Float64Array(L * L);
  for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) {
    let shared = depth;
    for (let x = i ^ j; x > 0; x >>= 1) shared--;
    K[i * L + j] = shared / depth;
  }
  return K;
}

/**
 * Exponential spatial correlation exp(-d_ij / range) of points.
 * @param xy - coordinates [x0, y0, x1, y1, ...]
 * @param range - range parameter
 * @returns row-major correlation matrix
 * @example
 * spatialCovariance(new Float64Array([0, 0, 0.3, 0]), 0.3)[1]; // => 0.3679
 */
export function spatialCovariance(xy: Float64Array, range: number): Float64Array {
  const L = xy.length / 2, K = new Float64Array(L * L);
  for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) K[i * L + j] = Math.exp(-Math.hypot(xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]) / range);
  return K;
}

/** Draw N(0, sd^2 K) by a Cholesky factor of K (tiny jitter for the semi-definite tree covariance). */
function drawCorrelated(K: Float64Array, L: number, sd: number, rng: () => number): Float64Array {
  const C = new Float64Array(L * L);
  for (let i = 0; i < L; i++) for (let j = 0; j <= i; j++) {
    let s = K[i * L + j] + (i === j ? 1e-10 : 0);
    for (let k = 0; k < j; k++) s -= C[i * L + k] * C[j * L + k];
    C[i * L + j] = i === j ? Math.sqrt(Math.max(s, 0)) : s / (C[j * L + j] || 1);
  }
  const z = Float64Array.from({ length: L }, () => normal(rng)), out = new Float64Array(L);
  for (let i = 0; i < L; i++) for (let k = 0; k <= i; k++) out[i] += sd * C[i * L + k] * z[k];
  return out;
}

/**
 * Simulate the two-component design (lineage tree and spatial coordinates are part of the draw).
 * @param seed - seed
 * @param truth - settings
 * @returns a gaussian Design with terms `lineage` and `space` (same populations, known covariances)
 * @example
 * simulatePartition(1).terms.map((t) => t.group); // => ["lineage", "space"]
 */
export function simulatePartition(seed: number, truth: PartitionTruth = PARTITION_TRUTH): Design {
  const rng = makeRng(seed), L = 2 ** truth.depth, m = truth.perPopulation, n = L * m;
  const xy = Float64Array.from({ length: 2 * L }, () => rng());
  const A = treeCovariance(truth.depth), S = spatialCovariance(xy, truth.range);
  const a = drawCorrelated(A, L, truth.sdLineage, rng), s = drawCorrelated(S, L, truth.sdSpatial, rng);
  const index = Int32Array.from({ length: n }, (_, i) => Math.floor(i / m));
  const y = Float64Array.from({ length: n }, (_, i) => truth.intercept + a[index[i]] + s[index[i]] + truth.sigma * normal(rng));
  const levels = Array.from({ length: L }, (_, l) => `P${l + 1}`);
  const term = (group: string, K: Float64Array): ReTerm => ({ group, termNames: ["(Intercept)"], levels, index, Z: new Float64Array(n).fill(1), knownCovariance: K });
  return {
    n, p: 1, X: new Float64Array(n).fill(1), fixedNames: ["(Intercept)"], response: { name: "y", y },
    terms: [term("lineage", A), term("space", S)], family: "gaussian", link: "identity",
  };
}

/** Share of the total variance of one component, with an optional interval. */
export interface VarianceShare {
  readonly component: string;
  readonly variance: number;
  readonly share: number;
  readonly lower?: number;
  readonly upper?: number;
}

function meanDiag(t: ReTerm): number {
  const K = t.knownCovariance, L = t.levels.length;
  if (!K) return 1;
  let s = 0;
  for (let l = 0; l < L; l++) s += K[l * L + l];
  return s / L;
}

/**
 * Variance shares from an empirical-Bayes fit (point estimates).
 * @param design - the design (for the known covariances' mean diagonals)
 * @param fit - fitMixed result
 * @returns one share per random term, then the residual
 * @example
 * varianceShares(design, fit).map((s) => s.component); // => ["lineage", "space", "residual"]
 */
export function varianceShares(design: Design, fit: MixedFit): VarianceShare[] {
  const v = design.terms.map((t, i) => fit.varCorr[i].sd[0] ** 2 * meanDiag(t));
  return shares(design, [...v, (fit.sigma ?? 0) ** 2]);
}

function shares(design: Design, v: number[]): VarianceShare[] {
  const total = v.reduce((a, b) => a + b, 0), names = [...design.terms.map((t) => t.group), "residual"];
  return names.map((component, i) => ({ component, variance: v[i], share: v[i] / total }));
}

/**
 * Variance shares from NUTS draws: posterior medians and 90% central intervals.
 * @param design - the design sampled
 * @param fit - its NUTS fit (outputs sd__<group>__(Intercept) and sigma)
 * @returns one share per random term, then the residual
 * @example
 * posteriorVarianceShares(design, nuts)[0]; // => { component: "lineage", share: 0.5, lower: 0.3, upper: 0.7, ... }
 */
export function posteriorVarianceShares(design: Design, fit: NutsFit): VarianceShare[] {
  const sds = [...design.terms.map((t) => pooledDraws(fit, `sd__${t.group}__${t.termNames[0]}`)), pooledDraws(fit, "sigma")];
  const scale = [...design.terms.map(meanDiag), 1], nd = sds[0].length;
  const perDraw = Array.from({ length: nd }, (_, d) => shares(design, sds.map((s, i) => s[d] ** 2 * scale[i])));
  return perDraw[0].map((c, i) => {
    const sh = Float64Array.from(perDraw, (p) => p[i].share).sort(), va = Float64Array.from(perDraw, (p) => p[i].variance).sort();
    return { component: c.component, variance: quantileSorted(va, 0.5), share: quantileSorted(sh, 0.5), lower: quantileSorted(sh, 0.05), upper: quantileSorted(sh, 0.95) };
  });
}
