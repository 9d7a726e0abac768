import { describe, expect, it } from "vitest";
import { compileScalarPrior } from "../../src/densities/scalarPrior.js";
import { dLogPhi, logPhi } from "../../src/densities/normalCdf.js";
import type { PriorDef } from "../../src/design/priors.js";
import { obsLogLik } from "../../src/families/kernels.js";
import { makeRng } from "../../src/rng.js";
import { refPrior } from "../compile/referenceDensity.js";
import { fdGradient, gradientMismatch } from "./finiteDifference.js";

const PRIORS: PriorDef[] = [
  { dist: "normal", mu: 1, sigma: 2 }, { dist: "normal", mu: 0, sigma: 2.5, half: true }, { dist: "normal", mu: 1.5, sigma: 0.7, half: true },
  { dist: "student_t", nu: 3, mu: -1, sigma: 2 }, { dist: "student_t", nu: 5, mu: 0, sigma: 1.5, half: true },
  { dist: "cauchy", mu: 0.3, sigma: 2 }, { dist: "cauchy", mu: 0, sigma: 1, half: true }, { dist: "cauchy", mu: -2, sigma: 1, half: true },
  { dist: "exponential", rate: 1.7 }, { dist: "gamma", shape: 2.5, rate: 0.8 }, { dist: "gamma", shape: 0.01, rate: 0.01 },
  { dist: "inv_gamma", shape: 3, scale: 2 }, { dist: "flat" },
];

describe("scalar priors", () => {
  it("value = @stdlib logpdf (plus truncation constant) and derivative = finite differences at 20 points each", () => {
    const rng = makeRng("priors");
    for (const def of PRIORS) {
      const p = compileScalarPrior(def);
      for (let r = 0; r < 20; r++) {
        const x = 0.05 + 4 * rng();
        const ref = refPrior(def, x);
        expect(Math.abs(p.logDensity(x) - ref), JSON.stringify(def)).toBeLessThan(1e-12 * Math.max(1, Math.abs(ref)));
        const fd = fdGradient((v) => p.logDensity(v[0]), new Float64Array([x]), 1e-5);
        expect(gradientMismatch(new Float64Array([p.gradient(x)]), fd), JSON.stringify(def)).toBeNull();
      }
    }
  });
  it("half priors integrate to 1 over (0, inf) (truncation constants)", () => {
    for (const def of PRIORS.filter((d) => "half" in d && d.half && d.dist !== "cauchy")) {
      const p = compileScalarPrior(def);
      let s = 0;
      const h = 1e-3;
      for (let x = h / 2; x < 200; x += h) s += Math.exp(p.logDensity(x)) * h;
      expect(s, JSON.stringify(def)).toBeCloseTo(1, 5);
    }
    const hc = compileScalarPrior({ dist: "cauchy", mu: -2, sigma: 1, half: true }); // closed form tail check
    const cdfAt = (x: number) => 0.5 + Math.atan(x + 2) / Math.PI;
    let s = 0;
    for (let x = 0.0005; x < 50; x += 0.001) s += Math.exp(hc.logDensity(x)) * 0.001;
    expect(s).toBeCloseTo((cdfAt(50) - cdfAt(0)) / (1 - cdfAt(0)), 5);
  });
  it("rejects lkj on a scalar and half student_t with a location", () => {
    expect(() => compileScalarPrior({ dist: "lkj", eta: 2 }, "priors.sd")).toThrow(/use it only for 'cor'/);
    expect(() => compileScalarPrior({ dist: "student_t", nu: 3, mu: 1, sigma: 1, half: true })).toThrow(/needs location 0/);
  });
});

describe("log Phi", () => {
  it("matches log(erfc) form in its range, is continuous at the switch, and its derivative = FD", () => {
    expect(logPhi(0)).toBeCloseTo(-Math.LN2, 15);
    expect(Math.abs(logPhi(-20 - 1e-9) - logPhi(-20 + 1e-9) + 2e-9 * dLogPhi(-20))).toBeLessThan(1e-10);
    // Phi(-30) = 4.906713927148187e-198 (R: pnorm(-30))
    expect(logPhi(-30)).toBeCloseTo(Math.log(4.906713927148187e-198), 10);
    for (const x of [-600, -100, -25, -19.9, -5, 0, 3, 8, 30]) {
      const fd = fdGradient((v) => logPhi(v[0]), new Float64Array([x]), 1e-4);
      expect(gradientMismatch(new Float64Array([dLogPhi(x)]), fd), `x=${x}`).toBeNull();
    }
  });
});

describe("family kernels: d/d eta = FD, also at extreme eta", () => {
  it("every kernel", () => {
    const s = { disp: 2.5, a: 0, b: 0, c: 0, g: 0, gd: 0 };
    const cases: [number, number, number][] = [[0, 1, 1], [1, 1, 1], [3, 10, 10], [0, 10, 10], [7, 10, 10]];
    for (let k = 0; k <= 6; k++) {
      for (const [y, n] of cases) {
        for (const e of [-600, -35, -8, -1, 0, 0.7, 3, 9, 35, 600]) {
          if ((k === 1 || k === 5 || k === 6) && Math.abs(e) > 40) continue; // log links: exp(600) is huge but fine; FD not meaningful
          s.a = k === 6 ? Math.log(2.5) : 1 / 6.25;
          const f = (v: Float64Array) => obsLogLik(k, y, n, v[0], s);
          const lp = f(new Float64Array([e]));
          const g = s.g;
          expect(Number.isNaN(lp) || Number.isNaN(g), `kernel ${k} y=${y} eta=${e}`).toBe(false);
          if (!Number.isFinite(lp)) continue;
          const fd = fdGradient(f, new Float64Array([e]), 1e-4 * Math.max(1, Math.abs(e) / 100));
          expect(gradientMismatch(new Float64Array([g]), fd), `kernel ${k} y=${y} eta=${e}`).toBeNull();
        }
      }
    }
  });
});

describe("NB2 lgamma/digamma memo", () => {
  it("gives the same value and gradient as the direct formulas, across shape changes and for non-memoised counts", async () => {
    const { nbMemo, obsLogLik, setDispersion, Kernel } = await import("../../src/families/kernels.js");
    const direct = { disp: 1, a: 0, b: 0, c: 0, g: 0, gd: 0 };
    const memo = { disp: 1, a: 0, b: 0, c: 0, g: 0, gd: 0, memo: nbMemo(8) };
    for (const shape of [0.7, 3.2, 0.7]) {
      setDispersion(Kernel.NegBinomial2Log, direct, shape);
      setDispersion(Kernel.NegBinomial2Log, memo, shape);
      for (const y of [0, 3, 3, 7, 8, 25, 3]) {
        const e = 0.3 * y - 1;
        const a = obsLogLik(Kernel.NegBinomial2Log, y, 1, e, direct);
        const b = obsLogLik(Kernel.NegBinomial2Log, y, 1, e, memo);
        expect(b).toBe(a);
        expect(memo.g).toBe(direct.g);
      }
      expect(memo.gd).toBe(direct.gd);
    }
  });
});
