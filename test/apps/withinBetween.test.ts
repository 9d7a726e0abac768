import { describe, expect, it } from "vitest";
import { SELECTIVE_DISAPPEARANCE, simulateSelectiveDisappearance, splitWithinBetween, withWithinBetween } from "../../src/apps/withinBetween.js";
import { getColumn, tableFromColumns } from "../../src/data/table.js";
import { fitMixed } from "../../src/laplace/index.js";
import { designFromFormula } from "../../src/spec/index.js";

describe("within/between split", () => {
  it("group means and deviations; missing values stay missing and are left out of the means", () => {
    const s = splitWithinBetween(new Float64Array([1, 3, NaN, 10, 4]), ["a", "a", "a", "b", "a"]);
    expect(Array.from(s.between)).toEqual([8 / 3, 8 / 3, NaN, 10, 8 / 3]);
    expect(s.within[3]).toBe(0);
    expect(s.within[0]).toBeCloseTo(1 - 8 / 3, 14);
    expect(Number.isNaN(s.within[2])).toBe(true);
  });
  it("on the simulated table: between + within = x, within sums to 0 in every group, between constant per group", () => {
    const t = withWithinBetween(simulateSelectiveDisappearance(5), "age", "id");
    const x = getColumn(t, "age").numeric!, b = getColumn(t, "age_between").numeric!, w = getColumn(t, "age_within").numeric!;
    const ids = getColumn(t, "id").raw;
    const sums = new Map<string, number>(), firstB = new Map<string, number>();
    for (let i = 0; i < t.nRows; i++) {
      expect(b[i] + w[i]).toBeCloseTo(x[i], 12);
      sums.set(ids[i]!, (sums.get(ids[i]!) ?? 0) + w[i]);
      if (!firstB.has(ids[i]!)) firstB.set(ids[i]!, b[i]);
      expect(b[i]).toBe(firstB.get(ids[i]!));
    }
    for (const s of sums.values()) expect(Math.abs(s)).toBeLessThan(1e-9);
    expect(() => withWithinBetween(tableFromColumns("t", { g: ["a"], x: ["u"] }), "x", "g")).toThrow(/not numeric/);
  });
});

describe("within/between: selective disappearance simulation", () => {
  const truth = SELECTIVE_DISAPPEARANCE;
  const t = withWithinBetween(simulateSelectiveDisappearance(1), "age", "id");
  const fit = fitMixed(designFromFormula("y ~ age_within + age_between + (1 | id)", t, { family: "gaussian" }).design, { method: "REML" });
  it("the within-individual slope recovers the true ageing slope (within 3 SE); the between slope carries the selection", () => {
    const within = fit.fixef.find((f) => f.name === "age_within")!, between = fit.fixef.find((f) => f.name === "age_between")!;
    expect(Math.abs(within.est - truth.ageSlope)).toBeLessThan(3 * within.se);
    expect(between.est - within.est).toBeGreaterThan(10 * between.se);
    expect(Math.abs(fit.sigma! / truth.sigma - 1)).toBeLessThan(0.05);
  });
});
