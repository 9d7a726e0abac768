/**
 * Welford's streaming mean and (co)variance, with Stan's regularisation of the estimate towards 1e-3:
 * var_reg = n/(n+5) var + 1e-3 * 5/(n+5) (Stan's `welford_var_estimator` / `welford_covar_estimator` plus
 * `var_adaptation` / `covar_adaptation`).
 * @module
 */

/** Streaming estimator state (arrays are owned by the state; update returns a new state). */
export interface WelfordState {
  /** Number of samples added. */
  readonly n: number;
  /** Running mean (length dim). */
  readonly mean: Float64Array;
  /** Sum of squared deviations: length dim (diagonal) or dim*dim row-major (dense). */
  readonly m2: Float64Array;
  /** Whether the full covariance is tracked. */
  readonly dense: boolean;
}

/**
 * Empty estimator.
 *
 * @param dim - dimension
 * @param dense - track the full covariance (default false: variances only)
 * @returns the state
 * @example
 * welfordInit(3).n; // => 0
 */
export function welfordInit(dim: number, dense = false): WelfordState {
  return { n: 0, mean: new Float64Array(dim), m2: new Float64Array(dense ? dim * dim : dim), dense };
}

/**
 * Adds one sample (returns a new state; the input is not modified).
 *
 * @param state - current state
 * @param x - sample, length dim
 * @returns the updated state
 * @example
 * welfordUpdate(welfordInit(1), new Float64Array([2])).mean; // => Float64Array [2]
 */
export function welfordUpdate(state: WelfordState, x: Float64Array): WelfordState {
  const dim = state.mean.length;
  const n = state.n + 1;
  const mean = Float64Array.from(state.mean);
  const m2 = Float64Array.from(state.m2);
  const delta = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    delta[i] = x[i] - mean[i];
    mean[i] += delta[i] / n;
  }
  if (state.dense) {
    for (let i = 0; i < dim; i++) {
      const di = x[i] - mean[i];
      for (let j = 0; j < dim; j++) m2[i * dim + j] += di * delta[j];
    }
  } else {
    for (let i = 0; i < dim; i++) m2[i] += (x[i] - mean[i]) * delta[i];
  }
  return { n, mean, m2, dense: state.dense };
}

/**
 * Sample (co)variance with divisor n - 1 (zeros when n < 2).
 *
 * @param state - estimator
 * @returns variances (diag) or the row-major covariance (dense)
 * @example
 * welfordVariance([1, 3].reduce((s, v) => welfordUpdate(s, new Float64Array([v])), welfordInit(1))); // => Float64Array [2]
 */
export function welfordVariance(state: WelfordState): Float64Array {
  const out = new Float64Array(state.m2.length);
  if (state.n < 2) return out;
  for (let i = 0; i < out.length; i++) out[i] = state.m2[i] / (state.n - 1);
  return out;
}

/**
 * Stan's regularised inverse-metric estimate: n/(n+5) * Sigma + 1e-3 * 5/(n+5) * I.
 *
 * @param state - estimator
 * @returns regularised variances (diag) or covariance (dense, row-major)
 * @example
 * regularizedVariance(welfordInit(1)); // => Float64Array [0.001]
 */
export function regularizedVariance(state: WelfordState): Float64Array {
  const v = welfordVariance(state);
  const n = state.n;
  const dim = state.mean.length;
  const w = n / (n + 5);
  const shrink = 1e-3 * (5 / (n + 5));
  for (let i = 0; i < v.length; i++) v[i] *= w;
  for (let i = 0; i < dim; i++) v[state.dense ? i * dim + i : i] += shrink;
  return v;
}
