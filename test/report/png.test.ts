// Rendering to PNG lives in its own file: loading the @resvg/resvg-js native addon in a test process that also
// runs the sampler's worker threads hangs the vitest worker (seen with test/compare/cli.test.ts).
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import type { CompareRow } from "../../src/compare/types.js";
import { ebInterval } from "../../src/compare/flags.js";
import { COLORS, forestSpec, renderSvg } from "../../src/report/plots/index.js";

const row = (name: string, est: number, se: number, mean: number): CompareRow =>
  ({ name, kind: "fixed", eb: { est, se, ...ebInterval(est, se) }, fb: { mean, sd: se, q5: mean - 1.645 * se, q50: mean, q95: mean + 1.645 * se, rhat: 1, ess_bulk: 900 }, flags: [] });

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

describe("forest plot as PNG", () => {
  it("renders with resvg to an image with ink in both method colours", async () => {
    const svg = await renderSvg(forestSpec([row("(Intercept)", -1.4, 0.23, -1.42), row("period2", -0.99, 0.31, -0.98)]));
    const png = new Resvg(svg, { background: "white" }).render();
    const px = png.pixels;
    let ink = 0, eb = 0, fb = 0;
    const [er, eg, ebl] = hex(COLORS.eb), [fr, fg, fbl] = hex(COLORS.fb);
    const near = (i: number, r: number, g: number, b: number) => Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 30;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] < 240 || px[i + 1] < 240 || px[i + 2] < 240) ink++;
      if (near(i, er, eg, ebl)) eb++;
      if (near(i, fr, fg, fbl)) fb++;
    }
    const frac = ink / (png.width * png.height);
    expect(png.width).toBeGreaterThan(300);
    expect(frac).toBeGreaterThan(0.01);
    expect(frac).toBeLessThan(0.5);
    expect(eb).toBeGreaterThan(50);
    expect(fb).toBeGreaterThan(50);
    expect(png.asPng().subarray(1, 4).toString("latin1")).toBe("PNG");
  });
});
