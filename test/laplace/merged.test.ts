import { describe, expect, it } from "vitest";
import gammaln from "@stdlib/math-base-special-gammaln";
import type { Design } from "../../src/design/design.js";
import { createGlmmState, createPredModule, fitMixed, jointDeviance } from "../../src/laplace/index.js";
import { designOf } from "./designs.js";

/** cbpp with every herd-period count expanded into 0/1 rows (842 bernoulli observations). */
function bernoulliCbpp(): { d: Design; binom: Design; logChoose: number } {
  const binom = designOf("cbpp");
  const rows: number[] = [], ys: number[] = [];
  let logChoose = 0;
  for (let i = 0; i < binom.n; i++) {
    const y = binom.response.y[i], m = binom.response.trials![i];
    logChoose += gammaln(m + 1) - gammaln(y + 1) - gammaln(m - y + 1);
    for (let k = 0; k < m; k++) { rows.push(i); ys.push(k < y ? 1 : 0); }
  }
  const p = binom.p, t = binom.terms[0];
  const d: Design = {
    ...binom, n: rows.length, family: "bernoulli",
    X: Float64Array.from(rows.flatMap((i) => Array.from(binom.X.subarray(i * p, i * p + p)))),
    response: { name: "incidence", y: Float64Array.from(ys) },
    terms: [{ ...t, index: Int32Array.from(rows, (i) => t.index[i]), Z: Float64Array.from(rows, (i) => t.Z[i]) }],
  };
  return { d, binom, logChoose };
}

describe("bernoulli rows merged into binomial counts", () => {
  const { d, binom, logChoose } = bernoulliCbpp();
  const fit = fitMixed(d);
  it("fits the bernoulli expansion of cbpp as the binomial model (same estimates and SEs)", () => {
    const ref = fitMixed(binom);
    expect(fit.nobs).toBe(842);
    fit.fixef.forEach((f, j) => {
      expect(Math.abs(f.est - ref.fixef[j].est)).toBeLessThan(1e-5);
      expect(Math.abs(f.se / ref.fixef[j].se - 1)).toBeLessThan(1e-4);
    });
    expect(fit.theta[0]).toBeCloseTo(ref.theta[0], 5);
    // the binomial likelihood carries the log binomial coefficients; the bernoulli one does not
    expect(fit.logLik).toBeCloseTo(ref.logLik - logChoose, 6);
  });
  it("reports the logLik of the unmerged 842 rows (deviance recomputed row by row)", () => {
    const st = createGlmmState(d, createPredModule(d));
    const x = Float64Array.from([...fit.theta, ...fit.fixef.map((f) => f.est)]);
    expect(-jointDeviance(st, x) / 2).toBeCloseTo(fit.logLik, 7);
  });
});
