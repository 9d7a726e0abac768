import { describe, expect, it } from "vitest";
import { nutsAgreement } from "./nutsAgreement.js";

// The slow reference cases, with the adapt_delta / warm-up / draws recorded in each stan.json
// (grouseticks 0.99 and 2000+2000, kinship_sim 4000+4000).
//
// grouseticks starts from uniform(-0.5, 0.5) instead of Stan's default (-2, 2). Finding: its cHEIGHT column spans
// -59..71, so a default initial coefficient of, say, 1.9 puts eta near 130 and log p near -1e63. At
// adapt_delta 0.99 dual averaging raises the step size very slowly: an accepted iteration moves its average by
// delta - 1 = -0.01, and a rejected one by up to +0.99. Started there, chains were still far out after 1000 warm-up
// iterations (seed 20261123: 3 of 4 chains, R-hat 3.0). From uniform(-0.5, 0.5), all 8 chains tried reached the
// typical set within 200 iterations. The same chains at 0.8 escape in under 200 iterations. Stan's adaptation has the
// same dynamics. The reference file does not record its initial values, so how its chains got out is not known.
const INIT: Record<string, { initRadius?: number }> = { grouseticks: { initRadius: 0.5 } };

describe.each(["owls", "kinship_sim", "hospitals_sim", "grouseticks", "verbagg"])("NUTS agrees with rstan on %s", (name) => {
  it("every parameter: mean within 4 combined MCSEs, sd within 10%, rhat < 1.01", async () => {
    const a = await nutsAgreement(name, 20261123, INIT[name]);
    expect(a.missingInReference).toEqual([]);
    expect(a.misses).toEqual([]);
  }, 7_200_000);
});
