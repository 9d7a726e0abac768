/**
 * Blocked dense Cholesky for the trailing (dense) block of the sparse factor: left-looking by block
 * columns, the update of a block column by all earlier columns done as contiguous row-by-row dot
 * products in a 4 x 2 register tile (row-major storage makes both operands contiguous), k-blocked
 * for cache. Same result as {@link choleskyInPlace} up to rounding, several times faster for n in the
 * hundreds to thousands.
 * @module
 */

const NB = 32;
const KC = 256;

/**
 * In-place lower Cholesky of a row-major n x n symmetric matrix (only the lower triangle is read;
 * on return the lower triangle holds L and the strict upper triangle is zero).
 * @param a - row-major n x n (overwritten)
 * @param n - dimension
 * @returns true when A is positive definite
 * @example
 * const a = new Float64Array([4, 2, 2, 5]);
 * choleskyBlocked(a, 2); // => true, a = [2, 0, 1, 2]
 */
export function choleskyBlocked(a: Float64Array, n: number): boolean {
  for (let j0 = 0; j0 < n; j0 += NB) {
    const j1 = Math.min(n, j0 + NB);
    for (let k0 = 0; k0 < j0; k0 += KC) updatePanel(a, n, j0, j1, k0, Math.min(j0, k0 + KC));
    if (!factorPanel(a, n, j0, j1)) return false;
  }
  for (let i = 0; i < n; i++) a.fill(0, i * n + i + 1, i * n + n);
  return true;
}

/** a[i][j] -= sum_{k in [k0,k1)} a[i][k] a[j][k] for i >= j0, j in [j0, j1) (tiles may spill above the diagonal). */
function updatePanel(a: Float64Array, n: number, j0: number, j1: number, k0: number, k1: number): void {
  let i = j0;
  for (; i + 4 <= n; i += 4) {
    const jEnd = Math.min(j1, i + 4);
    let j = j0;
    for (; j + 2 <= jEnd; j += 2) tile4x2(a, n, i, j, k0, k1);
    if (j < jEnd) for (let r = i; r < i + 4; r++) a[r * n + j] -= dot(a, r * n, j * n, k0, k1);
  }
  for (; i < n; i++) {
    const jEnd = Math.min(j1, i + 1);
    for (let j = j0; j < jEnd; j++) a[i * n + j] -= dot(a, i * n, j * n, k0, k1);
  }
}

function tile4x2(a: Float64Array, n: number, i: number, j: number, k0: number, k1: number): void {
  const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n, c0 = j * n, c1 = c0 + n;
  let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
  for (let k = k0; k < k1; k++) {
    const b0 = a[c0 + k], b1 = a[c1 + k];
    const x0 = a[r0 + k], x1 = a[r1 + k], x2 = a[r2 + k], x3 = a[r3 + k];
    s00 += x0 * b0; s01 += x0 * b1;
    s10 += x1 * b0; s11 += x1 * b1;
    s20 += x2 * b0; s21 += x2 * b1;
    s30 += x3 * b0; s31 += x3 * b1;
  }
  a[r0 + j] -= s00; a[r0 + j + 1] -= s01;
  a[r1 + j] -= s10; a[r1 + j + 1] -= s11;
  a[r2 + j] -= s20; a[r2 + j + 1] -= s21;
  a[r3 + j] -= s30; a[r3 + j + 1] -= s31;
}

function dot(a: Float64Array, ra: number, rb: number, k0: number, k1: number): number {
  let s0 = 0, s1 = 0, k = k0;
  for (; k + 2 <= k1; k += 2) { s0 += a[ra + k] * a[rb + k]; s1 += a[ra + k + 1] * a[rb + k + 1]; }
  if (k < k1) s0 += a[ra + k] * a[rb + k];
  return s0 + s1;
}

/** Unblocked Cholesky of columns [j0, j1) (already updated by all columns < j0), rows j0..n-1. */
function factorPanel(a: Float64Array, n: number, j0: number, j1: number): boolean {
  for (let j = j0; j < j1; j++) {
    const rj = j * n;
    const d = a[rj + j] - dot(a, rj, rj, j0, j);
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) a[i * n + j] = (a[i * n + j] - dot(a, i * n, rj, j0, j)) * inv;
  }
  return true;
}
