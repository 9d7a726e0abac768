/**
 * NUTS trees on mocked log densities with a scripted rng. Expected values are derived independently of the
 * implementation: by hand for the free particle (exact leapfrog, all weights equal), in closed form for the 1-d
 * harmonic oscillator (leapfrog's linear map A^k = cos(k th) I + sin(k th)/sin(th) (A - cos(th) I), cos th =
 * 1 - eps^2/2), and by a brute-force span-based evaluation of Stan's three U-turn checks on a 2-d oscillator.
 */
import { describe, expect, it } from "vitest";
import { unitMetric } from "../../samplers/metrics.js";
import { init, step } from "../../samplers/nuts.js";
import { normal } from "../../src/rng.js";
import type { LogDensityFn } from "../../src/types.js";
import { scriptedRng } from "./helpers/models.js";

const flat: LogDensityFn = (_t, g) => {
  g.fill(0);
  return 0;
};
const osc1: LogDensityFn = (t, g) => {
  g[0] = -t[0];
  return -0.5 * t[0] * t[0];
};
// Momentum script: Box-Muller(u, v) = sqrt(-2 ln u) cos(2 pi v); u = e^-0.5, v = 0 gives p0 = 1 (up to rounding)
const P_SCRIPT = [Math.exp(-0.5), 0];
const p0 = normal(scriptedRng(P_SCRIPT, 0).rng);

describe("NUTS tree building (Stan's base_nuts)", () => {
  it("free particle, forward, u = 0.7: 7 steps to max depth 3, sample = first leaf of the last subtree", () => {
    // Every uniform after the momentum is 0.7: direction forward (0.7 > 0.5); inside subtrees the right half is
    // taken with prob 0.5 (equal weights) -> rejected; the new subtree has the same total weight as the old
    // trajectory -> accepted with prob 1. Subtrees: {1}, {2,3}, {4..7}; sample = leaf 4.
    const { rng, calls } = scriptedRng(P_SCRIPT, 0.7);
    const s0 = init(new Float64Array([0.2]), flat);
    const [s, info] = step(rng, s0, { logDensity: flat, stepSize: 0.5, metric: unitMetric(1), maxTreeDepth: 3 });
    expect(info.numSteps).toBe(7);
    expect(info.treeDepth).toBe(3);
    expect(info.isDivergent).toBe(false);
    expect(info.acceptStat).toBe(1);
    expect(s.position[0]).toBeCloseTo(0.2 + 4 * 0.5 * p0, 14);
    expect(info.energy).toBeCloseTo(0.5 * p0 * p0, 14);
    // rng calls: 2 (momentum) + per doubling j: 1 direction + (2^j - 1) subtree merges + 1 progressive draw
    expect(calls()).toBe(2 + (1 + 0 + 1) + (1 + 1 + 1) + (1 + 3 + 1));
  });

  it("free particle, backward, u = 0.3: right halves accepted -> sample = the farthest leaf, 7 steps back", () => {
    const { rng } = scriptedRng(P_SCRIPT, 0.3);
    const s0 = init(new Float64Array([0.2]), flat);
    const [s, info] = step(rng, s0, { logDensity: flat, stepSize: 0.5, metric: unitMetric(1), maxTreeDepth: 3 });
    expect(info.numSteps).toBe(7);
    expect(s.position[0]).toBeCloseTo(0.2 - 7 * 0.5 * p0, 14);
  });

  it("harmonic oscillator eps = 0.1 from (0, p0): U-turn after depth 5 (31 steps), sample = leaf 16", () => {
    // p_k = p0 cos(k th): positive up to k = 15, negative from k = 16 (16 th = 1.6007 > pi/2). Depth 4 trajectory
    // [0, 15] passes all checks; the depth-4 subtree [16, 31] is internally valid (all momenta negative); the merged
    // trajectory has rho = sum_{k<=31} p_k > 0 but p_31 < 0 -> stop with depth 5.
    const eps = 0.1;
    const th = Math.acos(1 - (eps * eps) / 2);
    const q = (k: number) => (p0 * eps * Math.sin(k * th)) / Math.sin(th);
    const p = (k: number) => p0 * Math.cos(k * th);
    const H = (k: number) => 0.5 * q(k) ** 2 + 0.5 * p(k) ** 2;
    const { rng } = scriptedRng(P_SCRIPT, 0.7);
    const [s, info] = step(rng, init(new Float64Array([0]), osc1), { logDensity: osc1, stepSize: eps, metric: unitMetric(1) });
    expect(info.treeDepth).toBe(5);
    expect(info.numSteps).toBe(31);
    expect(s.position[0]).toBeCloseTo(q(16), 12);
    expect(info.energy).toBeCloseTo(H(16), 12);
    let acc = 0;
    for (let k = 1; k <= 31; k++) acc += Math.min(1, Math.exp(H(0) - H(k)));
    expect(info.acceptStat).toBeCloseTo(acc / 31, 12);
  });

  it("stops at the default max tree depth 10 (1023 steps) when no U-turn is reached", () => {
    const { rng } = scriptedRng(P_SCRIPT, 0.7);
    // 1023 * 0.001 = 1.023 < pi/2: no U-turn
    const [, info] = step(rng, init(new Float64Array([0]), osc1), { logDensity: osc1, stepSize: 0.001, metric: unitMetric(1) });
    expect(info.treeDepth).toBe(10);
    expect(info.numSteps).toBe(1023);
  });

  it("flags a divergence when H - H0 > 1000, keeps the initial point, accept_stat 0", () => {
    const stiff: LogDensityFn = (t, g) => {
      g[0] = -1e6 * t[0];
      return -0.5e6 * t[0] * t[0];
    };
    const { rng } = scriptedRng(P_SCRIPT, 0.7);
    const s0 = init(new Float64Array([0.01]), stiff);
    const [s, info] = step(rng, s0, { logDensity: stiff, stepSize: 1, metric: unitMetric(1) });
    expect(info.isDivergent).toBe(true);
    expect(info.numSteps).toBe(1);
    expect(info.treeDepth).toBe(0);
    expect(s.position[0]).toBe(0.01);
    expect(info.acceptStat).toBe(0);
    expect(info.energy).toBeCloseTo(0.5e6 * 1e-4 + 0.5 * p0 * p0, 8);
  });

  it("a NaN log density counts as a divergence (H = +Inf)", () => {
    const bad: LogDensityFn = (t, g) => {
      g[0] = -t[0];
      return t[0] > 0.5 ? NaN : -0.5 * t[0] * t[0];
    };
    const { rng } = scriptedRng(P_SCRIPT, 0.7);
    const [, info] = step(rng, init(new Float64Array([0.45]), bad), { logDensity: bad, stepSize: 0.2, metric: unitMetric(1) });
    expect(info.isDivergent).toBe(true);
    expect(info.numSteps).toBe(1);
  });

  it("is pure: the input state is not modified", () => {
    const s0 = init(new Float64Array([0.3]), osc1);
    const before = [s0.position[0], s0.logDensity, s0.logDensityGrad[0]];
    const { rng } = scriptedRng(P_SCRIPT, 0.7);
    step(rng, s0, { logDensity: osc1, stepSize: 0.3, metric: unitMetric(1) });
    expect([s0.position[0], s0.logDensity, s0.logDensityGrad[0]]).toEqual(before);
  });
});

