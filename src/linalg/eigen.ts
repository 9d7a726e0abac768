/**
 * Symmetric eigendecomposition on flat row-major Float64Arrays: Householder reduction to tridiagonal form
 * (A = Q T Q', lower triangle only, LAPACK dsytd2 order) followed by the implicit QL algorithm with Wilkinson
 * shifts on T (the tql2 / tqli family). The Givens rotations of QL are applied to the rows of Q'B for a
 * given n x k block B, so
 * - {@link symmetricEigenRotate} returns the eigenvalues and U'B without forming U (cost about
 *   2/3 n^3 for the reduction plus n^2 k for B: the spectral (EMMA) transformation of y and X), and U itself
 *   only if asked, from the same reduction;
 * - {@link symmetricEigen} forms Q' explicitly (2/3 n^3) and rotates its rows: U' (full eigenvectors).
 * @see Golub & Van Loan (2013), Matrix Computations, 4th ed., sections 8.3.1 (Householder tridiagonalization)
 *   and 8.3.5 (implicit symmetric QR step with Wilkinson shift)
 * @module
 */

/** Eigenvalues (ascending) with U'B for a given block B (row-major n x k). */
export interface RotatedEigen {
  readonly n: number;
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /** Number of columns of B. */
  readonly k: number;
  /** U'B, row-major n x k: row r is eigenvector r dotted with each column of B. */
  readonly rotated: Float64Array;
  /**
   * U itself, formed on first call from the same reduction (the 2/3 n^3 of forming Q' and n^3 of the QL
   * rotations, but not a second reduction): bit for bit symmetricEigen(A).vectors.
   */
  readonly vectors: () => Float64Array;
}

/** Full eigendecomposition A = U diag(values) U'. */
export interface SymmetricEigen {
  readonly n: number;
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /** Eigenvectors, row-major n x n: column r (vectors[i * n + r]) belongs to values[r]. */
  readonly vectors: Float64Array;
}

/** Householder tridiagonal form: diagonal d, subdiagonal e (e[i] couples i and i+1; e[n-1] = 0), reflectors. */
interface Tridiagonal {
  readonly d: Float64Array;
  readonly e: Float64Array;
  /** Reflector r (r = 0..n-3) has v[0] = 1 at row r+1 and v[j] = H[(r+1+j) * n + r] below. */
  readonly H: Float64Array;
  readonly tau: Float64Array;
}

/**
 * Eigenvalues of a symmetric matrix and the rotation U'B of a block of vectors, without forming U.
 * Only the lower triangle of A is read; A is not modified.
 *
 * @param A - row-major n x n symmetric matrix
 * @param n - order
 * @param B - row-major n x k block (e.g. [y, X]); not modified
 * @param k - number of columns of B
 * @returns ascending eigenvalues and U'B (rows in the same order)
 * @throws Error for mismatched sizes or if QL does not converge in 60 sweeps per eigenvalue
 * @example
 * symmetricEigenRotate(new Float64Array([2, 1, 1, 2]), 2, new Float64Array([1, 1]), 1);
 * // => { values: [1, 3], rotated: [0, ±1.4142] } (the sign of each eigenvector is arbitrary)
 */
export function symmetricEigenRotate(A: Float64Array, n: number, B: Float64Array, k: number): RotatedEigen {
  if (A.length !== n * n) throw new Error(`symmetricEigenRotate: A has ${A.length} values, expected ${n} x ${n}`);
  if (B.length !== n * k) throw new Error(`symmetricEigenRotate: B has ${B.length} values, expected ${n} x ${k}`);
  const tri = tridiagonalise(A, n), untouched = { ...tri, d: Float64Array.from(tri.d), e: Float64Array.from(tri.e) };
  const R = Float64Array.from(B);
  applyReflectorsTransposed(tri, n, R, k);
  implicitQL(tri.d, tri.e, n, R, k);
  let vectors: Float64Array | undefined;
  return { n, k, ...sortAscending(tri.d, R, n, k), vectors: () => (vectors ??= eigenOfTridiagonal(untouched, n).vectors) };
}

/**
 * Full symmetric eigendecomposition A = U diag(values) U' (only the lower triangle of A is read).
 *
 * @param A - row-major n x n symmetric matrix; not modified
 * @param n - order
 * @returns ascending eigenvalues and the orthonormal eigenvectors as columns of a row-major n x n matrix
 * @example
 * symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
 * // => { values: [1, 3], vectors: [±0.7071, ±0.7071, ∓0.7071, ±0.7071] }
 */
