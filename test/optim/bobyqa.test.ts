import { describe, expect, it } from "vitest";
import { bobyqa } from "../../src/optim/bobyqa.js";
import { fitQuadratic, quadraticBasis } from "../../src/optim/bobyqaModel.js";
import { boxTrustRegionStep } from "../../src/optim/bobyqaStep.js";

const rosenbrock = (x: Float64Array): number => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;

/** Positive-definite quadratic 0.5 x'Ax - b'x in 4D with coupled coordinates; minimiser solves A x = b. */
const A4 = [[4, 1, 0, 0.5], [1, 3, 0.5, 0], [0, 0.5, 2, 0.3], [0.5, 0, 0.3, 1]];
const b4 = [1, -2, 0.5, 3];
const quad4 = (x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < 4; i++) { s -= b4[i] * x[i]; for (let j = 0; j < 4; j++) s += 0.5 * x[i] * A4[i][j] * x[j]; }
  return s;
};

describe("bobyqa (quadratic-model trust region, bounds)", () => {
  it("finds the Rosenbrock minimum from (-1.2, 1) in a few hundred evaluations at most", () => {
    const r = bobyqa(rosenbrock, new Float64Array([-1.2, 1]), { rhoBegin: 0.5, rhoEnd: 1e-8 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.evaluations).toBeLessThan(250);
  });
  it("stops on an active bound: Rosenbrock with x1 <= 0.5 has its minimum at (0.5, 0.25)", () => {
    const r = bobyqa(rosenbrock, new Float64Array([-1, 0]), { upper: [0.5, Infinity], rhoEnd: 1e-9 });
    expect(r.x[0]).toBeCloseTo(0.5, 8);
    expect(r.x[1]).toBeCloseTo(0.25, 6);
  });
  it("respects a lower bound at zero (a variance on the boundary)", () => {
    const r = bobyqa((x) => (x[0] + 1) ** 2 + (x[1] - 2) ** 2, new Float64Array([1, 1]), { lower: [0, 0] });
    expect(r.x[0]).toBe(0);
    expect(r.x[1]).toBeCloseTo(2, 6);
  });
  it("solves a coupled 4-d quadratic: x = A^-1 b, quickly (the model is exact)", () => {
    const r = bobyqa(quad4, new Float64Array([1, 1, 1, 1]), { rhoEnd: 1e-9 });
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (let j = 0; j < 4; j++) s += A4[i][j] * r.x[j];
      expect(s).toBeCloseTo(b4[i], 6);
    }
    expect(r.evaluations).toBeLessThan(120);
  });
  it("handles an objective that is infinite in part of the box (a failed factorisation)", () => {
    const f = (x: Float64Array) => (x[0] > 1.5 ? Infinity : (x[0] - 1) ** 2 + (x[1] - 0.5) ** 2);
    const r = bobyqa(f, new Float64Array([1.4, 0]), { rhoBegin: 0.3, rhoEnd: 1e-8 });
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(0.5, 5);
  });
  it("refuses an empty box", () => {
    expect(() => bobyqa(rosenbrock, new Float64Array([0, 0]), { lower: [0, 0], upper: [1, 0] })).toThrow(/upper > lower/);
  });
});

describe("bobyqa building blocks", () => {
  it("the interpolating quadratic of a quadratic is exact, and Lagrange functions are cardinal", () => {
    const f = (x: Float64Array) => 1 + 2 * x[0] - x[1] + 1.5 * x[0] * x[0] + 0.7 * x[0] * x[1] + 0.2 * x[1] * x[1];
    const pts = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1], [1, 1]].map((p) => Float64Array.from(p));
    const m = fitQuadratic(pts, pts.map(f), pts[0], 0.5)!;
    expect(Array.from(m.g)).toEqual([expect.closeTo(2, 12), expect.closeTo(-1, 12)]);
    expect(Array.from(m.H)).toEqual([3, 0.7, 0.7, 0.4].map((v) => expect.closeTo(v, 12)));
    const ell = m.lagrangeAt(pts[3]);
    ell.forEach((v, k) => expect(v).toBeCloseTo(k === 3 ? 1 : 0, 12));
    expect(Array.from(quadraticBasis(new Float64Array([2, 3])))).toEqual([1, 2, 3, 2, 4.5, 6]);
  });
  it("a collinear point set is reported as singular", () => {
    const pts = [[0, 0], [1, 0], [2, 0], [3, 0], [0, 1], [1, 1]].map((p) => Float64Array.from(p));
    expect(fitQuadratic(pts, pts.map(() => 1), pts[0], 1)).toBeNull();
  });
  it("the box trust-region step: Newton step inside, truncated at the ball, stopped at a bound", () => {
    const H = new Float64Array([2, 0, 0, 4]), g = new Float64Array([-2, -4]);
    const inf = new Float64Array([Infinity, Infinity]), ninf = new Float64Array([-Infinity, -Infinity]);
    expect(Array.from(boxTrustRegionStep(g, H, 10, ninf, inf))).toEqual([expect.closeTo(1, 12), expect.closeTo(1, 12)]);
    const d = boxTrustRegionStep(g, H, 0.5, ninf, inf);
    expect(Math.hypot(d[0], d[1])).toBeCloseTo(0.5, 12);
    const e = boxTrustRegionStep(g, H, 10, ninf, new Float64Array([0.25, Infinity]));
    expect(e[0]).toBeCloseTo(0.25, 12);
    expect(e[1]).toBeCloseTo(1, 12);
  });
});
