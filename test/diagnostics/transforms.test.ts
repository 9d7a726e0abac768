import qnorm from "@stdlib/stats-base-dists-normal-quantile";
import { describe, expect, it } from "vitest";
import { argsort } from "../../src/diagnostics/argsort.js";
import { fft } from "../../src/diagnostics/fft.js";
import { meanAutocovariance } from "../../src/diagnostics/autocovariance.js";
import { foldOrdered } from "../../src/diagnostics/fold.js";
import { DIRECT_LAGS, essWorkspace } from "../../src/diagnostics/geyer.js";
import {
  autocovariance, betaCdf, betaQuantile, chainAutocovariances, essOfChains, foldDraws, mean, median, quantile,
  quantileSorted, sd, variance, zScale,
} from "../../src/diagnostics/index.js";
import { makeRng, normal } from "../../src/rng.js";
import { loadCases } from "./fixtures.js";

function ar1(n: number, rho: number, seed: string): Float64Array {
  const rng = makeRng(seed);
  const x = new Float64Array(n);
  let z = normal(rng);
  for (let i = 0; i < n; i++) x[i] = z = rho * z + Math.sqrt(1 - rho * rho) * normal(rng);
  return x;
}

describe("fft and autocovariance", () => {
  it("fft equals the naive DFT", () => {
    const m = 64;
    const rng = makeRng("fft");
    const re = Float64Array.from({ length: m }, () => normal(rng));
    const im = Float64Array.from({ length: m }, () => normal(rng));
    const r0 = Float64Array.from(re);
    const i0 = Float64Array.from(im);
    fft(re, im);
    for (let k = 0; k < m; k++) {
      let sr = 0;
      let si = 0;
      for (let j = 0; j < m; j++) {
        const a = (-2 * Math.PI * j * k) / m;
        sr += r0[j] * Math.cos(a) - i0[j] * Math.sin(a);
        si += r0[j] * Math.sin(a) + i0[j] * Math.cos(a);
      }
      expect(Math.abs(re[k] - sr)).toBeLessThan(1e-12);
      expect(Math.abs(im[k] - si)).toBeLessThan(1e-12);
    }
    expect(() => fft(new Float64Array(6), new Float64Array(6))).toThrow(/power-of-two/);
  });

  it("autocovariance equals the direct biased sum at every lag, for an odd count of chains too", () => {
    const n = 301;
    const x = new Float64Array(3 * n);
    x.set(ar1(n, 0.8, "a"), 0);
    x.set(ar1(n, -0.5, "b"), n);
    x.set(ar1(n, 0.2, "c"), 2 * n);
    const ac = chainAutocovariances(x, 3);
    for (let c = 0; c < 3; c++) {
      const m = mean(x, c * n, n);
      for (const t of [0, 1, 2, 7, 150, n - 1]) {
        let s = 0;
        for (let i = 0; i < n - t; i++) s += (x[c * n + i] - m) * (x[c * n + i + t] - m);
        expect(Math.abs(ac[c * n + t] - s / n)).toBeLessThan(1e-12);
      }
    }
    expect(Array.from(autocovariance(new Float64Array([1, 2, 3, 4])))).toEqual(
      [1.25, 0.3125, -0.375, -0.5625].map((v) => expect.closeTo(v, 14)),
    );
    expect(Array.from(autocovariance(new Float64Array([2, 2, 2])))).toEqual([0, 0, 0]);
  });

  it("Geyer ESS: direct lags and the FFT of all lags agree (lags beyond DIRECT_LAGS force the FFT)", () => {
    for (const c of loadCases().filter((k) => k.nChains === 4 && k.name !== "constant_chain")) {
      const n = c.draws.length / 8;
      const ws = essWorkspace(n, 8);
      ws.fftOnly = true;
      const viaFft = essOfChains(c.draws, 8, ws);
      const lazy = essOfChains(c.draws, 8);
      expect(Math.abs(viaFft / lazy - 1), c.name).toBeLessThan(1e-12);
    }
    expect(DIRECT_LAGS).toBeGreaterThan(4);
  });

  it("caps the ESS at N log10(N) for antithetic chains (posterior's tau bound: AR(-0.9), N = 1000 -> 3000)", () => {
    const x = new Float64Array(1000);
    x.set(ar1(500, -0.9, "anti-1"), 0);
    x.set(ar1(500, -0.9, "anti-2"), 500);
    expect(essOfChains(x, 2)).toBeCloseTo(3000, 8);
  });

  it("stops Geyer's sequence at once when the first pair is negative (R's 1:0 indexing gives tau = 2)", () => {
    const x = new Float64Array(2000);
    for (let i = 0; i < 2000; i++) x[i] = i % 2 === 0 ? 1 + 1e-3 * Math.sin(i) : -1 + 1e-3 * Math.cos(i);
    expect(essOfChains(x, 2)).toBeCloseTo(1000, 8);
  });
});

describe("moments and quantiles (R conventions)", () => {
  it("mean, variance, sd", () => {
    const x = new Float64Array([1, 2, 3, 4]);
    expect(mean(x)).toBe(2.5);
    expect(variance(x)).toBeCloseTo(5 / 3, 15);
    expect(sd(x)).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(variance(new Float64Array([3]))).toBeNaN();
    expect(mean(new Float64Array([1, Infinity]))).toBe(Infinity);
  });

  it("type-7 quantiles as R's quantile()", () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => 10 - i); // 10..1
    // R: quantile(1:10, c(0.05, 0.5, 0.95, 0, 1)) = 1.45 5.50 9.55 1 10
    expect(quantile(x, 0.05)).toBeCloseTo(1.45, 14);
    expect(quantile(x, 0.5)).toBe(5.5);
    expect(quantile(x, 0.95)).toBeCloseTo(9.55, 14);
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 1)).toBe(10);
    expect(median(new Float64Array([5, 1, 3]))).toBe(3);
    expect(quantileSorted(new Float64Array([2, 2, Infinity]), 0.25)).toBe(2);
    expect(quantile(new Float64Array([1, NaN]), 0.5)).toBeNaN();
  });
});

