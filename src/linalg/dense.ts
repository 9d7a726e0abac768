/**
 * Dense symmetric positive-definite kernels on flat, row-major `Float64Array`s (`A[i * n + j]`).
 * The reference path for the sparse Cholesky and the workhorse for small random-effect systems.
 * @module
 */

/**
 * In-place lower Cholesky factor: on return the lower triangle of `a` holds L with A = L L'
 * (the strict upper triangle is zeroed).
 * @param a - symmetric n x n matrix, row-major; only the lower triangle is read
 * @param n - dimension
 * @returns true when A is positive definite, false when a pivot is <= 0 (a is then partly overwritten)
 * @example
 * const a = new Float64Array([4, 2, 2, 5]);
 * choleskyInPlace(a, 2); // => true, a = [2, 0, 1, 2]
 * @see Golub & Van Loan, Matrix Computations, Alg. 4.2.1
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  return choleskyFailingPivot(a, n) < 0;
}

/**
 * {@link choleskyInPlace} that says where it failed, for messages naming a level or a pivot.
 * @param a - symmetric n x n matrix, row-major; only the lower triangle is read (overwritten by L)
 * @param n - dimension
 * @returns -1 when A is positive definite; else the index j of the first pivot <= 0 (or NaN), whose value is
 *   left in a[j * n + j] (the rest of a is partly overwritten)
 * @example
 * const a = new Float64Array([1, 2, 2, 1]);
 * choleskyFailingPivot(a, 2); // => 1, a[3] = -3
 */
export function choleskyFailingPivot(a: Float64Array, n: number): number {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j];
    for (let k = 0; k < j; k++) d -= a[rj + k] * a[rj + k];
    if (!(d > 0)) {
      a[rj + j] = d;
      return j;
    }
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      a[ri + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) a[rj + k] = 0;
  }
  return -1;
}

/**
 * Cholesky of a positive semi-definite matrix: pivots below `tol * max(diag)` are set to zero
 * (with their column), so rank-deficient covariances (a centred kinship matrix) still factor.
 * @param a - symmetric n x n, row-major (overwritten by L)
 * @param n - dimension
 * @param tol - relative pivot tolerance
 * @returns the number of zeroed pivots
 * @example
 * const a = new Float64Array([1, 1, 1, 1]);
 * choleskySemiDefinite(a, 2); // => 1, a = [1, 0, 1, 0]
 */
export function choleskySemiDefinite(a: Float64Array, n: number, tol = 1e-10): number {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, a[i * n + i]);
  let dropped = 0;
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j];
    for (let k = 0; k < j; k++) d -= a[rj + k] * a[rj + k];
    const zero = d <= tol * maxDiag;
    if (zero) dropped++;
    const ljj = zero ? 0 : Math.sqrt(d);
    a[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      if (zero) { a[ri + j] = 0; continue; }
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      a[ri + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) a[rj + k] = 0;
  }
  return dropped;
}

/**
 * log det(A) = 2 sum log L_ii from a lower Cholesky factor.
 * @param l - factor from {@link choleskyInPlace}
 * @param n - dimension
 * @returns log determinant of A = L L'
 * @example
 * logDetFromCholesky(new Float64Array([2, 0, 1, 2]), 2); // => 2 * Math.log(4) = 2.7725887...
 */
export function logDetFromCholesky(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]);
  return 2 * s;
}

/**
 * Solves L x = b in place (forward substitution), L lower triangular row-major.
 * @param l - lower factor
 * @param n - dimension
 * @param b - right-hand side, overwritten by x
 * @returns b
 * @example
 * forwardSolve(new Float64Array([2, 0, 1, 2]), 2, new Float64Array([2, 3])); // => [1, 1]
 */
export function forwardSolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[k];
    b[i] = s / l[ri + i];
  }
  return b;
}

/**
 * Solves L' x = b in place (back substitution with the transpose of a lower factor).
 * @param l - lower factor
 * @param n - dimension
 * @param b - right-hand side, overwritten by x
 * @returns b
 * @example
 * backSolveTranspose(new Float64Array([2, 0, 1, 2]), 2, new Float64Array([3, 2])); // => [1, 1]
 */
export function backSolveTranspose(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/**
 * Solves A x = b with A = L L' (two triangular solves), in place.
 * @param l - lower Cholesky factor of A
 * @param n - dimension
 * @param b - right-hand side, overwritten by x
 * @returns b
 * @example
 * choleskySolve(new Float64Array([2, 0, 1, 2]), 2, new Float64Array([6, 7])); // => [1, 1]
 */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  return backSolveTranspose(l, n, forwardSolve(l, n, b));
}

/**
 * Inverse of A = L L' as a dense row-major matrix.
 * @param l - lower Cholesky factor
 * @param n - dimension
 * @returns A^-1, row-major
 * @example
 * inverseFromCholesky(new Float64Array([2, 0, 0, 1]), 2); // => [0.25, 0, 0, 1]
 */
export function inverseFromCholesky(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    col.fill(0);
    col[j] = 1;
    choleskySolve(l, n, col);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i];
  }
  return inv;
}
