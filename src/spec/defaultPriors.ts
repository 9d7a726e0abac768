/**
 * Priors when a model gives none: FORMAT.md's defaults, with the gaussian scaling the reference cases use
 * (Intercept and b normal(0, 10 sd(y)), sigma normal+(0, 5 sd(y)), sd normal+(0, 2.5 sd(y))). Classes absent
 * from the model (sigma unless gaussian, shape unless negative binomial) are null.
 * @module
 */
import type { Design } from "../design/design.js";
import { DEFAULT_PRIORS, type ModelPriors } from "../design/priors.js";

function sampleSd(y: Float64Array): number {
  let m = 0;
  for (const v of y) m += v / y.length;
  let ss = 0;
  for (const v of y) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (y.length - 1));
}

/**
 * Default priors for a design.
 *
 * @example
 * defaultPriors(poissonDesign).sigma; // => null
 * defaultPriors(poissonDesign).b;     // => { dist: "normal", mu: 0, sigma: 5 }
 */
export function defaultPriors(design: Design): ModelPriors {
  const base: ModelPriors = {
    ...DEFAULT_PRIORS,
    sigma: design.family === "gaussian" ? DEFAULT_PRIORS.sigma : null,
    shape: design.family === "negbinomial2" ? DEFAULT_PRIORS.shape : null,
  };
  if (design.family !== "gaussian") return base;
  const s = sampleSd(design.response.y) || 1;
  return {
    ...base,
    Intercept: { dist: "normal", mu: 0, sigma: 10 * s },
    b: { dist: "normal", mu: 0, sigma: 10 * s },
    sd: { dist: "normal", mu: 0, sigma: 2.5 * s, half: true },
    sigma: { dist: "normal", mu: 0, sigma: 5 * s, half: true },
  };
}
