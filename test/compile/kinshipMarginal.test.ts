/**
 * Known-covariance random effect on kinship_sim (K of rank 399): the pivoted Cholesky factor reproduces K, and the
 * compiled density integrated over z (exact Gaussian integral) reproduces the exact ML logLik of exact_ml.json, for
 * both compilations: b = sd F z with the triangular factor (rotateKnownCovariance: false) and the eigenbasis of
 * Z K Z' (the default for one observation per level, rotatedKnown.ts).
 */
import { readFileSync } from "node:fs";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { compileDesign, denseFactor, knownCovarianceFactor } from "../../src/compile/index.js";
import { kinshipDesign } from "./kinshipDesign.js";

const ml = JSON.parse(readFileSync(new URL("../fixtures/cases/kinship_sim/exact_ml.json", import.meta.url), "utf8"))
  .fits.find((f: { method: string }) => f.method === "ML");
const est: Record<string, number> = Object.fromEntries(Object.entries(ml.estimates as Record<string, { est: number }>).map(([k, e]) => [k, e.est]));
const FLAT = { Intercept: null, b: null, sd: null, cor: null, sigma: null, shape: null };

describe("kinship_sim: known covariance of rank 399", () => {
  const design = kinshipDesign();
  const K = design.terms[0].knownCovariance!;
  const m = 400;

  it("pivoted Cholesky factor: F F' = K to 1e-10 (the dropped-pivot bound), rank 399", () => {
    const f = knownCovarianceFactor(K, m);
    const F = denseFactor(f);
    let err = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
      let s = 0;
      for (let c = 0; c < f.rank; c++) s += F[i * m + c] * F[j * m + c];
      err = Math.max(err, Math.abs(s - K[i * m + j]));
    }
    expect(err).toBeLessThan(1e-10); // measured 2.8e-12
    expect(f.rank).toBe(399);
  });

  it.each([["triangular factor", false], ["eigenbasis", true]])("%s: density integrated over z = exact ML logLik (-512.56594904471) within 1e-8", (_, rotate) => {
    const full = compileDesign(design, FLAT, { rotateKnownCovariance: rotate });
    const empty = compileDesign({ ...design, n: 0, X: new Float64Array(0), response: { name: "y", y: new Float64Array(0) },
      terms: [{ ...design.terms[0], index: new Int32Array(0), Z: new Float64Array(0) }] }, FLAT);
    const theta = full.unconstrain(est); // random effects 0 -> z = 0
    const z0 = full.names().indexOf("z__id__(Intercept)[1]");
    const g0 = new Float64Array(full.dim), g1 = new Float64Array(full.dim);
    const f0 = full.logDensity(theta, g0);
    const H = new Matrix(m, m);
    for (let a = 0; a < m; a++) { // Hessian in z by gradient differences (exact: gradient linear in z)
      const th = Float64Array.from(theta);
      th[z0 + a] += 1;
      full.logDensity(th, g1);
      for (let b = 0; b < m; b++) H.set(b, a, -(g1[z0 + b] - g0[z0 + b]));
    }
    const negH = H.add(H.transpose()).mul(0.5);
    const ch = new CholeskyDecomposition(negH);
    const gz = Matrix.columnVector(Array.from(g0.subarray(z0, z0 + m)));
    const step = ch.solve(gz);
    let quad = 0, logDet = 0;
    for (let a = 0; a < m; a++) { quad += gz.get(a, 0) * step.get(a, 0); logDet += 2 * Math.log(ch.lowerTriangularMatrix.get(a, a)); }
    const logIntegral = f0 + 0.5 * quad + 0.5 * m * Math.log(2 * Math.PI) - 0.5 * logDet;
    const priorPart = empty.logDensity(theta, new Float64Array(empty.dim)) + 0.5 * m * Math.log(2 * Math.PI); // minus sum log phi(0)
    expect(Math.abs(logIntegral - priorPart - ml.logLik)).toBeLessThan(1e-8); // measured 3.4e-12 (factor), 6.8e-13 (eigenbasis)
  });
});
