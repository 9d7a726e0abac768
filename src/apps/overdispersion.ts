/**
 * Overdispersed counts: Poisson, Poisson with an observation-level random effect (OLRE) and negative
 * binomial (NB2) GLMMs fitted to the same data and compared by AIC, with the Pearson dispersion of the
 * Poisson fit as evidence.
 * @module
 */
import chisqCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import type { Design } from "../design/design.js";
import { fitMixed, type MixedFit } from "../laplace/index.js";
import { withFamily, withObservationEffect, withoutObservationEffects } from "./designEdit.js";
import { conditionalPredictor } from "./linearPredictor.js";

/** Pearson dispersion of a Poisson fit: sum((y - mu)^2 / mu) / residual df. */
export interface Dispersion {
  readonly pearsonChi2: number;
  /** n minus the number of estimated parameters (fixed effects and variance parameters). */
  readonly residualDf: number;
  readonly ratio: number;
  /** Upper-tail chi-square p-value of the Pearson statistic (approximate, as in the GLMM FAQ). */
  readonly pValue: number;
}

/** One candidate model. */
export interface CountModel {
  readonly model: "poisson" | "poisson+olre" | "negbinomial2";
  readonly fit: MixedFit;
  readonly logLik: number;
  readonly AIC: number;
  readonly df: number;
  readonly deltaAIC: number;
}

/** The comparison. */
export interface OverdispersionResult {
  readonly dispersion: Dispersion;
  /** Sorted by AIC, best first. */
  readonly models: CountModel[];
  readonly preferred: CountModel["model"];
}

/**
 * Pearson dispersion of a Poisson fit (conditional on the random-effect modes).
 * @param design - the Poisson design
 * @param fit - its fit
 * @returns chi2, residual df, ratio, p-value
 * @example
 * pearsonDispersion(owlsPoisson, fit).ratio; // => 5.6
 */
export function pearsonDispersion(design: Design, fit: MixedFit): Dispersion {
  if (design.family !== "poisson") throw new Error(`Pearson dispersion is computed for the poisson fit, not ${design.family}`);
  const eta = conditionalPredictor(design, fit);
  let chi2 = 0;
  for (let i = 0; i < design.n; i++) {
    const mu = Math.exp(eta[i]), r = design.response.y[i] - mu;
    chi2 += (r * r) / mu;
  }
  const residualDf = design.n - fit.df;
  return { pearsonChi2: chi2, residualDf, ratio: chi2 / residualDf, pValue: 1 - chisqCdf(chi2, residualDf) };
}

/**
 * Fit Poisson, Poisson + OLRE and NB2 versions of a count design (any OLRE already in the design is
 * removed first, then added back as the OLRE model) and compare them by AIC.
 * @param design - a poisson or negbinomial2 design (log link)
 * @returns dispersion of the Poisson fit, models sorted by AIC, the preferred family
 * @example
 * compareCountModels(loadSpec("owls/spec.json").design).preferred; // => "negbinomial2"
 */
export function compareCountModels(design: Design): OverdispersionResult {
  if (design.family !== "poisson" && design.family !== "negbinomial2") {
    throw new Error(`overdispersion checks are for count models (poisson or negbinomial2), not ${design.family}`);
  }
  const base = withFamily(withoutObservationEffects(design), "poisson");
  const variants: [CountModel["model"], Design][] = [
    ["poisson", base], ["poisson+olre", withObservationEffect(base)], ["negbinomial2", withFamily(base, "negbinomial2")],
  ];
  const fits = variants.map(([model, d]) => ({ model, fit: fitMixed(d, { method: "Laplace" }) }));
  const best = Math.min(...fits.map((f) => f.fit.AIC));
  const models = fits
    .map(({ model, fit }) => ({ model, fit, logLik: fit.logLik, AIC: fit.AIC, df: fit.df, deltaAIC: fit.AIC - best }))
    .sort((a, b) => a.AIC - b.AIC);
  return { dispersion: pearsonDispersion(base, fits[0].fit), models, preferred: models[0].model };
}
