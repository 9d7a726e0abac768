/**
 * Seeded posterior recovery with the full sampler (Stan's warmup + NUTS), in-process. Tolerances are Monte Carlo
 * based: |mean - truth| < 4 MCSE (batch means), variances within 4 MCSE of the squared deviations.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runChain, type ChainResult } from "../../samplers/chains.js";
import { column, mcseMean, mean } from "./helpers/mcse.js";
import { corrNormal2, eightSchoolsCentered, eightSchoolsNoncentered, stdNormal } from "./helpers/models.js";

function chainsOf(results: ChainResult[], k: number): Float64Array[] {
  return results.map((r) => column(r.draws, r.outputNames.length, k));
}

/** z-scores (estimate - truth) / MCSE of the mean and of the variance (mean squared deviation from the truth). */
function zScores(results: ChainResult[], k: number, trueMean: number, trueVar: number): [number, number] {
  const xs = chainsOf(results, k);
  const m = mean(Float64Array.from(xs.flatMap((x) => [...x])));
  const sq = xs.map((x) => x.map((v) => (v - trueMean) ** 2));
  const v = mean(Float64Array.from(sq.flatMap((x) => [...x])));
  return [(m - trueMean) / mcseMean(xs), (v - trueVar) / mcseMean(sq)];
}

function checkMoments(results: ChainResult[], k: number, trueMean: number, trueVar: number, limit = 4): void {
  const [zm, zv] = zScores(results, k, trueMean, trueVar);
  expect(Math.abs(zm)).toBeLessThan(limit);
  expect(Math.abs(zv)).toBeLessThan(limit);
}

describe("posterior recovery", () => {
  it("100-d iid standard normal (diag metric): 200 z-scores within 4.5 (Bonferroni), RMS z ~ 1", () => {
    const model = stdNormal(100);
    const results = [0, 1].map((chain) => runChain(model, { chain, seed: 2024, warmup: 1000, draws: 1000 }));
    const zs: number[] = [];
    for (let k = 0; k < 100; k++) zs.push(...zScores(results, k, 0, 1));
    // 200 simultaneous checks: 4.5 sd keeps the family-wise false alarm rate ~0.1% (normal tails)
    for (const z of zs) expect(Math.abs(z)).toBeLessThan(4.5);
    const rms = Math.sqrt(mean(Float64Array.from(zs.map((z) => z * z))));
    expect(rms).toBeGreaterThan(0.7);
    expect(rms).toBeLessThan(1.4);
    for (const r of results) {
      expect(r.sampler.divergent.every((d) => d === 0)).toBe(true);
      expect(mean(r.sampler.acceptStat)).toBeGreaterThan(0.7);
    }
  });

  for (const metric of ["diag", "dense"] as const) {
    it(`correlated 2-d normal (sd 1 and 3, r = 0.9, ${metric} metric): means and variances within 4 MCSE`, () => {
      const model = corrNormal2(1, 3, 0.9, [1, -2]);
      const results = [0, 1, 2, 3].map((chain) => runChain(model, { chain, seed: 7, warmup: 1000, draws: 1000, metric }));
      checkMoments(results, 0, 1, 1);
      checkMoments(results, 1, -2, 9);
      if (metric === "dense") {
        // adapted inverse metric ~ posterior covariance [[1, 2.7], [2.7, 9]]
        const inv = results[0].inverseMetric;
        expect(inv[1] / Math.sqrt(inv[0] * inv[3])).toBeGreaterThan(0.8);
      }
    });
  }

  it("eight schools non-centred vs posteriordb: means within 4 sqrt(mcse^2 + mcse_ref^2), sds within 10%", () => {
    const data = JSON.parse(readFileSync(new URL("../fixtures/posteriordb/eight_schools_data.json", import.meta.url), "utf8"));
    const ref = JSON.parse(readFileSync(new URL("../fixtures/posteriordb/eight_schools_reference.json", import.meta.url), "utf8"));
    const model = eightSchoolsNoncentered(data.y, data.sigma);
    const results = [0, 1, 2, 3].map((chain) => runChain(model, { chain, seed: 4711, warmup: 1000, draws: 1000, adaptDelta: 0.95 }));
    const names = results[0].outputNames;
    for (let k = 0; k < names.length; k++) {
      const r = ref.params[names[k]];
      const xs = chainsOf(results, k);
      const all = Float64Array.from(xs.flatMap((x) => [...x]));
      const m = mean(all);
      const sd = Math.sqrt(mean(all.map((v) => (v - m) ** 2)));
      const tol = 4 * Math.sqrt(mcseMean(xs) ** 2 + r.mcse_mean ** 2);
      expect({ name: names[k], ok: Math.abs(m - r.mean) < tol }).toEqual({ name: names[k], ok: true });
      expect({ name: names[k], ok: Math.abs(sd / r.sd - 1) < 0.1 }).toEqual({ name: names[k], ok: true });
    }
    const divergences = results.reduce((s, r) => s + r.sampler.divergent.reduce((a, b) => a + b, 0), 0);
    expect(divergences).toBeLessThan(20);
  });

  it("eight schools centred (funnel) at adapt_delta 0.8: divergences are flagged, as Stan reports them", () => {
    const data = JSON.parse(readFileSync(new URL("../fixtures/posteriordb/eight_schools_data.json", import.meta.url), "utf8"));
    const model = eightSchoolsCentered(data.y, data.sigma);
    const results = [0, 1].map((chain) => runChain(model, { chain, seed: 1, warmup: 1000, draws: 1000 }));
    const divergent = results.reduce((s, r) => s + r.sampler.divergent.reduce((a, b) => a + b, 0), 0);
    expect(divergent).toBeGreaterThan(0);
    // every divergent transition stopped its tree early: its n_leapfrog is below 2^treedepth+1 - 1 of a full tree
    for (const r of results) {
      for (let i = 0; i < r.sampler.divergent.length; i++) {
        if (r.sampler.divergent[i]) expect(r.sampler.nLeapfrog[i]).toBeLessThan(2 ** (r.sampler.treeDepth[i] + 1));
      }
    }
  });
});
