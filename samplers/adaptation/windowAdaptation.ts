/**
 * Stan's windowed warmup as init / update / final learners (blackjax's `window_adaptation` shape): dual averaging of
 * the step size on every warmup iteration, a Welford (co)variance estimate of the draws inside the slow windows,
 * and at each window end a new inverse metric, after which the caller re-runs the step-size heuristic and calls
 * `windowAdaptationRestart` (Stan re-centres dual averaging at mu = log(10 * eps)).
 * @module
 */
import type { MetricKind } from "../metrics.js";
import { dualAveragingFinal, dualAveragingInit, dualAveragingRestart, dualAveragingUpdate, type DualAveragingOptions, type DualAveragingState } from "./dualAveraging.js";
import { buildSchedule, type Schedule, type ScheduleOptions } from "./schedule.js";
import { regularizedVariance, welfordInit, welfordUpdate, type WelfordState } from "./welford.js";

/** Warmup state. */
export interface WindowAdaptationState {
  /** Warmup iterations done. */
  readonly iteration: number;
  /** Step size to use for the next transition. */
  readonly stepSize: number;
  /** Current inverse metric (diagonal or row-major dense; empty for unit). */
  readonly inverseMetric: Float64Array;
  readonly metricKind: MetricKind;
  readonly dualAveraging: DualAveragingState;
  readonly welford: WelfordState;
  readonly schedule: Schedule;
}

/** What one update produced. */
export interface WindowAdaptationUpdate {
  state: WindowAdaptationState;
  /** True when a slow window just ended: the inverse metric changed, re-run the step-size heuristic. */
  metricUpdated: boolean;
}

/** Options of the windowed adaptation. */
export interface WindowAdaptationOptions extends DualAveragingOptions, ScheduleOptions {}

function identityInverse(kind: MetricKind, dim: number): Float64Array {
  if (kind === "unit") return new Float64Array(0);
  if (kind === "diag") return new Float64Array(dim).fill(1);
  const eye = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) eye[i * dim + i] = 1;
  return eye;
}

/**
 * Starts warmup.
 *
 * @param dim - dimension
 * @param numWarmup - number of warmup iterations
 * @param metricKind - which metric to adapt ("unit" adapts the step size only)
 * @param stepSize - initial step size (dual averaging's mu = log(10 * stepSize), as Stan's services)
 * @param options - delta (0.8), gamma, kappa, t0, initBuffer, termBuffer, baseWindow
 * @returns the initial warmup state
 * @example
 * windowAdaptationInit(2, 1000, "diag", 1).schedule.windowEnds.length; // => 5
 */
export function windowAdaptationInit(
  dim: number,
  numWarmup: number,
  metricKind: MetricKind,
  stepSize: number,
  options: WindowAdaptationOptions = {},
): WindowAdaptationState {
  return {
    iteration: 0,
    stepSize,
    inverseMetric: identityInverse(metricKind, dim),
    metricKind,
    dualAveraging: dualAveragingInit(stepSize, options),
    welford: welfordInit(dim, metricKind === "dense"),
    schedule: buildSchedule(metricKind === "unit" ? 0 : numWarmup, { estimator: metricKind === "dense" ? "covariance" : "variance", ...options }),
  };
}

/**
 * Learns from one warmup transition: the step size from its accept_stat, the metric from its position.
 *
 * @param state - warmup state
 * @param position - position after the transition
 * @param acceptStat - the transition's accept_stat
 * @returns the new state and whether the metric was just updated
 * @example
 * windowAdaptationUpdate(windowAdaptationInit(1, 1000, "diag", 1), new Float64Array([0]), 0.8).metricUpdated; // => false
 */
export function windowAdaptationUpdate(state: WindowAdaptationState, position: Float64Array, acceptStat: number): WindowAdaptationUpdate {
  const i = state.iteration;
  const dualAveraging = dualAveragingUpdate(state.dualAveraging, acceptStat);
  let next: WindowAdaptationState = { ...state, iteration: i + 1, dualAveraging, stepSize: Math.exp(dualAveraging.x) };
  if (state.metricKind === "unit") return { state: next, metricUpdated: false };
  const welford = state.schedule.collect[i] ? welfordUpdate(state.welford, position) : state.welford;
  next = { ...next, welford };
  if (!state.schedule.windowEnds.includes(i)) return { state: next, metricUpdated: false };
  const inverseMetric = regularizedVariance(welford);
  next = { ...next, inverseMetric, welford: welfordInit(position.length, state.metricKind === "dense") };
  return { state: next, metricUpdated: true };
}

/**
 * After a metric update and the step-size heuristic: restart dual averaging around the new step size.
 *
 * @param state - warmup state
 * @param stepSize - step size found by `initStepSize`
 * @returns the state with step size set and dual averaging restarted (mu = log(10 * stepSize))
 * @example
 * windowAdaptationRestart(windowAdaptationInit(1, 1000, "diag", 1), 0.5).stepSize; // => 0.5
 */
export function windowAdaptationRestart(state: WindowAdaptationState, stepSize: number): WindowAdaptationState {
  return { ...state, stepSize, dualAveraging: dualAveragingRestart(state.dualAveraging, stepSize) };
}

/**
 * The adapted parameters at the end of warmup: step size exp(xBar) and the last inverse metric.
 *
 * @param state - final warmup state
 * @returns step size and inverse metric for sampling
 * @example
 * windowAdaptationFinal(windowAdaptationInit(1, 0, "diag", 1)).inverseMetric; // => Float64Array [1]
 */
export function windowAdaptationFinal(state: WindowAdaptationState): { stepSize: number; inverseMetric: Float64Array } {
  const stepSize = state.dualAveraging.counter > 0 ? dualAveragingFinal(state.dualAveraging) : state.stepSize;
  return { stepSize, inverseMetric: state.inverseMetric };
}
