/**
 * The compiled model: what NUTS, Laplace start values and the CLI see.
 * @module
 */
import type { Design } from "../design/design.js";

/** A GLMM compiled to one log density on an unconstrained vector. */
export interface CompiledModel {
  /** Number of unconstrained coordinates. */
  readonly dim: number;
  /** The design it was compiled from. */
  readonly design: Design;
  /** Whether random effects are parameterised directly (centered) or as z (non-centered, the default). */
  readonly centered: boolean;
  /**
   * One name per unconstrained coordinate: fixed effects by R name, `log(sd__g__t)`, `atanh_cpc__g[i,j]`,
   * `z__g__t[level]` (non-centered; for a known covariance `z__g__(Intercept)[m]` is the m-th eigenvector's coefficient
   * when the model is compiled in the eigenbasis (gaussian, one observation per level; see rotatedKnown.ts), else the
   * m-th column of the pivoted Cholesky factor) or
   * `re__g__t[level]` (centered), `log(sigma)`, `log(shape)`.
   */
  names(): string[];
  /**
   * Full log density (all constants, Jacobians of every transform included) at theta; writes its gradient.
   * Allocates nothing.
   */
  logDensity(theta: Float64Array, grad: Float64Array): number;
  /** Names of the constrained outputs, FORMAT.md order: fixed, sd__, cor__, sigma, shape, re__. */
  outputNames(): string[];
  /** Write the constrained outputs (outputNames order) into out. */
  output(theta: Float64Array, out: Float64Array): void;
  /** The outputs as a name -> value record. */
  constrain(theta: Float64Array): Record<string, number>;
  /**
   * Inverse of constrain: named values (any subset of outputNames) -> theta. Missing values default to fixed
   * effects 0, sd 1, cor 0, sigma 1, shape 1, random effects 0.
   */
  unconstrain(values: Readonly<Record<string, number>>): Float64Array;
}
