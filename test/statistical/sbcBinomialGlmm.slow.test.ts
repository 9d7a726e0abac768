/**
 * Simulation-based calibration (Talts et al. 2018) of the whole full-Bayes path on a binomial GLMM:
 * Design -> compileDesign (priors, transforms, Jacobians, gradient) -> Stan-style warm-up + NUTS.
 * For S data sets drawn from the prior predictive of y_ij ~ binomial(10, logit^-1(b0 + b1 x_ij + u_j)),
 * u_j ~ N(0, sd^2), b0, b1 ~ N(0, 1), sd ~ half-N(0, 1), the rank of each true parameter among thinned posterior
 * draws must be uniform: 8 bins, chi-square test at p > 0.01.
 */
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import { describe, expect, it } from "vitest";
import { runChain } from "../../samplers/chains.js";
import { nutsModel } from "../../src/fit/nutsModel.js";
import type { Design } from "../../src/design/design.js";
import type { ModelPriors } from "../../src/design/priors.js";
import { makeRng, normal } from "../../src/rng.js";

const J = 6, PER = 4, TRIALS = 10;
const PRIORS: ModelPriors = {
  Intercept: { dist: "normal", mu: 0, sigma: 1 }, b: { dist: "normal", mu: 0, sigma: 1 },
  sd: { dist: "normal", mu: 0, sigma: 1, half: true }, cor: null, sigma: null, shape: null,
};

function simulate(rng: () => number): { design: Design; truth: number[] } {
  const n = J * PER;
  const b0 = normal(rng), b1 = normal(rng), sd = Math.abs(normal(rng));
  const u = Array.from({ length: J }, () => sd * normal(rng));
  const X = new Float64Array(2 * n), y = new Float64Array(n), index = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = i % J, x = normal(rng);
    X[2 * i] = 1; X[2 * i + 1] = x; index[i] = j;
    const p = 1 / (1 + Math.exp(-(b0 + b1 * x + u[j])));
    let k = 0;
    for (let t = 0; t < TRIALS; t++) if (rng() < p) k++;
    y[i] = k;
  }
  const design: Design = {
    n, p: 2, X, fixedNames: ["(Intercept)", "x"], family: "binomial", link: "logit",
    response: { name: "y", y, trials: new Float64Array(n).fill(TRIALS) },
    terms: [{ group: "g", termNames: ["(Intercept)"], levels: Array.from({ length: J }, (_, j) => `${j + 1}`), index, Z: new Float64Array(n).fill(1) }],
  };
  return { design, truth: [b0, b1, sd] };
}

describe("simulation-based calibration of a binomial GLMM (slow)", () => {
  it("ranks of the intercept, slope and random-effect sd are uniform over 200 data sets (chi-square, 8 bins, p > 0.01)", () => {
    const S = 200, THIN = 9, L = 111, bins = 8;
    const names = ["(Intercept)", "x", "sd__g__(Intercept)"];
    const counts = names.map(() => new Array(bins).fill(0));
    const rng = makeRng("sbc-binomial");
    for (let s = 0; s < S; s++) {
      const { design, truth } = simulate(rng);
      const model = nutsModel({ design, priors: PRIORS });
      const cols = names.map((nm) => model.outputNames.indexOf(nm));
      const k = model.outputNames.length;
      const fit = runChain(model, { chain: 0, seed: `sbc-binomial-${s}`, warmup: 400, draws: L * THIN, thin: THIN });
      names.forEach((_, q) => {
        let rank = 0;
        for (let d = 0; d < L; d++) if (fit.draws[d * k + cols[q]] < truth[q]) rank++;
        counts[q][Math.floor((rank * bins) / (L + 1))]++;
      });
    }
    const e = S / bins;
    const pValues = counts.map((c) => 1 - chisquareCdf(c.reduce((acc, o) => acc + (o - e) ** 2 / e, 0), bins - 1));
    expect({ counts, ok: pValues.map((p) => p > 0.01) }).toEqual({ counts, ok: [true, true, true] });
  }, 3_600_000);
});
