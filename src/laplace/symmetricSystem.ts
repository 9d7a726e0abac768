/**
 * The q x q system A = Lambda' Z' W Z Lambda + I behind one interface, with a dense path (small q, known
 * covariances) and a sparse path (symbolic analysis once, with the ordering chosen among "each term's
 * block first" and plain minimum degree; sparse leading columns plus a dense trailing block; a selected
 * inverse for the conditional variances). Both give the same numbers; test/laplace checks it.
 * @module
 */
import { choleskyInPlace, backSolveTranspose, forwardSolve, logDetFromCholesky } from "../linalg/dense.js";
import { analyseBest } from "../linalg/sparseSymbolic.js";
import { factorSparse, sparseBackward, sparseForward, sparseLogDet, type SparseFactor } from "../linalg/sparse.js";
import type { SparseSymbolic } from "../linalg/sparseSymbolic.js";
import { inverseEntry, selectedInverse } from "../linalg/selectedInverse.js";

/** Row-compressed n x q matrix Z Lambda: fixed pattern (column indices strictly increasing within a row), values updated per theta. */
export interface RowSparse {
  readonly nRows: number;
  readonly nCols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/** Factorisation of A = ZL' W ZL + I: assemble, factor, log det and the two half-solves. */
export interface SymmetricSystem {
  readonly q: number;
  readonly kind: "dense" | "sparse";
  /** Assembles A from ZL and weights w and factors it; false when A is not positive definite. */
  assembleAndFactor(zl: RowSparse, w: Float64Array): boolean;
  logDet(): number;
  /** c = L^-1 P b. */
  forward(b: Float64Array): Float64Array;
  /** x = P' L'^-T c. */
  backward(c: Float64Array): Float64Array;
  /**
   * Entries of A^-1 on the pattern of A (sparse path only: a selected inverse, about the cost of one
   * factorisation); absent on the dense path, where callers use the half-solves.
   */
  inverseEntries?(): (i: number, j: number) => number;
  /** Size of the factor (sparse path): stored entries of L, sparse columns, dense trailing block order. */
  factorSize?(): { nnz: number; nSparse: number; nDense: number };
}

/**
 * A dense system (row-major q x q).
 * @param q - dimension
 * @returns the system
 * @example
 * denseSystem(2).kind; // => "dense"
 */
export function denseSystem(q: number): SymmetricSystem {
  const A = new Float64Array(q * q);
  return {
    q, kind: "dense",
    assembleAndFactor(zl, w) {
      A.fill(0);
      for (let i = 0; i < zl.nRows; i++) {
        const wi = w[i];
        if (wi === 0) continue;
        for (let s = zl.rowPtr[i]; s < zl.rowPtr[i + 1]; s++) {
          const a = zl.colIdx[s], va = wi * zl.values[s];
          if (va === 0) continue;
          const ra = a * q;
          for (let t = zl.rowPtr[i]; t <= s; t++) A[ra + zl.colIdx[t]] += va * zl.values[t];
        }
      }
      for (let j = 0; j < q; j++) A[j * q + j] += 1;
      return choleskyInPlace(A, q);
    },
    logDet: () => logDetFromCholesky(A, q),
    forward: (b) => forwardSolve(A, q, Float64Array.from(b)),
    backward: (c) => backSolveTranspose(A, q, Float64Array.from(c)),
  };
}

/**
 * A sparse system: the pattern of A is analysed once from the pattern of ZL.
 * @param zl - Z Lambda (only its pattern is used here)
 * @param blocks - column ranges [start, end) of the random-effect terms: each is tried as the first block
 *   to eliminate (its block of A is block diagonal), against plain minimum degree
 * @returns the system
 * @example
 * sparseSystem(zl).kind; // => "sparse"
 */
export function sparseSystem(zl: RowSparse, blocks: readonly (readonly [number, number])[] = []): SymmetricSystem {
  const q = zl.nCols;
  const { rows, cols, pairStart } = pairEntries(zl);
  const firstSets = blocks.map(([a, b]) => Int32Array.from({ length: b - a }, (_, i) => a + i));
  const sym: SparseSymbolic = analyseBest(q, rows, cols, firstSets);
  const diagSlot = Int32Array.from({ length: q }, (_, j) => sym.Cp[sym.pinv[j] + 1] - 1);
  const C = new Float64Array(sym.Cp[q]);
  let factor: SparseFactor | null = null;
  return {
    q, kind: "sparse",
    assembleAndFactor(z, w) {
      C.fill(0);
      for (let i = 0; i < z.nRows; i++) {
        const wi = w[i];
        let e = pairStart[i];
        for (let s = z.rowPtr[i]; s < z.rowPtr[i + 1]; s++) {
          const va = wi * z.values[s];
          for (let t = z.rowPtr[i]; t <= s; t++) C[sym.slot[e++]] += va * z.values[t];
        }
      }
      for (let j = 0; j < q; j++) C[diagSlot[j]] += 1;
      factor = factorSparse(sym, C, factor ?? undefined);
      return factor !== null;
    },
    logDet: () => sparseLogDet(mustFactor(factor)),
    forward: (b) => sparseForward(mustFactor(factor), b),
    backward: (c) => sparseBackward(mustFactor(factor), c),
    factorSize: () => ({ nnz: sym.Li.length + ((q - sym.nSparse) * (q - sym.nSparse + 1)) / 2, nSparse: sym.nSparse, nDense: q - sym.nSparse }),
    inverseEntries() {
      const sel = selectedInverse(mustFactor(factor));
      return (i, j) => inverseEntry(sel, i, j);
    },
  };
}

function mustFactor(f: SparseFactor | null): SparseFactor {
  if (f === null) throw new Error("the random-effect system is not factored: call assembleAndFactor first");
  return f;
}

function pairEntries(zl: RowSparse): { rows: Int32Array; cols: Int32Array; pairStart: Int32Array } {
  const pairStart = new Int32Array(zl.nRows + 1);
  for (let i = 0; i < zl.nRows; i++) {
    const k = zl.rowPtr[i + 1] - zl.rowPtr[i];
    pairStart[i + 1] = pairStart[i] + (k * (k + 1)) / 2;
  }
  const m = pairStart[zl.nRows];
  const rows = new Int32Array(m), cols = new Int32Array(m);
  let e = 0;
  for (let i = 0; i < zl.nRows; i++) {
    for (let s = zl.rowPtr[i]; s < zl.rowPtr[i + 1]; s++) {
      for (let t = zl.rowPtr[i]; t <= s; t++) { rows[e] = zl.colIdx[s]; cols[e] = zl.colIdx[t]; e++; }
    }
  }
  return { rows, cols, pairStart };
}
