import { loadavg } from "node:os";
import { describe, expect, it } from "vitest";
import { fitMixed, toResultJson } from "../../src/laplace/index.js";
import { createPredModule } from "../../src/laplace/predModule.js";
import { compareFit, refFit } from "./compare.js";
import { designOf, fixtureJson } from "./designs.js";

describe("insteval: 73,421 obs, 2,972 x 1,128 crossed random intercepts (sparse Cholesky)", () => {
  const d = designOf("insteval");
  const lme4 = fixtureJson("insteval", "lme4.json");
  it("the factor keeps the students sparse and a dense lecturer block smaller than all lecturers", () => {
    const size = createPredModule(d).system.factorSize!();
    console.log(`insteval factor: ${size.nnz} entries, ${size.nSparse} sparse columns, dense block ${size.nDense}`);
    expect(size.nSparse).toBeGreaterThanOrEqual(2972);
    expect(size.nDense).toBeLessThanOrEqual(1128);
    expect(size.nnz).toBeLessThan(450_000); // greedy minimum degree alone gave 542k
  });
  for (const method of ["REML", "ML"] as const) {
    it(`${method} matches lmer`, () => {
      const t0 = performance.now(), c0 = process.cpuUsage();
      const fit = fitMixed(d, { method });
      const seconds = (performance.now() - t0) / 1000, cu = process.cpuUsage(c0);
      const ref = refFit(lme4, method);
      console.log(
        `insteval ${method}: ${seconds.toFixed(1)} s wall, ${((cu.user + cu.system) / 1e6).toFixed(1)} s CPU, load ${loadavg()[0].toFixed(2)}, ` +
          `${fit.convergence.evaluations} deviance evaluations (lme4: ${ref.time_s.median.toFixed(1)} s)`,
      );
      expect(compareFit(toResultJson(fit), ref)).toEqual([]);
      expect(fit.convergence.evaluations).toBeLessThan(100);
      expect(fit.convergence.messages).toEqual([]);
    });
  }
});
