import { describe, expect, it } from "vitest";
import { compare } from "../../src/compare/compare.js";
import type { Design } from "../../src/design/design.js";
import { DEFAULT_PRIORS } from "../../src/design/priors.js";

/** Five groups with identical means (10) and within-group spread: REML puts the group sd at exactly 0. */
function equalMeansDesign(): Design {
  const offsets = [-1, 1, -2, 2];
  const y: number[] = [], level: number[] = [];
  for (let g = 0; g < 5; g++) for (const o of offsets) { y.push(10 + o * (1 + 0.1 * g)); level.push(g); }
  const n = y.length;
  return {
    n, p: 1, X: new Float64Array(n).fill(1), fixedNames: ["(Intercept)"], response: { name: "y", y: Float64Array.from(y) },
    terms: [{ group: "g", termNames: ["(Intercept)"], levels: ["a", "b", "c", "d", "e"], index: Int32Array.from(level), Z: new Float64Array(n).fill(1) }],
    family: "gaussian", link: "identity",
  };
}

describe("compare end to end on a singular fit", () => {
  it("REML sd at 0 (singular) is flagged 'boundary' while the posterior keeps its 90% interval away from 0", async () => {
    const { comparison, ebFit } = await compare(equalMeansDesign(), DEFAULT_PRIORS, { chains: 2, warmup: 300, draws: 300, seed: 5, workers: 0 });
    expect(comparison.eb.method).toBe("REML");
    expect(ebFit.convergence.singular).toBe(true);
    const sd = comparison.rows.find((r) => r.name === "sd__g__(Intercept)")!;
    expect(sd.eb.est).toBeLessThan(1e-4);
    expect(sd.fb!.q5).toBeGreaterThan(1e-3);
    expect(sd.flags.map((f) => f.rule)).toEqual(["boundary"]);
    expect(sd.flags[0].reason).toContain("the EB fit is singular");
    expect(comparison.flagCounts.boundary).toBe(1);
    // every group mean is exactly 10: the EB intercept is 10, the posterior mean within 0.5 of it
    const b0 = comparison.rows[0];
    expect(b0.eb.est).toBeCloseTo(10, 6);
    expect(Math.abs(b0.fb!.mean - 10)).toBeLessThan(0.5);
    expect(comparison.groups.every((g) => g.raw !== null && Math.abs(g.raw) < 1e-9)).toBe(true);
  });
});
