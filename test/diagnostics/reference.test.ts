import { describe, expect, it } from "vitest";
import { diagnoseParameter, rhatOfChains, splitChains, summarise, zScale, type ParameterDiagnostics } from "../../src/diagnostics/index.js";
import { loadCases, relErr } from "./fixtures.js";

const TOL = 1e-6;
const CASES = loadCases();

/**
 * The fixtures store draws with 15 significant digits, but posterior computed on the unrounded draws.
 * The tail R-hat folds the draws about their median; with an even number of draws the two middle draws
 * a < b fold to m - a and b - m, equal up to one ulp, and which one ranks first (or whether they tie)
 * depends on the digits the file dropped. For these cases we check that posterior's value is the
 * rank-normalized R-hat for one of the three resolutions (a first, b first, tie), computed here.
 */
const MIDDLE_PAIR_UNDETERMINED = new Set(["short_chains", "scale_mismatch"]);

function rhatForMiddleResolutions(draws: Float64Array, nChains: number): number[] {
  const sorted = Float64Array.from(draws).sort();
  const N = sorted.length;
  const a = sorted[N / 2 - 1];
  const b = sorted[N / 2];
  const med = (a + b) / 2;
  const ia = draws.indexOf(a);
  const ib = draws.indexOf(b);
  const split = splitChains(draws, nChains);
  const bulk = rhatOfChains(zScale(split.draws), split.nChains);
  const folded = draws.map((v) => Math.abs(v - med));
  const tiny = Math.min(folded[ia], folded[ib]);
  return [[1, 2], [2, 1], [1, 1]].map(([ra, rb]) => {
    const f = Float64Array.from(folded);
    f[ia] = (tiny * ra) / 2; // keep both below every other folded draw
    f[ib] = (tiny * rb) / 2;
    return Math.max(bulk, rhatOfChains(zScale(f), split.nChains));
  });
}

describe("agreement with the R package posterior on the 10 reference draw sets", () => {
  it("loads all 10 cases", () => {
    expect(CASES.map((c) => c.name)).toEqual([
      "antithetic", "ar1_0.9", "ar1_0.99", "constant_chain", "heavy_tail_t2", "iid_normal", "scale_mismatch",
      "shifted_chain", "short_chains", "skewed_exp",
    ]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s: every key within 1e-6 relative", (name, c) => {
    const got = diagnoseParameter(c.draws, c.nChains);
    const keys = Object.keys(c.posterior);
    expect(keys).toHaveLength(18);
    for (const k of keys) {
      const want = c.posterior[k];
      const value = got[k as keyof ParameterDiagnostics];
      if (k === "rhat" && MIDDLE_PAIR_UNDETERMINED.has(name)) {
        const candidates = rhatForMiddleResolutions(c.draws, c.nChains);
        expect(candidates, `${name}.rhat candidates`).toContainEqual(value); // ours is one of the three
        expect(Math.min(...candidates.map((r) => relErr(r, want))), `${name}.rhat`).toBeLessThan(TOL);
        continue;
      }
      expect(relErr(value, want), `${name}.${k}: got ${value}, posterior ${want}`).toBeLessThan(TOL);
    }
  });

  it("the middle-pair exception is needed only where the stored digits leave the fold undetermined", () => {
    for (const c of CASES) {
      const ok = relErr(diagnoseParameter(c.draws, c.nChains).rhat, c.posterior.rhat) < TOL;
      expect(ok, c.name).toBe(!MIDDLE_PAIR_UNDETERMINED.has(c.name));
    }
  });

  it("summarise gives the same numbers as the single-parameter functions, all cases as one draws matrix", () => {
    const nChains = 4;
    const withSame = CASES.filter((c) => c.nChains === nChains && c.draws.length === 4000);
    const nDraws = 1000;
    const nParams = withSame.length;
    const chains = Array.from({ length: nChains }, (_, ch) => {
      const out = new Float64Array(nDraws * nParams);
      withSame.forEach((c, p) => {
        for (let d = 0; d < nDraws; d++) out[d * nParams + p] = c.draws[ch * nDraws + d];
      });
      return out;
    });
    const rows = summarise(chains, nParams, withSame.map((c) => c.name));
    expect(rows).toHaveLength(nParams);
    rows.forEach((row, p) => {
      const c = withSame[p];
      const d = diagnoseParameter(c.draws, c.nChains);
      expect(row.name).toBe(c.name);
      const pairs: [number, number][] = [
        [row.mean, d.mean], [row.sd, d.sd], [row.q5, d.q05], [row.q50, d.q50], [row.q95, d.q95],
        [row.mcse_mean, d.mcse_mean], [row.rhat, d.rhat], [row.ess_bulk, d.ess_bulk], [row.ess_tail, d.ess_tail],
      ];
      for (const [a, b] of pairs) expect(relErr(a, b), c.name).toBeLessThan(1e-12);
    });
  });
});
