/**
 * Sparse Cholesky of a symmetric positive-definite matrix, CSparse style (Davis 2006, ch. 4):
 * fill-reducing ordering + symbolic analysis once per model (elimination tree, column counts,
 * the slot of every assembled entry), then a numeric up-looking factorisation per theta.
 * L is stored compressed by column with the diagonal first in each column.
 * @module
 */

import { minimumDegree } from "./ordering.js";

/** Result of the symbolic analysis: everything that depends only on the pattern. */
export interface SparseSymbolic {
  /** Dimension. */
  readonly n: number;
  /** perm[k] = original index at permuted position k. */
  readonly perm: Int32Array;
  /** pinv[i] = permuted position of original index i. */
  readonly pinv: Int32Array;
  /** Upper triangle of P A P' in CSC: column pointers and row indices (rows <= column). */
  readonly Cp: Int32Array;
  readonly Ci: Int32Array;
  /** slot[e] = position in the value array C of the e-th entry passed to {@link analyseSparse}. */
  readonly slot: Int32Array;
  /** Elimination tree. */
  readonly parent: Int32Array;
  /** Column pointers of L. */
  readonly Lp: Int32Array;
}

/** A numeric factor: L (CSC, diagonal first per column) with P A P' = L L'. */
export interface SparseFactor {
  readonly sym: SparseSymbolic;
  readonly Li: Int32Array;
  readonly Lx: Float64Array;
}

/**
 * Static minimum-degree ordering: nodes sorted by their degree in the graph of A (ties by index).
 * Exact for nested and crossed random-intercept designs where the small-degree block is eliminated first.
 * @param n - dimension
 * @param rows - row index of each off-diagonal entry (either triangle)
 * @param cols - column index of each entry
 * @returns perm, perm[k] = node eliminated k-th
 * @example
 * staticMinimumDegree(3, new Int32Array([0, 0]), new Int32Array([1, 2])); // => [1, 2, 0]
 */
export function staticMinimumDegree(n: number, rows: Int32Array, cols: Int32Array): Int32Array {
  const deg = new Float64Array(n);
  for (let e = 0; e < rows.length; e++) {
    if (rows[e] === cols[e]) continue;
    deg[rows[e]]++;
    deg[cols[e]]++;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => deg[a] - deg[b] || a - b);
  return Int32Array.from(order);
}

/**
 * Symbolic analysis of a symmetric pattern given as entries (rows[e], cols[e]) in either triangle
 * (duplicates allowed: they share a slot). The diagonal is always included.
 * @param n - dimension
 * @param rows - entry rows
 * @param cols - entry columns
 * @param perm - elimination order (default: {@link minimumDegree})
 * @returns the symbolic factor; fill `C` (length Cp[n]) through `slot` and call {@link factorSparse}
 * @example
 * const s = analyseSparse(2, new Int32Array([0, 1, 1]), new Int32Array([0, 0, 1]));
 * s.Lp; // => [0, 2, 3] (natural order kept: both nodes have degree 1)
 */
export function analyseSparse(n: number, rows: Int32Array, cols: Int32Array, perm?: Int32Array): SparseSymbolic {
  const p = perm ?? minimumDegree(n, rows, cols);
  const pinv = new Int32Array(n);
  for (let k = 0; k < n; k++) pinv[p[k]] = k;
  const { Cp, Ci, slot } = permutedUpperPattern(n, rows, cols, pinv);
  const parent = eliminationTree(n, Cp, Ci);
  const Lp = columnPointersOfL(n, Cp, Ci, parent);
  return { n, perm: p, pinv, Cp, Ci, slot, parent, Lp };
}

function permutedUpperPattern(n: number, rows: Int32Array, cols: Int32Array, pinv: Int32Array) {
  const m = rows.length;
  const colOf = new Int32Array(m + n);
  const rowOf = new Int32Array(m + n);
  for (let e = 0; e < m; e++) {
    const a = pinv[rows[e]], b = pinv[cols[e]];
    rowOf[e] = Math.min(a, b);
    colOf[e] = Math.max(a, b);
  }
  for (let k = 0; k < n; k++) { rowOf[m + k] = k; colOf[m + k] = k; }
  const idx = Array.from({ length: m + n }, (_, e) => e);
  idx.sort((x, y) => colOf[x] - colOf[y] || rowOf[x] - rowOf[y]);
  const Cp = new Int32Array(n + 1);
  const CiList: number[] = [];
  const slotAll = new Int32Array(m + n);
  let prevR = -1, prevC = -1;
  for (const e of idx) {
    if (rowOf[e] !== prevR || colOf[e] !== prevC) {
      CiList.push(rowOf[e]);
      Cp[colOf[e] + 1]++;
      prevR = rowOf[e]; prevC = colOf[e];
    }
    slotAll[e] = CiList.length - 1;
  }
  for (let k = 0; k < n; k++) Cp[k + 1] += Cp[k];
  return { Cp, Ci: Int32Array.from(CiList), slot: slotAll.slice(0, m) };
}

/** Elimination tree of the upper-triangular CSC pattern (Liu's algorithm with path compression). */
function eliminationTree(n: number, Cp: Int32Array, Ci: Int32Array): Int32Array {
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    for (let q = Cp[k]; q < Cp[k + 1]; q++) {
      let i = Ci[q];
      while (i !== -1 && i < k) {
        const next = ancestor[i];
        ancestor[i] = k;
        if (next === -1) parent[i] = k;
        i = next;
      }
    }
  }
  return parent;
}

/**
 * Pattern of row k of L (excluding the diagonal) by walking the elimination tree from each
 * nonzero of column k of the upper pattern; written to s[top..n-1].
 */
