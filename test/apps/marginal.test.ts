import { describe, expect, it } from "vitest";
import { counterfactual } from "../../src/apps/counterfactual.js";
import { marginalProblem, pointFromFit } from "../../src/apps/marginal.js";
import { covarianceRoot, ebMarginal, fbMarginal } from "../../src/apps/marginalIntervals.js";
import type { Design } from "../../src/design/design.js";
import type { NutsFit } from "../../src/fit/index.js";
import { fitMixed, type MixedFit } from "../../src/laplace/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { runGlmm } from "./cliHarness.js";
import { casePath, rel } from "./helpers.js";

/** Independent marginal risk: trapezoid rule on z in [-10, 10] (20001 points) of logistic(eta + sd z) phi(z). */
function trapezoidRisk(etas: number[], sds: number[], weights: number[]): number {
  const h = 1e-3, memo = new Map<string, number>();
  let num = 0, den = 0;
  etas.forEach((eta, i) => {
    const key = `${eta}/${sds[i]}`;
    if (memo.has(key)) { num += weights[i] * memo.get(key)!; den += weights[i]; return; }
    let s = 0;
    for (let k = -10000; k <= 10000; k++) {
      const z = k * h, f = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / (1 + Math.exp(-(eta + sds[i] * z)));
      s += (k === -10000 || k === 10000 ? 0.5 : 1) * f * h;
    }
    memo.set(key, s);
    num += weights[i] * s;
    den += weights[i];
  });
  return num / den;
}

describe("marginal: cbpp period (Laplace and AGQ(25))", () => {
  const { spec, design } = loadSpec(casePath("cbpp"));
  const fits: [string, MixedFit][] = [["laplace", fitMixed(design)], ["agq", fitMixed(design, { method: "AGQ", nAGQ: 25 })]];
  for (const [label, fit] of fits) {
    it(`${label}: risks match an independent trapezoid integration; contrast 1 vs 4`, () => {
      const r = ebMarginal(design, fit, "period", { factorLevels: spec.factors!.period, contrast: ["1", "4"], nsim: 300 });
      const b = fit.fixef.map((f) => f.est), sd = fit.varCorr[0].sd[0];
      const w = Array.from(design.response.trials!);
      const risk = (j: number) => trapezoidRisk(w.map(() => b[0] + (j > 0 ? b[j] : 0)), w.map(() => sd), w);
      ["1", "2", "3", "4"].forEach((lv, j) => expect(rel(r.risk[lv], risk(j))).toBeLessThan(1e-7));
      expect(r.contrast).toEqual(["1", "4"]);
      expect(r.risk_difference).toBeCloseTo(risk(3) - risk(0), 9);
      const odds = (p: number) => p / (1 - p);
      expect(rel(r.marginal_or, odds(risk(3)) / odds(risk(0)))).toBeLessThan(1e-6);
      expect(rel(r.conditional_or, Math.exp(b[3]))).toBeLessThan(1e-12);
      // population-averaged OR is attenuated towards 1
      expect(r.marginal_or).toBeGreaterThan(r.conditional_or);
      expect(r.marginal_or).toBeLessThan(1);
      const se = fit.fixef[3].se;
      expect(r.interval90.conditional_or[0]).toBeCloseTo(Math.exp(b[3] - 1.644854 * se), 5);
      for (const [lo, hi] of [r.interval90.marginal_or, r.interval90.risk_difference, ...Object.values(r.interval90.risk)]) expect(lo).toBeLessThan(hi);
      expect(r.interval90.marginal_or[0]).toBeLessThan(r.marginal_or);
      expect(r.interval90.marginal_or[1]).toBeGreaterThan(r.marginal_or);
    });
  }
  it("simulation intervals: seeded, and close to delta-method widths for the log marginal OR", () => {
    const fit = fits[0][1];
    const a = ebMarginal(design, fit, "period", { factorLevels: spec.factors!.period, nsim: 1000, seed: 7 });
    expect(ebMarginal(design, fit, "period", { factorLevels: spec.factors!.period, nsim: 1000, seed: 7 })).toEqual(a);
    // the log marginal OR moves almost linearly with beta: its 90% interval width ~ 2 * 1.645 * se(log cond OR) * attenuation
    const width = Math.log(a.interval90.marginal_or[1] / a.interval90.marginal_or[0]);
    const attenuation = Math.log(a.marginal_or) / Math.log(a.conditional_or);
    expect(rel(width, 2 * 1.644854 * fit.fixef[1].se * attenuation)).toBeLessThan(0.1);
  });
  it("covarianceRoot squares back to the covariance", () => {
    const V = fits[0][1].vcov, R = covarianceRoot(V, 4);
    for (let a = 0; a < 4; a++) for (let c = 0; c < 4; c++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += R.get(a, k) * R.get(k, c);
      expect(s).toBeCloseTo(V[a * 4 + c], 12);
    }
  });
});

