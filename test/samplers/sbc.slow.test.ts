/**
 * Simulation-based calibration (Talts et al. 2018) of the whole sampler (Stan warmup + NUTS): for S data sets drawn
 * from the prior predictive of a small non-centred hierarchical model, the rank of the true parameter among
 * thinned posterior draws must be uniform. Ranks of mu and tau are binned (8 bins) and tested with chi-square.
 */
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import { describe, expect, it } from "vitest";
import { runChain, type SamplerModel } from "../../samplers/chains.js";
import { makeRng, normal } from "../../src/rng.js";

const J = 4;
const SIGMA = 2;

/** mu ~ N(0, 2), tau ~ half-N(0, 1), z_j ~ N(0, 1), y_j ~ N(mu + tau z_j, 2); theta = (mu, log tau, z). */
function model(y: number[]): SamplerModel {
  return {
    dim: J + 2,
    logDensity: (t, g) => {
      const mu = t[0];
      const tau = Math.exp(t[1]);
      let lp = -0.5 * (mu / 2) ** 2 - 0.5 * tau * tau + t[1];
      g[0] = -mu / 4;
      g[1] = -tau * tau + 1;
      for (let j = 0; j < J; j++) {
        const z = t[2 + j];
        const r = (y[j] - mu - tau * z) / SIGMA;
        lp += -0.5 * z * z - 0.5 * r * r;
        g[0] += r / SIGMA;
        g[1] += (r / SIGMA) * tau * z;
        g[2 + j] = -z + (r / SIGMA) * tau;
      }
      return lp;
    },
    outputNames: ["mu", "tau"],
    output: (t, out) => {
      out[0] = t[0];
      out[1] = Math.exp(t[1]);
    },
  };
}

describe("simulation-based calibration (slow)", () => {
  it("ranks of mu and tau are uniform over 200 simulated data sets (chi-square, 8 bins, p > 0.01)", () => {
    const S = 200;
    const THIN = 9;
    const L = 111; // kept draws per fit: ranks 0..111
    const bins = 8;
    const counts = { mu: new Array(bins).fill(0), tau: new Array(bins).fill(0) };
    const rng = makeRng("sbc");
    for (let s = 0; s < S; s++) {
      const mu = 2 * normal(rng);
      const tau = Math.abs(normal(rng));
      const y = Array.from({ length: J }, () => mu + tau * normal(rng) + SIGMA * normal(rng));
      const fit = runChain(model(y), { chain: 0, seed: `sbc-${s}`, warmup: 300, draws: L * THIN, thin: THIN });
      let rMu = 0;
      let rTau = 0;
      for (let d = 0; d < L; d++) {
        if (fit.draws[2 * d] < mu) rMu++;
        if (fit.draws[2 * d + 1] < tau) rTau++;
      }
      counts.mu[Math.floor((rMu * bins) / (L + 1))]++;
      counts.tau[Math.floor((rTau * bins) / (L + 1))]++;
    }
    for (const c of [counts.mu, counts.tau]) {
      const e = S / bins;
      const x2 = c.reduce((acc, o) => acc + (o - e) ** 2 / e, 0);
      const p = 1 - chisquareCdf(x2, bins - 1);
      expect({ counts: c, ok: p > 0.01 }).toEqual({ counts: c, ok: true });
    }
  });
});
