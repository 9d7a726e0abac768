/**
 * The flattened model design: what a formula (or a hand-declared graph) reduces to, and what both engines
 * consume — the compiled log density (NUTS) and PIRLS/Laplace (empirical Bayes).
 *
 * Storage: every matrix is a flat `Float64Array`, **row-major by observation** (`X[i * p + j]`), so the GLM
 * block is one pass over observations.
 * @module
 */

/** Response distributions. `negbinomial2`: var = mu + mu^2 / shape. */
export type FamilyName = "gaussian" | "bernoulli" | "binomial" | "poisson" | "negbinomial2";

/** Link functions. */
export type LinkName = "identity" | "log" | "logit" | "probit" | "cloglog";

/**
 * One random-effect term `(t1 + t2 + ... | group)`: `k` coefficients per level of `group`.
 * `(x || g)` is split into one term per coefficient (as lme4 does), all with the same `group`.
 */
export interface ReTerm {
  /** Grouping name used in parameter names: `herd`, `a:b` (nested/interaction factors). */
  readonly group: string;
  /** Coefficient names as R writes them: `(Intercept)`, `Days`. Length k. */
  readonly termNames: readonly string[];
  /** Level labels in order (the spec's `factors` order, else sorted as R does). */
  readonly levels: readonly string[];
  /** Level index (0-based) of every observation; length n. */
  readonly index: Int32Array;
  /** Covariate values, row-major n x k: the effect of obs i is sum_j Z[i*k+j] * b[level(i), j]. */
  readonly Z: Float64Array;
  /**
   * Known covariance between levels (kinship, lineage, spatial), row-major levels x levels; only for k = 1.
   * cov(b) = sd^2 * K.
   */
  readonly knownCovariance?: Float64Array;
}

/** The response: `y` (for binomial, successes) and, for binomial, `trials`. */
export interface Response {
  readonly name: string;
  readonly y: Float64Array;
  readonly trials?: Float64Array;
}

/**
 * A GLMM design: y ~ family(linkinv(X beta + sum_t Z_t b_t + offset)).
 *
 * @example
 * const d: Design = { n: 2, p: 1, X: new Float64Array([1, 1]), fixedNames: ["(Intercept)"],
 *   response: { name: "y", y: new Float64Array([0.5, 1.5]) }, terms: [], family: "gaussian", link: "identity" };
 */
export interface Design {
  readonly n: number;
  readonly p: number;
  /** Fixed-effect design, row-major n x p. */
  readonly X: Float64Array;
  /** R's model.matrix column names, length p. */
  readonly fixedNames: readonly string[];
  readonly response: Response;
  readonly offset?: Float64Array;
  readonly terms: readonly ReTerm[];
  readonly family: FamilyName;
  readonly link: LinkName;
}

/** Number of coefficients of a term (columns of its Z). */
export function termSize(t: ReTerm): number {
  return t.termNames.length;
}
