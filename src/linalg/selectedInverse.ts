/**
 * Selected inverse of a sparse Cholesky factor (Takahashi, Fagan & Chin 1973; Erisman & Tinney 1975):
 * the entries of A^-1 on the pattern of L + L' (which contains the pattern of A), from the recurrence
 *   Z_ij = -(1/L_jj) sum_{k > j} L_kj Z_ik (i > j),   Z_jj = (1/L_jj) (1/L_jj - sum_{k > j} L_kj Z_kj),
 * run backwards over the columns. The dense trailing block gets the full dense inverse. Cost is of the
 * order of one factorisation, against n triangular solves for diag(A^-1) the naive way.
 * @module
 */

import type { SparseFactor } from "./sparse.js";

/** A^-1 on the factor's pattern: Zx parallel to sym.Li (sparse columns), Zd the dense block (full, row-major). */
export interface SelectedInverse {
  readonly factor: SparseFactor;
  readonly Zx: Float64Array;
  readonly Zd: Float64Array;
}

/**
 * Computes the selected inverse.
 * @param f - numeric factor of A
 * @returns the entries of A^-1 on the pattern of L (read them with {@link inverseEntry})
 * @example
 * inverseEntry(selectedInverse(f), 0, 0); // => 0.3125 for A = [[4, 2], [2, 5]]
 */
export function selectedInverse(f: SparseFactor): SelectedInverse {
  const { n, nSparse: ns } = f.sym;
  const nd = n - ns;
  const Zd = denseInverseFromFactor(f.Ld, nd);
  const Zx = new Float64Array(f.Lx.length);
  const acc = new Float64Array(n);
  for (let j = ns - 1; j >= 0; j--) sparseColumn(f, Zx, Zd, acc, j);
  return { factor: f, Zx, Zd };
}

function sparseColumn(f: SparseFactor, Zx: Float64Array, Zd: Float64Array, acc: Float64Array, j: number): void {
  const { n, nSparse: ns, Lp, Li } = f.sym;
  const { Lx } = f;
  const nd = n - ns;
  const p0 = Lp[j] + 1, p1 = Lp[j + 1];
  for (let p = p0; p < p1; p++) acc[Li[p]] = 0;
  for (let p = p0; p < p1; p++) {
    const i = Li[p], lij = Lx[p];
    if (i >= ns) {
      const ri = (i - ns) * nd - ns;
      acc[i] += lij * Zd[ri + i];
      for (let p2 = p + 1; p2 < p1; p2++) {
        const k = Li[p2], z = Zd[ri + k];
        acc[i] += Lx[p2] * z;
        acc[k] += lij * z;
      }
      continue;
    }
    acc[i] += lij * Zx[Lp[i]];
    let c = Lp[i] + 1;
    for (let p2 = p + 1; p2 < p1; p2++) {
      const k = Li[p2];
      while (Li[c] < k) c++;
      const z = Zx[c];
      acc[i] += Lx[p2] * z;
      acc[k] += lij * z;
    }
  }
  const ljj = Lx[Lp[j]];
  let s = 0;
  for (let p = p0; p < p1; p++) {
    const z = -acc[Li[p]] / ljj;
    Zx[p] = z;
    s += Lx[p] * z;
  }
  Zx[Lp[j]] = (1 / ljj - s) / ljj;
}

/**
 * Full symmetric inverse of L L' for a row-major lower L: the dense Takahashi recurrence, columns taken
 * in blocks of 4 from the right so that each pass over a row of Z feeds four columns (a quarter of the
 * memory traffic of one column at a time).
 */
function denseInverseFromFactor(L: Float64Array, n: number): Float64Array {
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) U[j * n + i] = L[i * n + j];
  const Z = new Float64Array(n * n);
  const S = new Float64Array(4 * n);
  for (let j1 = n; j1 > 0; j1 -= 4) {
    const j0 = Math.max(0, j1 - 4), w = j1 - j0;
    beyondBlockSums(U, Z, S, n, j0, w);
    for (let jb = j1 - 1; jb >= j0; jb--) takahashiColumn(U, Z, S, n, jb, j0, j1);
  }
  return Z;
}

/** S[c * n + k] = sum_{m >= j0 + w} U[j0 + c][m] Z[k][m] for rows k >= j0 + w, c < w. */
function beyondBlockSums(U: Float64Array, Z: Float64Array, S: Float64Array, n: number, j0: number, w: number): void {
  const j1 = j0 + w;
  if (w < 4) {
    for (let c = 0; c < w; c++) for (let k = j1; k < n; k++) S[c * n + k] = dotRange(U, (j0 + c) * n, Z, k * n, j1, n);
    return;
  }
  const u0 = j0 * n, u1 = u0 + n, u2 = u1 + n, u3 = u2 + n;
  for (let k = j1; k < n; k++) {
    const zk = k * n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let m = j1; m < n; m++) {
      const z = Z[zk + m];
      s0 += U[u0 + m] * z; s1 += U[u1 + m] * z; s2 += U[u2 + m] * z; s3 += U[u3 + m] * z;
    }
    S[k] = s0; S[n + k] = s1; S[2 * n + k] = s2; S[3 * n + k] = s3;
  }
}

/** Column jb of Z (rows > jb and the diagonal), given the beyond-block sums of its block [j0, j1). */
function takahashiColumn(U: Float64Array, Z: Float64Array, S: Float64Array, n: number, jb: number, j0: number, j1: number): void {
  const uj = jb * n, ljj = U[uj + jb], c = jb - j0;
  for (let k = j1; k < n; k++) {
    let s = S[c * n + k];
    for (let m = jb + 1; m < j1; m++) s += U[uj + m] * Z[k * n + m];
    Z[k * n + jb] = Z[uj + k] = -s / ljj;
  }
  for (let i = jb + 1; i < j1; i++) Z[i * n + jb] = Z[uj + i] = -dotRange(U, uj, Z, i * n, jb + 1, n) / ljj;
  Z[uj + jb] = (1 / ljj - dotRange(U, uj, Z, uj, jb + 1, n)) / ljj;
}

function dotRange(a: Float64Array, ra: number, b: Float64Array, rb: number, from: number, to: number): number {
  let s = 0;
  for (let m = from; m < to; m++) s += a[ra + m] * b[rb + m];
  return s;
}

/**
 * One entry (A^-1)_ab in original indices; (a, b) must lie on the pattern of L + L' (every structural
 * nonzero of A does).
 * @param sel - selected inverse
 * @param a - row (original index)
 * @param b - column (original index)
 * @returns the entry
 * @example
 * inverseEntry(sel, 1, 0); // => -0.125 for A = [[4, 2], [2, 5]]
 */
export function inverseEntry(sel: SelectedInverse, a: number, b: number): number {
  const { n, nSparse: ns, pinv, Lp, Li } = sel.factor.sym;
  const pa = pinv[a], pb = pinv[b];
  const lo = Math.min(pa, pb), hi = Math.max(pa, pb);
  if (lo >= ns) return sel.Zd[(hi - ns) * (n - ns) + lo - ns];
  let l = Lp[lo], h = Lp[lo + 1] - 1;
  while (l <= h) {
    const m = (l + h) >> 1;
    if (Li[m] === hi) return sel.Zx[m];
    if (Li[m] < hi) l = m + 1; else h = m - 1;
  }
  throw new Error(`entry (${a}, ${b}) of the inverse is outside the factor's pattern: only structural nonzeros of A are available`);
}
