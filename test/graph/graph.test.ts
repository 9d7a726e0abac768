import { describe, expect, it } from "vitest";
import { compileDesign } from "../../src/compile/index.js";
import { DEFAULT_PRIORS, type ModelPriors } from "../../src/design/priors.js";
import * as glmm from "../../src/graph/index.js";
import { makeRng } from "../../src/rng.js";
import { randomTheta } from "../compile/syntheticDesigns.js";
import { referenceLogDensity } from "../compile/referenceDensity.js";
import { sleepstudyDesign } from "../compile/sleepstudyDesign.js";

const reaction = glmm.vector("Reaction"), days = glmm.vector("Days"), subject = glmm.factor("Subject");
const sleep = glmm.model({
  likelihood: glmm.gaussian(reaction, { sigma: glmm.halfNormal(281.6) }),
  fixed: [glmm.intercept(glmm.normal(0, 563.3)), glmm.slope(days, glmm.normal(0, 563.3))],
  random: [glmm.re(subject, [glmm.intercept(), glmm.slope(days)], { sd: glmm.halfNormal(140.8), cor: glmm.lkj(2) })],
});
const SLEEP_PRIORS: ModelPriors = {
  Intercept: glmm.normal(0, 563.3), b: glmm.normal(0, 563.3), sd: glmm.halfNormal(140.8), cor: glmm.lkj(2), sigma: glmm.halfNormal(281.6), shape: null,
};

function sleepData() {
  const d = sleepstudyDesign();
  const t = d.terms[0];
  return {
    Reaction: Array.from(d.response.y),
    Days: Array.from({ length: d.n }, (_, i) => d.X[2 * i + 1]),
    Subject: Array.from(t.index, (j) => t.levels[j]),
  };
}

