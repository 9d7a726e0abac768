import { describe, expect, it } from "vitest";
import { fitMixed, toResultJson } from "../../src/laplace/index.js";
import { compareFit, refFit } from "./compare.js";
import { designOf, fixtureJson } from "./designs.js";

describe("kinship_sim: known-covariance random effect (K rank 399), exact ML and REML", () => {
  const d = designOf("kinship_sim");
  const ref = fixtureJson("kinship_sim", "exact_ml.json");
  for (const method of ["ML", "REML"] as const) {
    it(`${method} matches the eigendecomposition fit`, () => {
      const j: any = toResultJson(fitMixed(d, { method }));
      expect(compareFit(j, refFit(ref, method))).toEqual([]);
    });
  }
});
