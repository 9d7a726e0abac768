import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { PARTITION_TRUTH, simulatePartition, spatialCovariance, treeCovariance, varianceShares } from "../../src/apps/partition.js";
import type { Design } from "../../src/design/design.js";
import { fitMixed } from "../../src/laplace/index.js";

/** Dense ML log-likelihood of y ~ N(X beta, sum_t sd_t^2 Z K_t Z' + sigma^2 I), beta given. */
function denseLogLik(d: Design, beta: number, sds: number[], sigma: number): number {
  const n = d.n, V = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    let v = i === j ? sigma * sigma : 0;
    d.terms.forEach((t, k) => { v += sds[k] ** 2 * t.knownCovariance![t.index[i] * t.levels.length + t.index[j]]; });
    V.set(i, j, v); V.set(j, i, v);
  }
  const L = new CholeskyDecomposition(V).lowerTriangularMatrix;
  const r = Float64Array.from(d.response.y, (y) => y - beta);
  let logDet = 0, quad = 0;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = r[i];
    for (let k = 0; k < i; k++) s -= L.get(i, k) * z[k];
    z[i] = s / L.get(i, i);
    quad += z[i] * z[i];
    logDet += 2 * Math.log(L.get(i, i));
  }
  return -0.5 * (n * Math.log(2 * Math.PI) + logDet + quad);
}

describe("partition: two known-covariance random effects (lineage tree + spatial) in fitMixed", () => {
  const d = simulatePartition(1);
  const fit = fitMixed(d, { method: "ML" });
  const sds = fit.varCorr.map((v) => v.sd[0]);

  it("covariances: tree is Brownian motion on a balanced tree, spatial is exponential", () => {
    expect(Array.from(treeCovariance(2))).toEqual([1, 0.5, 0, 0, 0.5, 1, 0, 0, 0, 0, 1, 0.5, 0, 0, 0.5, 1]);
    expect(spatialCovariance(new Float64Array([0, 0, 0.3, 0.4]), 0.5)[1]).toBeCloseTo(Math.exp(-1), 14);
  });
  it("fitMixed's ML logLik equals the dense multivariate-normal likelihood, and it is a maximum", () => {
    const ll = denseLogLik(d, fit.fixef[0].est, sds, fit.sigma!);
    expect(Math.abs(ll - fit.logLik)).toBeLessThan(1e-6);
    for (const f of [0.97, 1.03]) {
      expect(denseLogLik(d, fit.fixef[0].est, [sds[0] * f, sds[1]], fit.sigma!)).toBeLessThan(ll);
      expect(denseLogLik(d, fit.fixef[0].est, [sds[0], sds[1] * f], fit.sigma!)).toBeLessThan(ll);
      expect(denseLogLik(d, fit.fixef[0].est, sds, fit.sigma! * f)).toBeLessThan(ll);
    }
  });
  it("shares sum to 1; residual sd and total structured variance are recovered", () => {
    const s = varianceShares(d, fit);
    expect(s.map((x) => x.component)).toEqual(["lineage", "space", "residual"]);
    expect(s.reduce((a, x) => a + x.share, 0)).toBeCloseTo(1, 12);
    const t = PARTITION_TRUTH;
    expect(Math.abs(fit.sigma! / t.sigma - 1)).toBeLessThan(0.1);
    expect(Math.abs((s[0].variance + s[1].variance) / (t.sdLineage ** 2 + t.sdSpatial ** 2) - 1)).toBeLessThan(0.35);
  });
});
