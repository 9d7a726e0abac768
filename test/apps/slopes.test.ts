import { describe, expect, it } from "vitest";
import { formatSideBySide } from "../../src/apps/sideBySide.js";
import { exactLogLik, laplaceVersusAgq, remlVersusMl } from "../../src/apps/slopes.js";
import { loadSpec } from "../../src/spec/index.js";
import { caseJson, casePath, rel } from "./helpers.js";

const refFit = (name: string, method: string) => caseJson(name, "lme4.json").fits.find((f: any) => f.method === method);

describe("slopes: sleepstudy correlated random slopes, REML and ML", () => {
  const { table } = remlVersusMl(loadSpec(casePath("sleepstudy")).design);
  it("every estimate and logLik matches lme4 in both columns", () => {
    expect(table.columns).toEqual(["REML", "ML"]);
    table.columns.forEach((method, c) => {
      const ref = refFit("sleepstudy", method);
      for (const [name, e] of Object.entries<any>(ref.estimates)) {
        const row = table.rows.find((r) => r.name === name)!;
        expect(rel(row.values[c]!, e.est), `${method} ${name}`).toBeLessThan(name.startsWith("cor") ? 2e-3 : 1e-4);
      }
      expect(Math.abs(table.rows.find((r) => r.name === "logLik")!.values[c]! - ref.logLik)).toBeLessThan(1e-4);
    });
    expect(formatSideBySide(table).split("\n")).toHaveLength(table.rows.length + 1);
  });
});

describe("slopes: cbpp Laplace vs AGQ(25)", () => {
  const design = loadSpec(casePath("cbpp")).design;
  const { table } = laplaceVersusAgq(design);
  it("estimates match glmer (Laplace, nAGQ = 25); exact logLik at each fit matches lme4's logLik_quadrature", () => {
    expect(table.columns).toEqual(["Laplace", "AGQ(25)"]);
    table.columns.forEach((method, c) => {
      const ref = refFit("cbpp", method);
      for (const [name, e] of Object.entries<any>(ref.estimates)) {
        expect(rel(table.rows.find((r) => r.name === name)!.values[c]!, e.est), `${method} ${name}`).toBeLessThan(5e-4);
      }
      expect(Math.abs(table.rows.find((r) => r.name === "logLik_exact")!.values[c]! - ref.logLik_quadrature)).toBeLessThan(2e-3);
    });
    const ll = table.rows.find((r) => r.name === "logLik")!.values, exact = table.rows.find((r) => r.name === "logLik_exact")!.values;
    expect(Math.abs(ll[1]! - exact[1]!)).toBeLessThan(1e-3); // AGQ(25) is exact here
    expect(Math.abs(ll[0]! - exact[0]!)).toBeGreaterThan(0.02); // Laplace is an approximation (-92.027 vs -91.984)
  });
  it("exactLogLik evaluated at lme4's printed estimates reproduces logLik_quadrature", () => {
    const ref = refFit("cbpp", "AGQ(25)");
    const beta = design.fixedNames.map((n) => ref.estimates[n].est);
    expect(Math.abs(exactLogLik(design, beta, ref.estimates["sd__herd__(Intercept)"].est) - ref.logLik_quadrature)).toBeLessThan(1e-6);
  });
});
