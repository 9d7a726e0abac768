import { describe, expect, it } from "vitest";
import { CASE_INIT, nutsAgreement } from "./nutsAgreement.js";

// The slow reference cases, with the adapt_delta / warm-up / draws recorded in each stan.json
// (grouseticks 0.99 and 2000+2000, kinship_sim 4000+4000); grouseticks starts from uniform(-0.5, 0.5): see CASE_INIT.
describe.each(["owls", "kinship_sim", "hospitals_sim", "grouseticks", "verbagg"])("NUTS agrees with rstan on %s", (name) => {
  it("every parameter: mean within 4 combined MCSEs, sd within 10%, rhat < 1.01", async () => {
    const a = await nutsAgreement(name, 20261123, CASE_INIT[name]);
    expect(a.missingInReference).toEqual([]);
    expect(a.misses).toEqual([]);
  }, 7_200_000);
});