export function symmetricEigen(A: Float64Array, n: number): SymmetricEigen {
  if (A.length !== n * n) throw new Error(`symmetricEigen: A has ${A.length} values, expected ${n} x ${n}`);
  return eigenOfTridiagonal(tridiagonalise(A, n), n);
}

/** Eigenvalues and eigenvectors from a Householder reduction (its d and e are overwritten). */
function eigenOfTridiagonal(tri: Tridiagonal, n: number): SymmetricEigen {
  const R = transposedQ(tri, n);
  implicitQL(tri.d, tri.e, n, R, n);
  const { values, rotated: Ut } = sortAscending(tri.d, R, n, n);
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let i = 0; i < n; i++) vectors[i * n + r] = Ut[r * n + i];
  return { n, values, vectors };
}

/**
 * Householder reduction of the lower triangle: for r = 0..n-3 the reflector I - tau v v' maps A[r+1:, r] onto
 * beta e1, then the trailing block gets the symmetric rank-2 update A -= v w' + w v' with
 * w = p - (tau/2)(p'v) v, p = tau A v (dsytd2). The update of step r and the product p of step r+1 share one
 * pass over the trailing block (the matrix is read once per step).
 */
function tridiagonalise(A: Float64Array, n: number): Tridiagonal {
  const H = Float64Array.from(A), d = new Float64Array(n), e = new Float64Array(n), tau = new Float64Array(n);
  let v = new Float64Array(n), w = new Float64Array(n), v2 = new Float64Array(n), w2 = new Float64Array(n);
  if (n > 2) {
    const t = householder(H, n, 0, v);
    tau[0] = t.tau; e[0] = t.beta;
    productPass(H, n, 1, v, w);
    finishW(v, w, 1, n, t.tau);
  }
  for (let r = 0; r < n - 2; r++) {
    const s = r + 1, t = tau[r];
    if (r + 1 < n - 2) {
      updateColumn(H, n, s, v, w, t);
      const t2 = householder(H, n, s, v2);
      tau[s] = t2.tau; e[s] = t2.beta;
      fusedPass(H, n, s + 1, v, w, t, v2, w2);
      finishW(v2, w2, s + 1, n, t2.tau);
    } else if (t !== 0) updatePass(H, n, s, v, w);
    [v, w, v2, w2] = [v2, w2, v, w];
  }
  for (let i = 0; i < n; i++) d[i] = H[i * n + i];
  if (n >= 2) e[n - 2] = H[(n - 1) * n + n - 2];
  return { d, e, H, tau };
}

/** Reflector of column r below the diagonal (rows r+1..n-1): fills v (v[r+1] = 1), stores v below row r+1. */
function householder(H: Float64Array, n: number, r: number, v: Float64Array): { tau: number; beta: number } {
  const s = r + 1, alpha = H[s * n + r];
  let xnorm2 = 0;
  for (let i = s + 1; i < n; i++) xnorm2 += H[i * n + r] * H[i * n + r];
  v[s] = 1;
  if (xnorm2 === 0) {
    for (let i = s + 1; i < n; i++) { v[i] = 0; H[i * n + r] = 0; }
    return { tau: 0, beta: alpha };
  }
  const norm = Math.sqrt(alpha * alpha + xnorm2), beta = alpha >= 0 ? -norm : norm;
  const scale = 1 / (alpha - beta);
  for (let i = s + 1; i < n; i++) {
    const vi = H[i * n + r] * scale;
    H[i * n + r] = vi;
    v[i] = vi;
  }
  return { tau: (beta - alpha) / beta, beta };
}

/** w = A v over the trailing block s.. (lower triangle only). */
function productPass(H: Float64Array, n: number, s: number, v: Float64Array, w: Float64Array): void {
  for (let i = s; i < n; i++) w[i] = 0;
  for (let i = s; i < n; i++) {
    const row = i * n, vi = v[i];
    let acc = H[row + i] * vi;
    for (let j = s; j < i; j++) {
      const a = H[row + j];
      acc += a * v[j];
      w[j] += a * vi;
    }
    w[i] += acc;
  }
}

/** w <- tau w - (tau^2 / 2)(w'v) v, i.e. p = tau A v then w = p - (tau/2)(p'v) v. */
function finishW(v: Float64Array, w: Float64Array, s: number, n: number, tau: number): void {
  if (tau === 0) { for (let i = s; i < n; i++) w[i] = 0; return; }
  let pv = 0;
  for (let i = s; i < n; i++) { w[i] *= tau; pv += w[i] * v[i]; }
  const half = 0.5 * tau * pv;
  for (let i = s; i < n; i++) w[i] -= half * v[i];
}

