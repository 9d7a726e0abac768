import { describe, expect, it } from "vitest";
import { evaluate, hamiltonian, integrate, leapfrog, makePoint, mclachlan } from "../../samplers/integrators.js";
import { denseMetric, diagMetric, unitMetric } from "../../samplers/metrics.js";
import { makeRng } from "../../src/rng.js";
import type { LogDensityFn } from "../../src/types.js";

// Harmonic oscillator H = q^2/2 + p^2/2: exact flow q(t) = q0 cos t + p0 sin t, p(t) = p0 cos t - q0 sin t.
const oscillator: LogDensityFn = (t, g) => {
  g[0] = -t[0];
  return -0.5 * t[0] * t[0];
};

function run(coefs: readonly number[], eps: number, steps: number) {
  const z = makePoint(1);
  z.q[0] = 1;
  z.p[0] = 0.5;
  evaluate(z, oscillator);
  const metric = unitMetric(1);
  const H0 = hamiltonian(z, metric);
  let maxDrift = 0;
  for (let s = 0; s < steps; s++) {
    integrate(z, eps, oscillator, metric, coefs);
    maxDrift = Math.max(maxDrift, Math.abs(hamiltonian(z, metric) - H0));
  }
  return { q: z.q[0], p: z.p[0], maxDrift };
}

describe("integrators on the harmonic oscillator", () => {
  const T = 10;
  const exactQ = Math.cos(T) + 0.5 * Math.sin(T);
  const exactP = 0.5 * Math.cos(T) - Math.sin(T);

  it("leapfrog conserves energy (O(eps^2)) and tracks the exact solution", () => {
    const r = run(leapfrog, 0.01, 1000);
    // leapfrog energy error is bounded by ~eps^2/8 * |q|^2_max ~ 1.6e-5 here
    expect(r.maxDrift).toBeLessThan(2e-5);
    // global error O(eps^2 T): 1e-4 * 10 / 24 scale
    expect(Math.abs(r.q - exactQ)).toBeLessThan(1e-4);
    expect(Math.abs(r.p - exactP)).toBeLessThan(1e-4);
  });

  it("leapfrog error shrinks ~4x when eps halves (second order)", () => {
    const e1 = Math.abs(run(leapfrog, 0.02, 500).q - exactQ);
    const e2 = Math.abs(run(leapfrog, 0.01, 1000).q - exactQ);
    expect(e1 / e2).toBeGreaterThan(3.5);
    expect(e1 / e2).toBeLessThan(4.5);
  });

  it("McLachlan's two-stage integrator has a smaller energy error than leapfrog at the same cost", () => {
    const lf = run(leapfrog, 0.02, 500);
    const mc = run(mclachlan, 0.04, 250);
    expect(mc.maxDrift).toBeLessThan(lf.maxDrift);
    expect(Math.abs(mc.q - exactQ)).toBeLessThan(1e-4);
  });

  it("is time-reversible: +eps then -eps returns to the start", () => {
    const z = makePoint(1);
    z.q[0] = 0.3;
    z.p[0] = -1.2;
    evaluate(z, oscillator);
    const m = unitMetric(1);
    for (let i = 0; i < 50; i++) integrate(z, 0.1, oscillator, m);
    for (let i = 0; i < 50; i++) integrate(z, -0.1, oscillator, m);
    expect(z.q[0]).toBeCloseTo(0.3, 12);
    expect(z.p[0]).toBeCloseTo(-1.2, 12);
  });
});

describe("metrics", () => {
  it("diag: K, velocity and momentum covariance M = diag(1/inv)", () => {
    const m = diagMetric(new Float64Array([4, 0.25]));
    const p = new Float64Array([1, 2]);
    expect(m.kineticEnergy(p)).toBeCloseTo(0.5 * (4 + 1), 14);
    const v = new Float64Array(2);
    m.velocity(p, v);
    expect([...v]).toEqual([4, 0.5]);
    const rng = makeRng(7);
    let s0 = 0;
    let s1 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      m.sampleMomentum(rng, p);
      s0 += p[0] * p[0];
      s1 += p[1] * p[1];
    }
    // Var(p0) = 0.25, Var(p1) = 4; sd of a variance estimate ~ var*sqrt(2/n) = 1%
    expect(s0 / n).toBeCloseTo(0.25, 1);
    expect(Math.abs(s1 / n - 4) / 4).toBeLessThan(0.04);
  });

  it("dense: K = p' Minv p / 2 and Cov(p) = Minv^{-1} via the Cholesky draw", () => {
    // Minv = [[2, 0.6], [0.6, 0.5]] -> M = inverse = [[0.5, -0.6], [-0.6, 2]] / (1 - 0.36)
    const inv = new Float64Array([2, 0.6, 0.6, 0.5]);
    const m = denseMetric(inv, 2);
    const p = new Float64Array([1, -1]);
    expect(m.kineticEnergy(p)).toBeCloseTo(0.5 * (2 - 1.2 + 0.5), 14);
    const v = new Float64Array(2);
    m.velocity(p, v);
    expect(v[0]).toBeCloseTo(1.4, 14);
    expect(v[1]).toBeCloseTo(0.1, 14);
    const det = 2 * 0.5 - 0.36;
    const M = [0.5 / det, -0.6 / det, 2 / det];
    const rng = makeRng(11);
    const n = 40000;
    let a = 0;
    let b = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      m.sampleMomentum(rng, p);
      a += p[0] * p[0];
      b += p[0] * p[1];
      c += p[1] * p[1];
    }
    expect(Math.abs(a / n - M[0]) / M[0]).toBeLessThan(0.03);
    expect(Math.abs(b / n - M[1]) / Math.abs(M[1])).toBeLessThan(0.05);
    expect(Math.abs(c / n - M[2]) / M[2]).toBeLessThan(0.03);
  });

  it("rejects a non-positive inverse mass entry with a useful message", () => {
    expect(() => diagMetric(new Float64Array([1, 0]))).toThrow(/entry 1/);
  });
});
