import { describe, expect, it } from "vitest";
import type { SummaryRow } from "../../src/diagnostics/index.js";
import { samplerWarnings, stuckChainWarnings } from "../../src/fit/warnings.js";

const row = (rhat: number, ess: number): SummaryRow => ({ name: "x", rhat, ess_bulk: ess, ess_tail: ess } as unknown as SummaryRow);

describe("sampler warnings", () => {
  it("words divergences, tree depth, E-BFMI, R-hat and ESS as rstan does, and nothing when all is well", () => {
    const base = { divergences: 0, treedepthHits: 0, maxTreeDepth: 10, adaptDelta: 0.8, ebfmi: [1, 1], summary: [row(1.001, 900)], chains: 2 };
    expect(samplerWarnings(base)).toEqual([]);
    const w = samplerWarnings({ ...base, divergences: 3, treedepthHits: 5, ebfmi: [0.2, 0.9], summary: [row(1.05, 150)] });
    expect(w).toEqual([
      "There were 3 divergent transitions after warmup. Increasing adapt_delta above 0.8 may help.",
      "There were 5 transitions after warmup that exceeded the maximum treedepth. Increase max_treedepth above 10.",
      "There were 1 chains where the estimated Bayesian Fraction of Missing Information was low.",
      "The largest R-hat is 1.050, indicating chains have not mixed.",
      "Bulk Effective Samples Size (ESS) is too low, indicating posterior means and medians may be unreliable.",
      "Tail Effective Samples Size (ESS) is too low, indicating posterior variances and tail quantiles may be unreliable.",
    ]);
  });

  it("flags a chain whose step size is below 1/100 of the median, and only that chain", () => {
    expect(stuckChainWarnings([0.02, 0.03, 0.025, 0.021])).toEqual([]);
    const w = stuckChainWarnings([0.02, 0.03, 1e-11, 0.025]);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^chain 3: its adapted step size 1\.0e-11 is below 1\/100 of the chains' median \(0\.022\)/);
    expect(stuckChainWarnings([1e-9, 0.02])).toEqual([]); // two chains: no majority to compare with
    expect(stuckChainWarnings([0.0003, 0.02, 0.03])).toEqual([]); // 0.0003 > 0.02 / 100
    expect(stuckChainWarnings([0.0001, 0.02, 0.03])).toHaveLength(1);
  });
});
