import { describe, expect, it } from "vitest";
import { fitMixed, toResultJson } from "../../src/laplace/index.js";
import { compareFit, refFit } from "./compare.js";
import { designOf, fixtureJson } from "./designs.js";

describe("insteval: 73,421 obs, 2,972 x 1,128 crossed random intercepts (sparse Cholesky)", () => {
  const d = designOf("insteval");
  const lme4 = fixtureJson("insteval", "lme4.json");
  for (const method of ["REML", "ML"] as const) {
    it(`${method} matches lmer`, () => {
      const t0 = performance.now();
      const fit = fitMixed(d, { method });
      const seconds = (performance.now() - t0) / 1000;
      console.log(`insteval ${method}: ${seconds.toFixed(1)} s, ${fit.convergence.evaluations} deviance evaluations`);
      expect(compareFit(toResultJson(fit), refFit(lme4, method))).toEqual([]);
    });
  }
});