describe("graph -> Design -> compileDesign", () => {
  it("sleepstudy graph reduces to the hand-built design and the same density as compileDesign with class priors", () => {
    const g = glmm.toDesign(sleep, sleepData());
    const hand = sleepstudyDesign();
    expect(g.design.fixedNames).toEqual(["(Intercept)", "Days"]);
    expect(Array.from(g.design.X)).toEqual(Array.from(hand.X));
    expect(g.design.terms[0].termNames).toEqual(["(Intercept)", "Days"]);
    expect(g.design.terms[0].levels).toEqual(hand.terms[0].levels); // numeric level sort, as R
    expect(Array.from(g.design.terms[0].index)).toEqual(Array.from(hand.terms[0].index));
    const cm = glmm.compileModel(sleep, sleepData());
    const ref = compileDesign(hand, SLEEP_PRIORS);
    expect(cm.names()).toEqual(ref.names());
    const rng = makeRng("graph-sleep");
    const g1 = new Float64Array(cm.dim), g2 = new Float64Array(cm.dim);
    for (let r = 0; r < 20; r++) {
      const th = randomTheta(rng, cm.dim);
      const a = cm.logDensity(th, g1), b = ref.logDensity(th, g2);
      expect(Math.abs(a - b)).toBeLessThan(1e-10 * Math.abs(b));
      expect(Math.abs(a - referenceLogDensity(hand, SLEEP_PRIORS, th))).toBeLessThan(1e-10 * Math.abs(b));
      for (let i = 0; i < cm.dim; i++) expect(g1[i]).toBe(g2[i]);
    }
  });

  it("typed values: re__ as vectors over levels, scalars by FORMAT.md names", () => {
    const cm = glmm.compileModel(sleep, sleepData());
    const v = cm.values(cm.unconstrain({ "sd__Subject__Days": 5, "cor__Subject__(Intercept)__Days": 0.3, sigma: 20, "re__Subject__Days[309]": 2 }));
    expect(v.sd__Subject__Days).toBeCloseTo(5, 12);
    expect(v["cor__Subject__(Intercept)__Days"]).toBeCloseTo(0.3, 12);
    expect(v.sigma).toBeCloseTo(20, 12);
    expect(v.re__Subject__Days.length).toBe(18);
    expect(v.re__Subject__Days[1]).toBeCloseTo(2, 10);
    expect(v["re__Subject__(Intercept)"][1]).toBeCloseTo(0, 10);
  });

  it("factor effects, trials, offset, independent terms and per-coefficient priors", () => {
    const rng = makeRng(1);
    const n = 30;
    const data = {
      k: Array.from({ length: n }, () => Math.floor(rng() * 5)),
      size: Array.from({ length: n }, () => 5),
      period: Array.from({ length: n }, (_, i) => ["1", "2", "3"][i % 3]),
      herd: Array.from({ length: n }, (_, i) => `h${i % 4}`),
      x: Array.from({ length: n }, () => rng() - 0.5),
      lo: Array.from({ length: n }, () => 0.1 * rng()),
    };
    const period = glmm.factor("period", ["1", "2", "3"]), herd = glmm.factor("herd"), x = glmm.vector("x");
    const m = glmm.model({
      likelihood: glmm.binomial(glmm.counts("k"), glmm.trials("size"), { link: "probit", offset: glmm.vector("lo") }),
      fixed: [glmm.intercept(), glmm.effects(period, glmm.studentT(3, 0, 2))],
      random: [glmm.reIndependent(herd, [glmm.intercept(), glmm.slope(x)], { sd: [glmm.halfCauchy(1), glmm.exponential(2)] })],
    });
    const g = glmm.toDesign(m, data);
    expect(g.design.fixedNames).toEqual(["(Intercept)", "period2", "period3"]);
    expect(g.design.terms.map((t) => t.termNames)).toEqual([["(Intercept)"], ["x"]]);
    expect(g.overrides).toEqual({ period2: glmm.studentT(3, 0, 2), period3: glmm.studentT(3, 0, 2), "sd__herd__(Intercept)": glmm.halfCauchy(1), sd__herd__x: glmm.exponential(2) });
    const cm = glmm.compileModel(m, data);
    // same density as the class-prior reference after swapping in the overridden priors term by term
    const th = randomTheta(makeRng(2), cm.dim);
    const base = compileDesign(g.design, DEFAULT_PRIORS);
    const diff = cm.logDensity(th, new Float64Array(cm.dim)) - base.logDensity(th, new Float64Array(cm.dim));
    const t3 = (v: number) => referencePrior(glmm.studentT(3, 0, 2), v) - referencePrior(DEFAULT_PRIORS.b, v);
    const sdI = Math.exp(th[3]), sdX = Math.exp(th[4 + 4]);
    const expected = t3(th[1]) + t3(th[2]) + referencePrior(glmm.halfCauchy(1), sdI) - referencePrior(DEFAULT_PRIORS.sd, sdI)
      + referencePrior(glmm.exponential(2), sdX) - referencePrior(DEFAULT_PRIORS.sd, sdX);
    expect(cm.names()[8]).toBe("log(sd__herd__x)");
    expect(diff).toBeCloseTo(expected, 10);
  });

  it("known covariance with labelled rows is reordered to the factor's levels", () => {
    const data = { y: [0.5, 1.2, -0.3, 0.8], id: ["b", "a", "c", "a"], K: [[2, 0.5, 0], [0.5, 1, 0.2], [0, 0.2, 1.5]] };
    const m = glmm.model({
      likelihood: glmm.gaussian(glmm.vector("y")),
      fixed: [glmm.intercept()],
      random: [glmm.reKnown(glmm.factor("id"), glmm.intercept(), glmm.covariance("K", ["c", "b", "a"]))],
    });
    const K = glmm.toDesign(m, data).design.terms[0].knownCovariance!;
    expect(Array.from(K)).toEqual([1.5, 0.2, 0, 0.2, 1, 0.5, 0, 0.5, 2]); // levels a, b, c
  });

  it("errors name the data to fix", () => {
    expect(() => glmm.toDesign(sleep, { ...sleepData(), Days: [1, 2] })).toThrow(/"Days" has 2 values, the response has 180/);
    const { Subject: _s, ...noSubject } = sleepData();
    expect(() => glmm.toDesign(sleep, noSubject as never)).toThrow(/missing "Subject"/);
    const f = glmm.factor("g", ["a", "b"]);
    const m = glmm.model({ likelihood: glmm.poisson(glmm.counts("y")), fixed: [glmm.effects(f)] });
    expect(() => glmm.toDesign(m, { y: [1, 2], g: ["a", "z"] })).toThrow(/"z" is not one of its declared levels/);
  });
});

import { refPrior as referencePrior } from "../compile/referenceDensity.js";

