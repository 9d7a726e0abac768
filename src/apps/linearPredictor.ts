/**
 * Linear predictors of a fitted model: fixed part and conditional (with the random-effect modes).
 * @module
 */
import type { Design } from "../design/design.js";
import type { MixedFit } from "../laplace/index.js";
import { fixedPredictor } from "../design/fixedPredictor.js";

export { fixedPredictor };


/**
 * Random-effect modes of a fit as one array per design term (levels x k, row-major).
 * @param design - the design the fit came from
 * @param fit - the fit
 * @returns per term, b[level * k + c]
 * @example
 * termModes(design, fit)[0][0]; // => -0.2365
 */
export function termModes(design: Design, fit: MixedFit): Float64Array[] {
  const byKey = new Map(fit.ranef.map((r) => [`${r.group}\u0000${r.term}\u0000${r.level}`, r.mode]));
  return design.terms.map((t) => {
    const k = t.termNames.length;
    const b = new Float64Array(t.levels.length * k);
    t.levels.forEach((lv, l) => t.termNames.forEach((tn, c) => {
      const v = byKey.get(`${t.group}\u0000${tn}\u0000${lv}`);
      if (v === undefined) throw new Error(`fit has no conditional mode for ${tn} | ${t.group} level ${lv}`);
      b[l * k + c] = v;
    }));
    return b;
  });
}

/**
 * Conditional linear predictor X beta + Z b + offset at the fit's estimates and modes.
 * @param design - the design the fit came from
 * @param fit - the fit
 * @returns eta, length n
 * @example
 * conditionalPredictor(design, fit)[0]; // => 1.93
 */
export function conditionalPredictor(design: Design, fit: MixedFit): Float64Array {
  const eta = fixedPredictor(design, fit.fixef.map((f) => f.est));
  const modes = termModes(design, fit);
  design.terms.forEach((t, ti) => {
    const k = t.termNames.length, b = modes[ti];
    for (let i = 0; i < design.n; i++) {
      const l = t.index[i];
      for (let c = 0; c < k; c++) eta[i] += t.Z[i * k + c] * b[l * k + c];
    }
  });
  return eta;
}
