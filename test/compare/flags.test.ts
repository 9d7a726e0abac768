import { describe, expect, it } from "vitest";
import {
  boundaryFlag, ebInterval, intervalWidthFlag, minRankShift, rankFlags, ranks, smallGroupFlag, Z90,
} from "../../src/compare/flags.js";

describe("ebInterval", () => {
  it("is est ± 1.645 SE, null without an SE", () => {
    const { lo, hi } = ebInterval(2, 0.5);
    expect(lo).toBeCloseTo(2 - 0.8224268, 6);
    expect(hi).toBeCloseTo(2 + 0.8224268, 6);
    expect(Z90).toBeCloseTo(1.6448536, 6);
    expect(ebInterval(2, null)).toEqual({ lo: null, hi: null });
    expect(ebInterval(2, NaN)).toEqual({ lo: null, hi: null });
  });
});

describe("boundaryFlag", () => {
  const away = { q5: 0.2, q50: 0.6, q95: 1.2 };
  it("flags an sd at 0 when the posterior interval keeps away from 0", () => {
    const f = boundaryFlag("sd", 0, away, false);
    expect(f?.rule).toBe("boundary");
    expect(f?.reason).toContain("0.1 × posterior median 0.600");
  });
  it("flags an sd of a singular fit below the posterior interval even if not < 10% of the median", () => {
    expect(boundaryFlag("sd", 0.1, away, true)?.reason).toContain("singular");
    expect(boundaryFlag("sd", 0.1, away, false)).toBeNull(); // 0.1 > 0.1 * 0.6 and not singular
  });
  it("does not flag when the posterior itself piles up at 0 (interval contains the EB value)", () => {
    expect(boundaryFlag("sd", 0, { q5: 0, q50: 0.3, q95: 1 }, true)).toBeNull();
    expect(boundaryFlag("sd", 0.001, { q5: 0.0005, q50: 0.3, q95: 1 }, true)).toBeNull();
  });
  it("does not flag an interior sd, nor an sd above the posterior interval", () => {
    expect(boundaryFlag("sd", 0.6, away, false)).toBeNull();
    expect(boundaryFlag("sd", 2, away, true)).toBeNull();
  });
  it("flags a correlation at ±1 that the posterior excludes, not one it includes", () => {
    expect(boundaryFlag("cor", -1, { q5: -0.9, q50: -0.3, q95: 0.5 }, true)?.rule).toBe("boundary");
    expect(boundaryFlag("cor", 0.99, { q5: 0.5, q50: 0.9, q95: 0.999 }, true)).toBeNull();
    expect(boundaryFlag("cor", 0.5, { q5: -0.9, q50: -0.5, q95: 0.2 }, false)).toBeNull(); // not at ±1
  });
  it("never flags sigma or shape", () => {
    expect(boundaryFlag("sigma", 0, away, true)).toBeNull();
  });
});

describe("intervalWidthFlag", () => {
  const eb = { est: 0, se: 1, ...ebInterval(0, 1) } as { est: number; se: number; lo: number; hi: number };
  const w = 2 * Z90;
  it("flags widths differing by more than 25% either way", () => {
    expect(intervalWidthFlag(eb, { q5: -0.63 * w, q95: 0.63 * w })?.reason).toContain("+26%");
    expect(intervalWidthFlag(eb, { q5: -0.37 * w, q95: 0.37 * w })?.reason).toContain("-26%");
  });
  it("does not flag within 25%", () => {
    expect(intervalWidthFlag(eb, { q5: -0.62 * w, q95: 0.62 * w })).toBeNull();
    expect(intervalWidthFlag(eb, { q5: -0.38 * w + 3, q95: 0.38 * w + 3 })).toBeNull(); // location does not matter
  });
  it("needs an EB SE", () => {
    expect(intervalWidthFlag({ est: 1, se: null, lo: null, hi: null }, { q5: 0, q95: 10 })).toBeNull();
  });
  it("takes a tolerance", () => {
    expect(intervalWidthFlag(eb, { q5: -0.55 * w, q95: 0.55 * w }, 0.05)?.rule).toBe("interval-width");
  });
});

describe("rank rule", () => {
  it("ranks values, ties in input order", () => {
    expect(ranks([0.3, -1, 2])).toEqual([1, 0, 2]);
    expect(ranks([1, 1, 0])).toEqual([1, 2, 0]);
  });
  it("needs a shift of max(2, 10% of levels)", () => {
    expect(minRankShift(5)).toBe(2);
    expect(minRankShift(18)).toBe(2);
    expect(minRankShift(60)).toBe(6);
  });
  it("flags levels that move two or more places, not neighbours that swap", () => {
    const swap = rankFlags([1, 2, 3, 4, 5], [2, 1, 3, 4, 5]);
    expect(swap.every((f) => f === null)).toBe(true);
    const moved = rankFlags([1, 2, 3, 4, 5], [3.5, 2, 3, 4, 5]); // level 0 goes from rank 1 to rank 3
    expect(moved.map((f) => f?.rule ?? null)).toEqual(["rank", null, null, null, null]);
    expect(moved[0]?.reason).toBe("ranked 1 of 5 by EB mode but 3 of 5 by posterior mean");
  });
});

describe("smallGroupFlag", () => {
  it("flags a small group whose posterior mean moved more than 0.25 posterior sd", () => {
    const f = smallGroupFlag({ size: 2, medianSize: 10, ebMode: 0.1, fbMean: 0.3, fbSd: 0.4 });
    expect(f?.rule).toBe("small-group");
    expect(f?.reason).toContain("0.500 posterior sds");
  });
  it("does not flag a small group that agrees, nor a large group that moved", () => {
    expect(smallGroupFlag({ size: 2, medianSize: 10, ebMode: 0.1, fbMean: 0.15, fbSd: 0.4 })).toBeNull();
    expect(smallGroupFlag({ size: 10, medianSize: 10, ebMode: 0.1, fbMean: 0.9, fbSd: 0.4 })).toBeNull();
  });
  it("counts size <= 3 as small even when the median is small, and size <= median/2", () => {
    expect(smallGroupFlag({ size: 3, medianSize: 4, ebMode: 0, fbMean: 1, fbSd: 1 })?.rule).toBe("small-group");
    expect(smallGroupFlag({ size: 4, medianSize: 4, ebMode: 0, fbMean: 1, fbSd: 1 })).toBeNull();
    expect(smallGroupFlag({ size: 30, medianSize: 64, ebMode: 0, fbMean: 1, fbSd: 1 })?.rule).toBe("small-group");
  });
});
