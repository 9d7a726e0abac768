/**
 * The predictor module (lme4 merPredD): X, Z Lambda(theta), the factor L of Lambda'Z'WZLambda + I,
 * RZX and RX for the fixed effects, and the solves for u and beta increments.
 * @module
 */
import type { Design } from "../design/design.js";
import { backSolveTranspose, choleskyInPlace, forwardSolve } from "../linalg/dense.js";
import { lambdaRows, relativeFactor, termLayouts, type TermLayout } from "./lambda.js";
import { denseSystem, sparseSystem, type RowSparse, type SymmetricSystem } from "./symmetricSystem.js";

/** Options of {@link createPredModule}. */
export interface PredOptions {
  /** "dense", "sparse", or "auto" (sparse when q > 150 and no known covariance). */
  readonly linearAlgebra?: "dense" | "sparse" | "auto";
}

/** State of the predictor module; mutated by its update functions. */
export interface PredModule {
  readonly n: number;
  readonly p: number;
  readonly q: number;
  readonly X: Float64Array;
  readonly layouts: readonly TermLayout[];
  readonly zl: RowSparse;
  readonly system: SymmetricSystem;
  theta: Float64Array;
  /** L^-1 P Lambda'Z'WX, p columns of length q. */
  RZX: Float64Array[];
  /** Lower Cholesky factor of X'WX - RZX'RZX, row-major p x p. */
  RX: Float64Array;
}

/**
 * Builds the predictor module for a design (theta set to lme4's start: identity factors).
 * @param design - the model design
 * @param options - dense/sparse choice
 * @returns the module
 * @example
 * createPredModule(cbppDesign).q; // => 15
 */
export function createPredModule(design: Design, options: PredOptions = {}): PredModule {
  const layouts = termLayouts(design);
  const q = layouts.reduce((s, l) => s + l.k * l.nLevels, 0);
  const zl = zlPattern(design, layouts, q);
  const known = layouts.some((l) => l.knownFactor);
  const mode = options.linearAlgebra ?? "auto";
  const useSparse = mode === "sparse" || (mode === "auto" && q > 150 && !known);
  const theta = new Float64Array(layouts.reduce((s, l) => s + l.nTheta, 0));
  const pred: PredModule = {
    n: design.n, p: design.p, q, X: design.X, layouts, zl,
    system: useSparse ? sparseSystem(zl, termBlocks(layouts)) : denseSystem(q),
    theta, RZX: [], RX: new Float64Array(design.p * design.p),
  };
  return pred;
}

/** Column range of each term with its own (block-diagonal) covariance factor. */
function termBlocks(layouts: readonly TermLayout[]): [number, number][] {
  return layouts.filter((l) => !l.knownFactor).map((l) => [l.offset, l.offset + l.k * l.nLevels]);
}

function zlPattern(design: Design, layouts: readonly TermLayout[], q: number): RowSparse {
  const n = design.n;
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (const lay of layouts) c += lay.knownFactor ? lay.term.index[i] + 1 : lay.k;
    rowPtr[i + 1] = rowPtr[i] + c;
  }
  const colIdx = new Int32Array(rowPtr[n]);
  for (let i = 0; i < n; i++) {
    let s = rowPtr[i];
    for (const lay of layouts) {
      const l = lay.term.index[i];
      if (lay.knownFactor) for (let j = 0; j <= l; j++) colIdx[s++] = lay.offset + j;
      else for (let c = 0; c < lay.k; c++) colIdx[s++] = lay.offset + l * lay.k + c;
    }
  }
  return { nRows: n, nCols: q, rowPtr, colIdx, values: new Float64Array(rowPtr[n]) };
}

/**
 * Sets theta and recomputes the values of Z Lambda(theta).
 * @param pred - predictor module (mutated)
 * @param theta - new theta
 * @returns nothing
 * @example
 * setTheta(pred, new Float64Array([0.64])); // pred.zl.values now hold 0.64 for cbpp
 */
