/**
 * glmm samplers: NUTS, integrators, metrics, adaptation, chains. They see a `LogDensityFn` and an RNG, nothing else.
 * @module
 */
export type { LogDensityFn, Rng } from "../src/types.js";
