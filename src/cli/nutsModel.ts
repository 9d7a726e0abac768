/**
 * The sampler model of a Design: the factory that `sample()`'s worker threads import to rebuild the compiled
 * log density (a closure cannot cross threads; the Design and priors are plain, cloneable data).
 * @module
 */
import type { SamplerModel } from "../../samplers/chains.js";
import { compileDesign } from "../compile/index.js";
import type { Design } from "../design/design.js";
import type { ModelPriors } from "../design/priors.js";

/** Arguments of the factory (structured-cloneable). */
export interface NutsModelArgs {
  readonly design: Design;
  readonly priors: ModelPriors;
}

/** This module's URL, for `ModelFactoryRef.module`. */
export const NUTS_MODEL_MODULE = import.meta.url;

/**
 * Build the sampler model: unconstrained log density, names, and the constrained outputs (FORMAT.md names).
 *
 * @param args - design and priors
 * @returns `{ dim, logDensity, names, output, outputNames }`
 * @example
 * nutsSamplerModel({ design, priors }).outputNames.slice(0, 2); // => ["(Intercept)", "period2"]
 */
export function nutsSamplerModel(args: NutsModelArgs): SamplerModel {
  const m = compileDesign(args.design, args.priors);
  return {
    dim: m.dim,
    logDensity: m.logDensity,
    names: m.names(),
    output: (theta, out) => m.output(theta, out),
    outputNames: m.outputNames(),
  };
}
