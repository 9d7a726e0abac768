/**
 * Symbolic analysis for the sparse Cholesky (Davis 2006, ch. 4), done once per model: fill-reducing
 * ordering, elimination tree, the split into sparse leading columns and a dense trailing block (the
 * part of L that is nearly full, e.g. the lecturer block of a crossed design once the students are
 * eliminated), and the full pattern of the sparse columns with the row-by-row schedule of the numeric
 * up-looking factorisation.
 * @module
 */

import { minimumDegree, minimumDegreeBounded } from "./ordering.js";

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
  /** Columns [0, nSparse) of L are stored sparse; [nSparse, n) form a dense trailing block. */
  readonly nSparse: number;
  /** Column pointers of the sparse columns of L (length nSparse + 1), diagonal first in each column. */
  readonly Lp: Int32Array;
  /** Row indices of the sparse columns of L (ascending within a column; rows >= nSparse at the end). */
  readonly Li: Int32Array;
  /** firstDense[j] = first position in column j holding a row >= nSparse (Lp[j + 1] when none). */
  readonly firstDense: Int32Array;
  /** Row schedule: for row k, entries rowStart[k]..rowStart[k+1]-1 give the sparse columns i (rowCol, in
   * topological order) with L_ki != 0 and the position rowPos of that entry in column i. */
  readonly rowStart: Int32Array;
  readonly rowCol: Int32Array;
  readonly rowPos: Int32Array;
}

/**
 * Symbolic analysis of a symmetric pattern given as entries (rows[e], cols[e]) in either triangle
 * (duplicates allowed: they share a slot). The diagonal is always included.
 * @param n - dimension
 * @param rows - entry rows
 * @param cols - entry columns
 * @param perm - elimination order (default: {@link minimumDegree})
 * @param denseFraction - the trailing block is stored dense from the first column where the trailing
 *   part of L is at least this full (default 0.4; 2 disables the dense block)
 * @returns the symbolic factor; fill `C` (length Cp[n]) through `slot` and call factorSparse
 * @example
 * const s = analyseSparse(2, new Int32Array([0, 1, 1]), new Int32Array([0, 0, 1]));
 * s.Lp; // => [0, 2, 3] (natural order kept: both nodes have degree 1; too small for a dense block)
 */
export function analyseSparse(n: number, rows: Int32Array, cols: Int32Array, perm?: Int32Array, denseFraction = 0.4): SparseSymbolic {
  return finishAnalysis(n, planOrdering(n, rows, cols, perm ?? minimumDegree(n, rows, cols), denseFraction));
}

function finishAnalysis(n: number, plan: ReturnType<typeof planOrdering>): SparseSymbolic {
  const pattern = sparsePattern(n, plan.nSparse, plan.Cp, plan.Ci, plan.parent, plan.counts);
  const { cost: _cost, counts: _counts, ...rest } = plan;
  return { n, ...rest, ...pattern };
}

/**
 * Symbolic analysis over several candidate orderings: minimum degree after first eliminating each given
 * node set (typically the columns of one grouping factor, largest first), and plain minimum degree; keeps
 * the one with the least estimated factorisation work (sparse columns' squared counts plus the dense
 * block's flops, the dense kernel counted 3 times faster). A candidate is dropped as soon as its
 * elimination work exceeds the best estimate so far.
 * @param n - dimension
 * @param rows - entry rows
 * @param cols - entry columns
 * @param firstSets - candidate node sets to eliminate first
 * @returns the symbolic factor of the cheapest candidate
 * @example
 * analyseBest(q, rows, cols, [studentColumns, lecturerColumns]).nSparse; // => 2972 on insteval
 */
export function analyseBest(n: number, rows: Int32Array, cols: Int32Array, firstSets: readonly Int32Array[]): SparseSymbolic {
  let best: ReturnType<typeof planOrdering> | null = null;
  const bySize = [...firstSets].sort((a, b) => b.length - a.length);
  for (const first of [...bySize, undefined]) {
    const perm = minimumDegreeBounded(n, rows, cols, 0.5, first, best === null ? Infinity : best.cost);
    if (perm === null) continue;
    const plan = planOrdering(n, rows, cols, perm, 0.4);
    if (best === null || plan.cost < best.cost) best = plan;
  }
  return finishAnalysis(n, best!);
}

/**
 * Work of the dense block of order m in units of the sparse columns' squared counts (m^3 / 9: the
 * blocked kernel is a few times faster per flop than the scattered sparse updates; on insteval heavier
 * weights for the sparse side, moving more columns into the dense block, measured no faster).
 */
function denseWork(m: number): number {
  return m ** 3 / 9;
}