export function setTheta(pred: PredModule, theta: ArrayLike<number>): void {
  pred.theta = Float64Array.from(theta);
  const { zl, layouts } = pred;
  const factors = layouts.map((lay) => (lay.knownFactor ? null : relativeFactor(theta, lay)));
  for (let i = 0; i < pred.n; i++) {
    let s = zl.rowPtr[i];
    layouts.forEach((lay, t) => {
      const l = lay.term.index[i];
      const T = factors[t];
      if (T === null) {
        const zi = lay.term.Z[i] * theta[lay.thetaOffset], L = lay.nLevels, C = lay.knownFactor!;
        for (let j = 0; j <= l; j++) zl.values[s++] = zi * C[l * L + j];
        return;
      }
      s = writeTermRow(zl.values, s, lay, T, i);
    });
  }
}

function writeTermRow(values: Float64Array, s: number, lay: TermLayout, T: Float64Array, i: number): number {
  const k = lay.k, Z = lay.term.Z;
  for (let c = 0; c < k; c++) {
    let v = 0;
    for (let j = c; j < k; j++) v += Z[i * k + j] * T[j * k + c];
    values[s++] = v;
  }
  return s;
}

/**
 * Factors A = ZL'WZL + I and, when `withFixed`, forms RZX and RX for the fixed effects.
 * @param pred - predictor module (mutated)
 * @param w - working weights, length n
 * @param withFixed - also update RZX and RX
 * @returns false when a factorisation fails (not positive definite)
 * @example
 * updateDecomp(pred, new Float64Array(pred.n).fill(1), true); // => true
 */
export function updateDecomp(pred: PredModule, w: Float64Array, withFixed: boolean): boolean {
  if (!pred.system.assembleAndFactor(pred.zl, w)) return false;
  if (!withFixed) return true;
  const { n, p, X } = pred;
  const wx = new Float64Array(n);
  pred.RZX = [];
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) wx[i] = w[i] * X[i * p + j];
    pred.RZX.push(pred.system.forward(zlTransposeTimes(pred.zl, wx)));
  }
  const RX = pred.RX;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i] * X[i * p + a] * X[i * p + b];
      const ra = pred.RZX[a], rb = pred.RZX[b];
      for (let r = 0; r < ra.length; r++) s -= ra[r] * rb[r];
      RX[a * p + b] = s;
    }
  }
  return choleskyInPlace(RX, p);
}

/**
 * (Z Lambda)' v.
 * @param zl - Z Lambda
 * @param v - length n
 * @returns length q
 * @example
 * zlTransposeTimes(pred.zl, ones); // => column sums of Z Lambda
 */
export function zlTransposeTimes(zl: RowSparse, v: Float64Array): Float64Array {
  const out = new Float64Array(zl.nCols);
  for (let i = 0; i < zl.nRows; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    for (let s = zl.rowPtr[i]; s < zl.rowPtr[i + 1]; s++) out[zl.colIdx[s]] += zl.values[s] * vi;
  }
  return out;
}

/**
 * Linear predictor without offset: X beta + Z Lambda u.
 * @param pred - predictor module
 * @param beta - fixed effects
 * @param u - spherical random effects
 * @returns length n
 * @example
 * linPred(pred, beta, u); // => eta - offset
 */
export function linPred(pred: PredModule, beta: Float64Array, u: Float64Array): Float64Array {
  const { n, p, X, zl } = pred;
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += X[i * p + j] * beta[j];
    for (let t = zl.rowPtr[i]; t < zl.rowPtr[i + 1]; t++) s += zl.values[t] * u[zl.colIdx[t]];
    eta[i] = s;
  }
  return eta;
}

/**
 * Solves A du = rhsU (u-only step; lme4 solveU).
 * @param pred - factored predictor module
 * @param rhsU - right-hand side, length q
 * @returns du
 * @example
 * solveU(pred, rhs); // => A^-1 rhs
 */
export function solveU(pred: PredModule, rhsU: Float64Array): Float64Array {
  return pred.system.backward(pred.system.forward(rhsU));
}

