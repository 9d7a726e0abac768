/**
 * A gaussian identity-link model whose only random term has a known covariance K and one observation per
 * level (kinship, lineage), compiled in the eigenbasis of Z K Z' = U diag(lambda) U':
 *
 *   Z b = sd U diag(sqrt(lambda)) z,  z ~ N(0, I)   so   U'(y - offset) ~ N(U'X beta + sd sqrt(lambda) * z, sigma^2 I)
 *
 * (U is orthogonal, so the density of y equals the density of U'y). Each gradient is O(n p) instead of the
 * O(n^2 / 2) product with the triangular factor of b = sd F z (termPasses.ts); U is used only at compile time
 * and in `output` / `unconstrain` to map z to the random effects of the original levels.
 *
 * The parameters beta, log(sd), log(sigma) mean exactly what they mean in the general compilation, and the
 * outputs (fixed effects, sd, sigma, re__g__t[level]) have the same joint posterior. Only the z coordinates
 * differ: `z__g__t[k]` is the coefficient of the k-th eigenvector (ascending eigenvalue) instead of the k-th
 * column of the pivoted Cholesky factor; both are N(0, I) a priori and related by an orthogonal map on the
 * range of K (z_rot = R z_chol with R = diag(lambda)^-1/2 U' Z F), so the log density differs only by that
 * change of coordinates. Eigenvalues below 1e-10 * max (a singular K) leave their z with the N(0, 1) prior only,
 * as the Cholesky factor's dropped pivots do.
 * @module
 */
import type { Design } from "../design/design.js";
import type { ScalarPrior } from "../densities/scalarPrior.js";
import { symmetricEigenRotate } from "../linalg/eigen.js";
import type { CompiledModel } from "./compiledModel.js";
import { beginLogDensity } from "./fixedPriors.js";
import type { Layout } from "./layout.js";
import { HALF_LOG_2PI } from "./termPasses.js";
import { outputNames } from "./modelOutputs.js";


/** What compileDesign has already built (layout, priors, likelihood constant). */
export interface RotatedParts {
  readonly layout: Layout;
  readonly fixedPriors: readonly ScalarPrior[];
  readonly dispPrior: ScalarPrior | null;
  /** -n/2 log(2 pi). */
  readonly constant: number;
}

/** Maps between the eigen-coordinates z and the random effects b of the levels (b = sd W z). */
interface Basis {
  /** Row-major m x m: b = sd W z, W = Z^-1 U diag(sqrt(lambda)) by level. */
  readonly W: Float64Array;
  /** Row-major m x m: z_k = (sum_l Winv[k, l] b_l) / sd where s_k > 0. */
  readonly Winv: Float64Array;
}

/** The rotated data: y* = U'(y - offset), X* = U'X, scale sqrt(lambda); the basis maps only when asked. */
interface Rotated {
  readonly y: Float64Array;
  readonly X: Float64Array;
  readonly s: Float64Array;
  /**
   * The eigenvectors themselves, formed on first use (the first draw written or an init to map): the density
   * needs only U'y and U'X, which cost a tenth of forming U, so the first iteration does not wait for U.
   */
  readonly basis: () => Basis;
}

/**
 * Whether a design can be compiled in the eigenbasis: gaussian identity link, one non-centered random term with
 * a known covariance and exactly one observation per level with a nonzero covariate.
 * @param design - the design
 * @param centered - the compile option (centered known-covariance terms are refused elsewhere)
 * @returns true for the rotated compilation
 * @example
 * rotatableKnown(kinshipDesign, false); // => true
 * rotatableKnown(sleepstudyDesign, false); // => false
 */
export function rotatableKnown(design: Design, centered: boolean): boolean {
  const t = design.terms.length === 1 ? design.terms[0] : undefined;
  if (centered || design.family !== "gaussian" || design.link !== "identity" || !t?.knownCovariance) return false;
  const m = t.levels.length;
  if (t.termNames.length !== 1 || design.n !== m || t.index.length !== m || t.Z.length !== m) return false;
  const seen = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    const l = t.index[i];
    if (l < 0 || l >= m || seen[l] || t.Z[i] === 0) return false;
    seen[l] = 1;
  }
  return true;
}

/**
 * Compile the rotated model (see the module comment for the parameterisation).
 * @param design - a design for which {@link rotatableKnown} holds
 * @param parts - layout, fixed-effect and sigma priors, likelihood constant from compileDesign
 * @returns the compiled model; names, outputs and the meaning of every non-z coordinate as compileDesign's
 * @throws Error if K is not positive semi-definite (its shape and symmetry are checked when the layout is made)
 * @example
 * compileRotatedKnown(kinshipDesign, parts).dim; // => 404
 */
