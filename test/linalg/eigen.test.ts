import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { symmetricEigen, symmetricEigenRotate } from "../../src/linalg/eigen.js";
import { makeRng } from "../../src/rng.js";
import { kinshipDesign } from "../compile/kinshipDesign.js";

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = makeRng(seed), A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    const v = 2 * rng() - 1;
    A[i * n + j] = v; A[j * n + i] = v;
  }
  return A;
}

/** max |A - U diag(d) U'| and max |U'U - I|. */
function residuals(A: Float64Array, n: number, U: Float64Array, d: Float64Array): { recon: number; orth: number } {
  let recon = 0, orth = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    let s = 0, o = 0;
    for (let q = 0; q < n; q++) { s += U[i * n + q] * d[q] * U[j * n + q]; o += U[q * n + i] * U[q * n + j]; }
    recon = Math.max(recon, Math.abs(s - A[i * n + j]));
    orth = Math.max(orth, Math.abs(o - (i === j ? 1 : 0)));
  }
  return { recon, orth };
}

function mlMatrixValues(A: Float64Array, n: number): number[] {
  const M = new Matrix(Array.from({ length: n }, (_, i) => Array.from(A.subarray(i * n, i * n + n))));
  return [...new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues].sort((a, b) => a - b);
}

/** U'B computed from the full eigenvectors. */
function rotateWith(U: Float64Array, n: number, B: Float64Array, k: number): Float64Array {
  const R = new Float64Array(n * k);
  for (let q = 0; q < n; q++) for (let c = 0; c < k; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += U[i * n + q] * B[i * k + c];
    R[q * k + c] = s;
  }
  return R;
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe("symmetric eigendecomposition (Householder + implicit QL)", () => {
  it("2 x 2 worked example: eigenvalues 1 and 3, eigenvectors (1, -1)/sqrt2 and (1, 1)/sqrt2 up to sign", () => {
    const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
    expect(maxAbsDiff(values, [1, 3])).toBeLessThan(1e-15);
    expect(Math.abs(vectors[0] * vectors[2] + vectors[1] * vectors[3])).toBeLessThan(1e-15); // rows orthogonal
    expect(Math.abs(vectors[0] + vectors[2])).toBeLessThan(1e-15); // first eigenvector ∝ (1, -1)
    expect(Math.abs(Math.abs(vectors[0]) - Math.SQRT1_2)).toBeLessThan(1e-15);
  });

  it("1 x 1, diagonal and repeated-eigenvalue matrices (zero reflectors)", () => {
    expect(Array.from(symmetricEigen(new Float64Array([5]), 1).values)).toEqual([5]);
    const D = new Float64Array(16);
    [3, -1, 2, 2].forEach((v, i) => { D[i * 4 + i] = v; });
    const e = symmetricEigen(D, 4);
    expect(Array.from(e.values)).toEqual([-1, 2, 2, 3]);
    expect(residuals(D, 4, e.vectors, e.values).recon).toBeLessThan(1e-15);
    const J = new Float64Array(36).fill(1); // rank one: eigenvalues 0 (x5) and 6
    const ej = symmetricEigen(J, 6);
    expect(maxAbsDiff(ej.values, [0, 0, 0, 0, 0, 6])).toBeLessThan(1e-14);
    expect(residuals(J, 6, ej.vectors, ej.values).recon).toBeLessThan(1e-14);
  });

  it.each([[7, 1], [60, 2], [150, 3]])("random %i x %i: A = U D U' and U'U = I to 1e-12, eigenvalues = ml-matrix's to 1e-12", (n, seed) => {
    const A = randomSymmetric(n, seed);
    const { values, vectors } = symmetricEigen(A, n);
    const r = residuals(A, n, vectors, values);
    expect(r.recon).toBeLessThan(1e-12);
    expect(r.orth).toBeLessThan(1e-12);
    expect(maxAbsDiff(values, mlMatrixValues(A, n))).toBeLessThan(1e-12);
  });

  it("rotate mode: U'B equals the product with the full eigenvectors (1e-12); A and B untouched", () => {
    const n = 80, k = 3, A = randomSymmetric(n, 9), B = randomSymmetric(n, 10).subarray(0, n * k);
    const A0 = Float64Array.from(A), B0 = Float64Array.from(B);
    const full = symmetricEigen(A, n), rot = symmetricEigenRotate(A, n, B, k);
    expect(maxAbsDiff(rot.values, full.values)).toBeLessThan(1e-13);
    expect(maxAbsDiff(rot.rotated, rotateWith(full.vectors, n, B, k))).toBeLessThan(1e-12);
    expect(maxAbsDiff(A, A0)).toBe(0);
    expect(maxAbsDiff(B, B0)).toBe(0);
    expect(rot.vectors()).toEqual(full.vectors); // from the same reduction: bit for bit
  });

  it("kinship_sim K (400 x 400, rank 399): A = U D U' to 1e-10, smallest eigenvalue ~0, = ml-matrix to 1e-10", () => {
    const K = kinshipDesign().terms[0].knownCovariance!, n = 400;
    const { values, vectors } = symmetricEigen(K, n);
    const r = residuals(K, n, vectors, values);
    expect(r.recon).toBeLessThan(1e-10); // measured 1.1e-14
    expect(r.orth).toBeLessThan(1e-10);
    expect(Math.abs(values[0])).toBeLessThan(1e-12);
    expect(values[1]).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(values, mlMatrixValues(K, n))).toBeLessThan(1e-10);
  });

  it("errors name the mismatched size", () => {
    expect(() => symmetricEigenRotate(new Float64Array(3), 2, new Float64Array(2), 1)).toThrow(/A has 3 values, expected 2 x 2/);
    expect(() => symmetricEigenRotate(new Float64Array(4), 2, new Float64Array(3), 1)).toThrow(/B has 3 values, expected 2 x 1/);
  });
});
