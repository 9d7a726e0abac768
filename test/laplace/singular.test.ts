import { describe, expect, it } from "vitest";
import type { Design } from "../../src/design/design.js";
import { fitMixed } from "../../src/laplace/index.js";
import { makeRng, normal } from "../../src/rng.js";

/** Groups whose means are all equal: the ML (and REML) random-intercept variance is exactly 0. */
function equalMeansDesign(): Design {
  const rng = makeRng(11);
  const G = 10, m = 4, n = G * m;
  const y = new Float64Array(n), index = new Int32Array(n);
  for (let g = 0; g < G; g++) {
    const e = Array.from({ length: m }, () => normal(rng));
    const mean = e.reduce((a, b) => a + b, 0) / m;
    for (let j = 0; j < m; j++) { y[g * m + j] = 5 + e[j] - mean; index[g * m + j] = g; }
  }
  return {
    n, p: 1, X: new Float64Array(n).fill(1), fixedNames: ["(Intercept)"], response: { name: "y", y },
    terms: [{ group: "g", termNames: ["(Intercept)"], levels: Array.from({ length: G }, (_, g) => `${g}`), index, Z: new Float64Array(n).fill(1) }],
    family: "gaussian", link: "identity",
  };
}

describe("boundary fits", () => {
  it("flags a singular fit (lme4 isSingular) when the variance component is estimated at 0", () => {
    const fit = fitMixed(equalMeansDesign(), { method: "ML" });
    expect(fit.theta[0]).toBeLessThan(1e-4);
    expect(fit.convergence.singular).toBe(true);
    expect(fit.convergence.messages.join(" ")).toMatch(/singular/);
    expect(fit.fixef[0].est).toBeCloseTo(5, 10);
  });
});
