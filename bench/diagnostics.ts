/**
 * Benchmark: `summarise` (one thread) and `summariseParallel` (2 worker threads) over 4 chains x 1000
 * draws x 1000 parameters (AR(1) draws with autocorrelations from 0 to 0.9, a few heavy-tailed),
 * median of 5 runs each; target < 1 s. Baseline: plain means and standard deviations of the same draws.
 * The parallel variant's first call (which starts the worker pool) is reported on its own, then
 * serves as its warm-up; every timed parallel call includes the copy of the draws into shared memory.
 * Run: `npm run bench -- diagnostics`.
 * @module
 */
import { loadavg } from "node:os";
import { makeRng, normal } from "../src/rng.js";
import { closeSummaryPool, summarise, summariseParallel, toSharedChains } from "../src/diagnostics/index.js";
import { compare, medianOf, report, type Row, type Timing } from "./lib/index.js";

const N_CHAINS = 4;
const N_DRAWS = 1000;
const N_PARAMS = 1000;
const TARGET_MS = 1000;
const WORKERS = 2;

/** Draw-major chains as a sampler writes them: chains[c][d * nParams + p]. */
function makeDraws(): Float64Array[] {
  const chains: Float64Array[] = [];
  for (let c = 0; c < N_CHAINS; c++) {
    const rng = makeRng(`bench-diagnostics-${c}`);
    const out = new Float64Array(N_DRAWS * N_PARAMS);
    const prev = new Float64Array(N_PARAMS);
    for (let d = 0; d < N_DRAWS; d++) {
      for (let p = 0; p < N_PARAMS; p++) {
        const rho = (p % 10) / 10;
        const e = p % 50 === 0 ? normal(rng) / Math.max(Math.abs(normal(rng)), 1e-3) : normal(rng);
        prev[p] = rho * prev[p] + Math.sqrt(1 - rho * rho) * e;
        out[d * N_PARAMS + p] = prev[p];
      }
    }
    chains.push(out);
  }
  return chains;
}

/** Plain per-parameter mean and sd over all chains (the baseline). */
function meansAndSds(chains: Float64Array[]): Float64Array {
  const out = new Float64Array(2 * N_PARAMS);
  const s1 = new Float64Array(N_PARAMS);
  const s2 = new Float64Array(N_PARAMS);
  for (const ch of chains) {
    for (let d = 0; d < N_DRAWS; d++) {
      for (let p = 0; p < N_PARAMS; p++) {
        const v = ch[d * N_PARAMS + p];
        s1[p] += v;
        s2[p] += v * v;
      }
    }
  }
  const n = N_CHAINS * N_DRAWS;
  for (let p = 0; p < N_PARAMS; p++) {
    out[p] = s1[p] / n;
    out[N_PARAMS + p] = Math.sqrt((s2[p] - (s1[p] * s1[p]) / n) / (n - 1));
  }
  return out;
}

/** Wall and CPU (all threads of this process) milliseconds of one awaited call. */
async function timeOnce(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** `measure` for an async function: `runs` timed calls (the caller does the warm-up). */
async function measureAsync(fn: () => Promise<unknown>, runs: number): Promise<Timing> {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await timeOnce(fn);
    samples.push(t.wall);
    cpu.push(t.cpu);
  }
  return { median: medianOf(samples), min: Math.min(...samples), max: Math.max(...samples), samples, cpuMedian: medianOf(cpu) };
}

/** One verdict line: median wall and CPU time against the target. */
function verdict(label: string, t: Timing): string {
  const met = t.median < TARGET_MS ? "met" : "NOT met";
  return `${label} median ${t.median.toFixed(0)} ms wall, ${t.cpuMedian.toFixed(0)} ms CPU (target < ${TARGET_MS} ms): ${met}`;
}

export default async function run(args: string[]): Promise<void> {
  const runs = args.includes("--quick") ? 2 : 5;
  const chains = makeDraws();
  const shape = `${N_CHAINS}x${N_DRAWS}x${N_PARAMS}`;
  const rows: Row[] = compare(
    { name: "baseline: means and sds", fn: () => meansAndSds(chains) },
    [{ name: `summarise ${shape}`, fn: () => summarise(chains, N_PARAMS) }],
    { runs, warmup: 1 },
  );
  const parallelFn = (): Promise<unknown> => summariseParallel(chains, N_PARAMS, undefined, { workers: WORKERS });
  await closeSummaryPool(); // the first call below starts the pool: its time includes the start-up
  const first = await timeOnce(parallelFn);
  const par = await measureAsync(parallelFn, runs);
  const shared = toSharedChains(chains); // copied once: later calls skip the 32 MB copy
  const sharedFn = (): Promise<unknown> => summariseParallel(shared, N_PARAMS, undefined, { workers: WORKERS });
  await sharedFn();
  const parShared = await measureAsync(sharedFn, runs);
  await closeSummaryPool();
  const base = rows[0].timing.median;
  rows.push({ name: `summariseParallel ${shape}, ${WORKERS} workers`, timing: par, ratio: par.median / base });
  rows.push({ name: `  same, input already shared`, timing: parShared, ratio: parShared.median / base });
  const serial = rows[1].timing as Timing;
  report("diagnostics", rows, {
    summarise_median_ms: serial.median,
    summarise_cpu_median_ms: serial.cpuMedian,
    parallel_workers: WORKERS,
    parallel_median_ms: par.median,
    parallel_cpu_median_ms: par.cpuMedian,
    parallel_first_call_ms: first.wall,
    parallel_shared_input_median_ms: parShared.median,
    shape: { chains: N_CHAINS, draws: N_DRAWS, params: N_PARAMS },
    target_ms: TARGET_MS,
    met: serial.median < TARGET_MS,
    parallel_met: par.median < TARGET_MS,
  });
  console.log(verdict("summarise (1 thread)", serial));
  console.log(verdict(`summariseParallel (${WORKERS} workers)`, par));
  console.log(verdict(`summariseParallel (${WORKERS} workers, input already shared)`, parShared));
  console.log(
    `cores effectively used by the parallel runs (CPU / wall): ${(par.cpuMedian / par.median).toFixed(2)} ` +
      `(2.00 when both cores are free; other processes share this machine)`,
  );
  console.log(
    `summariseParallel first call (starts the pool) ${first.wall.toFixed(0)} ms wall, ${first.cpu.toFixed(0)} ms CPU; ` +
      `1-min load average ${loadavg()[0].toFixed(2)} on this shared machine`,
  );
}
