import { describe, expect, it } from "vitest";
import {
  createGlmmState, createPredModule, gaussHermite, jointDeviance, lmmDeviance, stage1Deviance, thetaStart,
} from "../../src/laplace/index.js";
import { fixtureJson } from "./designs.js";
import { designOf } from "./designs.js";

describe("engine internals", () => {
  it("Gauss-Hermite rule integrates normal moments exactly", () => {
    const { nodes, weights } = gaussHermite(25);
    const moment = (k: number) => nodes.reduce((s, z, i) => s + weights[i] * z ** k, 0);
    expect(moment(0)).toBeCloseTo(1, 13);
    expect(moment(2)).toBeCloseTo(1, 11);
    expect(moment(4)).toBeCloseTo(3, 10);
    expect(moment(8)).toBeCloseTo(105, 7);
    expect(Array.from(gaussHermite(3).nodes)).toEqual([expect.closeTo(-Math.sqrt(3), 12), expect.closeTo(0, 12), expect.closeTo(Math.sqrt(3), 12)]);
  });

  it("sparse and dense paths give the same Laplace deviance (grouseticks, 584 random effects)", () => {
    const d = designOf("grouseticks");
    const ref = fixtureJson("grouseticks", "lme4.json").estimates;
    const x = Float64Array.from([ref["sd__BROOD__(Intercept)"].est, ref["sd__INDEX__(Intercept)"].est, ref["sd__LOCATION__(Intercept)"].est,
      ref["(Intercept)"].est, ref.YEAR96.est, ref.YEAR97.est, ref.cHEIGHT.est]);
    const sparse = createGlmmState(d, createPredModule(d, { linearAlgebra: "sparse" }));
    const dense = createGlmmState(d, createPredModule(d, { linearAlgebra: "dense" }));
    expect(sparse.pred.system.kind).toBe("sparse");
    const ds = jointDeviance(sparse, x), dd = jointDeviance(dense, x);
    expect(ds).toBeCloseTo(dd, 8);
    // lme4's -2 logLik at its own estimates
    expect(Math.abs(ds - 2 * 890.271353492814)).toBeLessThan(0.02);
    sparse.u.forEach((v, i) => expect(v).toBeCloseTo(dense.u[i], 7));
  });

  it("the Laplace deviance does not depend on the PIRLS warm start (carried as b = Lambda u across theta)", () => {
    const d = designOf("grouseticks");
    const x = Float64Array.from([0.75, 0.54, 0.53, 0.37, 1.18, -0.98, -0.024]);
    const cold = jointDeviance(createGlmmState(d, createPredModule(d)), x);
    const st = createGlmmState(d, createPredModule(d));
    jointDeviance(st, Float64Array.from([1.6, 0.1, 1.2, 0.1, 1, -1, 0]));   // far away: b is carried from here
    expect(jointDeviance(st, x)).toBeCloseTo(cold, 8);
    expect(stage1Deviance(st, x.subarray(0, 3))).toBeCloseTo(stage1Deviance(createGlmmState(d, createPredModule(d)), x.subarray(0, 3)), 8);
  });

  it("LMM profiled deviance: sparse = dense, and REML at lme4's theta reproduces its REML criterion", () => {
    const d = designOf("sleepstudy");
    const lme4 = fixtureJson("sleepstudy", "lme4.json").fits[0];
    const s = lme4.estimates, sig = s.sigma.est;
    const sd1 = s["sd__Subject__(Intercept)"].est / sig, sd2 = s["sd__Subject__Days"].est / sig, r = s["cor__Subject__(Intercept)__Days"].est;
    const theta = new Float64Array([sd1, r * sd2, sd2 * Math.sqrt(1 - r * r)]);
    const y = d.response.y;
    const dense = lmmDeviance(createPredModule(d, { linearAlgebra: "dense" }), y, theta, true);
    const sparse = lmmDeviance(createPredModule(d, { linearAlgebra: "sparse" }), y, theta, true);
    expect(sparse.deviance).toBeCloseTo(dense.deviance, 9);
    expect(dense.deviance).toBeCloseTo(lme4.REMLcrit, 5);
    expect(dense.sigma).toBeCloseTo(sig, 5);
    expect(thetaStart(createPredModule(d).layouts)).toEqual(new Float64Array([1, 0, 1]));
  });
});