describe("graph: matrix columns, bernoulli/cloglog, gaussian/log", () => {
  it("columns() of a dense matrix become named fixed effects; density equals compileDesign's; gradient = FD", async () => {
    const { fdGradient, gradientMismatch } = await import("../gradients/finiteDifference.js");
    const rng = makeRng(3);
    const n = 16;
    const data = {
      y: Array.from({ length: n }, () => (rng() < 0.5 ? 1 : 0)),
      W: Array.from({ length: n }, () => [rng() - 0.5, rng() - 0.5]),
      g: Array.from({ length: n }, (_, i) => `s${i % 3}`),
    };
    const W = glmm.matrix("W", ["w1", "w2"]);
    const m = glmm.model({
      likelihood: glmm.bernoulli(glmm.counts("y"), { link: "cloglog" }),
      fixed: [glmm.intercept(glmm.normal(0, 2)), glmm.columns(W, glmm.cauchy(0, 1))],
      random: [glmm.re(glmm.factor("g"), [glmm.intercept()], { sd: glmm.halfStudentT(3, 1) })],
    });
    const g = glmm.toDesign(m, data);
    expect(g.design.fixedNames).toEqual(["(Intercept)", "w1", "w2"]);
    expect(g.design.X[1 * 3 + 2]).toBe(data.W[1][1]);
    const cm = glmm.compileModel(m, data);
    const ref = compileDesign(g.design, { ...DEFAULT_PRIORS, Intercept: glmm.normal(0, 2), b: glmm.cauchy(0, 1), sd: glmm.halfStudentT(3, 1) });
    const grad = new Float64Array(cm.dim), scratch = new Float64Array(cm.dim);
    const r2 = makeRng("graph-fd");
    for (let r = 0; r < 20; r++) {
      const th = randomTheta(r2, cm.dim);
      const lp = cm.logDensity(th, grad);
      expect(Math.abs(lp - ref.logDensity(th, scratch))).toBeLessThan(1e-10 * Math.abs(lp));
      expect(gradientMismatch(grad, fdGradient((x) => cm.logDensity(x, scratch), th))).toBeNull();
    }
  });

  it("gaussian with a log link and an sd prior per coefficient", () => {
    const data = { y: [1.2, 0.7, 2.5, 1.9], x: [0, 1, 2, 3], g: ["a", "a", "b", "b"] };
    const x = glmm.vector("x");
    const m = glmm.model({
      likelihood: glmm.gaussian(glmm.vector("y"), { link: "log", sigma: glmm.exponential(1) }),
      fixed: [glmm.intercept(), glmm.slope(x)],
      random: [glmm.re(glmm.factor("g"), [glmm.intercept(), glmm.slope(x)], { sd: [glmm.halfNormal(1), glmm.halfNormal(0.5)], cor: glmm.lkj(3) })],
    });
    const g = glmm.toDesign(m, data);
    expect(g.design.link).toBe("log");
    expect(g.overrides).toEqual({ "sd__g__(Intercept)": glmm.halfNormal(1), sd__g__x: glmm.halfNormal(0.5), cor__g: glmm.lkj(3), sigma: glmm.exponential(1) });
    const cm = glmm.compileModel(m, data);
    expect(cm.outputNames()).toContain("cor__g__(Intercept)__x");
    expect(Number.isFinite(cm.logDensity(cm.unconstrain({}), new Float64Array(cm.dim)))).toBe(true);
  });
});

describe("designToGraph", () => {
  it("round trips every structure: toDesign(designToGraph(d)) = d and the compiled densities agree", async () => {
    const { STRUCTURES, syntheticDesign } = await import("../compile/syntheticDesigns.js");
    const priors: ModelPriors = { ...DEFAULT_PRIORS, sigma: glmm.halfCauchy(2), b: null };
    const cases = [
      ...Object.values(STRUCTURES).map((terms) => syntheticDesign({ n: 18, p: 3, family: "gaussian", link: "identity", terms, offset: true, seed: 8 })),
      syntheticDesign({ n: 18, p: 2, family: "binomial", link: "probit", terms: STRUCTURES.crossed, seed: 9 }),
      syntheticDesign({ n: 18, p: 2, family: "negbinomial2", link: "log", terms: STRUCTURES.correlated3, seed: 9 }),
    ];
    for (const d of cases) {
      const { model, data } = glmm.designToGraph(d, priors);
      const back = glmm.toDesign(model, data as never).design;
      expect(back.fixedNames).toEqual(d.fixedNames);
      expect(Array.from(back.X)).toEqual(Array.from(d.X));
      expect(back.terms.map((t) => [t.group, t.termNames, t.levels])).toEqual(d.terms.map((t) => [t.group, t.termNames, t.levels]));
      const a = glmm.compileModel(model, data as never), b = compileDesign(d, priors);
      const th = randomTheta(makeRng(10), a.dim);
      expect(a.logDensity(th, new Float64Array(a.dim))).toBeCloseTo(b.logDensity(th, new Float64Array(b.dim)), 9);
    }
  });
});
