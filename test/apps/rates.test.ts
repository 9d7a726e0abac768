import { describe, expect, it } from "vitest";
import { posteriorRateRatios, quantileSorted, rateRatios } from "../../src/apps/rates.js";
import { withFamily } from "../../src/apps/designEdit.js";
import { fitMixed } from "../../src/laplace/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { caseJson, casePath, fitWith, rel } from "./helpers.js";

function expectRatiosMatch(rr: ReturnType<typeof rateRatios>, ref: any) {
  expect(rr.map((r) => r.name)).toEqual(Object.keys(ref.estimates).filter((n) => n !== "(Intercept)" && !n.startsWith("sd__") && n !== "shape"));
  for (const r of rr) {
    const { est, se } = ref.estimates[r.name];
    expect(rel(r.ratio, Math.exp(est))).toBeLessThan(2e-4);
    expect(rel(r.lower, Math.exp(est - 1.959963985 * se))).toBeLessThan(2e-3);
    expect(rel(r.upper, Math.exp(est + 1.959963985 * se))).toBeLessThan(2e-3);
  }
}

describe("rates: owls NCalls with offset log(BroodSize)", () => {
  const design = loadSpec(casePath("owls")).design;
  it("NB2 rate ratios and Wald intervals match glmmTMB nbinom2", () => {
    expectRatiosMatch(rateRatios(fitMixed(design)), fitWith(caseJson("owls", "glmmtmb.json"), "nbinom2"));
  });
  it("poisson rate ratios match lme4 and glmmTMB poisson", () => {
    const rr = rateRatios(fitMixed(withFamily(design, "poisson")));
    expectRatiosMatch(rr, caseJson("owls", "lme4.json"));
    expectRatiosMatch(rr, fitWith(caseJson("owls", "glmmtmb.json"), "family = poisson"));
    // satiated nestlings call less: ratio < 1 with the whole interval below 1
    expect(rr[0].name).toBe("FoodTreatmentSatiated");
    expect(rr[0].upper).toBeLessThan(1);
  });
  it("a logit fit is refused", () => {
    expect(() => rateRatios({ ...fitMixed(withFamily(design, "poisson")), link: "logit" })).toThrow(/log link/);
  });
  it("posterior rate ratios: exp of the draws' quantiles", () => {
    const d = Float64Array.from({ length: 1001 }, (_, i) => (i - 500) / 500); // uniform on [-1, 1]
    const [r] = posteriorRateRatios(["x"], [d], 0.9);
    expect(r.ratio).toBeCloseTo(1, 12);
    expect(r.lower).toBeCloseTo(Math.exp(-0.9), 12);
    expect(r.upper).toBeCloseTo(Math.exp(0.9), 12);
    expect(quantileSorted(new Float64Array([1, 2, 3, 4]), 0.5)).toBe(2.5);
  });
});
