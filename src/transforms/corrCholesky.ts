/**
 * Stan's `cholesky_factor_corr` transform: K(K-1)/2 unconstrained reals -> the Cholesky factor L of a K x K
 * correlation matrix, through canonical partial correlations z = tanh(y), with the log-Jacobian and a hand-written
 * reverse pass. Free coordinates are ordered row by row: (1,0), (2,0), (2,1), (3,0), ...
 * @module
 * @see Stan Reference Manual, "Cholesky factors of correlation matrices"; Lewandowski et al. (2009)
 */

/** Number of free coordinates of a K x K correlation Cholesky factor. */
export function corrFreeSize(K: number): number {
  return (K * (K - 1)) / 2;
}

/**
 * Forward: write L (row-major K x K, zeros above the diagonal) from y = theta[off .. off + K(K-1)/2).
 *
 * @param theta - unconstrained vector
 * @param off - offset of the first free coordinate
 * @param K - dimension
 * @param L - output, row-major K x K
 * @param rowSq - scratch of length K(K-1)/2: the running sum of squares before each entry (kept for the reverse pass)
 * @returns the log-Jacobian log |d vec(L) / d y|
 * @example
 * const L = new Float64Array(4); corrCholeskyForward(new Float64Array([0]), 0, 2, L, new Float64Array(1)); // => 0
 * L; // => [1, 0, 0, 1]
 */
export function corrCholeskyForward(
  theta: Float64Array, off: number, K: number, L: Float64Array, rowSq: Float64Array,
): number {
  L.fill(0);
  L[0] = 1;
  let lj = 0;
  let m = 0;
  for (let i = 1; i < K; i++) {
    let sumSq = 0;
    for (let j = 0; j < i; j++) {
      const z = Math.tanh(theta[off + m]);
      lj += Math.log1p(-z * z);
      if (j > 0) lj += 0.5 * Math.log1p(-sumSq);
      rowSq[m] = sumSq;
      const x = z * Math.sqrt(1 - sumSq);
      L[i * K + j] = x;
      sumSq += x * x;
      m++;
    }
    L[i * K + i] = Math.sqrt(1 - sumSq);
  }
  return lj;
}

/**
 * Reverse pass: given dF/dL (row-major, lower triangle used) add dF/dy + d(log-Jacobian)/dy into grad[off..].
 *
 * @param theta - unconstrained vector (same as the forward call)
 * @param off - offset of the free coordinates
 * @param K - dimension
 * @param L - the forward output
 * @param rowSq - the forward scratch
 * @param gL - dF/dL; destroyed (used as scratch)
 * @param grad - gradient, added into
 * @example
 * // see test/gradients: checked against central finite differences
 */
export function corrCholeskyReverse(
  theta: Float64Array, off: number, K: number, L: Float64Array, rowSq: Float64Array,
  gL: Float64Array, grad: Float64Array,
): void {
  let rowStart = 0;
  for (let i = 1; i < K; i++) {
    // d/d sumSq of L[i,i] = sqrt(1 - sumSq)
    let gs = (-0.5 * gL[i * K + i]) / L[i * K + i];
    for (let j = i - 1; j >= 0; j--) {
      const m = rowStart + j;
      const x = L[i * K + j];
      const z = Math.tanh(theta[off + m]);
      const s = rowSq[m];
      const gx = gL[i * K + j] + 2 * x * gs; // sumSq_after = s + x^2
      const r = Math.sqrt(1 - s);
      const gz = gx * r;
      gs += (gx * z * -0.5) / r; // x = z * sqrt(1 - s)
      if (j > 0) gs += -0.5 / (1 - s); // log-Jacobian term 0.5 log(1 - s)
      grad[off + m] += gz * (1 - z * z) - 2 * z; // dz/dy = 1 - z^2; d log(1 - z^2)/dy = -2 z
    }
    rowStart += i;
  }
}

/**
 * Inverse: from a correlation Cholesky factor L, the unconstrained y (written into out[off..]).
 *
 * @param L - row-major K x K lower-triangular with unit-norm rows
 * @param K - dimension
 * @param out - destination
 * @param off - offset
 * @example
 * const y = new Float64Array(1); corrCholeskyInverse(new Float64Array([1, 0, 0.5, Math.sqrt(0.75)]), 2, y, 0);
 * y[0]; // => Math.atanh(0.5)
 */
export function corrCholeskyInverse(L: Float64Array, K: number, out: Float64Array, off: number): void {
  let m = 0;
  for (let i = 1; i < K; i++) {
    let sumSq = 0;
    for (let j = 0; j < i; j++) {
      const x = L[i * K + j];
      const z = x / Math.sqrt(1 - sumSq);
      out[off + m++] = Math.atanh(Math.max(-1 + 1e-15, Math.min(1 - 1e-15, z)));
      sumSq += x * x;
    }
  }
}

/**
 * Cholesky factor of a correlation matrix R (row-major K x K); throws if R is not positive definite.
 *
 * @param R - correlation matrix
 * @param K - dimension
 * @returns lower-triangular L with L L' = R
 * @example
 * choleskyOfCorrelation(new Float64Array([1, 0.5, 0.5, 1]), 2); // => [1, 0, 0.5, 0.866...]
 */
export function choleskyOfCorrelation(R: Float64Array, K: number): Float64Array {
  const L = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j <= i; j++) {
      let s = R[i * K + j];
      for (let k = 0; k < j; k++) s -= L[i * K + k] * L[j * K + k];
      if (i === j) {
        if (!(s > 0)) throw new Error("correlation matrix is not positive definite; give correlations in (-1, 1) that form a valid matrix");
        L[i * K + i] = Math.sqrt(s);
      } else L[i * K + j] = s / L[j * K + j];
    }
  }
  return L;
}
