import { describe, expect, it } from "vitest";
import {
  choleskyFailingPivot, choleskyInPlace, choleskySemiDefinite, choleskySolve, inverseFromCholesky, logDetFromCholesky,
} from "../../src/linalg/dense.js";
import { factorSparse, sparseLogDet, sparseSolve, type SparseFactor } from "../../src/linalg/sparse.js";
import { analyseSparse } from "../../src/linalg/sparseSymbolic.js";
import { makeRng } from "../../src/rng.js";

/** A random sparse SPD matrix: diagonal dominance plus random symmetric off-diagonals. */
function randomSparseSpd(n: number, density: number, seed: number) {
  const rng = makeRng(seed);
  const A = new Float64Array(n * n);
  const rows: number[] = [], cols: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    if (rng() < density) {
      const v = rng() - 0.5;
      A[i * n + j] = v; A[j * n + i] = v;
      rows.push(i); cols.push(j);
    }
  }
  for (let i = 0; i < n; i++) {
    let s = 1;
    for (let j = 0; j < n; j++) if (j !== i) s += Math.abs(A[i * n + j]);
    A[i * n + i] = s + rng();
  }
  return { A, rows: Int32Array.from(rows), cols: Int32Array.from(cols) };
}

function sparseValues(sym: ReturnType<typeof analyseSparse>, A: Float64Array, rows: Int32Array, cols: Int32Array, n: number) {
  const C = new Float64Array(sym.Cp[n]);
  for (let e = 0; e < rows.length; e++) C[sym.slot[e]] = A[rows[e] * n + cols[e]];
  for (let j = 0; j < n; j++) C[sym.Cp[sym.pinv[j] + 1] - 1] = A[j * n + j];
  return C;
}

/** The factor as a dense row-major lower n x n matrix (sparse columns + dense trailing block). */
function denseL(f: SparseFactor): Float64Array {
  const { n, nSparse: ns, Lp, Li } = f.sym;
  const L = new Float64Array(n * n), nd = n - ns;
  for (let j = 0; j < ns; j++) for (let q = Lp[j]; q < Lp[j + 1]; q++) L[Li[q] * n + j] = f.Lx[q];
  for (let i = 0; i < nd; i++) for (let j = 0; j <= i; j++) L[(ns + i) * n + ns + j] = f.Ld[i * nd + j];
  return L;
}

describe("dense Cholesky", () => {
  it("reproduces A = L L', solves and inverts", () => {
    const n = 12;
    const { A } = randomSparseSpd(n, 0.6, 3);
    const L = Float64Array.from(A);
    expect(choleskyInPlace(L, n)).toBe(true);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += L[i * n + k] * L[j * n + k];
      expect(s).toBeCloseTo(A[i * n + j], 12);
    }
    const x = Float64Array.from({ length: n }, (_, i) => i - 3);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += A[i * n + j] * x[j];
    const sol = choleskySolve(L, n, b);
    sol.forEach((v, i) => expect(v).toBeCloseTo(x[i], 10));
    const inv = inverseFromCholesky(L, n);
    let s = 0;
    for (let k = 0; k < n; k++) s += A[2 * n + k] * inv[k * n + 2];
    expect(s).toBeCloseTo(1, 12);
  });
  it("rejects an indefinite matrix and factors a rank-deficient PSD one", () => {
    expect(choleskyInPlace(new Float64Array([1, 2, 2, 1]), 2)).toBe(false);
    const a = new Float64Array([1, 1, 1, 1]);
    expect(choleskySemiDefinite(a, 2)).toBe(1);
    expect(Array.from(a)).toEqual([1, 0, 1, 0]);
  });

  it("names the first failing pivot and leaves its value on the diagonal; -1 with the same L as choleskyInPlace", () => {
    const bad = new Float64Array([4, 0, 0, 0, 1, 0, 0, 0, -2]);
    expect(choleskyFailingPivot(bad, 3)).toBe(2);
    expect(bad[8]).toBe(-2);
    const indefinite = new Float64Array([1, 2, 2, 1]);
    expect(choleskyFailingPivot(indefinite, 2)).toBe(1);
    expect(indefinite[3]).toBe(-3);
    const a = new Float64Array([4, 2, 2, 5]), b = Float64Array.from(a);
    expect(choleskyFailingPivot(a, 2)).toBe(-1);
    expect(choleskyInPlace(b, 2)).toBe(true);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe("sparse Cholesky against the dense path", () => {
  const cases = [[30, 0.1, 1, 0.4], [120, 0.03, 2, 0.4], [60, 0.5, 5, 0.4], [60, 0.5, 5, 2], [120, 0.03, 2, 0.02]] as const;
  for (const [n, density, seed, denseFraction] of cases) {
    it(`n=${n}, density ${density}, dense from fill ${denseFraction}: log det and solves agree, L L' = P A P'`, () => {
      const { A, rows, cols } = randomSparseSpd(n, density, seed);
      const sym = analyseSparse(n, rows, cols, undefined, denseFraction);
      if (denseFraction === 2) expect(sym.nSparse).toBe(n);
      if (denseFraction === 0.02) expect(sym.nSparse).toBeLessThan(n - 16);
      const f = factorSparse(sym, sparseValues(sym, A, rows, cols, n))!;
      expect(f).not.toBeNull();
      const L = Float64Array.from(A);
      choleskyInPlace(L, n);
      expect(sparseLogDet(f)).toBeCloseTo(logDetFromCholesky(L, n), 9);
      const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
      const xs = sparseSolve(f, b), xd = choleskySolve(L, n, Float64Array.from(b));
      xs.forEach((v, i) => expect(v).toBeCloseTo(xd[i], 10));
      // L L' = P A P' entrywise
      const Ld = denseL(f);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += Ld[i * n + k] * Ld[j * n + k];
        expect(s).toBeCloseTo(A[sym.perm[i] * n + sym.perm[j]], 10);
      }
    });
  }
  it("returns null for a matrix that is not positive definite", () => {
    const rows = new Int32Array([1]), cols = new Int32Array([0]);
    const sym = analyseSparse(2, rows, cols);
    const A = new Float64Array([1, 2, 2, 1]);
    expect(factorSparse(sym, sparseValues(sym, A, rows, cols, 2))).toBeNull();
  });
});
