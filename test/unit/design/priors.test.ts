import { describe, expect, it } from "vitest";
import { parsePrior, parsePriors } from "../../../src/design/priors.js";

describe("parsePrior", () => {
  it("reads Stan notation, half priors and every distribution", () => {
    expect(parsePrior("normal(0, 5)")).toEqual({ dist: "normal", mu: 0, sigma: 5 });
    expect(parsePrior("normal+(0, 2.5)")).toEqual({ dist: "normal", mu: 0, sigma: 2.5, half: true });
    expect(parsePrior("student_t(3, 0, 2.5)")).toEqual({ dist: "student_t", nu: 3, mu: 0, sigma: 2.5 });
    expect(parsePrior("cauchy+(0,1)")).toEqual({ dist: "cauchy", mu: 0, sigma: 1, half: true });
    expect(parsePrior("gamma(0.01, 0.01)")).toEqual({ dist: "gamma", shape: 0.01, rate: 0.01 });
    expect(parsePrior("inv_gamma(2, 1)")).toEqual({ dist: "inv_gamma", shape: 2, scale: 1 });
    expect(parsePrior("exponential(1)")).toEqual({ dist: "exponential", rate: 1 });
    expect(parsePrior("lkj(2)")).toEqual({ dist: "lkj", eta: 2 });
    expect(parsePrior("flat()")).toEqual({ dist: "flat" });
  });
  it("rejects bad priors with a message naming the problem", () => {
    expect(() => parsePrior("normal(0)", "priors.b")).toThrow(/priors.b.*takes 2 argument/);
    expect(() => parsePrior("normal(0, -1)")).toThrow(/sigma must be > 0/);
    expect(() => parsePrior("weibull(1, 2)")).toThrow(/unknown distribution "weibull"/);
    expect(() => parsePrior("gamma+(1, 1)")).toThrow(/not allowed/);
    expect(() => parsePrior("normal 0 5")).toThrow(/write it as/);
  });
  it("reads a spec priors block with nulls", () => {
    const p = parsePriors({ b: "normal(0, 5)", sigma: null });
    expect(p.b).toEqual({ dist: "normal", mu: 0, sigma: 5 });
    expect(p.sigma).toBeNull();
    expect(p.shape).toBeNull();
  });
});
