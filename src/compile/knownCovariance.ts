/**
 * Factor of a known (possibly singular) covariance between levels, for b = sd * F z with F F' = K.
 * @module
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

/**
 * F = Q diag(sqrt(max(lambda, 0))) from the symmetric eigendecomposition K = Q diag(lambda) Q', as the Stan
 * reference programs do. Works for rank-deficient K (a genomic relationship matrix of column-centred genotypes
 * has rank n - 1): eigenvalues below 1e-12 * max(lambda) (rounding noise, possibly negative) are set to 0, so
 * the corresponding z only carry their N(0, 1) prior and do not enter b. Setup-time only (ml-matrix).
 *
 * @param K - row-major m x m symmetric positive semi-definite matrix
 * @param m - number of levels
 * @param what - named in errors
 * @returns row-major m x m factor F
 * @throws Error if K is not symmetric or has a clearly negative eigenvalue
 * @example
 * knownCovarianceFactor(new Float64Array([4, 0, 0, 9]), 2); // => F with F F' = K (columns sqrt(lambda) * q)
 */
export function knownCovarianceFactor(K: Float64Array, m: number, what = "known covariance"): Float64Array {
  if (K.length !== m * m) throw new Error(`${what}: expected a ${m} x ${m} matrix (${m * m} values), got ${K.length}`);
  const rows: number[][] = [];
  for (let i = 0; i < m; i++) {
    const r: number[] = [];
    for (let j = 0; j < m; j++) {
      const a = K[i * m + j], b = K[j * m + i];
      if (Math.abs(a - b) > 1e-8 * (Math.abs(a) + Math.abs(b) + 1)) throw new Error(`${what}: not symmetric at (${i + 1}, ${j + 1})`);
      r.push(0.5 * (a + b));
    }
    rows.push(r);
  }
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const lambda = evd.realEigenvalues;
  const Q = evd.eigenvectorMatrix;
  const maxL = Math.max(...lambda);
  const tol = 1e-12 * maxL;
  const F = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    if (lambda[j] < -1e-8 * maxL) throw new Error(`${what}: not positive semi-definite (eigenvalue ${lambda[j]})`);
    const s = lambda[j] > tol ? Math.sqrt(lambda[j]) : 0;
    for (let i = 0; i < m; i++) F[i * m + j] = Q.get(i, j) * s;
  }
  return F;
}
