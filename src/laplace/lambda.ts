/**
 * Lambda(theta): lme4's relative covariance factor. Per term with k coefficients, theta holds the lower
 * triangle of a k x k Cholesky factor T column by column (lme4 order); cov(b_level) = sigma^2 T T'.
 * A known-covariance term (k = 1) has Lambda = theta * C with K = C C' (C from a semi-definite Cholesky).
 * @module
 */
import { choleskySemiDefinite } from "../linalg/dense.js";
import type { Design, ReTerm } from "../design/design.js";

/** Layout of one term inside u (length q) and theta. */
export interface TermLayout {
  readonly term: ReTerm;
  readonly k: number;
  readonly nLevels: number;
  /** First column of this term in u / b. */
  readonly offset: number;
  /** First index of this term in theta. */
  readonly thetaOffset: number;
  readonly nTheta: number;
  /** Lower Cholesky factor of the known covariance (row-major levels x levels), if any. */
  readonly knownFactor?: Float64Array;
}

/**
 * Lays out the terms of a design: offsets in u and theta, known-covariance factors.
 * @param design - the model design
 * @returns one layout per term
 * @example
 * termLayouts(sleepstudyDesign)[0]; // => { k: 2, nLevels: 18, offset: 0, thetaOffset: 0, nTheta: 3, ... }
 */
export function termLayouts(design: Design): TermLayout[] {
  let offset = 0, thetaOffset = 0;
  return design.terms.map((term) => {
    const k = term.termNames.length, nLevels = term.levels.length;
    if (term.knownCovariance && k !== 1) {
      throw new Error(`term (${term.termNames.join(" + ")} | ${term.group}) has a known covariance but ${k} coefficients: known covariances need a single coefficient`);
    }
    const nTheta = (k * (k + 1)) / 2;
    const knownFactor = term.knownCovariance ? knownCovarianceFactor(term.knownCovariance, nLevels) : undefined;
    const lay: TermLayout = { term, k, nLevels, offset, thetaOffset, nTheta, knownFactor };
    offset += k * nLevels;
    thetaOffset += nTheta;
    return lay;
  });
}

function knownCovarianceFactor(K: Float64Array, n: number): Float64Array {
  if (K.length !== n * n) throw new Error(`known covariance has ${K.length} entries; expected ${n} x ${n} (one row and column per level)`);
  const C = Float64Array.from(K);
  choleskySemiDefinite(C, n, 1e-10);
  return C;
}

/**
 * T (k x k lower, row-major) of one term from theta.
 * @param theta - all theta
 * @param lay - the term layout
 * @returns T with T[i*k+j] for j <= i
 * @example
 * relativeFactor(new Float64Array([1, 0.5, 2]), lay2); // => [1, 0, 0.5, 2]
 */
export function relativeFactor(theta: ArrayLike<number>, lay: TermLayout): Float64Array {
  const k = lay.k, T = new Float64Array(k * k);
  let t = lay.thetaOffset;
  for (let j = 0; j < k; j++) for (let i = j; i < k; i++) T[i * k + j] = theta[t++];
  return T;
}

/**
 * Lower bounds of theta: 0 on diagonals of T, -Infinity elsewhere (lme4's `lower`).
 * @param layouts - term layouts
 * @returns the bound vector
 * @example
 * thetaLowerBounds(sleepstudyLayouts); // => [0, -Infinity, 0]
 */
export function thetaLowerBounds(layouts: readonly TermLayout[]): Float64Array {
  const lo: number[] = [];
  for (const lay of layouts) for (let j = 0; j < lay.k; j++) for (let i = j; i < lay.k; i++) lo.push(i === j ? 0 : -Infinity);
  return Float64Array.from(lo);
}

/**
 * Start value of theta: identity T per term (lme4's default).
 * @param layouts - term layouts
 * @returns theta0
 * @example
 * thetaStart(sleepstudyLayouts); // => [1, 0, 1]
 */
export function thetaStart(layouts: readonly TermLayout[]): Float64Array {
  const th: number[] = [];
  for (const lay of layouts) for (let j = 0; j < lay.k; j++) for (let i = j; i < lay.k; i++) th.push(i === j ? 1 : 0);
  return Float64Array.from(th);
}

/**
 * Rows of Lambda as sparse vectors (column indices, values): b = Lambda u.
 * @param theta - theta
 * @param layouts - term layouts
 * @returns per row r of Lambda: its nonzero columns and values
 * @example
 * lambdaRows(new Float64Array([2]), cbppLayouts)[0]; // => { cols: [0], vals: [2] }
 */
export function lambdaRows(theta: ArrayLike<number>, layouts: readonly TermLayout[]): { cols: number[]; vals: number[] }[] {
  const rows: { cols: number[]; vals: number[] }[] = [];
  for (const lay of layouts) {
    if (lay.knownFactor) {
      const C = lay.knownFactor, L = lay.nLevels, th = theta[lay.thetaOffset];
      for (let l = 0; l < L; l++) {
        const cols: number[] = [], vals: number[] = [];
        for (let j = 0; j <= l; j++) if (C[l * L + j] !== 0) { cols.push(lay.offset + j); vals.push(th * C[l * L + j]); }
        rows.push({ cols, vals });
      }
      continue;
    }
    const T = relativeFactor(theta, lay), k = lay.k;
    for (let l = 0; l < lay.nLevels; l++) {
      for (let c = 0; c < k; c++) {
        const cols: number[] = [], vals: number[] = [];
        for (let j = 0; j <= c; j++) { cols.push(lay.offset + l * k + j); vals.push(T[c * k + j]); }
        rows.push({ cols, vals });
      }
    }
  }
  return rows;
}
