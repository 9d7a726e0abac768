import { describe, expect, it } from "vitest";
import { aggregateBinomialRows } from "../../src/compile/aggregate.js";
import { compileDesign } from "../../src/compile/index.js";
import type { Design, LinkName } from "../../src/design/design.js";
import { DEFAULT_PRIORS } from "../../src/design/priors.js";
import { kernelOf } from "../../src/families/kernels.js";
import { makeRng } from "../../src/rng.js";
import { randomTheta } from "./syntheticDesigns.js";

/** Bernoulli rows with repeated covariate patterns: 3 x-values x 5 groups x (1 + slope) term, 300 rows. */
function repeatedBernoulli(link: LinkName, withOffset: boolean): Design {
  const rng = makeRng(`agg-${link}`);
  const n = 300, X = new Float64Array(2 * n), y = new Float64Array(n), index = new Int32Array(n), Z = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const x = [-1, 0, 0.5][i % 3];
    X[2 * i] = 1; X[2 * i + 1] = x;
    index[i] = Math.floor(rng() * 5);
    Z[2 * i] = 1; Z[2 * i + 1] = x;
    y[i] = rng() < 0.4 ? 1 : 0;
  }
  return {
    n, p: 2, X, fixedNames: ["(Intercept)", "x"], family: "bernoulli", link,
    response: { name: "y", y }, offset: withOffset ? Float64Array.from({ length: n }, (_, i) => 0.1 * (i % 2)) : undefined,
    terms: [{ group: "g", termNames: ["(Intercept)", "x"], levels: ["a", "b", "c", "d", "e"], index, Z }],
  };
}

describe("binomial row aggregation", () => {
  it("merges identical covariate patterns, keeping successes and trials", () => {
    const d = repeatedBernoulli("logit", false);
    const a = aggregateBinomialRows(d, kernelOf(d.family, d.link))!;
    expect(a.n).toBeLessThanOrEqual(15);
    expect(a.family).toBe("binomial");
    expect(a.response.y.reduce((s, v) => s + v, 0)).toBe(d.response.y.reduce((s, v) => s + v, 0));
    expect(a.response.trials!.reduce((s, v) => s + v, 0)).toBe(300);
  });

  it("is not used for non-binomial kernels or when rows are all distinct", () => {
    const d = repeatedBernoulli("logit", false);
    expect(aggregateBinomialRows({ ...d, family: "poisson", link: "log" }, kernelOf("poisson", "log"))).toBeNull();
    const distinct = { ...d, X: d.X.map((v, i) => (i % 2 ? v + i * 1e-3 : v)) };
    expect(aggregateBinomialRows(distinct, kernelOf("bernoulli", "logit"))).toBeNull();
  });

  it.each([["logit", false], ["probit", true], ["cloglog", true]] as const)(
    "%s (offset %s): the aggregated density and gradient equal the row-by-row ones at 20 points", (link, withOffset) => {
      const d = repeatedBernoulli(link, withOffset);
      const fast = compileDesign(d, DEFAULT_PRIORS), slow = compileDesign(d, DEFAULT_PRIORS, { aggregate: false });
      const rng = makeRng(`agg-points-${link}`);
      const g1 = new Float64Array(fast.dim), g2 = new Float64Array(fast.dim);
      for (let r = 0; r < 20; r++) {
        const th = randomTheta(rng, fast.dim);
        const a = fast.logDensity(th, g1), b = slow.logDensity(th, g2);
        expect(Math.abs(a - b)).toBeLessThan(1e-10 * Math.abs(b));
        for (let i = 0; i < fast.dim; i++) expect(Math.abs(g1[i] - g2[i])).toBeLessThan(1e-9 * (1 + Math.abs(g2[i])));
      }
    });
});