/**
 * Solves the joint system [A, ZL'WX; X'WZL, X'WX] (du, db) = (rhsU, rhsB) by blocks (lme4 solve).
 * @param pred - predictor module factored with `withFixed`
 * @param rhsU - length q
 * @param rhsB - length p
 * @returns the u and beta parts of the solution
 * @example
 * solveJoint(pred, ztWy, xtWy); // => { u, beta } (the LMM solution when rhs are Z'y, X'y)
 */
export function solveJoint(pred: PredModule, rhsU: Float64Array, rhsB: Float64Array): { u: Float64Array; beta: Float64Array } {
  const cu = pred.system.forward(rhsU);
  const p = pred.p;
  const cb = Float64Array.from(rhsB);
  for (let j = 0; j < p; j++) {
    const r = pred.RZX[j];
    let s = 0;
    for (let k = 0; k < cu.length; k++) s += r[k] * cu[k];
    cb[j] -= s;
  }
  const beta = backSolveTranspose(pred.RX, p, forwardSolve(pred.RX, p, cb));
  for (let j = 0; j < p; j++) {
    const r = pred.RZX[j], bj = beta[j];
    for (let k = 0; k < cu.length; k++) cu[k] -= r[k] * bj;
  }
  return { u: pred.system.backward(cu), beta };
}

/**
 * log det(RX)^2 = 2 sum log RX_jj.
 * @param pred - predictor module factored with `withFixed`
 * @returns the log determinant of X'WX - RZX'RZX
 * @example
 * ldRX2(pred); // => a finite number
 */
export function ldRX2(pred: PredModule): number {
  let s = 0;
  for (let j = 0; j < pred.p; j++) s += Math.log(pred.RX[j * pred.p + j]);
  return 2 * s;
}

/**
 * b = Lambda u and the conditional variances diag(Lambda A^-1 Lambda') (to be scaled by sigma^2).
 * @param pred - factored predictor module
 * @param u - conditional modes of u
 * @returns b and its unscaled conditional variances, length q each
 * @example
 * conditionalModes(pred, u); // => { b, condVar }
 */
export function conditionalModes(pred: PredModule, u: Float64Array): { b: Float64Array; condVar: Float64Array } {
  const rows = lambdaRows(pred.theta, pred.layouts);
  const b = new Float64Array(pred.q), condVar = new Float64Array(pred.q);
  const inv = pred.system.inverseEntries?.();
  const e = new Float64Array(pred.q);
  rows.forEach((row, r) => {
    let s = 0;
    row.cols.forEach((c, t) => { s += row.vals[t] * u[c]; });
    b[r] = s;
    condVar[r] = inv ? quadraticForm(row.cols, row.vals, inv) : forwardNormSquared(pred.system, row.cols, row.vals, e);
  });
  return { b, condVar };
}

/** v' A^-1 v for a sparse v (cols, vals) from entries of A^-1. */
function quadraticForm(cols: ArrayLike<number>, vals: ArrayLike<number>, inv: (i: number, j: number) => number): number {
  let v = 0;
  for (let t = 0; t < cols.length; t++) {
    v += vals[t] * vals[t] * inv(cols[t], cols[t]);
    for (let s = 0; s < t; s++) v += 2 * vals[t] * vals[s] * inv(cols[t], cols[s]);
  }
  return v;
}

/** |L^-1 P v|^2 = v' A^-1 v by one forward solve (e is a zeroed work vector, left zeroed). */
function forwardNormSquared(system: SymmetricSystem, cols: ArrayLike<number>, vals: ArrayLike<number>, e: Float64Array): number {
  for (let t = 0; t < cols.length; t++) e[cols[t]] = vals[t];
  const f = system.forward(e);
  let v = 0;
  for (let k = 0; k < f.length; k++) v += f[k] * f[k];
  for (let t = 0; t < cols.length; t++) e[cols[t]] = 0;
  return v;
}
