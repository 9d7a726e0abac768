/**
 * One NUTS chain, in-process: random inits, Stan's windowed warmup, sampling, and the per-draw sampler columns.
 * Everything random comes from the chain's own seeded stream makeRng(streamSeed(seed, chain)), so a chain's draws
 * do not depend on which thread runs it.
 * @module
 */
import { makeRng, streamSeed } from "../src/rng.js";
import type { LogDensityFn, Rng } from "../src/types.js";
import { initStepSize } from "./adaptation/initStepSize.js";
import { windowAdaptationFinal, windowAdaptationInit, windowAdaptationRestart, windowAdaptationUpdate } from "./adaptation/windowAdaptation.js";
import { makeMetric, type Metric, type MetricKind } from "./metrics.js";
import { init, step, type NutsInfo, type NutsState } from "./nuts.js";

/** A model as the samplers see it. */
export interface SamplerModel {
  /** Number of unconstrained parameters. */
  dim: number;
  /** Log density on the unconstrained scale, with gradient. */
  logDensity: LogDensityFn;
  /** Unconstrained parameter names (default theta[1..dim]). */
  names?: string[];
  /** Maps unconstrained theta to the reported values (default: identity). */
  output?: (theta: Float64Array, out: Float64Array) => void;
  /** Names of the reported values (required with `output`; its length is the output size). */
  outputNames?: string[];
}

/** Options of one chain. */
export interface ChainOptions {
  /** Chain index (0-based): selects the RNG stream. */
  chain: number;
  /** Base seed. */
  seed: number | string;
  warmup: number;
  draws: number;
  /** Keep every thin-th draw (default 1). */
  thin?: number;
  /** Target acceptance (default 0.8). */
  adaptDelta?: number;
  /** Default 10. */
  maxTreeDepth?: number;
  /** Default "diag". */
  metric?: MetricKind;
  /** Initial unconstrained values; default uniform(-initRadius, initRadius). */
  init?: ArrayLike<number>;
  /** Half-width of the random initial values (Stan's init_r / CmdStan `init=R`, default 2; 0 starts at zero). */
  initRadius?: number;
  /** Initial step size (default 1). */
  stepSize?: number;
}

/** Per-draw sampler columns (Stan's names without the trailing "__"). */
export interface SamplerColumns {
  lp: Float64Array;
  acceptStat: Float64Array;
  stepSize: Float64Array;
  treeDepth: Float64Array;
  nLeapfrog: Float64Array;
  divergent: Float64Array;
  energy: Float64Array;
}

/** Everything one chain produced. */
export interface ChainResult {
  chain: number;
  /** Reported values, draw-major: draws[d * outputNames.length + k]. */
  draws: Float64Array;
  outputNames: string[];
  sampler: SamplerColumns;
  /** Adapted step size and inverse metric (diagonal or row-major dense; empty for unit). */
  stepSize: number;
  inverseMetric: Float64Array;
  metric: MetricKind;
  /** Initial unconstrained values actually used. */
  init: Float64Array;
  warmupSeconds: number;
  samplingSeconds: number;
  warmupLeapfrog: number;
  samplingLeapfrog: number;
  /** Stan's adaptation messages (window fallback), if any. */
  messages: string[];
}

/** Called after each iteration (warmup and sampling). Return value ignored. */
export type IterationCallback = (chain: number, iteration: number, total: number, warmup: boolean) => void;

/**
 * Random initial state: uniform(-radius, radius) per coordinate, retried up to 100 times until the log density and
 * gradient are finite (Stan's default, radius 2).
 *
 * @param rng - uniform source
 * @param model - the model
 * @param given - fixed initial values (used as is when present)
 * @param radius - half-width of the uniform draws (Stan's init_r; default 2)
 * @returns the NUTS state
 * @throws when no finite initial point is found
 * @example
 * randomInit(makeRng(1), { dim: 1, logDensity: (t, g) => { g[0] = -t[0]; return 0; } }).position.length; // => 1
 */
export function randomInit(rng: Rng, model: SamplerModel, given?: ArrayLike<number>, radius = 2): NutsState {
  if (given) {
    if (given.length !== model.dim) throw new Error(`init has ${given.length} values; the model has ${model.dim} parameters.`);
    return init(Float64Array.from(given), model.logDensity);
  }
  const q = new Float64Array(model.dim);
  for (let attempt = 0; attempt < 100; attempt++) {
    for (let i = 0; i < model.dim; i++) q[i] = -radius + 2 * radius * rng();
    try {
      return init(q, model.logDensity);
    } catch {
      // retry with another uniform(-2, 2) draw
    }
  }
  throw new Error(`No finite log density/gradient after 100 random inits in (-${radius}, ${radius}): check the model, pass \`init\` or a smaller \`initRadius\`.`);
}

function makeColumns(n: number): SamplerColumns {
  const c = (): Float64Array => new Float64Array(n);
  return { lp: c(), acceptStat: c(), stepSize: c(), treeDepth: c(), nLeapfrog: c(), divergent: c(), energy: c() };
}

function record(cols: SamplerColumns, k: number, s: NutsState, info: NutsInfo): void {
  cols.lp[k] = s.logDensity;
  cols.acceptStat[k] = info.acceptStat;
  cols.stepSize[k] = info.stepSize;
  cols.treeDepth[k] = info.treeDepth;
  cols.nLeapfrog[k] = info.numSteps;
  cols.divergent[k] = info.isDivergent ? 1 : 0;
  cols.energy[k] = info.energy;
}

