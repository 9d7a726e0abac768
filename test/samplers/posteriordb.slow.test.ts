/**
 * Slow: full `sample` runs (worker threads) on posteriordb references with hard geometry, compared with the
 * reference: means within 4 sqrt(mcse^2 + mcse_ref^2), sds within 10%.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sample, type SampleResult } from "../../samplers/run.js";
import type { MetricKind } from "../../samplers/metrics.js";
import { column, mcseMean, mean } from "./helpers/mcse.js";

const helpers = fileURLToPath(new URL("./helpers/factories.ts", import.meta.url));
const fixture = (f: string) => JSON.parse(readFileSync(new URL(`../fixtures/posteriordb/${f}`, import.meta.url), "utf8"));

function compare(fit: SampleResult, ref: { params: Record<string, { mean: number; sd: number; mcse_mean: number }> }): void {
  const names = fit.outputNames;
  for (let k = 0; k < names.length; k++) {
    const r = ref.params[names[k]];
    const xs = fit.chains.map((c) => column(c.draws, names.length, k));
    const all = Float64Array.from(xs.flatMap((x) => [...x]));
    const m = mean(all);
    const sd = Math.sqrt(mean(all.map((v) => (v - m) ** 2)));
    const tol = 4 * Math.sqrt(mcseMean(xs) ** 2 + r.mcse_mean ** 2);
    expect({ name: names[k], meanOk: Math.abs(m - r.mean) < tol, sdOk: Math.abs(sd / r.sd - 1) < 0.1 }).toEqual({ name: names[k], meanOk: true, sdOk: true });
  }
}

describe("posteriordb references (slow)", () => {
  it("sblrc-blr: tight (sd 1e-3) correlated regression", async () => {
    const fit = await sample({ module: helpers, exportName: "sblrcFactory", args: fixture("sblrc_data.json") }, { seed: 4711, workers: 2 });
    compare(fit, fixture("sblrc_reference.json"));
  });

  it("kilpisjarvi: intercept/slope correlation ~ -1, diag and dense metrics, max_treedepth 15", async () => {
    const leapfrogs: Record<string, number> = {};
    for (const metric of ["diag", "dense"] as MetricKind[]) {
      const fit = await sample(
        { module: helpers, exportName: "kilpisjarviFactory", args: fixture("kilpisjarvi_data.json") },
        { seed: 4711, workers: 2, maxTreeDepth: 15, metric },
      );
      compare(fit, fixture("kilpisjarvi_reference.json"));
      leapfrogs[metric] = mean(Float64Array.from(fit.chains.flatMap((c) => [...c.sampler.nLeapfrog])));
    }
    // the dense metric absorbs most of the correlation (Stan's 1e-3 regularisation keeps part of it): shorter paths
    expect(leapfrogs.dense).toBeLessThan(leapfrogs.diag / 2);
  });
});
