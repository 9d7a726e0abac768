import { describe, expect, it } from "vitest";
import { fitMixed, toResultJson } from "../../src/laplace/index.js";
import { compareFit } from "./compare.js";
import { designOf, fixtureJson } from "./designs.js";

describe("verbagg: crossed random intercepts, 7,584 bernoulli obs", () => {
  it("Laplace matches glmer and glmmTMB", () => {
    const j: any = toResultJson(fitMixed(designOf("verbagg")));
    expect(compareFit(j, fixtureJson("verbagg", "lme4.json"))).toEqual([]);
    expect(compareFit(j, fixtureJson("verbagg", "glmmtmb.json"), { condSd: false })).toEqual([]);
  });
});