function planOrdering(n: number, rows: Int32Array, cols: Int32Array, perm: Int32Array, denseFraction: number) {
  const pinv = new Int32Array(n);
  for (let k = 0; k < n; k++) pinv[perm[k]] = k;
  const { Cp, Ci, slot } = permutedUpperPattern(n, rows, cols, pinv);
  const parent = eliminationTree(n, Cp, Ci);
  const counts = columnCounts(n, Cp, Ci, parent);
  const nSparse = denseSplit(counts, denseFraction);
  let cost = denseWork(n - nSparse);
  for (let j = 0; j < nSparse; j++) cost += counts[j] * counts[j];
  return { perm, pinv, Cp, Ci, slot, parent, nSparse, counts, cost };
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
  const idx = countingSort(countingSort(Int32Array.from({ length: m + n }, (_, e) => e), rowOf, n), colOf, n);
  const Cp = new Int32Array(n + 1);
  const Ci = new Int32Array(m + n);
  const slotAll = new Int32Array(m + n);
  let prevR = -1, prevC = -1, nnz = 0;
  for (const e of idx) {
    if (rowOf[e] !== prevR || colOf[e] !== prevC) {
      Ci[nnz++] = rowOf[e];
      Cp[colOf[e] + 1]++;
      prevR = rowOf[e]; prevC = colOf[e];
    }
    slotAll[e] = nnz - 1;
  }
  for (let k = 0; k < n; k++) Cp[k + 1] += Cp[k];
  return { Cp, Ci: Ci.slice(0, nnz), slot: slotAll.slice(0, m) };
}

/** Stable reordering of idx by key[idx] in [0, n). */
function countingSort(idx: Int32Array, key: Int32Array, n: number): Int32Array {
  const start = new Int32Array(n + 1);
  for (const e of idx) start[key[e] + 1]++;
  for (let k = 0; k < n; k++) start[k + 1] += start[k];
  const out = new Int32Array(idx.length);
  for (const e of idx) out[start[key[e]]++] = e;
  return out;
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
 * Pattern of row k of L restricted to columns < limit, in topological order, by walking the elimination
 * tree from each nonzero of column k of the upper pattern; written to s[top..n-1].
 */
function ereach(k: number, limit: number, Cp: Int32Array, Ci: Int32Array, parent: Int32Array, s: Int32Array, mark: Int32Array): number {
  const n = parent.length;
  let top = n;
  mark[k] = k + 1;
  for (let q = Cp[k]; q < Cp[k + 1]; q++) {
    let i = Ci[q];
    if (i >= k || i >= limit) continue;
    let len = 0;
    for (; i !== -1 && i < limit && mark[i] !== k + 1; i = parent[i]) { s[len++] = i; mark[i] = k + 1; }
    while (len > 0) s[--top] = s[--len];
  }
  return top;
}

/** Number of entries of each column of L (diagonal included). */
function columnCounts(n: number, Cp: Int32Array, Ci: Int32Array, parent: Int32Array): Int32Array {
  const counts = new Int32Array(n).fill(1);
  const s = new Int32Array(n), mark = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const top = ereach(k, n, Cp, Ci, parent, s, mark);
    for (let t = top; t < n; t++) counts[s[t]]++;
  }
  return counts;
}

/**
 * First column of the dense trailing block: among the splits whose trailing triangle of L is at least
 * `fraction` full (and at least 16 columns), the one of least estimated work (sum of squared sparse
 * column counts + (n - k)^3 / 9); n (no dense block) when none qualifies.
 */
function denseSplit(counts: Int32Array, fraction: number): number {
  const n = counts.length;
  let sparseWork = 0;
  for (let j = 0; j < n; j++) sparseWork += counts[j] * counts[j];
  let nnz = 0, split = n, bestCost = sparseWork;
  for (let k = n - 1; k >= 0; k--) {
    nnz += counts[k];
    sparseWork -= counts[k] * counts[k];
    const m = n - k, cost = sparseWork + denseWork(m);
    if (m >= 16 && nnz >= fraction * ((m * (m + 1)) / 2) && cost < bestCost) { split = k; bestCost = cost; }
  }
  return split;
}

function sparsePattern(n: number, ns: number, Cp: Int32Array, Ci: Int32Array, parent: Int32Array, counts: Int32Array) {
  const Lp = new Int32Array(ns + 1);
  for (let j = 0; j < ns; j++) Lp[j + 1] = Lp[j] + counts[j];
  const Li = new Int32Array(Lp[ns]);
  const next = Int32Array.from(Lp.subarray(0, ns));
  for (let j = 0; j < ns; j++) Li[next[j]++] = j;
  const s = new Int32Array(n), mark = new Int32Array(n);
  const rowStart = new Int32Array(n + 1);
  const rowCol = new Int32Array(Lp[ns] - ns), rowPos = new Int32Array(Lp[ns] - ns);
  const firstDense = Int32Array.from(Lp.subarray(1));
  let e = 0;
  for (let k = 0; k < n; k++) {
    const top = ereach(k, ns, Cp, Ci, parent, s, mark);
    for (let t = top; t < n; t++) {
      const i = s[t], q = next[i]++;
      Li[q] = k;
      if (k >= ns && firstDense[i] > q) firstDense[i] = q;
      rowCol[e] = i; rowPos[e] = q; e++;
    }
    rowStart[k + 1] = e;
  }
  return { Lp, Li, firstDense, rowStart, rowCol, rowPos };
}
