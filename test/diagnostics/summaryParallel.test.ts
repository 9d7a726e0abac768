import { afterAll, describe, expect, it } from "vitest";
import { makeRng, normal } from "../../src/rng.js";
import {
  closeSummaryPool, summarise, summariseParallel, toSharedChains, type SummaryRow,
} from "../../src/diagnostics/index.js";

const N_CHAINS = 4;
const N_DRAWS = 200;
const N_PARAMS = 120;

/** Draw-major AR(1) chains (autocorrelation 0 .. 0.9 by parameter); parameter 7 is constant (degenerate). */
function makeChains(): Float64Array[] {
  return Array.from({ length: N_CHAINS }, (_, c) => {
    const rng = makeRng(`summary-parallel-${c}`);
    const out = new Float64Array(N_DRAWS * N_PARAMS);
    const prev = new Float64Array(N_PARAMS);
    for (let d = 0; d < N_DRAWS; d++) {
      for (let p = 0; p < N_PARAMS; p++) {
        const rho = (p % 10) / 10;
        prev[p] = rho * prev[p] + Math.sqrt(1 - rho * rho) * normal(rng) + (p % 13 === 0 ? c * 0.5 : 0);
        out[d * N_PARAMS + p] = p === 7 ? 3.25 : prev[p];
      }
    }
    return out;
  });
}

/** Every numeric field compared with Object.is: identical bits (NaN equal to NaN, -0 not equal to 0). */
function expectIdentical(a: SummaryRow[], b: SummaryRow[]): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    for (const key of Object.keys(a[i]) as Array<keyof SummaryRow>) {
      if (!Object.is(a[i][key], b[i][key])) throw new Error(`row ${i} ${key}: ${a[i][key]} != ${b[i][key]}`);
    }
  }
}

describe("summariseParallel", () => {
  afterAll(async () => {
    await closeSummaryPool();
  });
  const chains = makeChains();
  const names = Array.from({ length: N_PARAMS }, (_, p) => `theta[${p}]`);

  it("equals summarise bit for bit on 4 x 200 x 120 draws, including a constant parameter", async () => {
    const serial = summarise(chains, N_PARAMS, names);
    const parallel = await summariseParallel(chains, N_PARAMS, names, { workers: 2 });
    expectIdentical(parallel, serial);
    // the constant parameter: sd 0, no R-hat / ESS (NaN as posterior's NA); the others are finite
    expect(parallel[7]).toMatchObject({ name: "theta[7]", mean: 3.25, sd: 0, q50: 3.25 });
    expect(parallel[7].rhat).toBeNaN();
    expect(parallel[7].ess_bulk).toBeNaN();
    expect(parallel.filter((r) => Number.isFinite(r.rhat)).length).toBe(N_PARAMS - 1);
    // parameters with a between-chain shift (p % 13 === 0) show a large R-hat in both
    expect(parallel[13].rhat).toBeGreaterThan(1.1);
    expect(parallel[14].rhat).toBeLessThan(1.1);
  });

  it("reuses the pool, accepts SharedArrayBuffer-backed chains, default names and 3 workers", async () => {
    const serial = summarise(chains, N_PARAMS);
    expectIdentical(await summariseParallel(toSharedChains(chains), N_PARAMS, undefined, { workers: 3 }), serial);
    expectIdentical(await summariseParallel(chains, N_PARAMS), serial);
    expect(serial[119].name).toBe("p[120]");
  });

  it("runs small inputs in this thread and throws summarise's errors", async () => {
    const small = chains.map((c) => c.slice(0, 10 * 10)); // 10 draws x 10 parameters
    expectIdentical(await summariseParallel(small, 10, undefined, { workers: 2 }), summarise(small, 10));
    await expect(summariseParallel(chains, 7)).rejects.toThrow(/not a multiple of nParams = 7/);
    await expect(summariseParallel([], 3)).rejects.toThrow(/at least one chain/);
    await expect(summariseParallel(chains, N_PARAMS, ["a"])).rejects.toThrow(/1 names given for 120/);
  });

  it("starts a new pool after closeSummaryPool", async () => {
    await closeSummaryPool();
    const rows = await summariseParallel(chains, N_PARAMS, undefined, { workers: 2 });
    expectIdentical(rows, summarise(chains, N_PARAMS));
  });
});
