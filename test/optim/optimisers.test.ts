import { describe, expect, it } from "vitest";
import { bfgsBox, gradientFD, gradientHessianFD, hessianFD, nelderMead, newtonFD } from "../../src/optim/index.js";

const rosenbrock = (x: Float64Array): number => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;

describe("bounded Nelder-Mead", () => {
  it("finds the Rosenbrock minimum from (-1.2, 1)", () => {
    const r = nelderMead(rosenbrock, new Float64Array([-1.2, 1]), { ftolAbs: 1e-14, xtol: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });
  it("stops on an active bound: Rosenbrock with x1 <= 0.5 has its minimum at (0.5, 0.25)", () => {
    const r = nelderMead(rosenbrock, new Float64Array([-1, 0]), { upper: [0.5, Infinity], ftolAbs: 1e-14, xtol: 1e-10 });
    expect(r.x[0]).toBeCloseTo(0.5, 6);
    expect(r.x[1]).toBeCloseTo(0.25, 5);
  });
  it("respects a lower bound at zero (a variance on the boundary)", () => {
    const r = nelderMead((x) => (x[0] + 1) ** 2 + (x[1] - 2) ** 2, new Float64Array([1, 1]), { lower: [0, 0] });
    expect(r.x[0]).toBe(0);
    expect(r.x[1]).toBeCloseTo(2, 6);
  });
});

describe("projected BFGS with numerical gradients", () => {
  it("finds the Rosenbrock minimum", () => {
    const r = bfgsBox(rosenbrock, new Float64Array([-1.2, 1]), { gtol: 1e-8 });
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });
  it("handles bounds in 5 dimensions (shifted quadratic, two active bounds)", () => {
    const c = [-1, 2, -3, 0.5, 4];
    const f = (x: Float64Array) => x.reduce((s, xi, i) => s + (i + 1) * (xi - c[i]) ** 2, 0) + x[0] * x[1] * 0.1;
    const r = bfgsBox(f, new Float64Array(5).fill(1), { lower: [0, -10, 0, -10, -10], gtol: 1e-9 });
    expect(r.x[0]).toBe(0);
    expect(r.x[2]).toBe(0);
    expect(r.x[1]).toBeCloseTo(2, 5);
    expect(r.x[4]).toBeCloseTo(4, 5);
  });
});

describe("finite differences", () => {
  it("gradient and Hessian of x0^2 x1 + exp(x1)", () => {
    const f = (x: Float64Array) => x[0] * x[0] * x[1] + Math.exp(x[1]);
    const x = new Float64Array([1.5, 0.3]);
    const g = gradientFD(f, x);
    expect(g[0]).toBeCloseTo(2 * 1.5 * 0.3, 8);
    expect(g[1]).toBeCloseTo(1.5 ** 2 + Math.exp(0.3), 8);
    const H = hessianFD(f, x);
    expect(H[0]).toBeCloseTo(0.6, 5);
    expect(H[1]).toBeCloseTo(3, 5);
    expect(H[3]).toBeCloseTo(Math.exp(0.3), 5);
  });
});

describe("one-stencil gradient and Hessian", () => {
  it("matches the analytic derivatives of x0^2 x1 + exp(x1) x2 in n^2 + n + 1 evaluations", () => {
    let calls = 0;
    const f = (x: Float64Array) => { calls++; return x[0] * x[0] * x[1] + Math.exp(x[1]) * x[2]; };
    const x = new Float64Array([1.5, 0.3, -2]);
    const q = gradientHessianFD(f, x);
    expect(calls).toBe(13);
    expect(q.evaluations).toBe(13);
    expect(Array.from(x)).toEqual([1.5, 0.3, -2]);
    const e = Math.exp(0.3);
    const g = [2 * 1.5 * 0.3, 1.5 ** 2 + e * -2, e];
    const H = [0.6, 3, 0, 3, -2 * e, e, 0, e, 0];
    g.forEach((v, i) => expect(q.gradient[i]).toBeCloseTo(v, 7));
    H.forEach((v, i) => expect(q.hessian[i]).toBeCloseTo(v, 6));
  });
});

describe("Newton on finite differences", () => {
  it("reaches the minimum of a smooth non-quadratic function and returns its Hessian", () => {
    const f = (x: Float64Array) => Math.exp(x[0] - 1) - x[0] + (x[1] + 2) ** 2 + 0.5 * (x[1] + 2) ** 4 + 0.1 * (x[0] - 1) * (x[1] + 2);
    const r = newtonFD(f, new Float64Array([0, 0]), { tol: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(-2, 6);
    expect(r.hessian[0]).toBeCloseTo(1, 4);
    expect(r.hessian[1]).toBeCloseTo(0.1, 4);
    expect(r.hessian[3]).toBeCloseTo(2, 4);
  });
  it("holds a parameter on its lower bound and is damped where the Hessian is indefinite", () => {
    // minimum over x0 >= 0 at x0 = 0 (gradient pushes outward); start where f is concave in x0
    const f = (x: Float64Array) => (x[0] + 1) ** 2 + Math.cos(3 * x[0]) + (x[1] - 0.5) ** 2;
    const r = newtonFD(f, new Float64Array([0.4, 3]), { lower: [0, -Infinity] });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBe(0);
    expect(r.x[1]).toBeCloseTo(0.5, 6);
  });
});

describe("warm-started stencil", () => {
  /** f(x) = u(x)^2 + x0 x1 with u solving u^3 + u = x0 + 2 x1 by Newton from the warm state. */
  function innerObjective() {
    const state = { u: new Float64Array([0]), iterations: 0 };
    const f = (x: Float64Array): number => {
      let u = state.u[0];
      const rhs = x[0] + 2 * x[1];
      for (let k = 0; k < 100; k++) {
        const r = u * u * u + u - rhs;
        if (Math.abs(r) < 1e-15 * (1 + Math.abs(rhs))) break;
        u -= r / (3 * u * u + 1);
        state.iterations++;
      }
      state.u = new Float64Array([u]);
      return u * u + x[0] * x[1];
    };
    const warm = { get: () => state.u, set: (s: Float64Array) => { state.u = Float64Array.from(s); } };
    return { f, warm, state };
  }
  it("gives the same derivatives with fewer inner iterations and restores the centre's state", () => {
    const x = new Float64Array([0.8, 0.6]);
    const cold = innerObjective(), hot = innerObjective();
    const a = gradientHessianFD(cold.f, Float64Array.from(x));
    hot.f(x);
    const before = hot.state.iterations, u0 = hot.state.u[0];
    const b = gradientHessianFD(hot.f, Float64Array.from(x), 1e-4, hot.warm);
    a.gradient.forEach((g, i) => expect(b.gradient[i]).toBeCloseTo(g, 8));
    a.hessian.forEach((h, i) => expect(b.hessian[i]).toBeCloseTo(h, 5));
    expect(hot.state.u[0]).toBe(u0);
    expect(hot.state.iterations - before).toBeLessThan(cold.state.iterations);
  });
  it("forward pairs: n(n-1)/2 pair points, Hessian to O(h)", () => {
    const f = (x: Float64Array) => Math.exp(x[0] + 0.5 * x[1]) + x[1] * x[2] * x[2];
    const x = new Float64Array([0.2, 1, -1]);
    const q = gradientHessianFD(f, x, 1e-4, undefined, true);
    expect(q.evaluations).toBe(1 + 6 + 3);
    const e = Math.exp(0.7);
    const H = [e, e / 2, 0, e / 2, e / 4, 2 * -1, 0, -2, 2];
    H.forEach((v, i) => expect(Math.abs(q.hessian[i] - v)).toBeLessThan(1e-3));
  });
});
