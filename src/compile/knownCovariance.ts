/**
 * Factor of a known (possibly singular) covariance between levels, for b = sd * F z with F F' = K.
 * @module
 */

/**
 * A pivoted Cholesky factor: K[perm[i], perm[j]] = sum_c L[i, c] L[j, c], L lower-trapezoidal (row-major m x m,
 * only columns < rank used). Equivalently F = P L with F F' = K.
 */
export interface KnownFactor {
  readonly m: number;
  readonly rank: number;
  /** row i of L belongs to level perm[i] */
  readonly perm: Int32Array;
  readonly L: Float64Array;
}

/**
 * Pivoted Cholesky factor of a symmetric positive semi-definite K (largest remaining diagonal first), stopping
 * when the largest remaining pivot is below 1e-10 * max(diag K): a rank-deficient K (a genomic relationship
 * matrix of column-centred genotypes has rank m - 1) gets rank < m, and the z beyond the rank only carry their
 * N(0, 1) prior. The Stan reference programs use the eigendecomposition instead; the two factors give the same
 * distribution of b (cov sd^2 K) but different z coordinates. Cost m^3 / 3 at compile time, and the triangular
 * shape halves the per-evaluation cost of b = sd F z. Error in K from the stopping rule: at most the dropped
 * pivots (<= 1e-10 * max diag each).
 *
 * @param K - row-major m x m symmetric positive semi-definite matrix
 * @param m - number of levels
 * @param what - named in errors
 * @returns the factor
 * @throws Error if K has the wrong size, is not symmetric, or has a clearly negative pivot
 * @example
 * knownCovarianceFactor(new Float64Array([4, 2, 2, 2]), 2); // => { rank: 2, perm: [0, 1], L: [2, 0, 1, 1] }
 * @see Higham (2002), Accuracy and Stability of Numerical Algorithms, section 10.3 (Cholesky with pivoting)
 */
export function knownCovarianceFactor(K: Float64Array, m: number, what = "known covariance"): KnownFactor {
  checkKnownCovariance(K, m, what);
  const perm = Int32Array.from({ length: m }, (_, i) => i);
  const d = new Float64Array(m);
  let maxDiag = 0;
  for (let i = 0; i < m; i++) { d[i] = K[i * m + i]; maxDiag = Math.max(maxDiag, d[i]); }
  const tol = 1e-10 * maxDiag;
  const L = new Float64Array(m * m);
  let rank = 0;
  for (let k = 0; k < m; k++) {
    let q = k;
    for (let j = k + 1; j < m; j++) if (d[j] > d[q]) q = j;
    if (d[q] < -1e-8 * maxDiag) throw new Error(`${what}: not positive semi-definite (pivot ${d[q]}); check the matrix`);
    if (d[q] <= tol) break;
    swapRows(L, perm, d, m, k, q);
    const lkk = Math.sqrt(d[k]);
    L[k * m + k] = lkk;
    const pk = perm[k];
    for (let i = k + 1; i < m; i++) {
      let s = K[perm[i] * m + pk];
      for (let c = 0; c < k; c++) s -= L[i * m + c] * L[k * m + c];
      const v = s / lkk;
      L[i * m + k] = v;
      d[i] -= v * v;
    }
    rank = k + 1;
  }
  return { m, rank, perm, L };
}

function swapRows(L: Float64Array, perm: Int32Array, d: Float64Array, m: number, k: number, q: number): void {
  if (q === k) return;
  const tp = perm[k]; perm[k] = perm[q]; perm[q] = tp;
  const td = d[k]; d[k] = d[q]; d[q] = td;
  for (let c = 0; c < k; c++) {
    const t = L[k * m + c]; L[k * m + c] = L[q * m + c]; L[q * m + c] = t;
  }
}

/**
 * Checks that a known covariance is m x m and symmetric (to 1e-8 relative).
 * @param K - row-major matrix
 * @param m - number of levels
 * @param what - named in errors
 * @throws Error naming the size or the first asymmetric entry
 * @example
 * checkKnownCovariance(new Float64Array([1, 0.5, 0.4, 1]), 2); // throws "known covariance: not symmetric at (2, 1): 0.4 vs 0.5"
 */
export function checkKnownCovariance(K: Float64Array, m: number, what = "known covariance"): void {
  if (K.length !== m * m) throw new Error(`${what}: expected a ${m} x ${m} matrix (${m * m} values) for ${m} levels, got ${K.length}`);
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) {
    const a = K[i * m + j], b = K[j * m + i];
    if (!(Math.abs(a - b) <= 1e-8 * (Math.abs(a) + Math.abs(b) + 1))) throw new Error(`${what}: not symmetric at (${i + 1}, ${j + 1}): ${a} vs ${b}`);
  }
}

/**
 * Dense F = P L (row-major m x m, F F' = K), for tests and reference computations.
 *
 * @example
 * denseFactor(knownCovarianceFactor(new Float64Array([4, 2, 2, 2]), 2)); // => [2, 0, 1, 1]
 */
export function denseFactor(f: KnownFactor): Float64Array {
  const { m, rank, perm, L } = f;
  const F = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let c = 0; c < rank; c++) F[perm[i] * m + c] = L[i * m + c];
  return F;
}
