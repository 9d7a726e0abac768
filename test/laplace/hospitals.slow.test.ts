import { describe, expect, it } from "vitest";
import { fitMixed, toResultJson } from "../../src/laplace/index.js";
import { compareFit } from "./compare.js";
import { designOf, fixtureJson } from "./designs.js";

describe("larger Laplace GLMMs", () => {
  it("hospitals_sim: 22,308 bernoulli obs, 60 hospitals", () => {
    const j: any = toResultJson(fitMixed(designOf("hospitals_sim")));
    expect(compareFit(j, fixtureJson("hospitals_sim", "lme4.json"))).toEqual([]);
  });
});