type Checks = { subInit: boolean; subFinal: boolean; topBck: boolean; topFwd: boolean };
const ALL: Checks = { subInit: true, subFinal: true, topBck: true, topFwd: true };

/**
 * Stan's rule for merging adjacent spans A = [a, m-1] and B = [m, b] of the precomputed momenta ps (forward
 * trajectory, unit metric): the criterion on A u B, and the extra checks on A u {m} (`first`) and {m-1} u B (`last`).
 */
function spanMerge(ps: Float64Array[]): (a: number, m: number, b: number, first?: boolean, last?: boolean) => boolean {
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i], 0);
  const sum = (a: number, b: number) => {
    const r = new Float64Array(ps[0].length);
    for (let k = a; k <= b; k++) for (let i = 0; i < r.length; i++) r[i] += ps[k][i];
    return r;
  };
  const plus = (r: Float64Array, v: Float64Array) => r.map((x, i) => x + v[i]);
  const crit = (i: number, k: number, rho: Float64Array) => dot(ps[i], rho) > 0 && dot(ps[k], rho) > 0;
  return (a, m, b, first = true, last = true) =>
    crit(a, b, sum(a, b)) &&
    (!first || crit(a, m, plus(sum(a, m - 1), ps[m]))) &&
    (!last || crit(m - 1, b, plus(sum(m, b), ps[m - 1])));
}

/**
 * Brute-force tree size under Stan's rules, forward only, from the precomputed momenta ps[0..] of the leapfrog
 * states. Merging adjacent spans A = [a, m-1], B = [m, b] requires the criterion on A u B, and (the extra checks)
 * on A u {m} and on {m-1} u B; `checks` switches the extra ones off, inside subtrees and at the top level.
 */