interface WarmupResult {
  state: NutsState;
  stepSize: number;
  metric: Metric;
  leapfrog: number;
  messages: string[];
}

function warmupChain(rng: Rng, model: SamplerModel, start: NutsState, o: ChainOptions, tick: (i: number) => void): WarmupResult {
  const kind = o.metric ?? "diag";
  const maxTreeDepth = o.maxTreeDepth ?? 10;
  let metric = makeMetric(kind, model.dim);
  let state = start;
  const eps0 = initStepSize(rng, state, o.stepSize ?? 1, { logDensity: model.logDensity, metric });
  let adapt = windowAdaptationInit(model.dim, o.warmup, kind, o.stepSize ?? 1, { delta: o.adaptDelta ?? 0.8 });
  adapt = { ...adapt, stepSize: eps0 };
  let leapfrog = 0;
  for (let i = 0; i < o.warmup; i++) {
    const [next, info] = step(rng, state, { logDensity: model.logDensity, stepSize: adapt.stepSize, metric, maxTreeDepth });
    state = next;
    leapfrog += info.numSteps;
    const u = windowAdaptationUpdate(adapt, state.position, info.acceptStat);
    adapt = u.state;
    if (u.metricUpdated) {
      metric = makeMetric(kind, model.dim, adapt.inverseMetric);
      const eps = initStepSize(rng, state, adapt.stepSize, { logDensity: model.logDensity, metric });
      adapt = windowAdaptationRestart(adapt, eps);
    }
    tick(i);
  }
  const final = windowAdaptationFinal(adapt);
  return { state, stepSize: o.warmup > 0 ? final.stepSize : eps0, metric, leapfrog, messages: adapt.schedule.messages };
}

function outputSpec(model: SamplerModel): { names: string[]; write: (theta: Float64Array, out: Float64Array) => void } {
  if (model.output) {
    if (!model.outputNames) throw new Error("A model with `output` must also give `outputNames`.");
    return { names: model.outputNames, write: model.output };
  }
  const names = model.names ?? Array.from({ length: model.dim }, (_, i) => `theta[${i + 1}]`);
  return { names, write: (theta, out) => out.set(theta) };
}

interface SamplingResult {
  draws: Float64Array;
  names: string[];
  cols: SamplerColumns;
  leapfrog: number;
}

function sampleChain(rng: Rng, model: SamplerModel, w: WarmupResult, o: ChainOptions, tick: (i: number) => void): SamplingResult {
  const thin = Math.max(1, Math.floor(o.thin ?? 1));
  const out = outputSpec(model);
  const nKeep = Math.ceil(o.draws / thin);
  const draws = new Float64Array(nKeep * out.names.length);
  const cols = makeColumns(nKeep);
  const buf = new Float64Array(out.names.length);
  const params = { logDensity: model.logDensity, stepSize: w.stepSize, metric: w.metric, maxTreeDepth: o.maxTreeDepth ?? 10 };
  let state = w.state;
  let leapfrog = 0;
  for (let i = 0; i < o.draws; i++) {
    const [next, info] = step(rng, state, params);
    state = next;
    leapfrog += info.numSteps;
    if (i % thin === 0) {
      out.write(state.position, buf);
      draws.set(buf, (i / thin) * buf.length);
      record(cols, i / thin, state, info);
    }
    tick(i);
  }
  return { draws, names: out.names, cols, leapfrog };
}

/**
 * Runs one chain: init, warmup (Stan's windowed adaptation), then `draws` kept iterations (thinned).
 *
 * @param model - dimension, log density, optional output map
 * @param options - chain index, seed, warmup, draws, thin, adaptDelta, maxTreeDepth, metric, init
 * @param onIteration - progress callback after each iteration
 * @param signal - abort signal, checked every iteration
 * @returns draws, sampler columns, adaptation results and timings
 * @example
 * const r = runChain({ dim: 1, logDensity: (t, g) => { g[0] = -t[0]; return -0.5 * t[0] * t[0]; } }, { chain: 0, seed: 1, warmup: 100, draws: 100 });
 * r.draws.length; // => 100
 */
export function runChain(model: SamplerModel, options: ChainOptions, onIteration?: IterationCallback, signal?: AbortSignal): ChainResult {
  const rng = makeRng(streamSeed(options.seed, options.chain));
  const total = options.warmup + options.draws;
  const check = (i: number, warm: boolean): void => {
    if (signal?.aborted) throw new Error("Sampling aborted.");
    onIteration?.(options.chain, i + 1, total, warm);
  };
  const start = randomInit(rng, model, options.init, options.initRadius ?? 2);
  const t0 = performance.now();
  const w = warmupChain(rng, model, start, options, (i) => check(i, true));
  const t1 = performance.now();
  const s = sampleChain(rng, model, w, options, (i) => check(options.warmup + i, false));
  return {
    chain: options.chain,
    draws: s.draws,
    outputNames: s.names,
    sampler: s.cols,
    stepSize: w.stepSize,
    inverseMetric: w.metric.inverse,
    metric: w.metric.kind,
    init: Float64Array.from(start.position),
    warmupSeconds: (t1 - t0) / 1000,
    samplingSeconds: (performance.now() - t1) / 1000,
    warmupLeapfrog: w.leapfrog,
    samplingLeapfrog: s.leapfrog,
    messages: w.messages,
  };
}
