import { describe, expectTypeOf, it } from "vitest";
import * as glmm from "../../src/graph/index.js";

const reaction = glmm.vector("Reaction"), days = glmm.vector("Days"), subject = glmm.factor("Subject");
const sleep = glmm.model({
  likelihood: glmm.gaussian(reaction, { sigma: glmm.halfNormal(281.6) }),
  fixed: [glmm.intercept(glmm.normal(0, 563.3)), glmm.slope(days, glmm.normal(0, 563.3))],
  random: [glmm.re(subject, [glmm.intercept(), glmm.slope(days)], { sd: glmm.halfNormal(140.8), cor: glmm.lkj(2) })],
});

type SleepValues = {
  "(Intercept)": number;
  Days: number;
  "sd__Subject__(Intercept)": number;
  sd__Subject__Days: number;
  "cor__Subject__(Intercept)__Days": number;
  sigma: number;
  "re__Subject__(Intercept)": Float64Array;
  re__Subject__Days: Float64Array;
};

describe("types flow from the declaration", () => {
  it("Values of a model with a correlated slope term", () => {
    expectTypeOf<glmm.Values<typeof sleep>>().toEqualTypeOf<SleepValues>();
    const v = {} as glmm.Values<typeof sleep>;
    expectTypeOf(v.sd__Subject__Days).toBeNumber();
    // @ts-expect-error misspelled parameter name
    void v.sd__Subject__Day;
    // @ts-expect-error no shape in a gaussian model
    void v.shape;
    // @ts-expect-error correlations are named in term order: (Intercept) before Days
    void v["cor__Subject__Days__(Intercept)"];
  });

  it("Draws: a Float64Array per scalar, per level for random effects", () => {
    const d = {} as glmm.Draws<typeof sleep>;
    expectTypeOf(d.sigma).toEqualTypeOf<Float64Array>();
    expectTypeOf(d.re__Subject__Days).toEqualTypeOf<Float64Array[]>();
    // @ts-expect-error misspelled
    void d.Sigma;
  });

  it("DataInput names every data node", () => {
    expectTypeOf<keyof glmm.DataInput<typeof sleep>>().toEqualTypeOf<"Reaction" | "Days" | "Subject">();
    const ok: glmm.DataInput<typeof sleep> = { Reaction: [1], Days: [0], Subject: ["308"] };
    void ok;
    // @ts-expect-error Days is missing
    const bad: glmm.DataInput<typeof sleep> = { Reaction: [1], Subject: ["308"] };
    void bad;
  });

  it("factor effects with literal levels, k = 3 correlations, independent terms, NB2 shape", () => {
    const period = glmm.factor("period", ["1", "2", "3"]), x = glmm.vector("x"), w = glmm.vector("w"), g = glmm.factor("g");
    const m = glmm.model({
      likelihood: glmm.negbinomial2(glmm.counts("y"), { shape: glmm.gamma(0.01, 0.01), offset: glmm.vector("lo") }),
      fixed: [glmm.intercept(), glmm.effects(period)],
      random: [
        glmm.re(g, [glmm.intercept(), glmm.slope(x), glmm.slope(w)]),
        glmm.reIndependent(glmm.factor("h"), [glmm.intercept(), glmm.slope(x)]),
      ],
    });
    type V = glmm.Values<typeof m>;
    expectTypeOf<glmm.ScalarNames<typeof m>>().toEqualTypeOf<
      | "(Intercept)" | "period2" | "period3" | "shape"
      | "sd__g__(Intercept)" | "sd__g__x" | "sd__g__w" | "sd__h__(Intercept)" | "sd__h__x"
      | "cor__g__(Intercept)__x" | "cor__g__(Intercept)__w" | "cor__g__x__w"
    >();
    expectTypeOf<V["re__h__x"]>().toEqualTypeOf<Float64Array>();
    expectTypeOf<keyof glmm.DataInput<typeof m>>().toEqualTypeOf<"y" | "lo" | "period" | "g" | "x" | "w" | "h">();
    // @ts-expect-error independent terms have no correlation
    void ({} as V)["cor__h__(Intercept)__x"];
    // @ts-expect-error period1 is the reference level
    void ({} as V).period1;
  });
});
