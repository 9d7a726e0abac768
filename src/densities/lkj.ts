/**
 * The LKJ density on the Cholesky factor L of a correlation matrix (Stan's `lkj_corr_cholesky`), with its
 * normalising constant.
 * @module
 */
import gammaln from "@stdlib/math-base-special-gammaln";

const LOG2 = Math.LN2;

/**
 * log of the LKJ normalising constant c_K(eta): the density of R is det(R)^(eta-1) / c_K(eta).
 *
 * @param eta - shape > 0
 * @param K - dimension >= 2
 * @returns log c_K(eta)
 * @example
 * lkjLogNormaliser(1, 2); // => Math.log(2) (uniform on [-1, 1])
 * @see Lewandowski, Kurowicka & Joe (2009), J. Multivariate Anal. 100, eq. (16)
 */
export function lkjLogNormaliser(eta: number, K: number): number {
  let c = 0;
  for (let i = 1; i < K; i++) {
    const a = eta + (K - i - 1) / 2;
    c += (2 * eta - 2 + K - i) * (K - i) * LOG2 + (K - i) * (2 * gammaln(a) - gammaln(2 * a));
  }
  return c;
}

/**
 * log lkj_corr_cholesky(L | eta) = sum_{k=1}^{K-1} (K - k - 3 + 2 eta) log L[k,k] - log c_K(eta), and its
 * gradient with respect to the diagonal of L (added into `gradDiag`).
 *
 * @param L - row-major K x K lower-triangular Cholesky factor of a correlation matrix
 * @param K - dimension
 * @param eta - LKJ shape
 * @param logNormaliser - lkjLogNormaliser(eta, K), precomputed
 * @param gradL - row-major K x K; d/dL[k,k] is added in place (ignored if null)
 * @returns the log density
 * @example
 * lkjCholeskyLogDensity(new Float64Array([1, 0, 0, 1]), 2, 1, Math.log(2), null); // => -Math.log(2)
 */
export function lkjCholeskyLogDensity(
  L: Float64Array, K: number, eta: number, logNormaliser: number, gradL: Float64Array | null,
): number {
  let lp = -logNormaliser;
  for (let k = 1; k < K; k++) {
    const c = K - k - 3 + 2 * eta;
    const d = L[k * K + k];
    lp += c * Math.log(d);
    if (gradL) gradL[k * K + k] += c / d;
  }
  return lp;
}