describe("marginal: nielweise2007 treat (0/1 covariate that is also a random slope)", () => {
  const { design } = loadSpec(casePath("nielweise2007"));
  const fit = fitMixed(design);
  it("the random treat slope enters the variance only for treated rows; risks match trapezoid integration", () => {
    const cf = counterfactual(design, "treat");
    expect(cf.levels).toEqual(["0", "1"]);
    expect(Array.from(cf.Z[0][1]).every((z) => z === 0)).toBe(true);
    expect(Array.from(cf.Z[1][1]).every((z) => z === 1)).toBe(true);
    const r = ebMarginal(design, fit, "treat", { nsim: 200 });
    const [b0, b1] = fit.fixef.map((f) => f.est), s0 = fit.varCorr[0].sd[0], s1 = fit.varCorr[1].sd[0];
    const w = Array.from(design.response.trials!);
    const r0 = trapezoidRisk(w.map(() => b0), w.map(() => s0), w);
    const r1 = trapezoidRisk(w.map(() => b0 + b1), w.map(() => Math.hypot(s0, s1)), w);
    expect(rel(r.risk["0"], r0)).toBeLessThan(1e-7);
    expect(rel(r.risk["1"], r1)).toBeLessThan(1e-7);
  });
  it("full Bayes from draws: a posterior concentrated at the EB estimates gives the EB answer", () => {
    const point = pointFromFit(design, fit);
    const names = [...design.fixedNames, "sd__study__(Intercept)", "sd__study__treat"];
    const values = [...point.beta, Math.sqrt(point.cov[0][0]), Math.sqrt(point.cov[1][0])];
    const draws = Float64Array.from({ length: 50 * names.length }, (_, i) => values[i % names.length]);
    const nuts = { result: { outputNames: names, chains: [{ draws }] } } as unknown as NutsFit;
    const fb = fbMarginal(design, nuts, "treat");
    const eb = ebMarginal(design, fit, "treat", { nsim: 50 });
    expect(fb.marginal_or).toBeCloseTo(eb.marginal_or, 12);
    expect(fb.risk["1"]).toBeCloseTo(eb.risk["1"], 12);
    expect(fb.interval90.marginal_or[0]).toBeCloseTo(eb.marginal_or, 12);
    expect(fb.interval90.conditional_or[1]).toBeCloseTo(eb.conditional_or, 12);
  });
  it("refuses non-binary outcomes, unknown terms and continuous covariates", () => {
    expect(() => marginalProblem({ ...design, family: "poisson", link: "log" } as Design, "treat")).toThrow(/binomial or bernoulli/);
    expect(() => marginalProblem(design, "dose")).toThrow(/not a factor or 0\/1 covariate/);
    const hs = loadSpec(casePath("hospitals_sim")).design;
    expect(() => marginalProblem(hs, "age_c")).toThrow(/numeric covariate/);
  });
});

describe("glmm marginal (CLI)", () => {
  it("prints the JSON answer", async () => {
    const run = await runGlmm(["marginal", casePath("cbpp"), "--term", "period", "--method", "agq", "--agq", "9", "--nsim", "200"]);
    expect(run.code).toBe(0);
    const j = JSON.parse(run.stdout);
    expect(Object.keys(j.risk)).toEqual(["1", "2", "3", "4"]);
    for (const k of ["conditional_or", "risk_difference", "marginal_or"]) expect(typeof j[k]).toBe("number");
    expect(Object.keys(j.interval90)).toEqual(["conditional_or", "risk", "risk_difference", "marginal_or"]);
  });
  it("bad input exits 2 with one line and no output", async () => {
    for (const args of [["--term", "herdsize"], ["--method", "laplace"], ["--term", "period", "--method", "mcmc"], ["--term", "period", "--levels", "1,9"], ["--term", "period", "--agq", "0"]]) {
      const run = await runGlmm(["marginal", casePath("cbpp"), ...args]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stdout).toBe("");
    }
  });
});
