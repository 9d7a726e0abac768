/**
 * Fit results of the empirical-Bayes engine and their JSON form (cases/FORMAT.md frequentist format).
 * @module
 */
import type { FamilyName, LinkName } from "../design/design.js";
import { relativeFactor, type TermLayout } from "./lambda.js";

/** Estimation method. */
export type FitMethod = "ML" | "REML" | "Laplace" | "AGQ";

/** One fixed effect. */
export interface FixedEffect { readonly name: string; readonly est: number; readonly se: number }

/** Covariance of one random-effect term: sds and correlation matrix (row-major k x k). */
export interface VarCorrTerm {
  readonly group: string;
  readonly termNames: readonly string[];
  readonly sd: readonly number[];
  readonly cor: Float64Array;
}

/** Conditional mode and conditional sd of one random effect (lme4 ranef(condVar = TRUE)). */
export interface RanefEntry {
  readonly group: string;
  readonly term: string;
  readonly level: string;
  readonly mode: number;
  readonly sd: number;
}

/** Optimiser outcome at the reported optimum. */
export interface ConvergenceInfo {
  readonly optimizer: string;
  readonly evaluations: number;
  readonly converged: boolean;
  /** Finite-difference gradient of the deviance at the optimum (free parameters; 0 where a bound is active). */
  readonly gradient: readonly number[];
  readonly maxAbsGradient: number;
  /**
   * lme4's convergence statistic max_i min(|g_i|, |(R^-1 g)_i|) with H = R'R the deviance Hessian (checkConv), when a
   * Hessian is available (every GLMM fit; LMM fits below 10,000 observations, as lme4's calc.derivs); else absent.
   */
  readonly maxScaledGradient?: number;
  /** lme4 isSingular: a diagonal theta element below 1e-4. */
  readonly singular: boolean;
  readonly messages: readonly string[];
}

/** A fitted mixed model. */
export interface MixedFit {
  readonly method: FitMethod;
  readonly nAGQ: number;
  readonly family: FamilyName;
  readonly link: LinkName;
  readonly fixef: readonly FixedEffect[];
  /** Covariance of the fixed effects, row-major p x p. */
  readonly vcov: Float64Array;
  /** "hessian": 2 H^-1 of the deviance over (theta, beta) (lme4 glmer default); "RX": sigma^2 (RX'RX)^-1. */
  readonly vcovSource: "hessian" | "RX";
  readonly theta: Float64Array;
  readonly sigma?: number;
  readonly shape?: { readonly est: number; readonly se: number | null };
  readonly varCorr: readonly VarCorrTerm[];
  readonly logLik: number;
  /** -2 logLik (REML criterion for REML). */
  readonly deviance: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly df: number;
  readonly nobs: number;
  readonly ranef: readonly RanefEntry[];
  readonly convergence: ConvergenceInfo;
}

/**
 * Random-effect covariance per term from theta: sd = scale * sqrt(diag(T T')), correlations.
 * @param theta - relative covariance parameters
 * @param layouts - term layouts
 * @param scale - sigma for LMMs, 1 for GLMMs
 * @returns one entry per term
 * @example
 * varCorrFromTheta(new Float64Array([0.9667, 0.0152, 0.2309]), lay, 25.59)[0].sd; // => [24.74, 5.92]
 */
export function varCorrFromTheta(theta: Float64Array, layouts: readonly TermLayout[], scale: number): VarCorrTerm[] {
  return layouts.map((lay) => {
    const k = lay.k, T = relativeFactor(theta, lay);
    const S = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += T[i * k + c] * T[j * k + c];
      S[i * k + j] = s * scale * scale;
    }
    const sd = Array.from({ length: k }, (_, i) => Math.sqrt(S[i * k + i]));
    const cor = S.map((v, ij) => v / (sd[Math.floor(ij / k)] * sd[ij % k] || 1));
    return { group: lay.term.group, termNames: lay.term.termNames, sd, cor };
  });
}

/**
 * Ranef entries from b = Lambda u and its conditional variances.
 * @param layouts - term layouts
 * @param b - conditional modes on the data scale, length q
 * @param condVar - conditional variances (already scaled by sigma^2 for LMMs)
 * @returns entries in term/level/coefficient order
 * @example
 * ranefEntries(lay, b, v)[0]; // => { group: "herd", term: "(Intercept)", level: "1", mode: 0.5896, sd: 0.3482 }
 */
export function ranefEntries(layouts: readonly TermLayout[], b: Float64Array, condVar: Float64Array): RanefEntry[] {
  const out: RanefEntry[] = [];
  for (const lay of layouts) {
    for (let l = 0; l < lay.nLevels; l++) {
      for (let c = 0; c < lay.k; c++) {
        const r = lay.offset + l * lay.k + c;
        out.push({ group: lay.term.group, term: lay.term.termNames[c], level: lay.term.levels[l], mode: b[r], sd: Math.sqrt(condVar[r]) });
      }
    }
  }
  return out;
}

/** JSON estimate entry. */
export interface JsonEstimate { est: number; se: number | null }

/**
 * The fit in cases/FORMAT.md's frequentist result format.
 * @param fit - a fit from fitMixed
 * @returns a JSON-ready object: tool, method, estimates, logLik, AIC, BIC, deviance, df, nobs, ranef, optimizer, notes
 * @example
 * toResultJson(fit).estimates["sd__herd__(Intercept)"]; // => { est: 0.642, se: null }
 */
export function toResultJson(fit: MixedFit): Record<string, unknown> {
  const estimates: Record<string, JsonEstimate> = {};
  for (const f of fit.fixef) estimates[f.name] = { est: f.est, se: f.se };
  for (const vc of fit.varCorr) {
    vc.termNames.forEach((t, i) => { estimates[`sd__${vc.group}__${t}`] = { est: vc.sd[i], se: null }; });
    const k = vc.termNames.length;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) {
      estimates[`cor__${vc.group}__${vc.termNames[i]}__${vc.termNames[j]}`] = { est: vc.cor[i * k + j], se: null };
    }
  }
  if (fit.sigma !== undefined) estimates.sigma = { est: fit.sigma, se: null };
  if (fit.shape !== undefined) estimates.shape = { est: fit.shape.est, se: fit.shape.se };
  const ranef: Record<string, { mode: number; sd: number }> = {};
  for (const r of fit.ranef) ranef[`re__${r.group}__${r.term}[${r.level}]`] = { mode: r.mode, sd: r.sd };
  const c = fit.convergence;
  const notes = [`max |gradient| ${c.maxAbsGradient.toExponential(2)}; fixed-effect vcov from ${fit.vcovSource}`, ...c.messages].join(" | ");
  return {
    tool: "glmm", method: fit.method === "AGQ" ? `AGQ(${fit.nAGQ})` : fit.method,
    estimates, logLik: fit.logLik, AIC: fit.AIC, BIC: fit.BIC, deviance: fit.deviance, df: fit.df, nobs: fit.nobs, ranef,
    optimizer: c.optimizer, notes,
  };
}