export function compileRotatedKnown(design: Design, parts: RotatedParts): CompiledModel {
  const { layout } = parts, t = layout.terms[0];
  const rot = rotate(design, `term (${t.term.termNames[0]} | ${t.term.group}) known covariance`);
  const outNames = outputNames(design, layout);
  const output = (theta: Float64Array, out: Float64Array) => writeRotatedOutput(layout, rot, theta, out);
  return {
    dim: layout.dim, design, centered: false,
    names: () => layout.names.slice(),
    logDensity: rotatedLogDensity(parts, rot),
    outputNames: () => outNames.slice(),
    output,
    constrain: (theta) => {
      const out = new Float64Array(outNames.length);
      output(theta, out);
      return Object.fromEntries(outNames.map((nm, i) => [nm, out[i]]));
    },
    unconstrain: (values) => unconstrainRotated(design, layout, rot, values),
  };
}

function rotate(design: Design, what: string): Rotated {
  const { values, vectors, y, X } = rotateByZKZt(design, what);
  const top = Math.max(0, values[design.n - 1]);
  const s = values.map((v) => (v > 1e-10 * top ? Math.sqrt(v) : 0));
  let basis: Basis | undefined;
  return { y, X, s, basis: () => (basis ??= eigenBasis(design, vectors(), s)) };
}

/**
 * Lower triangle of Z K Z' (row-major n x n) for a design whose only random term carries a known covariance K.
 * @param design - the design
 * @returns G, n x n, zero above the diagonal
 * @example
 * zkzt(kinshipDesign)[0]; // => K[0] (one observation per level, covariate 1)
 */
export function zkzt(design: Design): Float64Array {
  const t = design.terms[0], n = design.n, L = t.levels.length, K = t.knownCovariance!, G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ki = t.index[i] * L, zi = t.Z[i];
    for (let j = 0; j <= i; j++) G[i * n + j] = zi * t.Z[j] * K[ki + t.index[j]];
  }
  return G;
}

/** A design rotated by the eigenvectors of G = Z K Z': ascending eigenvalues, y* = U'(y - offset), X* = U'X. */
export interface ZKZtRotation {
  readonly values: Float64Array;
  /** The eigenvectors U (row-major n x n, column r for values[r]), formed on first call from the same reduction. */
  readonly vectors: () => Float64Array;
  readonly y: Float64Array;
  readonly X: Float64Array;
}

/**
 * The rotation that diagonalises a one-known-covariance-term gaussian model (EMMA): eigenvalues of Z K Z' and the
 * rotated response (minus offset) and fixed-effect design; U is never formed.
 * @param design - gaussian design whose only random term carries `knownCovariance`
 * @param what - how messages name the matrix, e.g. `known covariance of id`
 * @returns eigenvalues (ascending; tiny negative round-off kept), U on demand, y* and X*
 * @throws Error when Z K Z' is clearly not positive semi-definite
 * @example
 * rotateByZKZt(kinshipDesign, "known covariance of id").values.length; // => 400
 */
export function rotateByZKZt(design: Design, what: string): ZKZtRotation {
  const { n, p } = design, k = p + 1, G = zkzt(design), B = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    B[i * k] = design.response.y[i] - (design.offset ? design.offset[i] : 0);
    for (let j = 0; j < p; j++) B[i * k + 1 + j] = design.X[i * p + j];
  }
  const { values, rotated, vectors } = symmetricEigenRotate(G, n, B, k);
  const top = Math.max(0, values[n - 1]);
  if (values[0] < -1e-8 * top) throw new Error(`${what}: not positive semi-definite (Z K Z' has eigenvalue ${values[0]}); check the matrix`);
  const y = new Float64Array(n), X = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    y[r] = rotated[r * k];
    for (let j = 0; j < p; j++) X[r * p + j] = rotated[r * k + 1 + j];
  }
  return { values, vectors, y, X };
}

/** W and its inverse from the eigenvectors U of the reduction that formed y* and X* (row-major, column k for s_k). */
function eigenBasis(design: Design, U: Float64Array, s: Float64Array): Basis {
  const n = design.n, t = design.terms[0];
  const W = new Float64Array(n * n), Winv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const l = t.index[i], zi = t.Z[i];
    for (let k = 0; k < n; k++) {
      const u = U[i * n + k];
      W[l * n + k] = (u * s[k]) / zi;
      Winv[k * n + l] = s[k] > 0 ? (u * zi) / s[k] : 0;
    }
  }
  return { W, Winv };
}

/**
 * log p = const + priors(beta) + [log sd + prior(sd)] + sum log phi(z) + [log sigma + prior(sigma)]
 *   - n log sigma - sum_k (y*_k - x*_k beta - sd s_k z_k)^2 / (2 sigma^2), with its gradient; O(n p), no allocation.
 */
