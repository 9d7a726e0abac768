/**
 * The warmup schedule of Stan's windowed adaptation (`windowed_adaptation.hpp`) as a pure function: a fast
 * initial buffer (step size only), slow windows of doubling size collecting draws for the metric (the last one
 * stretched to the terminal buffer), and a fast terminal buffer. When the three stages do not fit, Stan falls back
 * to 15% / 75% / 10% of the warmup; below 20 warmup iterations the metric is not adapted at all.
 * @module
 */

/** Buffer and window sizes (Stan's defaults: 75 / 50 / 25). */
export interface ScheduleOptions {
  /** Initial fast buffer (default 75). */
  initBuffer?: number;
  /** Terminal fast buffer (default 50). */
  termBuffer?: number;
  /** First slow window (default 25), doubled for each next window. */
  baseWindow?: number;
  /** Estimator named in Stan's messages: "variance" (diag, default) or "covariance" (dense). */
  estimator?: string;
}

/** A warmup schedule. */
export interface Schedule {
  /** Number of warmup iterations. */
  numWarmup: number;
  /** Effective initial buffer, terminal buffer and base window (after any fallback). */
  initBuffer: number;
  termBuffer: number;
  baseWindow: number;
  /** 1 where iteration i's draw is added to the metric estimator. */
  collect: Uint8Array;
  /** 0-based iterations at which a slow window ends (the metric is updated after that draw). */
  windowEnds: number[];
  /** Stan's informational messages (fallback or no adaptation), empty when the configuration fits. */
  messages: string[];
}

interface Sizes {
  init: number;
  term: number;
  base: number;
  messages: string[];
}

function chooseSizes(numWarmup: number, init: number, term: number, base: number): Sizes | undefined {
  if (numWarmup < 20) {
    return undefined;
  }
  if (init + base + term <= numWarmup) return { init, term, base, messages: [] };
  const i = Math.trunc(0.15 * numWarmup);
  const t = Math.trunc(0.1 * numWarmup);
  const b = numWarmup - (i + t);
  const messages = [
    "WARNING: There aren't enough warmup iterations to fit the three stages of adaptation as currently configured.",
    "Reducing each adaptation stage to 15%/75%/10% of the given number of warmup iterations:",
    `init_buffer = ${i}`,
    `adapt_window = ${b}`,
    `term_buffer = ${t}`,
  ];
  return { init: i, term: t, base: b, messages };
}

/** Ends of the slow windows, following Stan's `compute_next_window`. */
function windowEndsFor(numWarmup: number, s: Sizes): number[] {
  const last = numWarmup - s.term - 1;
  const ends: number[] = [];
  let size = s.base;
  let next = s.init + size - 1;
  for (;;) {
    if (next > last || next >= numWarmup) break;
    ends.push(next);
    if (next === last) break;
    const counter = next;
    size *= 2;
    next = counter + size;
    if (next !== last && next + 2 * size >= numWarmup - s.term) next = last;
  }
  return ends;
}

/**
 * Builds Stan's windowed-adaptation schedule.
 *
 * @param numWarmup - number of warmup iterations
 * @param options - initBuffer (75), termBuffer (50), baseWindow (25)
 * @returns which iterations feed the metric estimator and where each slow window ends
 * @example
 * buildSchedule(1000).windowEnds; // => [99, 149, 249, 449, 949]
 */
export function buildSchedule(numWarmup: number, options: ScheduleOptions = {}): Schedule {
  const sizes = chooseSizes(numWarmup, options.initBuffer ?? 75, options.termBuffer ?? 50, options.baseWindow ?? 25);
  const collect = new Uint8Array(Math.max(0, numWarmup));
  if (!sizes) {
    const messages = numWarmup > 0 ? [`WARNING: No ${options.estimator ?? "variance"} estimation is performed for num_warmup < 20`] : [];
    return { numWarmup, initBuffer: 0, termBuffer: 0, baseWindow: 0, collect, windowEnds: [], messages };
  }
  for (let i = sizes.init; i < numWarmup - sizes.term; i++) collect[i] = 1;
  const windowEnds = windowEndsFor(numWarmup, sizes);
  return {
    numWarmup,
    initBuffer: sizes.init,
    termBuffer: sizes.term,
    baseWindow: sizes.base,
    collect,
    windowEnds,
    messages: sizes.messages,
  };
}
