/**
 * One-stage meta-analysis of arm-level counts (binomial GLMM, one row per study arm): fixed study
 * intercepts (UM.FS) and random study intercepts (UM.RS), both with a random treatment effect per study,
 * zero-event arms and double-zero studies kept (they carry information on the study level in UM.RS).
 * @module
 */
import type { Design } from "../design/design.js";
import { fitMixed, type MixedFit } from "../laplace/index.js";
import { loadSpec } from "../spec/index.js";
import { fixedEffect, randomSd, waldInterval, type Interval } from "./wald.js";

/** Counts of the data that make meta-analyses of rare events hard. */
export interface MetaDataSummary {
  readonly studies: number;
  readonly arms: number;
  readonly zeroEventArms: number;
  /** Study labels with no event in any arm. */
  readonly doubleZeroStudies: string[];
}

/** Pooled result of one model. */
export interface MetaModelResult {
  readonly model: string;
  readonly formula: string;
  /** Pooled log odds ratio with its Wald interval. */
  readonly logOR: Interval;
  readonly se: number;
  /** exp(logOR) with the exponentiated interval. */
  readonly oddsRatio: Interval;
  /** Between-study sd of the treatment effect. */
  readonly tau: number;
  /** Between-study sd of the baseline log odds (UM.RS only). */
  readonly interceptSd?: number;
  readonly logLik: number;
  readonly AIC: number;
  /** Fixed effects the data cannot identify (e.g. a double-zero study's intercept in UM.FS: MLE -Inf). */
  readonly unidentified: string[];
}

/** Both models side by side. */
export interface MetaAnalysis {
  readonly data: MetaDataSummary;
  readonly models: MetaModelResult[];
}

/** Options of {@link metaAnalysis}. */
export interface MetaOptions {
  /** Name of the 0/1 treatment column / coefficient; default "treat". */
  readonly treatment?: string;
  /** Study grouping factor; default "study". */
  readonly group?: string;
  /** Interval coverage; default 0.95. */
  readonly level?: number;
}

/**
 * Zero-event arms and double-zero studies of a binomial arm-level design.
 * @param design - binomial design with a random term on `group`
 * @param group - study grouping factor
 * @returns counts and the double-zero study labels
 * @example
 * metaDataSummary(design, "study"); // => { studies: 18, arms: 36, zeroEventArms: 9, doubleZeroStudies: ["15"] }
 */
export function metaDataSummary(design: Design, group: string): MetaDataSummary {
  const term = design.terms.find((t) => t.group === group);
  if (!term) throw new Error(`no random term on '${group}': the meta-analysis needs (0 + treat | ${group})`);
  const events = new Float64Array(term.levels.length);
  let zeroEventArms = 0;
  for (let i = 0; i < design.n; i++) {
    events[term.index[i]] += design.response.y[i];
    if (design.response.y[i] === 0) zeroEventArms++;
  }
  const doubleZeroStudies = term.levels.filter((_, l) => events[l] === 0);
  return { studies: term.levels.length, arms: design.n, zeroEventArms, doubleZeroStudies };
}

/**
 * Fixed effects that are not identified: estimate diverging on the logit scale or an unbounded SE.
 * @param fit - a fit
 * @returns coefficient names
 * @example
 * unidentifiedEffects(fsFit); // => ["factor(study)15"]
 */
export function unidentifiedEffects(fit: MixedFit): string[] {
  return fit.fixef.filter((f) => Math.abs(f.est) > 12 || !(f.se < 100)).map((f) => f.name);
}

/**
 * Pool one fitted model.
 * @param model - label, e.g. "UM.RS"
 * @param formula - the formula fitted
 * @param fit - its fit
 * @param options - treatment/group names, level
 * @returns the pooled log odds ratio, tau and fit statistics
 * @example
 * poolModel("UM.RS", f, fit, {}).logOR.est; // => -1.4051
 */
export function poolModel(model: string, formula: string, fit: MixedFit, options: MetaOptions = {}): MetaModelResult {
  const treatment = options.treatment ?? "treat", group = options.group ?? "study", level = options.level ?? 0.95;
  const b = fixedEffect(fit, treatment);
  const hasIntercept = fit.varCorr.some((v) => v.group === group && v.termNames.includes("(Intercept)"));
  return {
    model, formula, se: b.se,
    logOR: waldInterval(b.est, b.se, level),
    oddsRatio: waldInterval(b.est, b.se, level, Math.exp),
    tau: randomSd(fit, group, treatment),
    ...(hasIntercept ? { interceptSd: randomSd(fit, group, "(Intercept)") } : {}),
    logLik: fit.logLik, AIC: fit.AIC,
    unidentified: unidentifiedEffects(fit),
  };
}

/**
 * Meta-analysis from a spec whose formula is UM.RS and which lists UM.FS among its `alternative_formulas`.
 * @param specPath - spec.json (e.g. the nielweise2007 case)
 * @param options - treatment/group names, interval level
 * @returns data summary and both models
 * @example
 * metaAnalysis("test/fixtures/cases/nielweise2007/spec.json").models.map((m) => m.logOR.est);
 * // => [-1.3533, -1.4051]   (UM.FS, UM.RS)
 */
export function metaAnalysis(specPath: string, options: MetaOptions = {}): MetaAnalysis {
  const rs = loadSpec(specPath);
  const alt = (rs.spec.alternative_formulas ?? []).find((a) => a.name === "UM.FS");
  const models: MetaModelResult[] = [];
  if (alt) {
    const fs = loadSpec(specPath, alt.formula);
    models.push(poolModel("UM.FS", alt.formula, fitMixed(fs.design, { method: "Laplace" }), options));
  }
  models.push(poolModel("UM.RS", rs.spec.formula, fitMixed(rs.design, { method: "Laplace" }), options));
  return { data: metaDataSummary(rs.design, options.group ?? "study"), models };
}
