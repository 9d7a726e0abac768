/**
 * Gaussian LMM on sleepstudy: integrating the random effects out analytically at lme4's ML estimates
 * reproduces lme4's ML logLik, both by a direct marginal multivariate normal and through the compiled density.
 */
import { readFileSync } from "node:fs";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { compileDesign } from "../../src/compile/index.js";
import type { Design } from "../../src/design/design.js";
import { sleepstudyDesign } from "./sleepstudyDesign.js";
import { DEFAULT_PRIORS } from "../../src/design/priors.js";

const dir = new URL("../fixtures/compile/sleepstudy/", import.meta.url);

function symmetrize(S: Matrix): Matrix {
  return S.add(S.transpose()).mul(0.5);
}

/** log N(y | mu, S) by a dense Cholesky. */
function mvnLogpdf(y: number[], mu: number[], S: Matrix): number {
  const c = new CholeskyDecomposition(symmetrize(S));
  const r = Matrix.columnVector(y.map((v, i) => v - mu[i]));
  const sol = c.solve(r);
  let q = 0, logDet = 0;
  for (let i = 0; i < y.length; i++) { q += r.get(i, 0) * sol.get(i, 0); logDet += 2 * Math.log(c.lowerTriangularMatrix.get(i, i)); }
  return -0.5 * (y.length * Math.log(2 * Math.PI) + logDet + q);
}

/** Marginal log-likelihood sum_j log N(y_j | X_j beta, Z_j Sigma Z_j' + sigma^2 I). */
export function marginalLogLik(d: Design, v: Record<string, number>): number {
  const t = d.terms[0];
  const s1 = v["sd__Subject__(Intercept)"], s2 = v["sd__Subject__Days"], rho = v["cor__Subject__(Intercept)__Days"];
  const Sig = [[s1 * s1, rho * s1 * s2], [rho * s1 * s2, s2 * s2]];
  let total = 0;
  t.levels.forEach((_, j) => {
    const rows = [...Array(d.n).keys()].filter((i) => t.index[i] === j);
    const S = new Matrix(rows.length, rows.length);
    rows.forEach((i, a) => rows.forEach((k, b) => {
      let s = a === b ? v.sigma ** 2 : 0;
      for (let p = 0; p < 2; p++) for (let q = 0; q < 2; q++) s += t.Z[2 * i + p] * Sig[p][q] * t.Z[2 * k + q];
      S.set(a, b, s);
    }));
    const mu = rows.map((i) => d.X[2 * i] * v["(Intercept)"] + d.X[2 * i + 1] * v.Days);
    total += mvnLogpdf(rows.map((i) => d.response.y[i]), mu, S);
  });
  return total;
}

const ml = JSON.parse(readFileSync(new URL("lme4.json", dir), "utf8")).fits.find((f: { method: string }) => f.method === "ML");
const est: Record<string, number> = Object.fromEntries(Object.entries(ml.estimates as Record<string, { est: number }>).map(([k, e]) => [k, e.est]));

describe("sleepstudy ML logLik (lme4: -875.969672244495)", () => {
  const design = sleepstudyDesign();
  const model = compileDesign(design, DEFAULT_PRIORS);

  it("marginal multivariate normal at the ML estimates, through unconstrain/constrain, within 1e-6", () => {
    const values = model.constrain(model.unconstrain(est));
    expect(Math.abs(marginalLogLik(design, values) - ml.logLik)).toBeLessThan(1e-6); // measured 4.5e-13
  });

  it("the compiled density integrated over z (exact Gaussian integral) gives the same logLik", () => {
    const flat = { Intercept: null, b: null, sd: null, cor: null, sigma: null, shape: null };
    const full = compileDesign(design, flat);
    const empty = compileDesign({ ...design, n: 0, X: new Float64Array(0), response: { name: "Reaction", y: new Float64Array(0) },
      terms: [{ ...design.terms[0], index: new Int32Array(0), Z: new Float64Array(0) }] }, flat);
    const theta = full.unconstrain(est);
    const zIdx = full.names().flatMap((nm, i) => (nm.startsWith("z__") ? [i] : []));
    const g0 = new Float64Array(full.dim), g1 = new Float64Array(full.dim);
    const f0 = full.logDensity(theta, g0);
    // Hessian in z by gradient differences (exact: the gradient is linear in z for a gaussian LMM)
    const H = new Matrix(zIdx.length, zIdx.length);
    zIdx.forEach((zi, a) => {
      const th = Float64Array.from(theta); th[zi] += 1;
      full.logDensity(th, g1);
      zIdx.forEach((zj, b) => H.set(b, a, g1[zj] - g0[zj]));
    });
    const negH = symmetrize(H.mul(-1));
    const gz = Matrix.columnVector(zIdx.map((i) => g0[i]));
    const step = new CholeskyDecomposition(negH).solve(gz); // Newton step to the mode
    let quad = 0, logDet = 0;
    const Lc = new CholeskyDecomposition(negH).lowerTriangularMatrix;
    for (let a = 0; a < zIdx.length; a++) { quad += gz.get(a, 0) * step.get(a, 0); logDet += 2 * Math.log(Lc.get(a, a)); }
    const logIntegral = f0 + 0.5 * quad + 0.5 * zIdx.length * Math.log(2 * Math.PI) - 0.5 * logDet;
    let logPhiZ = 0; // the N(0,1) terms of z belong to the integrand; the rest of `empty` is constant in z
    for (const i of zIdx) logPhiZ += -0.5 * theta[i] * theta[i] - 0.5 * Math.log(2 * Math.PI);
    const priorPart = empty.logDensity(theta, new Float64Array(empty.dim)) - logPhiZ;
    expect(Math.abs(logIntegral - priorPart - ml.logLik)).toBeLessThan(1e-6); // measured 2.3e-13
  });
});
