import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nutsModel } from "../../src/fit/nutsModel.js";
import { makeRng } from "../../src/rng.js";
import { loadSpec } from "../../src/spec/index.js";

const dir = fileURLToPath(new URL("../fixtures/cases/verbagg/", import.meta.url));

/**
 * verbagg's `model.stan`, transcribed line by line on the same unconstrained vector (beta; log sd_g, whose
 * log-Jacobian is +log sd; z1; z2), with the normalising constants Stan's `~` drops kept in, so the two agree
 * exactly (not up to a constant): the sampler sees the same target, parameterisation and geometry as rstan.
 */
function stanProgramLogDensity(names: string[]): (theta: Float64Array) => number {
  const spec = JSON.parse(readFileSync(`${dir}spec.json`, "utf8"));
  const lines = readFileSync(`${dir}data.csv`, "utf8").trim().split("\n");
  const header = lines[0].split(",").map((s) => s.replace(/"/g, ""));
  const rows = lines.slice(1).map((l) => l.split(",").map((s) => s.replace(/"/g, "")));
  const col = (n: string) => header.indexOf(n);
  const X = rows.map((r) => [1, Number(r[col("Anger")]), r[col("Gender")] === "M" ? 1 : 0, r[col("btype")] === "scold" ? 1 : 0, r[col("btype")] === "shout" ? 1 : 0, r[col("situ")] === "self" ? 1 : 0]);
  const y = rows.map((r) => (r[col("r2")] === "1" || r[col("r2")] === "Y" ? 1 : 0));
  const ids: string[] = spec.factors.id, items: string[] = spec.factors.item;
  const g1 = rows.map((r) => ids.indexOf(r[col("id")])), g2 = rows.map((r) => items.indexOf(r[col("item")]));
  const at = (n: string) => {
    const k = names.indexOf(n);
    if (k < 0) throw new Error(`no parameter ${n}`);
    return k;
  };
  const beta = ["(Intercept)", "Anger", "GenderM", "btypescold", "btypeshout", "situself"].map(at);
  const logSd = [at("log(sd__id__(Intercept))"), at("log(sd__item__(Intercept))")];
  const z1 = ids.map((l) => at(`z__id__(Intercept)[${l}]`)), z2 = items.map((l) => at(`z__item__(Intercept)[${l}]`));
  const normal = (x: number, s: number) => -0.5 * (x / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
  return (theta) => {
    let lp = 0;
    for (const k of beta) lp += normal(theta[k], 5); // beta ~ normal(0, 5)
    const sd = logSd.map((k) => Math.exp(theta[k]));
    for (let j = 0; j < 2; j++) lp += normal(sd[j], 2.5) + Math.LN2 + theta[logSd[j]]; // sd_g ~ normal(0, 2.5), <lower=0>
    for (const k of [...z1, ...z2]) lp += normal(theta[k], 1); // z ~ std_normal()
    for (let i = 0; i < rows.length; i++) {
      let eta = sd[0] * theta[z1[g1[i]]] + sd[1] * theta[z2[g2[i]]];
      for (let k = 0; k < beta.length; k++) eta += X[i][k] * theta[beta[k]];
      lp += y[i] ? -Math.log1p(Math.exp(-eta)) : -Math.log1p(Math.exp(eta)); // bernoulli_logit
    }
    return lp;
  };
}

describe("the compiled log density is the reference Stan program's", () => {
  it("verbagg: equals model.stan (non-centred, crossed) at random points of the 348-dimensional unconstrained space", () => {
    const m = loadSpec(`${dir}spec.json`);
    const model = nutsModel({ design: m.design, priors: m.priors });
    const reference = stanProgramLogDensity(model.names ?? []);
    const rng = makeRng("stan-program");
    const grad = new Float64Array(model.dim);
    expect(model.dim).toBe(348);
    for (let t = 0; t < 4; t++) {
      const theta = new Float64Array(model.dim);
      for (let i = 0; i < theta.length; i++) theta[i] = 4 * rng() - 2;
      const ours = model.logDensity(theta, grad), theirs = reference(theta);
      expect(Math.abs(ours - theirs)).toBeLessThan(1e-7); // |log p| ~ 1e4 to 1e5: summation-order rounding only
    }
  });
});
