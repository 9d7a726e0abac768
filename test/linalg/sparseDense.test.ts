import { describe, expect, it } from "vitest";
import { choleskyInPlace, inverseFromCholesky, logDetFromCholesky } from "../../src/linalg/dense.js";
import { choleskyBlocked } from "../../src/linalg/denseBlocked.js";
import { factorSparse, sparseLogDet, sparseSolve } from "../../src/linalg/sparse.js";
import { analyseSparse } from "../../src/linalg/sparseSymbolic.js";
import { inverseEntry, selectedInverse } from "../../src/linalg/selectedInverse.js";
import { minimumDegree, minimumDegreeBounded } from "../../src/linalg/ordering.js";
import { analyseBest } from "../../src/linalg/sparseSymbolic.js";
import { makeRng } from "../../src/rng.js";

/** Z'Z + I of a crossed design: nS "students" each rating a few of nD "lecturers", plus nG groups nested in lecturers. */
function crossedSystem(nS: number, nD: number, perStudent: number, seed: number) {
  const rng = makeRng(seed);
  const nG = 5, n = nS + nD + nG;
  const A = new Float64Array(n * n);
  const add = (i: number, j: number, v: number) => { A[i * n + j] += v; if (i !== j) A[j * n + i] += v; };
  const ts = 0.8, td = 1.3, tg = 0.6;
  for (let s = 0; s < nS; s++) {
    for (let r = 0; r < perStudent; r++) {
      const d = Math.floor(rng() * nD), g = nS + nD + (d % nG);
      const cs = [s, nS + d, g], vs = [ts, td, tg];
      for (let a = 0; a < 3; a++) for (let b = 0; b <= a; b++) add(cs[a], cs[b], vs[a] * vs[b]);
    }
  }
  for (let i = 0; i < n; i++) A[i * n + i] += 1;
  const rows: number[] = [], cols: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (A[i * n + j] !== 0) { rows.push(i); cols.push(j); }
  return { n, A, rows: Int32Array.from(rows), cols: Int32Array.from(cols) };
}

function factorOf(n: number, A: Float64Array, rows: Int32Array, cols: Int32Array, denseFraction?: number) {
  const sym = analyseSparse(n, rows, cols, undefined, denseFraction);
  const C = new Float64Array(sym.Cp[n]);
  for (let e = 0; e < rows.length; e++) C[sym.slot[e]] = A[rows[e] * n + cols[e]];
  for (let j = 0; j < n; j++) C[sym.Cp[sym.pinv[j] + 1] - 1] = A[j * n + j];
  return factorSparse(sym, C)!;
}

describe("blocked dense Cholesky", () => {
  for (const n of [1, 7, 37, 130]) {
    it(`n=${n}: equals the unblocked factor`, () => {
      const rng = makeRng(n);
      const B = Float64Array.from({ length: n * (n + 3) }, () => rng() - 0.5);
      const A = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = i === j ? 0.5 : 0;
        for (let k = 0; k < n + 3; k++) s += B[i * (n + 3) + k] * B[j * (n + 3) + k];
        A[i * n + j] = s;
      }
      const L1 = Float64Array.from(A), L2 = Float64Array.from(A);
      expect(choleskyInPlace(L1, n)).toBe(true);
      expect(choleskyBlocked(L2, n)).toBe(true);
      for (let k = 0; k < n * n; k++) expect(L2[k]).toBeCloseTo(L1[k], 10);
    });
  }
  it("rejects an indefinite matrix", () => {
    const A = new Float64Array(40 * 40);
    for (let i = 0; i < 40; i++) A[i * 40 + i] = i === 33 ? -1 : 2;
    expect(choleskyBlocked(A, 40)).toBe(false);
  });
});

describe("sparse factor with a dense trailing block on a crossed design", () => {
  const { n, A, rows, cols } = crossedSystem(300, 60, 8, 11);
  const dense = Float64Array.from(A);
  choleskyInPlace(dense, n);
  const inv = inverseFromCholesky(dense, n);
  const f = factorOf(n, A, rows, cols);
  it("stores the lecturer block dense and matches the dense factor", () => {
    expect(n - f.sym.nSparse).toBeGreaterThanOrEqual(40);
    expect(sparseLogDet(f)).toBeCloseTo(logDetFromCholesky(dense, n), 9);
    const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const x = sparseSolve(f, b);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j] * x[j];
      expect(s).toBeCloseTo(b[i], 10);
    }
  });
  for (const denseFraction of [0.4, 2]) {
    it(`selected inverse equals the dense inverse on the pattern of A (dense block from fill ${denseFraction})`, () => {
      const sel = selectedInverse(denseFraction === 0.4 ? f : factorOf(n, A, rows, cols, denseFraction));
      for (let i = 0; i < n; i++) expect(inverseEntry(sel, i, i)).toBeCloseTo(inv[i * n + i], 12);
      for (let e = 0; e < rows.length; e++) {
        expect(inverseEntry(sel, rows[e], cols[e])).toBeCloseTo(inv[rows[e] * n + cols[e]], 12);
        expect(inverseEntry(sel, cols[e], rows[e])).toBeCloseTo(inv[rows[e] * n + cols[e]], 12);
      }
    });
  }
  it("refuses an entry outside the pattern", () => {
    const sel = selectedInverse(factorOf(n, A, rows, cols, 2));
    let a = -1, b = -1;
    for (let i = 0; i < 300 && a < 0; i++) for (let j = 0; j < i; j++) if (A[i * n + j] === 0) { a = i; b = j; break; }
    expect(() => inverseEntry(sel, a, b)).toThrow(/outside the factor's pattern/);
  });
});

describe("minimum-degree ordering", () => {
  it("bit-matrix and set elimination graphs give the same order (with and without a first block)", () => {
    const { n, rows, cols } = crossedSystem(200, 40, 6, 5);
    const first = Int32Array.from({ length: 200 }, (_, i) => i);
    for (const f of [undefined, first]) {
      const a = minimumDegreeBounded(n, rows, cols, 0.5, f, Infinity, "bits")!;
      const b = minimumDegreeBounded(n, rows, cols, 0.5, f, Infinity, "sets")!;
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    expect(minimumDegreeBounded(n, rows, cols, 0.5, first, 10, "sets")).toBeNull();
  });
  it("a star: leaves first until the centre ties with the last leaf (lowest index wins)", () => {
    expect(Array.from(minimumDegree(4, new Int32Array([1, 2, 3]), new Int32Array([0, 0, 0])))).toEqual([1, 2, 0, 3]);
  });
  it("the best candidate ordering on a crossed design eliminates the many-level factor first", () => {
    const { n, rows, cols } = crossedSystem(300, 60, 8, 11);
    const students = Int32Array.from({ length: 300 }, (_, i) => i), lecturers = Int32Array.from({ length: 60 }, (_, i) => 300 + i);
    const sym = analyseBest(n, rows, cols, [lecturers, students]);
    const firstSeen = new Set(Array.from(sym.perm.subarray(0, 300)));
    expect(students.every((s) => firstSeen.has(s))).toBe(true);
  });
});
