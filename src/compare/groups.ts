/**
 * Per-level group data for the shrinkage plot: the size of every level and its no-pooling ("raw") estimate.
 *
 * The raw estimate of a level is what that level's own data say about its random effect, with the fixed part
 * held at the EB fixed effects and every other random-effect term ignored:
 * - gaussian with identity link: least squares of the residuals y − Xβ − offset on the term's Z columns,
 *   within the level (null when the level has fewer observations than coefficients or Z'Z is singular);
 * - other families, intercept-only terms: link(ȳ) − mean(Xβ + offset) over the level, with the empirical mean
 *   made finite by a continuity correction: binomial (Σy + 0.5)/(Σtrials + 1), bernoulli (Σy + 0.5)/(n + 1),
 *   counts (Σy + 0.5)/n;
 * - other families with slopes: null (no simple link-scale no-pooling estimate).
 * @module
 */
import type { Design, ReTerm } from "../design/design.js";
import { fixedPredictor } from "../design/fixedPredictor.js";
import { linkFor } from "../laplace/links.js";

/** Sizes of the levels of a term: observations, and (binomial) total trials. */
export interface LevelSizes {
  readonly nObs: Float64Array;
  readonly size: Float64Array;
}

/**
 * Observations per level and the level's "size" (binomial: total trials; otherwise observations).
 *
 * @example
 * levelSizes(cbppDesign, cbppDesign.terms[0]).size[7]; // => 34 (herd 8: one period of 34 animals)
 */
export function levelSizes(design: Design, term: ReTerm): LevelSizes {
  const L = term.levels.length;
  const nObs = new Float64Array(L), size = new Float64Array(L);
  const trials = design.family === "binomial" ? design.response.trials : undefined;
  for (let i = 0; i < design.n; i++) {
    const l = term.index[i];
    nObs[l] += 1;
    size[l] += trials ? trials[i] : 1;
  }
  return { nObs, size };
}

/**
 * The fixed part Xβ + offset of every observation (src/design/fixedPredictor.ts).
 *
 * @example
 * fixedPart(design, [250, 10])[0]; // => 250 (Days = 0)
 */
export const fixedPart: (design: Design, beta: readonly number[]) => Float64Array = fixedPredictor;

/** Solve the small symmetric system A x = b (k x k, row-major) by Gaussian elimination; null when singular. */
function solveSmall(A: Float64Array, b: Float64Array, k: number): Float64Array | null {
  const M = Float64Array.from(A), x = Float64Array.from(b);
  let scale = 0;
  for (let i = 0; i < k; i++) scale = Math.max(scale, Math.abs(M[i * k + i]));
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(M[r * k + c]) > Math.abs(M[piv * k + c])) piv = r;
    if (!(Math.abs(M[piv * k + c]) > 1e-10 * scale)) return null;
    for (let j = 0; j < k; j++) [M[c * k + j], M[piv * k + j]] = [M[piv * k + j], M[c * k + j]];
    [x[c], x[piv]] = [x[piv], x[c]];
    for (let r = c + 1; r < k; r++) {
      const f = M[r * k + c] / M[c * k + c];
      for (let j = c; j < k; j++) M[r * k + j] -= f * M[c * k + j];
      x[r] -= f * x[c];
    }
  }
  for (let c = k - 1; c >= 0; c--) {
    let s = x[c];
    for (let j = c + 1; j < k; j++) s -= M[c * k + j] * x[j];
    x[c] = s / M[c * k + c];
  }
  return x;
}

/** Gaussian/identity: per-level least squares of residuals on Z. */
function rawLeastSquares(design: Design, term: ReTerm, eta0: Float64Array): (number | null)[][] {
  const k = term.termNames.length, L = term.levels.length, y = design.response.y;
  const ZtZ = Array.from({ length: L }, () => new Float64Array(k * k));
  const Ztr = Array.from({ length: L }, () => new Float64Array(k));
  for (let i = 0; i < design.n; i++) {
    const l = term.index[i], r = y[i] - eta0[i];
    for (let a = 0; a < k; a++) {
      const za = term.Z[i * k + a];
      Ztr[l][a] += za * r;
      for (let b = 0; b < k; b++) ZtZ[l][a * k + b] += za * term.Z[i * k + b];
    }
  }
  return ZtZ.map((A, l) => {
    const x = solveSmall(A, Ztr[l], k);
    return x ? Array.from(x) : new Array<number | null>(k).fill(null);
  });
}

/** Other families, intercept-only terms: link of the corrected empirical mean minus the mean fixed part. */
function rawLinkMeans(design: Design, term: ReTerm, eta0: Float64Array): (number | null)[][] {
  const L = term.levels.length, y = design.response.y, trials = design.response.trials;
  const sumY = new Float64Array(L), sumT = new Float64Array(L), n = new Float64Array(L), sumEta = new Float64Array(L);
  for (let i = 0; i < design.n; i++) {
    const l = term.index[i];
    sumY[l] += y[i]; n[l] += 1; sumEta[l] += eta0[i];
    sumT[l] += trials ? trials[i] : 1;
  }
  const link = linkFor(design.link);
  return Array.from({ length: L }, (_, l) => {
    if (n[l] === 0) return [null];
    const counts = design.family === "poisson" || design.family === "negbinomial2";
    const mean = counts ? (sumY[l] + 0.5) / n[l] : (sumY[l] + 0.5) / (sumT[l] + 1);
    return [link.linkfun(mean) - sumEta[l] / n[l]];
  });
}

/**
 * No-pooling estimates of one term's random effects, indexed [level][coefficient] (see the module note).
 *
 * @param design - the design
 * @param term - one of design.terms
 * @param eta0 - fixedPart(design, EB fixed effects)
 * @returns raw estimates, null where undefined
 * @example
 * rawGroupEstimates(sleepDesign, sleepDesign.terms[0], fixedPart(sleepDesign, [251.4, 10.47]))[0];
 * // => [-7.21, 11.29] (subject 308: its own least-squares intercept and slope minus the fixed ones)
 */
export function rawGroupEstimates(design: Design, term: ReTerm, eta0: Float64Array): (number | null)[][] {
  const k = term.termNames.length;
  if (design.family === "gaussian" && design.link === "identity") return rawLeastSquares(design, term, eta0);
  if (k === 1 && term.termNames[0] === "(Intercept)" && !term.knownCovariance) return rawLinkMeans(design, term, eta0);
  return term.levels.map(() => new Array<number | null>(k).fill(null));
}
