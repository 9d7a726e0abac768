import { describe, expect, it } from "vitest";
import { metaAnalysis } from "../../src/apps/meta.js";
import { caseJson, casePath, fitWith, rel } from "./helpers.js";

describe("meta: one-stage meta-analysis of nielweise2007 (UM.FS and UM.RS)", () => {
  const res = metaAnalysis(casePath("nielweise2007"));
  const metafor = caseJson("nielweise2007", "metafor.json").fits;
  const lme4 = caseJson("nielweise2007", "lme4.json");
  const [fs, rs] = res.models;

  it("keeps every arm, counts zero-event arms and finds the double-zero study", () => {
    expect(res.data).toEqual({ studies: 18, arms: 36, zeroEventArms: 7, doubleZeroStudies: ["15"] });
  });
  it("UM.RS: pooled log OR, SE, tau and intercept sd agree with metafor (coding = 1, drop00 = FALSE)", () => {
    const ref = metafor.find((f: any) => f.model === "UM.RS" && f.call.includes("drop00 = FALSE"));
    expect(rs.model).toBe("UM.RS");
    expect(rel(rs.logOR.est, ref.estimates.treat.est)).toBeLessThan(1e-4);
    expect(rel(rs.se, ref.estimates.treat.se)).toBeLessThan(2e-3);
    expect(rel(rs.tau, Math.sqrt(ref.tau2))).toBeLessThan(1e-3);
    expect(rel(rs.interceptSd!, Math.sqrt(ref.sigma2))).toBeLessThan(1e-3);
    expect(Math.abs(rs.logLik - ref.logLik)).toBeLessThan(1e-4);
    expect(rs.oddsRatio.est).toBeCloseTo(Math.exp(rs.logOR.est), 12);
    expect(rs.logOR.upper - rs.logOR.lower).toBeCloseTo(2 * 1.959964 * rs.se, 5);
  });
  it("UM.FS: estimate and tau agree with metafor; SE and logLik with lme4; the double-zero intercept is flagged", () => {
    const ref = metafor.find((f: any) => f.model === "UM.FS");
    const l4 = fitWith(lme4, "factor(study)");
    expect(rel(fs.logOR.est, ref.estimates.treat.est)).toBeLessThan(1e-4);
    expect(rel(fs.tau, Math.sqrt(ref.tau2))).toBeLessThan(1e-3);
    expect(rel(fs.se, l4.estimates.treat.se)).toBeLessThan(2e-3);
    expect(Math.abs(fs.AIC - l4.AIC)).toBeLessThan(0.02);
    expect(fs.unidentified).toEqual(l4.unidentified);
    expect(rs.unidentified).toEqual([]);
  });
});
