/**
 * Pooled posterior draws of named outputs of a NUTS fit.
 * @module
 */
import type { NutsFit } from "../fit/index.js";

/**
 * All chains' draws of one output, pooled (chain after chain).
 * @param fit - a NUTS fit
 * @param name - FORMAT.md output name, e.g. `treat`, `sd__study__treat`, `re__hospital__(Intercept)[H01]`
 * @returns the draws
 * @throws Error listing a few available names
 * @example
 * pooledDraws(fit, "(Intercept)").length; // => 4000 (4 chains x 1000 draws)
 */
export function pooledDraws(fit: NutsFit, name: string): Float64Array {
  const names = fit.result.outputNames, k = names.indexOf(name), m = names.length;
  if (k < 0) throw new Error(`the NUTS fit has no output '${name}'; it has ${names.slice(0, 8).join(", ")}...`);
  const total = fit.result.chains.reduce((s, c) => s + c.draws.length / m, 0);
  const out = new Float64Array(total);
  let o = 0;
  for (const c of fit.result.chains) {
    const nd = c.draws.length / m;
    for (let d = 0; d < nd; d++) out[o++] = c.draws[d * m + k];
  }
  return out;
}