function rotatedLogDensity(parts: RotatedParts, rot: Rotated): (theta: Float64Array, grad: Float64Array) => number {
  const { layout, fixedPriors, dispPrior, constant } = parts, t = layout.terms[0];
  const { y, X, s } = rot, n = y.length, p = layout.p, dim = layout.dim, sdOff = t.sdOff, z0 = t.zOff, dOff = layout.dispOff;
  const sdPrior = t.sdPriors[0];
  return function logDensity(theta: Float64Array, grad: Float64Array): number {
    let lp = beginLogDensity(theta, grad, dim, fixedPriors, constant);
    const sd = Math.exp(theta[sdOff]), sigma = Math.exp(theta[dOff]), prec = 1 / (sigma * sigma);
    lp += theta[sdOff] + (sdPrior ? sdPrior.logDensity(sd) : 0) + theta[dOff] - n * Math.log(sigma) - n * HALF_LOG_2PI;
    if (dispPrior) lp += dispPrior.logDensity(sigma);
    let rss = 0, gsd = 0, zz = 0;
    for (let k = 0; k < n; k++) {
      const z = theta[z0 + k], row = k * p, sk = s[k];
      let r = y[k] - sd * sk * z;
      for (let j = 0; j < p; j++) r -= X[row + j] * theta[j];
      rss += r * r;
      zz += z * z;
      const g = r * prec;
      for (let j = 0; j < p; j++) grad[j] += g * X[row + j];
      grad[z0 + k] = sd * sk * g - z;
      gsd += g * sk * z;
    }
    lp -= 0.5 * (rss * prec + zz);
    grad[sdOff] = sd * (gsd + (sdPrior ? sdPrior.gradient(sd) : 0)) + 1;
    grad[dOff] = rss * prec - n + 1 + (dispPrior ? sigma * dispPrior.gradient(sigma) : 0);
    return lp;
  };
}

/** Outputs in outputNames order: fixed effects, sd, sigma, then b = sd W z by level. */
function writeRotatedOutput(layout: Layout, rot: Rotated, theta: Float64Array, out: Float64Array): void {
  const t = layout.terms[0], m = t.nLev, p = layout.p, sd = Math.exp(theta[t.sdOff]), W = rot.basis().W, z0 = t.zOff;
  for (let j = 0; j < p; j++) out[j] = theta[j];
  out[p] = sd;
  out[p + 1] = Math.exp(theta[layout.dispOff]);
  for (let l = 0; l < m; l += 2) { // two rows at a time, two accumulators each: theta is loaded once per pair
    const r0 = l * m, r1 = l + 1 < m ? r0 + m : r0;
    let a0 = 0, a1 = 0, c0 = 0, c1 = 0, k = 0;
    for (; k + 1 < m; k += 2) {
      const z = theta[z0 + k], z1 = theta[z0 + k + 1];
      a0 += W[r0 + k] * z; a1 += W[r0 + k + 1] * z1;
      c0 += W[r1 + k] * z; c1 += W[r1 + k + 1] * z1;
    }
    if (k < m) { a0 += W[r0 + k] * theta[z0 + k]; c0 += W[r1 + k] * theta[z0 + k]; }
    out[p + 2 + l] = sd * (a0 + a1);
    if (l + 1 < m) out[p + 3 + l] = sd * (c0 + c1);
  }
}

/** Named values -> theta (defaults as compileDesign's: beta 0, sd 1, sigma 1, b 0); b outside the range of K is projected. */
function unconstrainRotated(design: Design, layout: Layout, rot: Rotated, values: Readonly<Record<string, number>>): Float64Array {
  const t = layout.terms[0], { group, termNames, levels } = t.term, m = t.nLev, theta = new Float64Array(layout.dim);
  const get = (nm: string, d: number) => (values[nm] === undefined ? d : values[nm]);
  const positive = (nm: string) => {
    const v = get(nm, 1);
    if (!(v > 0)) throw new Error(`${nm} must be > 0, got ${v}`);
    return v;
  };
  design.fixedNames.forEach((nm, j) => { theta[j] = get(nm, 0); });
  const sd = positive(`sd__${group}__${termNames[0]}`);
  theta[t.sdOff] = Math.log(sd);
  theta[layout.dispOff] = Math.log(positive("sigma"));
  const b = levels.map((lev) => get(`re__${group}__${termNames[0]}[${lev}]`, 0)), Winv = rot.basis().Winv;
  for (let k = 0; k < m; k++) {
    let acc = 0;
    for (let l = 0; l < m; l++) acc += Winv[k * m + l] * b[l];
    theta[t.zOff + k] = acc / sd;
  }
  return theta;
}
