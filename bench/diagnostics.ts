/**
 * Benchmark: `summarise` over 4 chains x 1000 draws x 1000 parameters (AR(1) draws with
 * autocorrelations from 0 to 0.9, a few heavy-tailed), median of 5 runs; target < 1 s.
 * Baseline: plain means and standard deviations of the same draws.
 * Run: `npm run bench -- diagnostics`.
 * @module
 */
import { makeRng, normal } from "../src/rng.js";
import { summarise } from "../src/diagnostics/index.js";
import { compare, report } from "./lib/index.js";

const N_CHAINS = 4;
const N_DRAWS = 1000;
const N_PARAMS = 1000;
const TARGET_MS = 1000;

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

export default async function run(args: string[]): Promise<void> {
  const runs = args.includes("--quick") ? 2 : 5;
  const chains = makeDraws();
  const rows = compare(
    { name: "baseline: means and sds", fn: () => meansAndSds(chains) },
    [{ name: `summarise ${N_CHAINS}x${N_DRAWS}x${N_PARAMS}`, fn: () => summarise(chains, N_PARAMS) }],
    { runs, warmup: 1 },
  );
  const median = rows[1].timing.median;
  report("diagnostics", rows, {
    summarise_median_ms: median,
    summarise_cpu_median_ms: rows[1].timing.cpuMedian,
    shape: { chains: N_CHAINS, draws: N_DRAWS, params: N_PARAMS },
    target_ms: TARGET_MS,
    met: median < TARGET_MS,
  });
  console.log(
    `summarise median ${median.toFixed(0)} ms wall, ${rows[1].timing.cpuMedian.toFixed(0)} ms CPU ` +
      `(target < ${TARGET_MS} ms): ${median < TARGET_MS ? "met" : "NOT met"}`,
  );
}
