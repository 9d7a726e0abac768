import { describe, expect, it } from "vitest";
import {
  diagnoseParameter, ebfmi, essBulk, essMean, essTail, mcseMean, rhat, rhatBasic, splitChains, stackChains, summarise,
} from "../../src/diagnostics/index.js";
import { makeRng, normal } from "../../src/rng.js";

function iid(n: number, seed: string): Float64Array {
  const rng = makeRng(seed);
  return Float64Array.from({ length: n }, () => normal(rng));
}

const KEYS = [
  "rhat", "rhat_basic", "ess_bulk", "ess_tail", "ess_basic", "ess_mean", "ess_sd", "ess_q05", "ess_q95",
  "mcse_mean", "mcse_sd", "mcse_q05", "mcse_q95",
] as const;

describe("degenerate input gives NaN where posterior gives NA, never an exception", () => {
  it("constant draws: every diagnostic NaN, mean/quantiles the constant, sd 0", () => {
    const d = diagnoseParameter(new Float64Array(400).fill(-2.25), 4);
    for (const k of KEYS) expect(d[k], k).toBeNaN();
    expect([d.mean, d.sd, d.q05, d.q50, d.q95]).toEqual([-2.25, 0, -2.25, -2.25, -2.25]);
  });

  it("a NaN draw makes every diagnostic and quantile NaN", () => {
    const x = iid(400, "nan");
    x[17] = NaN;
    const d = diagnoseParameter(x, 4);
    for (const k of [...KEYS, "mean", "sd", "q05", "q50", "q95"] as const) expect(d[k], k).toBeNaN();
  });

  it("an infinite draw: NaN for the ESS/MCSE posterior guards (NA), rank-based R-hat and bulk ESS stay finite", () => {
    const x = iid(400, "inf");
    x[3] = Infinity;
    const d = diagnoseParameter(x, 4);
    // posterior: ess_mean/ess_quantile/.ess return NA for non-finite input ...
    for (const k of ["ess_tail", "ess_basic", "ess_mean", "ess_sd", "ess_q05", "ess_q95", "mcse_mean", "mcse_q05", "rhat_basic"] as const) {
      expect(d[k], k).toBeNaN();
    }
    // ... but rhat and ess_bulk rank the draws first (Inf is just the largest rank)
    expect(d.rhat).toBeGreaterThan(0.9);
    expect(d.rhat).toBeLessThan(1.1);
    const y = Float64Array.from(x);
    y[3] = 1e6; // same ranks as Inf
    expect(d.ess_bulk).toBe(essBulk(y, 4));
    expect(d.rhat).toBe(rhat(y, 4));
    expect(d.mean).toBe(Infinity);
    expect(d.q95).toBeCloseTo(diagnoseParameter(y, 4).q95, 12);
  });

  it("too few draws: ESS needs 3 draws per split chain, R-hat 2", () => {
    const x = iid(8, "short"); // 4 chains of 2: split chains of 1 draw
    expect(essBulk(x, 4)).toBeNaN();
    expect(essTail(x, 4)).toBeNaN();
    expect(rhat(x, 4)).toBeNaN();
    expect(rhatBasic(x, 4)).toBeNaN();
    const y = iid(24, "short6"); // 4 chains of 6: split chains of 3
    expect(Number.isFinite(essBulk(y, 4))).toBe(true);
    expect(Number.isFinite(rhat(y, 4))).toBe(true);
    expect(diagnoseParameter(new Float64Array(0), 1).mean).toBeNaN();
  });

  it("one chain works (split into two halves)", () => {
    const x = iid(2000, "one-chain");
    const d = diagnoseParameter(x, 1);
    for (const k of KEYS) expect(Number.isFinite(d[k]), k).toBe(true);
    // iid draws: ESS near the draw count, R-hat near 1, MCSE of the mean near sd / sqrt(n)
    expect(d.ess_bulk).toBeGreaterThan(1600);
    expect(d.ess_bulk).toBeLessThan(2500);
    expect(Math.abs(d.rhat - 1)).toBeLessThan(0.01);
    expect(d.mcse_mean).toBeCloseTo(d.sd / Math.sqrt(d.ess_mean), 14);
    expect(Math.abs(d.mcse_mean / (d.sd / Math.sqrt(2000)) - 1)).toBeLessThan(0.15);
  });

  it("an odd number of draws per chain drops each chain's middle draw when splitting", () => {
    expect(splitChains(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 2)).toEqual({
      draws: new Float64Array([1, 2, 4, 5, 6, 7, 9, 10]), nChains: 4,
    });
    const x = iid(4 * 101, "odd");
    const withoutMiddle = Float64Array.from(Array.from(x).filter((_, i) => i % 101 !== 50));
    // split-chain diagnostics only see the kept draws: the same as 8 chains of 50 (no further split)
    expect(essMean(x, 4)).toBeCloseTo(essMean(withoutMiddle, 4), 12);
    const rows = summarise(Array.from({ length: 4 }, (_, c) => x.slice(c * 101, (c + 1) * 101)), 1);
    const d = diagnoseParameter(x, 4);
    expect(rows[0].rhat).toBeCloseTo(d.rhat, 14);
    expect(rows[0].ess_bulk).toBeCloseTo(d.ess_bulk, 10);
    expect(rows[0].ess_tail).toBeCloseTo(d.ess_tail, 10);
    expect(rows[0].mcse_mean).toBeCloseTo(d.mcse_mean, 14);
  });

  it("a shifted chain raises R-hat, a constant single chain among moving ones does not throw", () => {
    const x = iid(4000, "shift");
    for (let i = 0; i < 1000; i++) x[i] += 2;
    expect(rhat(x, 4)).toBeGreaterThan(1.3);
    const y = iid(4000, "one-const");
    y.fill(0.5, 0, 1000);
    expect(Number.isFinite(rhat(y, 4))).toBe(true);
    expect(Number.isFinite(essBulk(y, 4))).toBe(true);
  });

  it("bad shapes throw a RangeError naming the problem", () => {
    expect(() => rhat(new Float64Array(10), 3)).toThrow(/10 draws cannot be split into 3 chains/);
    expect(() => rhat(new Float64Array(10), 0)).toThrow(/nChains must be a positive integer/);
    expect(() => stackChains([[1, 2], [3]])).toThrow(/chain 2 has 1 draws but chain 1 has 2/);
    expect(() => summarise([new Float64Array(6)], 4)).toThrow(/not a multiple of nParams = 4/);
    expect(() => summarise([new Float64Array(6), new Float64Array(4)], 2)).toThrow(/chain 2 has 4 values/);
    expect(() => summarise([new Float64Array(6)], 2, ["a"])).toThrow(/1 names given for 2 parameters/);
    expect(() => summarise([], 2)).toThrow(/at least one chain/);
  });

  it("summarise names parameters p[1].. by default and reads the draw-major layout", () => {
    const rows = summarise([new Float64Array([1, 10, 2, 20, 3, 30, 4, 40])], 2);
    expect(rows.map((r) => r.name)).toEqual(["p[1]", "p[2]"]);
    expect(rows[0].mean).toBe(2.5);
    expect(rows[1].mean).toBe(25);
    expect(rows[1].q50).toBe(25);
    expect(mcseMean(new Float64Array([1, 2, 3, 4]), 1)).toBeNaN(); // 2 draws per split chain
  });
});

describe("ebfmi", () => {
  it("is sum of squared differences / n over the sample variance (rstan get_bfmi)", () => {
    expect(ebfmi(new Float64Array([1, 2, 1, 2]))).toBeCloseTo(3 / 4 / (1 / 3), 14);
    const rng = makeRng("energy");
    const iidE = Float64Array.from({ length: 20000 }, () => normal(rng));
    expect(Math.abs(ebfmi(iidE) - 2)).toBeLessThan(0.05); // independent draws: E[(e_t - e_{t-1})^2] = 2 var
    const ar = new Float64Array(20000);
    for (let i = 1; i < ar.length; i++) ar[i] = 0.9 * ar[i - 1] + Math.sqrt(1 - 0.81) * normal(rng);
    expect(Math.abs(ebfmi(ar) - 0.2)).toBeLessThan(0.02); // AR(0.9): 2 (1 - 0.9) = 0.2
  });
  it("is NaN for constant or too short energies", () => {
    expect(ebfmi([5, 5, 5])).toBeNaN();
    expect(ebfmi([5])).toBeNaN();
  });
});
