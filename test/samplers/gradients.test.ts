import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SamplerModel } from "../../samplers/chains.js";
import { eightSchoolsCentered, eightSchoolsNoncentered } from "./helpers/models.js";
import { kilpisjarviModel, sblrcModel } from "./helpers/regressions.js";

const fixture = (f: string) => JSON.parse(readFileSync(new URL(`../fixtures/posteriordb/${f}`, import.meta.url), "utf8"));

/** Central finite differences vs the hand-written gradient, relative to the gradient's scale. */
function checkGradient(m: SamplerModel, theta: number[]): void {
  const t = Float64Array.from(theta);
  const g = new Float64Array(m.dim);
  m.logDensity(t, g);
  const tmp = new Float64Array(m.dim);
  for (let k = 0; k < m.dim; k++) {
    const h = 1e-6 * Math.max(1, Math.abs(t[k]));
    const tp = Float64Array.from(t);
    tp[k] += h;
    const tm = Float64Array.from(t);
    tm[k] -= h;
    const fd = (m.logDensity(tp, tmp) - m.logDensity(tm, tmp)) / (2 * h);
    expect(Math.abs(fd - g[k])).toBeLessThan(1e-5 * Math.max(1, Math.abs(g[k])));
  }
}

describe("test-helper log densities have correct gradients (finite differences)", () => {
  it("eight schools non-centred", () => {
    const d = fixture("eight_schools_data.json");
    checkGradient(eightSchoolsNoncentered(d.y, d.sigma), [1.2, 0.7, 0.1, -0.4, 0.9, 0.2, -1.1, 0.3, 0.5, -0.2]);
  });
  it("eight schools centred", () => {
    const d = fixture("eight_schools_data.json");
    checkGradient(eightSchoolsCentered(d.y, d.sigma), [1.2, 0.7, 3, -4, 9, 2, -1, 3, 5, -2]);
  });
  it("sblrc", () => checkGradient(sblrcModel(fixture("sblrc_data.json")), [1.001, 0.999, 0.998, 1.0, 0.997, 0.05]));
  it("kilpisjarvi", () => checkGradient(kilpisjarviModel(fixture("kilpisjarvi_data.json")), [-60, 0.0175, 0.12]));
});