/** Rank-2 update of column s (rows s..n-1) only. */
function updateColumn(H: Float64Array, n: number, s: number, v: Float64Array, w: Float64Array, tau: number): void {
  if (tau === 0) return;
  const vs = v[s], ws = w[s];
  for (let i = s; i < n; i++) H[i * n + s] -= v[i] * ws + w[i] * vs;
}

/** Rank-2 update of the trailing block s.. (lower triangle). */
function updatePass(H: Float64Array, n: number, s: number, v: Float64Array, w: Float64Array): void {
  for (let i = s; i < n; i++) {
    const row = i * n, vi = v[i], wi = w[i];
    for (let j = s; j <= i; j++) H[row + j] -= vi * w[j] + wi * v[j];
  }
}

/**
 * Block s2.. : rank-2 update with (v, w) (skipped when tau = 0) and, on the updated entries, w2 = A v2.
 * Rows are taken in pairs so that v, w, v2 and w2 are loaded once per two matrix entries.
 */
function fusedPass(H: Float64Array, n: number, s2: number, v: Float64Array, w: Float64Array, tau: number, v2: Float64Array, w2: Float64Array): void {
  if (tau === 0) { productPass(H, n, s2, v2, w2); return; }
  for (let i = s2; i < n; i++) w2[i] = 0;
  let i = s2;
  for (; i + 1 < n; i += 2) fusedRowPair(H, n, s2, i, v, w, v2, w2);
  if (i < n) fusedRow(H, n, s2, i, v, w, v2, w2);
}

function fusedRowPair(H: Float64Array, n: number, s2: number, i: number, v: Float64Array, w: Float64Array, v2: Float64Array, w2: Float64Array): void {
  const r0 = i * n, r1 = r0 + n;
  const v0 = v[i], w0 = w[i], u0 = v2[i], v1 = v[i + 1], w1 = w[i + 1], u1 = v2[i + 1];
  let acc0 = 0, acc1 = 0;
  for (let j = s2; j < i; j++) {
    const vj = v[j], wj = w[j], uj = v2[j];
    const a0 = H[r0 + j] - v0 * wj - w0 * vj, a1 = H[r1 + j] - v1 * wj - w1 * vj;
    H[r0 + j] = a0;
    H[r1 + j] = a1;
    acc0 += a0 * uj;
    acc1 += a1 * uj;
    w2[j] += a0 * u0 + a1 * u1;
  }
  const d0 = H[r0 + i] - 2 * v0 * w0, off = H[r1 + i] - v1 * w0 - w1 * v0, d1 = H[r1 + i + 1] - 2 * v1 * w1;
  H[r0 + i] = d0;
  H[r1 + i] = off;
  H[r1 + i + 1] = d1;
  w2[i] += acc0 + d0 * u0 + off * u1;
  w2[i + 1] += acc1 + off * u0 + d1 * u1;
}

function fusedRow(H: Float64Array, n: number, s2: number, i: number, v: Float64Array, w: Float64Array, v2: Float64Array, w2: Float64Array): void {
  const row = i * n, vi = v[i], wi = w[i], ui = v2[i];
  let acc = 0;
  for (let j = s2; j < i; j++) {
    const a = H[row + j] - vi * w[j] - wi * v[j];
    H[row + j] = a;
    acc += a * v2[j];
    w2[j] += a * ui;
  }
  const dia = H[row + i] - 2 * vi * wi;
  H[row + i] = dia;
  w2[i] += acc + dia * ui;
}

/**
 * Q' = H_{n-3} ... H_0 formed from the right, R <- R H_r for r = n-3 down to 0: R differs from I only in its
 * trailing block (rows and columns > r), so step r costs 2 (n - r - 1)^2 (2/3 n^3 in all, against n^3 for
 * applying the reflectors to the columns of I).
 */
function transposedQ(tri: Tridiagonal, n: number): Float64Array {
  const { H, tau } = tri, R = new Float64Array(n * n), v = new Float64Array(n);
  for (let i = 0; i < n; i++) R[i * n + i] = 1;
  for (let r = n - 3; r >= 0; r--) {
    const t = tau[r], s = r + 1;
    if (t === 0) continue;
    v[s] = 1;
    for (let i = s + 1; i < n; i++) v[i] = H[i * n + r];
    for (let i = s; i < n; i++) {
      const row = i * n;
      let a0 = 0, a1 = 0, j = s;
      for (; j + 1 < n; j += 2) { a0 += R[row + j] * v[j]; a1 += R[row + j + 1] * v[j + 1]; }
      if (j < n) a0 += R[row + j] * v[j];
      const c = t * (a0 + a1);
      for (let k = s; k < n; k++) R[row + k] -= c * v[k];
    }
  }
  return R;
}

