/**
 * One entry point for empirical-Bayes fits: exact ML/REML for gaussian LMMs (by the spectral transformation when
 * the only random term has a known covariance, unless a linear algebra is forced), Laplace or AGQ otherwise.
 * @module
 */
import type { Design } from "../design/design.js";
import { fitGlmm } from "./fitGlmm.js";
import { fitLmm } from "./fitLmm.js";
import type { PredOptions } from "./predModule.js";
import type { FitMethod, MixedFit } from "./results.js";
import { fitSpectralLmm, isSpectralLmm } from "./spectralLmm.js";

/** Options of {@link fitMixed}. */
export interface FitOptions extends PredOptions {
  /** Default: REML for gaussian, Laplace otherwise. */
  readonly method?: FitMethod;
  /** Quadrature points for method 'AGQ' (default 25; one scalar random-effect term only). */
  readonly nAGQ?: number;
  /** Starting NB2 shape. */
  readonly shape?: number;
}

/**
 * Fits a mixed model by maximum likelihood (or REML).
 * @param design - the design (formula output or hand-built)
 * @param options - method, nAGQ, linear algebra
 * @returns the fit: fixed effects with SEs, variance components, logLik, AIC, BIC, conditional modes
 * @example
 * fitMixed(sleepstudyDesign, { method: "ML" }).logLik; // => -875.9697
 * fitMixed(cbppDesign, { method: "AGQ", nAGQ: 25 }).fixef[0].est; // => -1.3992
 */
export function fitMixed(design: Design, options: FitOptions = {}): MixedFit {
  const gaussian = design.family === "gaussian";
  const method = options.method ?? (gaussian ? "REML" : "Laplace");
  if (method === "ML" || method === "REML") {
    if (!gaussian) throw new Error(`method '${method}' is for gaussian LMMs; a ${design.family} model needs method 'Laplace' or 'AGQ'`);
    const forced = options.linearAlgebra === "dense" || options.linearAlgebra === "sparse";
    if (isSpectralLmm(design) && !forced) return fitSpectralLmm(design, method === "REML");
    return fitLmm(design, method === "REML", options);
  }
  if (gaussian) throw new Error(`gaussian models are fitted exactly: use method 'ML' or 'REML' instead of '${method}'`);
  const nAGQ = method === "AGQ" ? options.nAGQ ?? 25 : 1;
  if (method === "Laplace" && options.nAGQ !== undefined && options.nAGQ !== 1) {
    throw new Error("method 'Laplace' uses nAGQ = 1: use method 'AGQ' for more quadrature points");
  }
  return fitGlmm(design, { ...options, nAGQ });
}
