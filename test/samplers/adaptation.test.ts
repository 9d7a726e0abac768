import { describe, expect, it } from "vitest";
import { dualAveragingFinal, dualAveragingInit, dualAveragingUpdate } from "../../samplers/adaptation/dualAveraging.js";
import { initStepSize } from "../../samplers/adaptation/initStepSize.js";
import { buildSchedule } from "../../samplers/adaptation/schedule.js";
import { windowAdaptationFinal, windowAdaptationInit, windowAdaptationUpdate } from "../../samplers/adaptation/windowAdaptation.js";
import { regularizedVariance, welfordInit, welfordUpdate, welfordVariance } from "../../samplers/adaptation/welford.js";
import { unitMetric } from "../../samplers/metrics.js";
import { init, step } from "../../samplers/nuts.js";
import { makeRng, normal } from "../../src/rng.js";
import { mean } from "./helpers/mcse.js";
import { stdNormal } from "./helpers/models.js";

describe("buildSchedule (Stan's windowed_adaptation)", () => {
  // Expected windows worked out from windowed_adaptation.hpp: first window ends at init_buffer + base - 1, then
  // each window doubles; a window is stretched to num_warmup - term_buffer - 1 when the one after it would not fit.
  it("warmup 1000: windows end at 99, 149, 249, 449, 949; draws 75..949 collected", () => {
    const s = buildSchedule(1000);
    expect(s.windowEnds).toEqual([99, 149, 249, 449, 949]);
    expect([s.initBuffer, s.baseWindow, s.termBuffer]).toEqual([75, 25, 50]);
    expect(s.collect.indexOf(1)).toBe(75);
    expect(s.collect.lastIndexOf(1)).toBe(949);
    expect(s.collect.reduce((a, b) => a + b, 0)).toBe(875);
    expect(s.messages).toEqual([]);
  });

  it("warmup 150 fits exactly: one window 75..99, then the terminal buffer", () => {
    const s = buildSchedule(150);
    expect(s.windowEnds).toEqual([99]);
    expect(s.collect.lastIndexOf(1)).toBe(99);
    expect(s.messages).toEqual([]);
  });

  it("warmup 20 falls back to 15%/75%/10%: init 3, window 15 (ends at 17), term 2, with Stan's message", () => {
    const s = buildSchedule(20);
    expect([s.initBuffer, s.baseWindow, s.termBuffer]).toEqual([3, 15, 2]);
    expect(s.windowEnds).toEqual([17]);
    expect(s.messages[0]).toMatch(/aren't enough warmup iterations/);
    expect(s.messages.join(" ")).toMatch(/15%\/75%\/10%/);
  });

  it("warmup 100 falls back: init 15, window 75, term 10; warmup 2000 has a 6th window", () => {
    expect(buildSchedule(100).windowEnds).toEqual([89]);
    expect(buildSchedule(2000).windowEnds).toEqual([99, 149, 249, 449, 849, 1949]);
  });

  it("warmup < 20: no metric adaptation", () => {
    const s = buildSchedule(19);
    expect(s.windowEnds).toEqual([]);
    expect(s.collect.every((c) => c === 0)).toBe(true);
    expect(s.messages[0]).toBe("WARNING: No variance estimation is performed for num_warmup < 20");
    expect(buildSchedule(0).messages).toEqual([]);
    expect(windowAdaptationInit(2, 10, "dense", 1).schedule.messages[0]).toMatch(/No covariance estimation/);
    expect(windowAdaptationInit(2, 10, "unit", 1).schedule.messages).toEqual([]);
  });
});

describe("Welford estimator", () => {
  it("matches two-pass mean / variance / covariance and Stan's regularisation", () => {
    const rng = makeRng(3);
    const xs: number[][] = [];
    let w = welfordInit(2, true);
    let wd = welfordInit(2);
    for (let i = 0; i < 50; i++) {
      const a = normal(rng);
      const x = [a, 0.5 * a + normal(rng)];
      xs.push(x);
      w = welfordUpdate(w, new Float64Array(x));
      wd = welfordUpdate(wd, new Float64Array(x));
    }
    const m0 = mean(xs.map((x) => x[0]));
    const m1 = mean(xs.map((x) => x[1]));
    const cov = (i: number, j: number, mi: number, mj: number) => xs.reduce((s, x) => s + (x[i] - mi) * (x[j] - mj), 0) / 49;
    const c = welfordVariance(w);
    expect(c[0]).toBeCloseTo(cov(0, 0, m0, m0), 12);
    expect(c[1]).toBeCloseTo(cov(0, 1, m0, m1), 12);
    expect(c[2]).toBeCloseTo(cov(1, 0, m1, m0), 12);
    expect(c[3]).toBeCloseTo(cov(1, 1, m1, m1), 12);
    const v = regularizedVariance(wd);
    expect(v[0]).toBeCloseTo((50 / 55) * cov(0, 0, m0, m0) + 1e-3 * (5 / 55), 12);
    const r = regularizedVariance(w);
    expect(r[1]).toBeCloseTo((50 / 55) * cov(0, 1, m0, m1), 12);
  });
});

describe("dual averaging", () => {
  it("first update with accept 0.8 leaves x at mu (s_bar = 0); final = exp(x_bar)", () => {
    const s = dualAveragingUpdate(dualAveragingInit(1), 0.8);
    expect(s.x).toBeCloseTo(Math.log(10), 14);
    expect(dualAveragingFinal(s)).toBeCloseTo(10, 12);
    // accept 1 (capped): s_bar = (0.8 - 1)/11, x = mu + 0.2/11 / 0.05
    const s2 = dualAveragingUpdate(dualAveragingInit(1), 1.7);
    expect(s2.x).toBeCloseTo(Math.log(10) + 0.2 / 11 / 0.05, 12);
  });

  it("converges on a 10-d standard normal: sampling at the adapted step size gives mean accept_stat ~ 0.8", () => {
    const model = stdNormal(10);
    const rng = makeRng(42);
    const metric = unitMetric(10);
    let state = init(new Float64Array(10).fill(0.5), model.logDensity);
    let eps = initStepSize(rng, state, 1, { logDensity: model.logDensity, metric });
    let da = dualAveragingInit(1);
    for (let i = 0; i < 1000; i++) {
      const [s, info] = step(rng, state, { logDensity: model.logDensity, stepSize: eps, metric });
      state = s;
      da = dualAveragingUpdate(da, info.acceptStat);
      eps = Math.exp(da.x);
    }
    eps = dualAveragingFinal(da);
    let acc = 0;
    const n = 1000;
    for (let i = 0; i < n; i++) {
      const [s, info] = step(rng, state, { logDensity: model.logDensity, stepSize: eps, metric });
      state = s;
      acc += info.acceptStat;
    }
    // per-draw accept_stat sd ~ 0.15, near-independent draws: MCSE ~ 0.005; allow for the finite-warmup bias
    expect(Math.abs(acc / n - 0.8)).toBeLessThan(0.04);
  });
});

describe("initStepSize (Stan's heuristic)", () => {
  it("crosses the 0.8 one-step acceptance: eps grows from 1e-3 and shrinks from 100 to O(1) on N(0, 1)", () => {
    const model = stdNormal(5);
    const s = init(new Float64Array(5).fill(0.3), model.logDensity);
    const up = initStepSize(makeRng(1), s, 1e-3, { logDensity: model.logDensity, metric: unitMetric(5) });
    const down = initStepSize(makeRng(1), s, 100, { logDensity: model.logDensity, metric: unitMetric(5) });
    // powers of two times the start; for a unit normal one-step acceptance ~0.8 near eps ~ 1
    expect(Math.log2(up / 1e-3) % 1).toBeCloseTo(0, 12);
    expect(up).toBeGreaterThan(0.2);
    expect(up).toBeLessThan(4);
    expect(down).toBeGreaterThan(0.2);
    expect(down).toBeLessThan(4);
  });

  it("reports an improper posterior (flat density) with Stan's message", () => {
    const flat = { logDensity: (_t: Float64Array, g: Float64Array) => (g.fill(0), 0), metric: unitMetric(1) };
    expect(() => initStepSize(makeRng(1), init(new Float64Array([0]), flat.logDensity), 1, flat)).toThrow(/improper/);
  });
});

describe("window adaptation learner", () => {
  it("updates the diagonal metric exactly at the window ends and estimates the variances of scaled normals", () => {
    const rng = makeRng(9);
    const sds = [0.1, 1, 10];
    let a = windowAdaptationInit(3, 1000, "diag", 1);
    const updates: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const x = new Float64Array(sds.map((s) => s * normal(rng)));
      const u = windowAdaptationUpdate(a, x, 0.8);
      if (u.metricUpdated) updates.push(i);
      a = u.state;
    }
    expect(updates).toEqual([99, 149, 249, 449, 949]);
    const f = windowAdaptationFinal(a);
    // last window: n = 500 iid draws; relative sd of a variance estimate sqrt(2/500) = 6%
    for (let k = 0; k < 3; k++) expect(Math.abs(f.inverseMetric[k] / (sds[k] ** 2 * (500 / 505)) - 1)).toBeLessThan(0.2);
  });
});
