/**
 * Nesterov dual averaging of log(step size) (Hoffman & Gelman 2014, sec. 3.2.1), as Stan's
 * `stepsize_adaptation.hpp`: gamma 0.05, kappa 0.75, t0 10, target delta 0.8, mu = log(10 * eps0).
 * @module
 */

/** Settings of dual averaging. */
export interface DualAveragingOptions {
  /** Target mean acceptance statistic (default 0.8). */
  delta?: number;
  /** Regularisation scale (default 0.05). */
  gamma?: number;
  /** Relaxation exponent (default 0.75). */
  kappa?: number;
  /** Iteration offset (default 10). */
  t0?: number;
}

/** Dual-averaging state. */
export interface DualAveragingState {
  /** Number of updates since the last restart. */
  readonly counter: number;
  /** Running average of (delta - accept_stat). */
  readonly sBar: number;
  /** Averaged log step size (the final step size is exp(xBar)). */
  readonly xBar: number;
  /** Shrinkage target for log step size. */
  readonly mu: number;
  /** Current (non-averaged) log step size: the next step size is exp(x). */
  readonly x: number;
  readonly delta: number;
  readonly gamma: number;
  readonly kappa: number;
  readonly t0: number;
}

/**
 * Starts dual averaging around step size `stepSize` (mu = log(10 * stepSize)).
 *
 * @param stepSize - the step size the shrinkage target is built from
 * @param options - delta, gamma, kappa, t0
 * @returns the initial state
 * @example
 * dualAveragingInit(1).mu; // => Math.log(10)
 */
export function dualAveragingInit(stepSize: number, options: DualAveragingOptions = {}): DualAveragingState {
  return {
    counter: 0,
    sBar: 0,
    xBar: 0,
    mu: Math.log(10 * stepSize),
    x: Math.log(stepSize),
    delta: options.delta ?? 0.8,
    gamma: options.gamma ?? 0.05,
    kappa: options.kappa ?? 0.75,
    t0: options.t0 ?? 10,
  };
}

/**
 * Restarts the averages with a new shrinkage target mu = log(10 * stepSize) (Stan does this after each metric
 * update, with the step size found by the heuristic).
 *
 * @param state - current state (its settings are kept)
 * @param stepSize - new reference step size
 * @returns the restarted state
 * @example
 * dualAveragingRestart(dualAveragingInit(1), 0.1).mu; // => 0
 */
export function dualAveragingRestart(state: DualAveragingState, stepSize: number): DualAveragingState {
  return { ...state, counter: 0, sBar: 0, xBar: 0, mu: Math.log(10 * stepSize), x: Math.log(stepSize) };
}

/**
 * One dual-averaging update with the transition's acceptance statistic (capped at 1).
 *
 * @param state - current state
 * @param acceptStat - accept_stat of the last transition
 * @returns the new state; use `Math.exp(state.x)` as the next step size
 * @example
 * dualAveragingUpdate(dualAveragingInit(1), 0.8).x; // => Math.log(10)
 */
export function dualAveragingUpdate(state: DualAveragingState, acceptStat: number): DualAveragingState {
  const counter = state.counter + 1;
  const a = acceptStat > 1 ? 1 : acceptStat;
  const eta = 1 / (counter + state.t0);
  const sBar = (1 - eta) * state.sBar + eta * (state.delta - a);
  const x = state.mu - (sBar * Math.sqrt(counter)) / state.gamma;
  const xEta = Math.pow(counter, -state.kappa);
  const xBar = (1 - xEta) * state.xBar + xEta * x;
  return { ...state, counter, sBar, x, xBar };
}

/**
 * The adapted step size at the end of warmup: exp(xBar).
 *
 * @param state - final state
 * @returns the step size
 * @example
 * dualAveragingFinal(dualAveragingUpdate(dualAveragingInit(1), 0.8)); // => 10
 */
export function dualAveragingFinal(state: DualAveragingState): number {
  return Math.exp(state.xBar);
}
