import { describe, expect, it } from "vitest";
import { convergenceInfo } from "../../src/laplace/optimise.js";
import { fitMixed } from "../../src/laplace/index.js";
import { loadSpec } from "../../src/spec/index.js";

const opt = (x: number[]) => ({ x: Float64Array.from(x), f: 0, evaluations: 10, converged: true, message: "ok" });

describe("convergence check as lme4's checkConv", () => {
  it("uses min(|g|, |R^-1 g|) with the Hessian: a steep but converged direction does not warn", () => {
    // f = 1e6 (x - 1)^2 stopped 1e-7 from the optimum: |g| = 0.2 (the absolute rule would warn), R^-1 g = 1.4e-4
    const f = (x: Float64Array) => 1e6 * (x[0] - 1) ** 2;
    const H = new Float64Array([2e6]);
    const c = convergenceInfo("t", opt([1 + 1e-7]), f, new Float64Array([-Infinity]), 0, H);
    expect(c.maxAbsGradient).toBeCloseTo(0.2, 3);
    expect(c.maxScaledGradient).toBeCloseTo(0.2 / Math.sqrt(2e6), 6);
    expect(c.messages).toEqual([]);
    const noHessian = convergenceInfo("t", opt([1 + 1e-7]), f, new Float64Array([-Infinity]), 0);
    expect(noHessian.maxScaledGradient).toBeUndefined();
    expect(noHessian.messages[0]).toMatch(/^Model failed to converge with max\|grad\| = 0\.200 \(tol = 0\.002, component 1\)$/);
  });

  it("warns when the optimiser stopped early in a flat direction, naming the component", () => {
    // second coordinate: f = (y - 2)^2 stopped at 1.9: g = -0.2, R^-1 g = -0.1414
    const f = (x: Float64Array) => (x[0] - 1) ** 2 + (x[1] - 2) ** 2;
    const c = convergenceInfo("t", opt([1, 1.9]), f, new Float64Array([-Infinity, -Infinity]), 0, new Float64Array([2, 0, 0, 2]));
    expect(c.maxScaledGradient).toBeCloseTo(0.2 / Math.SQRT2, 6);
    expect(c.messages).toEqual(["Model failed to converge with max|grad| = 0.141 (tol = 0.002, component 2)"]);
    const indefinite = convergenceInfo("t", opt([1, 2]), f, new Float64Array([-Infinity, -Infinity]), 0, new Float64Array([2, 0, 0, -2]));
    expect(indefinite.messages).toEqual(["unable to evaluate the scaled gradient: the deviance Hessian at the optimum is not positive definite"]);
  });

  it("sleepstudy ML and cbpp Laplace report the scaled statistic below lme4's tolerance and no messages", () => {
    for (const [c, method] of [["sleepstudy", "ML"], ["cbpp", "Laplace"]] as const) {
      const fit = fitMixed(loadSpec(`test/fixtures/cases/${c}/spec.json`).design, { method });
      expect(fit.convergence.maxScaledGradient).toBeLessThan(2e-3);
      expect(fit.convergence.messages).toEqual([]);
    }
  });
});