describe("ranks, rank normalization and folding", () => {
  it("argsort orders like Float64Array sort, stable, with -Inf, -0, 0, Inf and NaN", () => {
    const rng = makeRng("argsort");
    const x = Float64Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? Math.round(normal(rng)) : normal(rng) * 10 ** ((i % 5) - 2)));
    x.set([Infinity, -Infinity, NaN, -0, 0, 1e-310, -1e-310], 100);
    const idx = argsort(x, new Uint32Array(x.length));
    const sorted = Float64Array.from(x).sort();
    for (let k = 0; k < x.length; k++) expect(Object.is(x[idx[k]], sorted[k]) || (x[idx[k]] === 0 && sorted[k] === 0)).toBe(true);
    for (let k = 1; k < x.length; k++) if (Object.is(x[idx[k]], x[idx[k - 1]])) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
  });

  it("argsort handles draws concentrated within 1e-9 relative (long runs of equal top bits)", () => {
    const rng = makeRng("argsort-narrow");
    const x = Float64Array.from({ length: 3000 }, (_, i) => 1000 + 1e-6 * (i % 11 === 0 ? 0 : normal(rng)));
    const idx = argsort(x, new Uint32Array(x.length));
    const sorted = Float64Array.from(x).sort();
    for (let k = 0; k < x.length; k++) expect(x[idx[k]]).toBe(sorted[k]);
    for (let k = 1; k < x.length; k++) if (x[idx[k]] === x[idx[k - 1]]) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
  });

  it("meanAutocovariance (one inverse FFT) equals the mean of the chains' autocovariances", () => {
    const n = 250;
    const x = new Float64Array(5 * n);
    for (let c = 0; c < 5; c++) x.set(ar1(n, 0.3 * c - 0.4, `mac${c}`), c * n);
    const all = chainAutocovariances(x, 5);
    const m = meanAutocovariance(x, 5);
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let c = 0; c < 5; c++) s += all[c * n + t];
      expect(Math.abs(m[t] - s / 5)).toBeLessThan(1e-13);
    }
  });

  it("z-scale uses average ranks for ties and Blom's offset", () => {
    const z = zScale(new Float64Array([10, 30, 20, 20, 40]));
    const S = 5;
    const zr = (r: number) => qnorm((r - 3 / 8) / (S + 1 / 4), 0, 1);
    expect(Array.from(z)).toEqual([zr(1), zr(4), zr(2.5), zr(2.5), zr(5)].map((v) => expect.closeTo(v, 15)));
    const z3 = qnorm((3 - 3 / 8) / (3 + 1 / 4), 0, 1);
    expect(Array.from(zScale(new Float64Array([3, 1, 2])))).toEqual([z3, -z3, 0].map((v) => expect.closeTo(v, 14)));
    expect(z3).toBeCloseTo(0.8694237732888861, 14);
    expect(zScale(new Float64Array([1, NaN]))[1]).toBeNaN();
  });

  it("foldOrdered gives the folded values and their ascending order by merging", () => {
    const rng = makeRng("fold");
    const x = Float64Array.from({ length: 999 }, (_, i) => (i % 3 === 0 ? Math.round(2 * normal(rng)) : normal(rng)));
    const med = median(x);
    const order = argsort(x, new Uint32Array(x.length));
    const folded = new Float64Array(x.length);
    const fo = new Uint32Array(x.length);
    foldOrdered(x, order, med, folded, fo);
    expect(Array.from(folded)).toEqual(Array.from(foldDraws(x)));
    const sortedFolded = Float64Array.from(folded).sort();
    for (let k = 0; k < x.length; k++) expect(folded[fo[k]]).toBe(sortedFolded[k]);
    expect(new Set(fo).size).toBe(x.length);
  });
});

describe("beta distribution (for the quantile MCSE)", () => {
  it("CDF has the closed forms of Beta(a, 1), Beta(1, b), Beta(2, 2)", () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.999]) {
      expect(betaCdf(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 13);
      expect(betaCdf(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 13);
      expect(betaCdf(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x ** 3, 13);
    }
    expect(betaCdf(0, 2, 3)).toBe(0);
    expect(betaCdf(1, 2, 3)).toBe(1);
    expect(betaCdf(0.5, -1, 3)).toBeNaN();
  });

  it("quantile inverts the CDF, also for the large shapes posterior uses (ess * p + 1)", () => {
    expect(betaQuantile(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(betaQuantile(0.3, 2.5, 1)).toBeCloseTo(0.3 ** (1 / 2.5), 14);
    for (const [a, b] of [[201, 3801], [3801, 201], [6.5, 124.5], [2000, 2000], [1.2, 0.8]]) {
      for (const p of [0.1586553, 0.5, 0.8413447]) {
        const q = betaQuantile(p, a, b);
        expect(Math.abs(betaCdf(q, a, b) - p), `${a},${b},${p}`).toBeLessThan(1e-12);
      }
    }
    // normal approximation for large shapes: mean a/(a+b), sd sqrt(ab/((a+b)^2(a+b+1)))
    const a = 2000.5;
    const b = 2000.5;
    const s = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    expect(betaQuantile(0.8413447, a, b)).toBeCloseTo(0.5 + s, 5);
    expect(betaQuantile(1.5, 2, 2)).toBeNaN();
  });
});