function referenceTree(ps: Float64Array[], maxDepth: number, checks: Checks): { depth: number; steps: number } {
  const merged = spanMerge(ps);
  const build = (a: number, d: number): { valid: boolean; steps: number } => {
    if (d === 0) return { valid: true, steps: 1 };
    const half = 2 ** (d - 1);
    const left = build(a, d - 1);
    if (!left.valid) return left;
    const right = build(a + half, d - 1);
    const steps = left.steps + right.steps;
    if (!right.valid) return { valid: false, steps };
    return { valid: merged(a, a + half, a + 2 * half - 1, checks.subInit, checks.subFinal), steps };
  };
  let depth = 0;
  let steps = 0;
  while (depth < maxDepth) {
    const sub = build(2 ** depth, depth);
    steps += sub.steps;
    if (!sub.valid) break;
    depth++;
    if (!merged(0, 2 ** (depth - 1), 2 ** depth - 1, checks.topBck, checks.topFwd)) break;
  }
  return { depth, steps };
}

interface Case {
  w2: number;
  q0: [number, number];
  script: number[];
  eps: number;
}

/** log p = -(q1^2 + w2 q2^2)/2, unit metric, forward only (u = 0.7 after the momentum script). */
function runCase(c: Case) {
  const logDensity: LogDensityFn = (t, g) => {
    g[0] = -t[0];
    g[1] = -c.w2 * t[1];
    return -0.5 * (t[0] * t[0] + c.w2 * t[1] * t[1]);
  };
  const sr = scriptedRng(c.script, 0);
  const p = new Float64Array([normal(sr.rng), normal(sr.rng)]);
  const q = Float64Array.from(c.q0);
  const ps = [Float64Array.from(p)];
  for (let k = 0; k < 1100; k++) {
    p[0] -= 0.5 * c.eps * q[0];
    p[1] -= 0.5 * c.eps * c.w2 * q[1];
    q[0] += c.eps * p[0];
    q[1] += c.eps * p[1];
    p[0] -= 0.5 * c.eps * q[0];
    p[1] -= 0.5 * c.eps * c.w2 * q[1];
    ps.push(Float64Array.from(p));
  }
  const { rng } = scriptedRng(c.script, 0.7);
  const [, info] = step(rng, init(Float64Array.from(c.q0), logDensity), { logDensity, stepSize: c.eps, metric: unitMetric(2) });
  return { info, ps };
}

describe("NUTS U-turn checks vs a brute-force span evaluation (2-d anisotropic oscillator)", () => {
  it("matches tree depth and leapfrog count on 60 step sizes", () => {
    for (let i = 0; i < 60; i++) {
      const c: Case = { w2: 9, q0: [0.4, -0.2], script: [Math.exp(-0.5), 0, Math.exp(-0.32), 0.1], eps: 0.02 + i * 0.01 };
      const { info, ps } = runCase(c);
      expect({ eps: c.eps, depth: info.treeDepth, steps: info.numSteps }).toEqual({ eps: c.eps, ...referenceTree(ps, 10, ALL) });
    }
  });

  // Configurations found by a seeded search in which dropping exactly one extra check changes the tree.
  const cases: Array<[keyof Checks, Case, number, number]> = [
    ["subInit", { w2: 100, q0: [0.39, 0.23], script: [0.0735, 0.15, 0.1505, 0.236], eps: 0.057 }, 15, 19],
    ["subFinal", { w2: 25, q0: [1.25, -0.74], script: [0.4495, 0.365, 0.0765, 0.866], eps: 0.253 }, 7, 9],
    ["topBck", { w2: 25, q0: [-1.46, 0.48], script: [0.9665, 0.96, 0.7515, 0.653], eps: 0.17 }, 7, 15],
    ["topFwd", { w2: 25, q0: [-1.72, -0.57], script: [0.8995, 0.807, 0.6105, 0.024], eps: 0.135 }, 7, 23],
  ];
  for (const [name, c, steps, stepsWithout] of cases) {
    it(`needs the extra check "${name}": ${steps} leapfrog steps (${stepsWithout} without it)`, () => {
      const { info, ps } = runCase(c);
      expect(referenceTree(ps, 10, ALL).steps).toBe(steps);
      expect(referenceTree(ps, 10, { ...ALL, [name]: false }).steps).toBe(stepsWithout);
      expect(info.numSteps).toBe(steps);
    });
  }
});

