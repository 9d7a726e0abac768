/**
 * Timing primitives for benchmarks: run a function a few times after a warm-up and keep the
 * median, min and max wall-clock time and the median CPU time, in milliseconds.
 * @module
 */

/** Timings of one benchmarked function, in milliseconds. */
export interface Timing {
  /** median wall-clock time of the timed runs */
  median: number;
  min: number;
  max: number;
  /** every timed run's wall-clock time, in order */
  samples: number[];
  /**
   * median CPU time of this process per run (user + system, all threads: includes GC and JIT threads).
   * On a loaded machine wall time grows with the load; CPU time much less.
   */
  cpuMedian: number;
}

/** How many times to run: `warmup` untimed runs, then `runs` timed ones. */
export interface MeasureOptions {
  /** timed runs (default 5) */
  runs?: number;
  /** untimed warm-up runs, to let the JIT compile (default 1) */
  warmup?: number;
}

/**
 * Median of numbers (mean of the two middle values for an even count).
 *
 * @param xs - numbers
 * @returns the median; NaN for none
 * @example
 * medianOf([3, 1, 2]); // => 2
 */
export function medianOf(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * Time `fn`: `warmup` untimed calls, then `runs` timed calls.
 *
 * @param fn - the work to time (its result is kept alive so it is not optimised away)
 * @param options - runs and warm-up counts
 * @returns median, min, max and all samples in milliseconds
 * @example
 * const t = measure(() => Math.sqrt(2), { runs: 3, warmup: 0 });
 * t.samples.length; // => 3
 */
export function measure(fn: () => unknown, options: MeasureOptions = {}): Timing {
  const runs = options.runs ?? 5;
  const warmup = options.warmup ?? 1;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive integer, got ${runs}`);
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    sink = fn();
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  keep(sink);
  return { median: medianOf(samples), min: Math.min(...samples), max: Math.max(...samples), samples, cpuMedian: medianOf(cpu) };
}

/** The last result of a measured function, kept so the work cannot be optimised away. */
let kept: unknown;
function keep(x: unknown): void {
  kept = x;
  if (kept === keep) console.log(""); // never true; makes the store observable
}
