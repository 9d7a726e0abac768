import { describe, expect, it } from "vitest";
import { runGlmm } from "./cliHarness.js";
import { casePath } from "./helpers.js";

describe("glmm marginal / rank --method nuts (cbpp, short runs)", () => {
  const nuts = ["--method", "nuts", "--chains", "2", "--warmup", "300", "--draws", "300"];
  it("marginal: posterior medians near the AGQ answer, intervals around them", async () => {
    const fb = JSON.parse((await runGlmm(["marginal", casePath("cbpp"), "--term", "period", ...nuts])).stdout);
    const eb = JSON.parse((await runGlmm(["marginal", casePath("cbpp"), "--term", "period", "--method", "agq", "--nsim", "200"])).stdout);
    expect(fb.method).toBe("nuts");
    expect(Math.abs(Math.log(fb.marginal_or / eb.marginal_or))).toBeLessThan(0.15);
    expect(Math.abs(fb.risk["1"] - eb.risk["1"])).toBeLessThan(0.02);
    expect(fb.interval90.marginal_or[0]).toBeLessThan(fb.marginal_or);
    expect(fb.interval90.marginal_or[1]).toBeGreaterThan(fb.marginal_or);
  }, 600_000);
  it("rank: 15 herds, posterior-mean order, rank intervals containing the rank", async () => {
    const r = JSON.parse((await runGlmm(["rank", casePath("cbpp"), "--group", "herd", ...nuts])).stdout);
    expect(r.method).toBe("nuts");
    expect(r.levels).toHaveLength(15);
    for (const l of r.levels) expect(l.rank_lower <= l.rank && l.rank <= l.rank_upper).toBe(true);
  }, 600_000);
});