function ereach(k: number, Cp: Int32Array, Ci: Int32Array, parent: Int32Array, s: Int32Array, mark: Int32Array): number {
  const n = parent.length;
  let top = n;
  mark[k] = k + 1;
  for (let q = Cp[k]; q < Cp[k + 1]; q++) {
    let i = Ci[q];
    if (i > k) continue;
    let len = 0;
    for (; mark[i] !== k + 1; i = parent[i]) { s[len++] = i; mark[i] = k + 1; }
    while (len > 0) s[--top] = s[--len];
  }
  return top;
}

function columnPointersOfL(n: number, Cp: Int32Array, Ci: Int32Array, parent: Int32Array): Int32Array {
  const counts = new Int32Array(n).fill(1);
  const s = new Int32Array(n), mark = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const top = ereach(k, Cp, Ci, parent, s, mark);
    for (let t = top; t < n; t++) counts[s[t]]++;
  }
  const Lp = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) Lp[k + 1] = Lp[k] + counts[k];
  return Lp;
}

/**
 * Numeric up-looking Cholesky (CSparse cs_chol) of P A P', with values C laid out by the analysis.
 * @param sym - symbolic analysis
 * @param C - values of the upper pattern (length sym.Cp[n])
 * @returns the factor, or null when A is not positive definite
 * @example
 * const s = analyseSparse(2, new Int32Array([1]), new Int32Array([0]));
 * const C = new Float64Array(3); // slots: off-diagonal, then the two diagonals
 * C[s.slot[0]] = 2; C[s.Cp[1] - 1] = 4; C[s.Cp[2] - 1] = 5;
 * factorSparse(s, C)!.Lx; // => [2, 1, 2]
 */
export function factorSparse(sym: SparseSymbolic, C: Float64Array): SparseFactor | null {
  const { n, Cp, Ci, parent, Lp } = sym;
  const Li = new Int32Array(Lp[n]);
  const Lx = new Float64Array(Lp[n]);
  const next = Int32Array.from(Lp.subarray(0, n));
  const x = new Float64Array(n), s = new Int32Array(n), mark = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let top = ereach(k, Cp, Ci, parent, s, mark);
    x[k] = 0;
    for (let q = Cp[k]; q < Cp[k + 1]; q++) if (Ci[q] <= k) x[Ci[q]] = C[q];
    let d = x[k];
    x[k] = 0;
    for (; top < n; top++) {
      const i = s[top];
      const lki = x[i] / Lx[Lp[i]];
      x[i] = 0;
      for (let q = Lp[i] + 1; q < next[i]; q++) x[Li[q]] -= Lx[q] * lki;
      d -= lki * lki;
      const q = next[i]++;
      Li[q] = k;
      Lx[q] = lki;
    }
    if (!(d > 0)) return null;
    const q = next[k]++;
    Li[q] = k;
    Lx[q] = Math.sqrt(d);
  }
  return { sym, Li, Lx };
}

/**
 * log det(A) = 2 sum log L_kk.
 * @param f - numeric factor
 * @returns log determinant
 * @example
 * sparseLogDet(f); // => 2 * (log 2 + log 2) for A = [[4, 2], [2, 5]]
 */
export function sparseLogDet(f: SparseFactor): number {
  const { n, Lp } = f.sym;
  let s = 0;
  for (let k = 0; k < n; k++) s += Math.log(f.Lx[Lp[k]]);
  return 2 * s;
}

/**
 * Forward half-solve c = L^-1 P b.
 * @param f - numeric factor
 * @param b - right-hand side in original order (not modified)
 * @returns c in permuted order
 * @example
 * sparseForward(f, new Float64Array([6, 7])); // => [3, 2] for A = [[4, 2], [2, 5]] (natural order)
 */
export function sparseForward(f: SparseFactor, b: Float64Array): Float64Array {
  const { n, perm, Lp } = f.sym;
  const c = new Float64Array(n);
  for (let k = 0; k < n; k++) c[k] = b[perm[k]];
  for (let j = 0; j < n; j++) {
    const cj = (c[j] /= f.Lx[Lp[j]]);
    if (cj === 0) continue;
    for (let q = Lp[j] + 1; q < Lp[j + 1]; q++) c[f.Li[q]] -= f.Lx[q] * cj;
  }
  return c;
}

/**
 * Backward half-solve x = P' L'^-1 c.
 * @param f - numeric factor
 * @param c - vector in permuted order (not modified)
 * @returns x in original order
 * @example
 * sparseBackward(f, new Float64Array([3, 2])); // => [1, 1] for A = [[4, 2], [2, 5]]
 */
export function sparseBackward(f: SparseFactor, c: Float64Array): Float64Array {
  const { n, perm, Lp } = f.sym;
  const y = Float64Array.from(c);
  for (let j = n - 1; j >= 0; j--) {
    let s = y[j];
    for (let q = Lp[j] + 1; q < Lp[j + 1]; q++) s -= f.Lx[q] * y[f.Li[q]];
    y[j] = s / f.Lx[Lp[j]];
  }
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) x[perm[k]] = y[k];
  return x;
}

/**
 * Solves A x = b with the sparse factor.
 * @param f - numeric factor of A
 * @param b - right-hand side (original order)
 * @returns x
 * @example
 * sparseSolve(f, new Float64Array([6, 7])); // => [1, 1] for A = [[4, 2], [2, 5]]
 */
export function sparseSolve(f: SparseFactor, b: Float64Array): Float64Array {
  return sparseBackward(f, sparseForward(f, b));
}
