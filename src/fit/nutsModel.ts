/**
 * The worker-side model factory for NUTS: rebuilds the compiled log density of a Design in each worker thread.
 * Kept in its own module (and its own tsup entry, `nuts-model`) so a worker can import it by path.
 * @module
 */
import { compileDesign } from "../compile/index.js";
import type { Design } from "../design/design.js";
import type { ModelPriors } from "../design/priors.js";

/** Structured-cloneable arguments of {@link nutsModel}. */
export interface NutsModelArgs {
  readonly design: Design;
  readonly priors: ModelPriors;
  readonly centered?: boolean;
}

/**
 * Compile a Design for the sampler: dimension, log density with gradient, and the map from the unconstrained
 * vector to the reported values (FORMAT.md names: fixed effects, sd__, cor__, sigma, shape, re__).
 *
 * @param args - design, priors and parameterisation
 * @returns a `SamplerModel` for `samplers/sample`
 * @example
 * const m = nutsModel({ design, priors }); m.outputNames[0]; // => "(Intercept)"
 */
export function nutsModel(args: NutsModelArgs) {
  const model = compileDesign(args.design, args.priors, { centered: args.centered });
  return {
    dim: model.dim,
    logDensity: model.logDensity,
    names: model.names(),
    output: (theta: Float64Array, out: Float64Array) => model.output(theta, out),
    outputNames: model.outputNames(),
  };
}

/**
 * The absolute URL of this factory module, in the sources (`.ts`, run by tsx) or in the build (`dist/nuts-model.js`).
 *
 * @example
 * nutsModelUrl().endsWith("nutsModel.ts") || nutsModelUrl().endsWith("nuts-model.js"); // => true
 */
export function nutsModelUrl(): string {
  const here = import.meta.url;
  if (here.endsWith("/src/fit/nutsModel.ts")) return here;
  return new URL("./nuts-model.js", here).href;
}
