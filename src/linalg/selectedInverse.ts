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

/** Full symmetric inverse of L L' for a row-major lower L (dense Takahashi, rows in tiles of 2). */
function denseInverseFromFactor(L: Float64Array, n: number): Float64Array {
  const U = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) U[j * n + i] = L[i * n + j];
  const Z = new Float64Array(n * n);
  for (let j = n - 1; j >= 0; j--) {
    const uj = j * n, ljj = U[uj + j];
    let i = n - 1;
    for (; i - 1 > j; i -= 2) {
      const r0 = i * n, r1 = r0 - n;
      let s0 = 0, s1 = 0;
      for (let k = j + 1; k < n; k++) { const u = U[uj + k]; s0 += u * Z[r0 + k]; s1 += u * Z[r1 + k]; }
      Z[r0 + j] = Z[uj + i] = -s0 / ljj;
      Z[r1 + j] = Z[uj + i - 1] = -s1 / ljj;
    }
    for (; i > j; i--) {
      let s0 = 0;
      for (let k = j + 1; k < n; k++) s0 += U[uj + k] * Z[i * n + k];
      Z[i * n + j] = Z[uj + i] = -s0 / ljj;
    }
    let s = 0;
    for (let k = j + 1; k < n; k++) s += U[uj + k] * Z[uj + k];
    Z[uj + j] = (1 / ljj - s) / ljj;
  }
  return Z;
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
