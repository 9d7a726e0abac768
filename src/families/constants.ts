/**
 * Data-only constants of the log-likelihood (binomial coefficients, factorials, 2 pi), summed once at compile
 * time so the log density is the full one (as lme4/glmmTMB report logLik) without per-call cost.
 * @module
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import type { Design } from "../design/design.js";
import { Kernel } from "./kernels.js";

/**
 * Sum over observations of the terms of log p(y | eta) that depend on data only.
 * Gaussian: -n/2 log(2 pi) (the -n log sigma part depends on sigma and is added per call).
 *
 * @param design - the design (y, trials)
 * @param k - its kernel
 * @returns the constant
 * @example
 * // poisson, y = [0, 2]: -(lgamma(1) + lgamma(3)) = -log 2
 */
export function likelihoodConstant(design: Design, k: Kernel): number {
  const { y, trials } = design.response;
  let c = 0;
  for (let i = 0; i < design.n; i++) {
    const yi = y[i];
    if (k === Kernel.GaussianIdentity || k === Kernel.GaussianLog) c -= 0.5 * Math.log(2 * Math.PI);
    else if (k === Kernel.PoissonLog || k === Kernel.NegBinomial2Log) c -= gammaln(yi + 1);
    else {
      const n = trials ? trials[i] : 1;
      c += gammaln(n + 1) - gammaln(yi + 1) - gammaln(n - yi + 1);
    }
  }
  return c;
}

/**
 * Check the response against the family; throws an Error saying what to change.
 *
 * @example
 * checkResponse({ ...design, family: "poisson" }, Kernel.PoissonLog); // throws on y = 1.5
 */
export function checkResponse(design: Design, k: Kernel): void {
  const { y, trials } = design.response;
  const fam = design.family;
  for (let i = 0; i < design.n; i++) {
    const yi = y[i];
    if (!Number.isFinite(yi)) throw new Error(`response ${design.response.name}[${i + 1}] is not a finite number; drop or impute missing rows`);
    if (k === Kernel.GaussianIdentity || k === Kernel.GaussianLog) continue;
    if (yi < 0 || Math.floor(yi) !== yi) throw new Error(`family ${fam} needs non-negative integer responses; ${design.response.name}[${i + 1}] = ${yi}`);
    if (fam === "bernoulli" && yi > 1) throw new Error(`family bernoulli needs 0/1 responses; ${design.response.name}[${i + 1}] = ${yi}: use binomial with trials`);
    if (fam === "binomial") {
      if (!trials) throw new Error("family binomial needs trials (response.trials); write cbind(successes, failures) or give trials");
      if (!(trials[i] >= yi)) throw new Error(`binomial: successes ${yi} exceed trials ${trials[i]} at row ${i + 1}`);
    }
  }
}
