import { describe, expect, it } from "vitest";
import type { Design, ReTerm } from "../../src/design/design.js";
import { fixedPart, levelSizes, rawGroupEstimates } from "../../src/compare/groups.js";
import { loadSpec } from "../../src/spec/index.js";

const logit = (p: number) => Math.log(p / (1 - p));

/** Two groups, intercept + slope term; y = 1 + 2x + a_l + b_l x exactly. */
function gaussianDesign(): Design {
  const x = [0, 1, 2, 3, 0, 1, 2, 5, 7];
  const level = [0, 0, 0, 0, 1, 1, 1, 1, 2];
  const a = [0.5, -1.5, 0], b = [-0.25, 0.75, 0];
  const y = x.map((xi, i) => 1 + 2 * xi + a[level[i]] + b[level[i]] * xi);
  const n = x.length;
  const term: ReTerm = {
    group: "g", termNames: ["(Intercept)", "x"], levels: ["A", "B", "C"], index: Int32Array.from(level),
    Z: Float64Array.from(x.flatMap((xi) => [1, xi])),
  };
  return {
    n, p: 2, X: Float64Array.from(x.flatMap((xi) => [1, xi])), fixedNames: ["(Intercept)", "x"],
    response: { name: "y", y: Float64Array.from(y) }, terms: [term], family: "gaussian", link: "identity",
  };
}

describe("rawGroupEstimates", () => {
  it("gaussian: per-level least squares recovers each level's own intercept and slope exactly", () => {
    const d = gaussianDesign();
    const raw = rawGroupEstimates(d, d.terms[0], fixedPart(d, [1, 2]));
    expect(raw[0][0]).toBeCloseTo(0.5, 10);
    expect(raw[0][1]).toBeCloseTo(-0.25, 10);
    expect(raw[1][0]).toBeCloseTo(-1.5, 10);
    expect(raw[1][1]).toBeCloseTo(0.75, 10);
    expect(raw[2]).toEqual([null, null]); // one observation, two coefficients: Z'Z singular
  });

  it("binomial intercept term: logit of the corrected proportion minus the mean fixed part", () => {
    const term: ReTerm = { group: "g", termNames: ["(Intercept)"], levels: ["a", "b"], index: Int32Array.from([0, 0, 1]), Z: Float64Array.from([1, 1, 1]) };
    const d: Design = {
      n: 3, p: 2, X: Float64Array.from([1, 0, 1, 1, 1, 0.5]), fixedNames: ["(Intercept)", "x"],
      response: { name: "y", y: Float64Array.from([2, 3, 0]), trials: Float64Array.from([10, 10, 4]) },
      terms: [term], family: "binomial", link: "logit",
    };
    const raw = rawGroupEstimates(d, term, fixedPart(d, [-1, 0.4]));
    expect(raw[0][0]).toBeCloseTo(logit(5.5 / 21) - (-1 + -0.6) / 2, 12);
    expect(raw[1][0]).toBeCloseTo(logit(0.5 / 5) - -0.8, 12); // zero successes stays finite
    const sizes = levelSizes(d, term);
    expect(Array.from(sizes.size)).toEqual([20, 4]);
    expect(Array.from(sizes.nObs)).toEqual([2, 1]);
  });

  it("poisson intercept term: log of the corrected mean count minus the mean fixed part, with offset", () => {
    const term: ReTerm = { group: "g", termNames: ["(Intercept)"], levels: ["a"], index: Int32Array.from([0, 0]), Z: Float64Array.from([1, 1]) };
    const d: Design = {
      n: 2, p: 1, X: Float64Array.from([1, 1]), fixedNames: ["(Intercept)"], offset: Float64Array.from([0, Math.log(2)]),
      response: { name: "y", y: Float64Array.from([3, 4]) }, terms: [term], family: "poisson", link: "log",
    };
    const raw = rawGroupEstimates(d, term, fixedPart(d, [0.5]));
    expect(raw[0][0]).toBeCloseTo(Math.log(7.5 / 2) - (0.5 + Math.log(2) / 2), 12);
    expect(Array.from(levelSizes(d, term).size)).toEqual([2]);
  });

  it("non-gaussian slope terms have no raw estimate", () => {
    const term: ReTerm = { group: "g", termNames: ["(Intercept)", "x"], levels: ["a"], index: Int32Array.from([0, 0]), Z: Float64Array.from([1, 0, 1, 1]) };
    const d: Design = {
      n: 2, p: 1, X: Float64Array.from([1, 1]), fixedNames: ["(Intercept)"],
      response: { name: "y", y: Float64Array.from([3, 4]) }, terms: [term], family: "poisson", link: "log",
    };
    expect(rawGroupEstimates(d, term, fixedPart(d, [0]))).toEqual([[null, null]]);
  });

  it("cbpp: herd sizes are total animals; herd 8 has one period of 34", () => {
    const { design } = loadSpec("test/fixtures/cases/cbpp/spec.json");
    const s = levelSizes(design, design.terms[0]);
    expect(s.size[7]).toBe(34);
    expect(s.nObs[7]).toBe(1);
    expect(s.nObs.reduce((a, b) => a + b, 0)).toBe(56);
  });
});
