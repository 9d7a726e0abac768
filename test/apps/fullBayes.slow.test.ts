import { describe, expect, it } from "vitest";
import { fbRanking } from "../../src/apps/ranking.js";
import { posteriorVarianceShares, simulatePartition, varianceShares } from "../../src/apps/partition.js";
import { fitNuts } from "../../src/fit/index.js";
import { fitMixed } from "../../src/laplace/index.js";
import { defaultPriors, loadSpec } from "../../src/spec/index.js";
import { caseJson, casePath } from "./helpers.js";

describe("full-Bayes applications (NUTS)", () => {
  it("ranking hospitals_sim: the true top-5 hospitals lie inside their 90% posterior rank intervals", async () => {
    const { design, priors } = loadSpec(casePath("hospitals_sim"));
    const nuts = await fitNuts(design, priors, { chains: 4, warmup: 300, draws: 300, seed: 11, workers: 2 });
    const r = fbRanking(nuts, "hospital", design.terms[0].levels);
    const truth = caseJson("hospitals_sim", "truth.json");
    (truth.true_rank_high_to_low as string[]).slice(0, 5).forEach((h, i) => {
      const l = r.levels.find((x) => x.level === h)!;
      expect(l.rank_lower).toBeLessThanOrEqual(i + 1);
      expect(l.rank_upper).toBeGreaterThanOrEqual(i + 1);
    });
    // posterior means agree with Stan's (stan.json) within 0.1 on the logit scale
    const stan = caseJson("hospitals_sim", "stan.json").summary;
    for (const l of r.levels) expect(Math.abs(l.estimate - stan[`re__hospital__(Intercept)[${l.level}]`].mean)).toBeLessThan(0.1);
  }, 1_800_000);
  it("partition: posterior 90% intervals of the shares contain the REML shares", async () => {
    const design = simulatePartition(1);
    const nuts = await fitNuts(design, defaultPriors(design), { chains: 4, warmup: 500, draws: 500, seed: 3, workers: 2 });
    const fb = posteriorVarianceShares(design, nuts), eb = varianceShares(design, fitMixed(design, { method: "REML" }));
    fb.forEach((s, i) => {
      expect(s.lower!).toBeLessThan(eb[i].share);
      expect(s.upper!).toBeGreaterThan(eb[i].share);
    });
  }, 1_800_000);
});
