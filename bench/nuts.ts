/**
 * Benchmark: NUTS overhead and parallel chains.
 * 1. Per model (iid normal in 10 and 100 dimensions, eight schools non-centred), one chain of 1000 warmup + 1000
 *    draws against the baseline of the same number of bare logDensity+gradient calls: the ratio and the sampler's
 *    own cost per leapfrog step (tree building, momenta, adaptation, RNG).
 * 2. `sample` with 4 chains in-process (workers: 0) vs 2 worker threads (the machine has 2 cores).
 * Run: `npm run bench -- nuts` (add `quick` for 300 + 300 iterations).
 * @module
 */
import { fileURLToPath } from "node:url";
import { runChain, type SamplerModel } from "../samplers/chains.js";
import { sample } from "../samplers/run.js";
import type { LogDensityFn } from "../src/types.js";
import { compare, report, type Row } from "./lib/index.js";

/** iid standard normal; exported as a factory for the worker threads. */
export function normalModel(args: { dim: number }): SamplerModel {
  const logDensity: LogDensityFn = (t, g) => {
    let lp = 0;
    for (let i = 0; i < t.length; i++) {
      lp -= 0.5 * t[i] * t[i];
      g[i] = -t[i];
    }
    return lp;
  };
  return { dim: args.dim, logDensity };
}

/** Eight schools, non-centred (mu, log tau, theta_trans[8]). */
export function eightSchools(): SamplerModel {
  const y = [28, 8, -3, 7, -1, 1, 18, 12];
  const sigma = [15, 10, 16, 11, 9, 11, 10, 18];
  const logDensity: LogDensityFn = (t, g) => {
    const tau = Math.exp(t[1]);
    let lp = -0.5 * (t[0] / 5) ** 2 + t[1] - Math.log1p((tau / 5) ** 2);
    g[0] = -t[0] / 25;
    g[1] = 1 - (2 * (tau / 5) ** 2) / (1 + (tau / 5) ** 2);
    for (let j = 0; j < 8; j++) {
      const z = t[2 + j];
      const r = (y[j] - t[0] - tau * z) / sigma[j];
      lp += -0.5 * z * z - 0.5 * r * r;
      g[0] += r / sigma[j];
      g[1] += (r / sigma[j]) * tau * z;
      g[2 + j] = -z + (r / sigma[j]) * tau;
    }
    return lp;
  };
  return { dim: 10, logDensity };
}

function benchModel(name: string, model: SamplerModel, iters: number): { rows: Row[]; overheadUs: number; leapfrogs: number } {
  const opts = { chain: 0, seed: 1, warmup: iters, draws: iters };
  const probe = runChain(model, opts);
  const leapfrogs = probe.warmupLeapfrog + probe.samplingLeapfrog;
  const theta = new Float64Array(model.dim).fill(0.1);
  const grad = new Float64Array(model.dim);
  const rows = compare(
    { name: `${name}: ${leapfrogs} bare logDensity+gradient calls`, fn: () => { let s = 0; for (let i = 0; i < leapfrogs; i++) s += model.logDensity(theta, grad); return s; } },
    [{ name: `${name}: NUTS chain ${iters}+${iters}`, fn: () => runChain(model, opts) }],
    { runs: 3, warmup: 1 },
  );
  const overheadUs = ((rows[1].timing.median - rows[0].timing.median) * 1000) / leapfrogs;
  return { rows, overheadUs, leapfrogs };
}

export default async function run(args: string[]): Promise<void> {
  const iters = args.includes("quick") ? 300 : 1000;
  const all: Row[] = [];
  const perModel: Record<string, { leapfrogs: number; overhead_us_per_leapfrog: number; ratio: number }> = {};
  const models: Array<[string, SamplerModel]> = [["normal10", normalModel({ dim: 10 })], ["normal100", normalModel({ dim: 100 })], ["eight_schools", eightSchools()]];
  for (const [name, m] of models) {
    const r = benchModel(name, m, iters);
    all.push(...r.rows);
    perModel[name] = { leapfrogs: r.leapfrogs, overhead_us_per_leapfrog: r.overheadUs, ratio: r.rows[1].ratio };
  }
  const factory = { module: fileURLToPath(import.meta.url), exportName: "normalModel", args: { dim: 100 } };
  const timed = async (o: Parameters<typeof sample>[1]): Promise<number> => {
    const t = performance.now();
    await sample(factory, o);
    return performance.now() - t;
  };
  const sopts = { chains: 4, warmup: iters, draws: iters, seed: 2 };
  // worker start-up alone: 4 chains of 10 + 10 iterations (under tsx each worker also transforms the TS sources)
  const startup = await timed({ ...sopts, warmup: 10, draws: 10, workers: 2 });
  const serial = await timed({ ...sopts, workers: 0 });
  const parallel = await timed({ ...sopts, workers: 2 });
  const row = (name: string, ms: number, ratio: number): Row => ({ name, timing: { median: ms, min: ms, max: ms, samples: [ms] }, ratio });
  const par: Row[] = [
    row("sample normal100, 4 chains, workers 0", serial, 1),
    row("sample normal100, 4 chains, workers 2", parallel, parallel / serial),
    row("worker start-up: 4 chains 10+10, workers 2", startup, startup / serial),
  ];
  report("nuts", [...all, ...par], { iterations: iters, per_model: perModel, speedup_2_workers: serial / parallel, worker_startup_ms: startup });
  for (const [k, v] of Object.entries(perModel)) {
    console.log(`${k}: ${v.leapfrogs} leapfrogs, sampler overhead ${v.overhead_us_per_leapfrog.toFixed(2)} us/leapfrog, NUTS/gradient-only ${v.ratio.toFixed(1)}x`);
  }
  console.log(`4 chains: in-process ${(serial / 1000).toFixed(2)} s, 2 workers ${(parallel / 1000).toFixed(2)} s (speed-up ${(serial / parallel).toFixed(2)}x; worker start-up ${(startup / 1000).toFixed(2)} s)`);
}
