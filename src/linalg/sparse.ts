/**
 * Numeric sparse Cholesky P A P' = L L' on a {@link SparseSymbolic}: an up-looking pass (CSparse cs_chol,
 * with the row schedule precomputed) for the sparse leading columns, which also yields the rows of the
 * dense trailing block's coupling L21; then the Schur complement A22 - L21 L21' factored in place by the
 * blocked dense kernel. Solves and log det follow the same split.
 * @module
 */

import { choleskyBlocked } from "./denseBlocked.js";
import type { SparseSymbolic } from "./sparseSymbolic.js";


/** A numeric factor: sparse columns Lx (pattern sym.Li) and the dense trailing block Ld (row-major lower). */
export interface SparseFactor {
  readonly sym: SparseSymbolic;
  /** Values of the sparse columns, parallel to sym.Li. */
  readonly Lx: Float64Array;
  /** Dense trailing block, (n - nSparse)^2, row-major lower. */
  readonly Ld: Float64Array;
}

/**
 * Numeric factorisation of P A P', with values C laid out by the analysis.
 * @param sym - symbolic analysis
 * @param C - values of the upper pattern (length sym.Cp[n])
 * @param reuse - a previous factor of the same analysis whose storage is overwritten (saves allocating
 *   the dense block at every refactorisation); it must not be used afterwards
 * @returns the factor, or null when A is not positive definite
 * @example
 * const s = analyseSparse(2, new Int32Array([1]), new Int32Array([0]));
 * const C = new Float64Array(3); // slots: off-diagonal, then the two diagonals
 * C[s.slot[0]] = 2; C[s.Cp[1] - 1] = 4; C[s.Cp[2] - 1] = 5;
 * factorSparse(s, C)!.Lx; // => [2, 1, 2]
 */
export function factorSparse(sym: SparseSymbolic, C: Float64Array, reuse?: SparseFactor): SparseFactor | null {
  const { n, nSparse: ns } = sym;
  const nd = n - ns;
  const own = reuse !== undefined && reuse.sym === sym;
  const Lx = own ? reuse.Lx : new Float64Array(sym.Li.length);
  const Ld = own ? reuse.Ld.fill(0) : new Float64Array(nd * nd);
  if (!upLooking(sym, C, Lx, Ld)) return null;
  if (nd > 0) {
    schurUpdate(sym, Lx, Ld);
    if (!choleskyBlocked(Ld, nd)) return null;
  }
  return { sym, Lx, Ld };
}

/** Rows k = 0..n-1 of the sparse columns of L; for k >= nSparse the entries of A22 go to Ld. */
function upLooking(sym: SparseSymbolic, C: Float64Array, Lx: Float64Array, Ld: Float64Array): boolean {
  const { n, nSparse: ns, Cp, Ci, Lp, Li, firstDense, rowStart, rowCol, rowPos } = sym;
  const nd = n - ns;
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let q = Cp[k]; q < Cp[k + 1]; q++) {
      const r = Ci[q];
      if (r < ns) x[r] = C[q];
      else Ld[(k - ns) * nd + (r - ns)] = C[q];
    }
    let d = k < ns ? x[k] : 0;
    x[k] = 0;
    for (let t = rowStart[k]; t < rowStart[k + 1]; t++) {
      const i = rowCol[t], q = rowPos[t];
      const lki = x[i] / Lx[Lp[i]];
      x[i] = 0;
      const end = q < firstDense[i] ? q : firstDense[i];
      for (let p = Lp[i] + 1; p < end; p++) x[Li[p]] -= Lx[p] * lki;
      d -= lki * lki;
      Lx[q] = lki;
    }
    if (k < ns) {
      if (!(d > 0)) return false;
      Lx[Lp[k]] = Math.sqrt(d);
    }
  }
  return true;
}

/** Ld -= L21 L21' (lower triangle), one outer product per sparse column, two rows of it at a time. */
function schurUpdate(sym: SparseSymbolic, Lx: Float64Array, Ld: Float64Array): void {
  const { n, nSparse: ns, Lp, Li, firstDense } = sym;
  const nd = n - ns;
  const col = new Int32Array(nd), val = new Float64Array(nd);
  for (let j = 0; j < ns; j++) {
    const t = Lp[j + 1] - firstDense[j];
    for (let b = 0; b < t; b++) { col[b] = Li[firstDense[j] + b] - ns; val[b] = Lx[firstDense[j] + b]; }
    let a = 0;
    for (; a + 1 < t; a += 2) {
      const r0 = col[a] * nd, r1 = col[a + 1] * nd, v0 = val[a], v1 = val[a + 1];
      for (let b = 0; b <= a; b++) {
        const c = col[b], x = val[b];
        Ld[r0 + c] -= v0 * x;
        Ld[r1 + c] -= v1 * x;
      }
      Ld[r1 + col[a + 1]] -= v1 * val[a + 1];
    }
    if (a < t) {
      const r0 = col[a] * nd, v0 = val[a];
      for (let b = 0; b <= a; b++) Ld[r0 + col[b]] -= v0 * val[b];
    }
  }
}

/**
 * log det(A) = 2 sum log L_kk.
 * @param f - numeric factor
 * @returns log determinant
 * @example
 * sparseLogDet(f); // => 2 * (log 2 + log 2) for A = [[4, 2], [2, 5]]
 */
export function sparseLogDet(f: SparseFactor): number {
  const { n, nSparse: ns, Lp } = f.sym;
  const nd = n - ns;
  let s = 0;
  for (let k = 0; k < ns; k++) s += Math.log(f.Lx[Lp[k]]);
  for (let k = 0; k < nd; k++) s += Math.log(f.Ld[k * nd + k]);
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
  const { n, nSparse: ns, perm, Lp, Li } = f.sym;
  const { Lx, Ld } = f;
  const c = new Float64Array(n);
  for (let k = 0; k < n; k++) c[k] = b[perm[k]];
  for (let j = 0; j < ns; j++) {
    const cj = (c[j] /= Lx[Lp[j]]);
    if (cj === 0) continue;
    for (let q = Lp[j] + 1; q < Lp[j + 1]; q++) c[Li[q]] -= Lx[q] * cj;
  }
  const nd = n - ns;
  for (let i = 0; i < nd; i++) {
    const ri = i * nd;
    let s = c[ns + i];
    for (let k = 0; k < i; k++) s -= Ld[ri + k] * c[ns + k];
    c[ns + i] = s / Ld[ri + i];
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
  const { n, nSparse: ns, perm, Lp, Li } = f.sym;
  const { Lx, Ld } = f;
  const y = Float64Array.from(c);
  const nd = n - ns;
  for (let i = nd - 1; i >= 0; i--) {
    const ri = i * nd;
    const yi = (y[ns + i] /= Ld[ri + i]);
    for (let k = 0; k < i; k++) y[ns + k] -= Ld[ri + k] * yi;
  }
  for (let j = ns - 1; j >= 0; j--) {
    let s = y[j];
    for (let q = Lp[j] + 1; q < Lp[j + 1]; q++) s -= Lx[q] * y[Li[q]];
    y[j] = s / Lx[Lp[j]];
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
