import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { leapfrogsPerIteration, nutsAgreement, type CaseAgreement } from "./nutsAgreement.js";

const casesDir = fileURLToPath(new URL("../fixtures/cases/", import.meta.url));

// The fast reference cases (rstan sampled each in seconds). The slow ones are in nutsCases.slow.test.ts.
describe.each(["cbpp", "nielweise2007", "sleepstudy"])("NUTS agrees with rstan on %s", (name) => {
  let run: Promise<CaseAgreement> | undefined;
  const agreement = (): Promise<CaseAgreement> => (run ??= nutsAgreement(name, 20261123));
  const timing = JSON.parse(readFileSync(`${casesDir}${name}/stan.json`, "utf8")).timing;

  it("every parameter: mean within 4 combined MCSEs, sd within 10%, rhat < 1.01", async () => {
    const a = await agreement();
    expect(a.missingInReference).toEqual([]);
    expect(a.compared).toBeGreaterThan(10);
    expect(a.misses).toEqual([]);
    expect(a.fit.timing.divergences).toBe(0);
  }, 600_000);

  // Same algorithm, same adaptation: warm-up costs the same number of gradients per iteration as rstan's run, and
  // the min bulk ESS per 1,000 gradients (warm-up included, as in stan.json) is at least 80% of rstan's.
  it("efficiency: warm-up leapfrogs per iteration within 10% of rstan's, ESS per 1,000 gradients >= 0.8 x rstan's", async () => {
    const t = (await agreement()).fit.timing;
    const ours = leapfrogsPerIteration(t).lfWarmup, theirs = leapfrogsPerIteration(timing).lfWarmup;
    expect(Math.abs(ours / theirs - 1)).toBeLessThan(0.1);
    expect(t.ess_per_1000_grads / timing.ess_per_1000_grads).toBeGreaterThan(0.8);
  }, 600_000);
});