/**
 * Brute-force selection for a forward-only trajectory with every uniform equal to u: inside a subtree the right
 * half's proposal is taken iff u < W_right / (W_left + W_right); a valid new subtree replaces the sample iff
 * W_new > W_old or u < W_new / W_old (biased progressive sampling). W = sum of exp(H0 - H_k). U-turn rules as above.
 */
function referenceSelection(ps: Float64Array[], H: number[], maxDepth: number, u: number): { index: number; steps: number } {
  const merged = spanMerge(ps);
  const weight = (k: number) => Math.exp(H[0] - H[k]);
  const build = (a: number, d: number): { valid: boolean; steps: number; pick: number; w: number } => {
    if (d === 0) return { valid: H[a] - H[0] <= 1000, steps: 1, pick: a, w: weight(a) };
    const half = 2 ** (d - 1);
    const left = build(a, d - 1);
    if (!left.valid) return left;
    const right = build(a + half, d - 1);
    const steps = left.steps + right.steps;
    if (!right.valid) return { ...right, steps };
    const w = left.w + right.w;
    const pick = u < right.w / w ? right.pick : left.pick;
    return { valid: merged(a, a + half, a + 2 * half - 1), steps, pick, w };
  };
  let depth = 0;
  let steps = 0;
  let index = 0;
  let wOld = 1;
  while (depth < maxDepth) {
    const sub = build(2 ** depth, depth);
    steps += sub.steps;
    if (!sub.valid) break;
    depth++;
    if (sub.w > wOld || u < sub.w / wOld) index = sub.pick;
    wOld += sub.w;
    if (!merged(0, 2 ** (depth - 1), 2 ** depth - 1)) break;
  }
  return { index, steps };
}

describe("NUTS sample selection vs brute force (large energy errors: unequal weights)", () => {
  // 2-d oscillator log p = -(q1^2 + 4 q2^2)/2 with big steps (energy errors O(1)), forward only (u > 0.5)
  const logDensity: LogDensityFn = (t, g) => {
    g[0] = -t[0];
    g[1] = -4 * t[1];
    return -0.5 * (t[0] * t[0] + 4 * t[1] * t[1]);
  };
  const script = [Math.exp(-0.5), 0, Math.exp(-0.3), 0.15];
  const sr = scriptedRng(script, 0);
  const p0 = [normal(sr.rng), normal(sr.rng)];
  let checked = 0;
  let differsFromAlwaysAccept = 0;
  for (const eps of [0.35, 0.5, 0.65, 0.8, 0.9]) {
    for (const u of [0.55, 0.7, 0.85, 0.97]) {
      it(`eps ${eps}, u ${u}: same leapfrog count and the same selected state`, () => {
        const q = [0.8, -0.4];
        const p = [...p0];
        const qs = [Float64Array.from(q)];
        const ps = [Float64Array.from(p)];
        const Hs = [0.5 * (q[0] ** 2 + 4 * q[1] ** 2) + 0.5 * (p[0] ** 2 + p[1] ** 2)];
        for (let k = 0; k < 1100; k++) {
          p[0] -= 0.5 * eps * q[0];
          p[1] -= 0.5 * eps * 4 * q[1];
          q[0] += eps * p[0];
          q[1] += eps * p[1];
          p[0] -= 0.5 * eps * q[0];
          p[1] -= 0.5 * eps * 4 * q[1];
          qs.push(Float64Array.from(q));
          ps.push(Float64Array.from(p));
          Hs.push(0.5 * (q[0] ** 2 + 4 * q[1] ** 2) + 0.5 * (p[0] ** 2 + p[1] ** 2));
        }
        const ref = referenceSelection(ps, Hs, 10, u);
        const { rng } = scriptedRng(script, u);
        const [s, info] = step(rng, init(Float64Array.from([0.8, -0.4]), logDensity), { logDensity, stepSize: eps, metric: unitMetric(2) });
        expect(info.numSteps).toBe(ref.steps);
        expect(s.position[0]).toBeCloseTo(qs[ref.index][0], 10);
        expect(s.position[1]).toBeCloseTo(qs[ref.index][1], 10);
        checked++;
        // an "always take the new subtree" sampler would end in the last subtree: count the cases that differ
        if (ref.index < 2 ** (info.treeDepth - 1)) differsFromAlwaysAccept++;
      });
    }
  }
  it("the cases above include selections from the old trajectory (the progressive step is exercised)", () => {
    expect(checked).toBe(20);
    expect(differsFromAlwaysAccept).toBeGreaterThan(0);
  });
});
