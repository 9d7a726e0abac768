import { describe, expect, it } from "vitest";
import { compare, formatTable, measure, medianOf } from "../../bench/lib/index.js";

describe("bench/lib", () => {
  it("measure runs warm-up and timed calls and reports median/min/max/cpu", () => {
    let calls = 0;
    const t = measure(() => calls++, { runs: 3, warmup: 2 });
    expect(calls).toBe(5);
    expect(t.samples).toHaveLength(3);
    expect(t.min).toBeLessThanOrEqual(t.median);
    expect(t.median).toBeLessThanOrEqual(t.max);
    expect(t.median).toBe(medianOf(t.samples));
    expect(t.cpuMedian).toBeGreaterThanOrEqual(0);
    expect(() => measure(() => 0, { runs: 0 })).toThrow(/runs must be a positive integer/);
  });

  it("medianOf, compare ratios against the baseline, table format", () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([])).toBeNaN();
    const spin = (k: number) => () => {
      let s = 0;
      for (let i = 0; i < k; i++) s += Math.sqrt(i);
      return s;
    };
    const rows = compare({ name: "small", fn: spin(2e4) }, [{ name: "large", fn: spin(2e6) }], { runs: 3, warmup: 1 });
    expect(rows.map((r) => r.name)).toEqual(["small", "large"]);
    expect(rows[0].ratio).toBe(1);
    expect(rows[1].ratio).toBeCloseTo(rows[1].timing.median / rows[0].timing.median, 12);
    expect(rows[1].ratio).toBeGreaterThan(5); // 100x the work
    const table = formatTable([{ name: "a", timing: { median: 2, min: 1, max: 3, samples: [1, 2, 3], cpuMedian: 2 }, ratio: 1 }]);
    expect(table).toBe("case  median ms  min ms  max ms  cpu ms  x baseline\na          2.00    1.00    3.00    2.00        1.00");
  });
});
