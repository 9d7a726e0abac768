import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nutsTiming } from "../../src/fit/nuts.js";
import { samplerWarnings } from "../../src/fit/warnings.js";
import { sample } from "../../samplers/run.js";

const helpers = fileURLToPath(new URL("../samplers/helpers/factories.ts", import.meta.url));

describe("nutsTiming (the stan.json timing block)", () => {
  it("max_treedepth_hit is the deepest tree after warm-up, as in the references; treedepth_limit_hits counts trees stopped at the limit", async () => {
    // A 20-dimensional standard normal with max depth 3: some trees reach the limit, some turn first.
    const fit = await sample({ module: helpers, exportName: "normalFactory", args: { dim: 20 } }, { chains: 2, warmup: 100, draws: 200, seed: 8, maxTreeDepth: 3, workers: 0 });
    const depths = fit.chains.flatMap((c) => Array.from(c.sampler.treeDepth));
    const t = nutsTiming(fit, []);
    expect(t.max_treedepth_hit).toBe(Math.max(...depths));
    expect(t.max_treedepth_hit).toBe(3);
    expect(t.treedepth_limit_hits).toBe(depths.filter((d) => d === 3).length);
    expect(t.treedepth_limit_hits).toBeGreaterThan(0);
    expect(t.treedepth_limit_hits).toBeLessThan(depths.length);
    expect(t.leapfrog_sampling).toBe(fit.chains.reduce((s, c) => s + c.samplingLeapfrog, 0));
    const w = samplerWarnings({ divergences: 0, treedepthHits: t.treedepth_limit_hits, maxTreeDepth: 3, adaptDelta: 0.8, ebfmi: [1, 1], summary: [], chains: 2 });
    expect(w[0]).toBe(`There were ${t.treedepth_limit_hits} transitions after warmup that exceeded the maximum treedepth. Increase max_treedepth above 3.`);
  });
});