/** R <- Q'R = H_{n-3} ... H_0 R (R row-major n x k). */
function applyReflectorsTransposed(tri: Tridiagonal, n: number, R: Float64Array, k: number): void {
  const { H, tau } = tri, acc = new Float64Array(k);
  for (let r = 0; r < n - 2; r++) {
    const t = tau[r];
    if (t === 0) continue;
    const s = r + 1;
    for (let c = 0; c < k; c++) acc[c] = R[s * k + c];
    for (let i = s + 1; i < n; i++) {
      const vi = H[i * n + r], row = i * k;
      if (vi !== 0) for (let c = 0; c < k; c++) acc[c] += vi * R[row + c];
    }
    for (let c = 0; c < k; c++) { acc[c] *= t; R[s * k + c] -= acc[c]; }
    for (let i = s + 1; i < n; i++) {
      const vi = H[i * n + r], row = i * k;
      if (vi !== 0) for (let c = 0; c < k; c++) R[row + c] -= vi * acc[c];
    }
  }
}

/**
 * Implicit QL with Wilkinson shifts on (d, e): d becomes the eigenvalues; each Givens rotation of rows i, i+1
 * of the eigenvector basis is applied to rows i, i+1 of R (R <- W'R for T = W diag(d) W').
 */
function implicitQL(d: Float64Array, e: Float64Array, n: number, R: Float64Array, k: number): void {
  const EPS = 2 ** -52;
  for (let l = 0; l < n; l++) {
    for (let iter = 0; ; iter++) {
      let m = l;
      while (m < n - 1 && Math.abs(e[m]) > EPS * (Math.abs(d[m]) + Math.abs(d[m + 1]))) m++;
      if (m === l) break;
      if (iter === 60 * n) throw new Error("symmetric eigendecomposition: QL iteration did not converge; check the matrix for NaN or Inf");
      qlSweep(d, e, l, m, R, k);
    }
  }
}

/** One implicit shifted QL sweep on the unreduced block l..m. */
function qlSweep(d: Float64Array, e: Float64Array, l: number, m: number, R: Float64Array, k: number): void {
  let g = (d[l + 1] - d[l]) / (2 * e[l]);
  let r = hypot(g, 1);
  g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
  let s = 1, c = 1, p = 0;
  for (let i = m - 1; i >= l; i--) {
    const f = s * e[i], b = c * e[i];
    r = hypot(f, g);
    e[i + 1] = r;
    if (r === 0) { // underflow: deflate and restart
      d[i + 1] -= p;
      e[m] = 0;
      return;
    }
    s = f / r; c = g / r;
    g = d[i + 1] - p;
    r = (d[i] - g) * s + 2 * c * b;
    p = s * r;
    d[i + 1] = g + p;
    g = c * r - b;
    rotateRows(R, k, i, c, s);
  }
  d[l] -= p;
  e[l] = g;
  e[m] = 0;
}

/** sqrt(a^2 + b^2), falling back to Math.hypot (slow in V8) only on overflow or underflow. */
function hypot(a: number, b: number): number {
  const r = Math.sqrt(a * a + b * b);
  return r < 1e150 && r > 1e-150 ? r : Math.hypot(a, b);
}

/** rows i, i+1 of R: (R_i, R_i+1) <- (c R_i - s R_i+1, s R_i + c R_i+1). */
function rotateRows(R: Float64Array, k: number, i: number, c: number, s: number): void {
  const a = i * k, b = a + k;
  for (let j = 0; j < k; j++) {
    const x = R[a + j], y = R[b + j];
    R[a + j] = c * x - s * y;
    R[b + j] = s * x + c * y;
  }
}

function sortAscending(d: Float64Array, R: Float64Array, n: number, k: number): { values: Float64Array; rotated: Float64Array } {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[a] - d[b]);
  const values = new Float64Array(n), rotated = new Float64Array(n * k);
  order.forEach((src, dst) => {
    values[dst] = d[src];
    rotated.set(R.subarray(src * k, src * k + k), dst * k);
  });
  return { values, rotated };
}
