/**
 * glmm samplers: NUTS, integrators, metrics, adaptation, chains. They see a `LogDensityFn` and an RNG, nothing else.
 * @module
 */
export type { LogDensityFn, Rng } from "../src/types.js";
export { leapfrog, mclachlan, integrate, evaluate, hamiltonian, makePoint, copyPoint, clonePoint } from "./integrators.js";
export type { PhasePoint, IntegratorCoefficients } from "./integrators.js";
export { unitMetric, diagMetric, denseMetric, makeMetric, cholesky } from "./metrics.js";
export type { Metric, MetricKind } from "./metrics.js";
export { init, step, logSumExp } from "./nuts.js";
export type { NutsState, NutsInfo, NutsParams } from "./nuts.js";
export { dualAveragingInit, dualAveragingUpdate, dualAveragingRestart, dualAveragingFinal } from "./adaptation/dualAveraging.js";
export type { DualAveragingOptions, DualAveragingState } from "./adaptation/dualAveraging.js";
export { welfordInit, welfordUpdate, welfordVariance, regularizedVariance } from "./adaptation/welford.js";
export type { WelfordState } from "./adaptation/welford.js";
export { buildSchedule } from "./adaptation/schedule.js";
export type { Schedule, ScheduleOptions } from "./adaptation/schedule.js";
export { initStepSize } from "./adaptation/initStepSize.js";
export type { InitStepSizeParams } from "./adaptation/initStepSize.js";
export { windowAdaptationInit, windowAdaptationUpdate, windowAdaptationRestart, windowAdaptationFinal } from "./adaptation/windowAdaptation.js";
export type { WindowAdaptationState, WindowAdaptationUpdate, WindowAdaptationOptions } from "./adaptation/windowAdaptation.js";
export { runChain, randomInit } from "./chains.js";
export type { SamplerModel, ChainOptions, ChainResult, SamplerColumns, IterationCallback } from "./chains.js";
export { loadModel, moduleUrl } from "./model.js";
export type { ModelFactoryRef, ModelFactory } from "./model.js";
export { sample } from "./run.js";
export type { SampleOptions, SampleResult, SampleProgress } from "./run.js";
export { writeStanCsv, parseStanCsv, stanCsvColumnName, SAMPLER_COLUMNS } from "./io/stanCsv.js";
export type { StanCsv, StanCsvMeta } from "./io/stanCsv.js";
export { PROGRESS_MS } from "./worker.js";
