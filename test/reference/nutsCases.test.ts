import { describe, expect, it } from "vitest";
import { nutsAgreement } from "./nutsAgreement.js";

// The fast reference cases (rstan sampled each in seconds). The slow ones are in nutsCases.slow.test.ts.
describe.each(["cbpp", "nielweise2007", "sleepstudy"])("NUTS agrees with rstan on %s", (name) => {
  it("every parameter: mean within 4 combined MCSEs, sd within 10%, rhat < 1.01", async () => {
    const a = await nutsAgreement(name, 20261123);
    expect(a.missingInReference).toEqual([]);
    expect(a.compared).toBeGreaterThan(10);
    expect(a.misses).toEqual([]);
    expect(a.fit.timing.divergences).toBe(0);
  }, 600_000);
});
