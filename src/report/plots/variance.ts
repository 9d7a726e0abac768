/**
 * Posterior densities of the variance components (sd, cor, sigma, shape), each with the EB point estimate
 * marked: a kernel density estimate of the draws (vega's density transform, Scott's bandwidth).
 * @module
 */
import type { CompareRow } from "../../compare/types.js";
import type { SampleResult } from "../../../samplers/index.js";
import { chainDraws } from "./draws.js";
import { COLORS, LABELS, thinIndices, type VlSpec } from "./render.js";

/** Draws kept per parameter for the density (evenly thinned over the pooled chains). */
export const DENSITY_DRAWS = 2000;

const isVarianceComponent = (r: CompareRow) => r.kind === "sd" || r.kind === "cor" || r.kind === "sigma" || r.kind === "shape";

/** One panel: posterior density (area), posterior mean (dashed) and EB estimate (solid rule). */
function densityPanel(row: CompareRow, draws: Float64Array): unknown {
  const values = thinIndices(draws.length, DENSITY_DRAWS).map((i) => ({ v: draws[i] }));
  const marks = [{ method: LABELS.eb, x: row.eb.est }, ...(row.fb ? [{ method: LABELS.fb, x: row.fb.mean }] : [])];
  return {
    title: row.name,
    width: 420,
    height: 110,
    layer: [
      {
        data: { values },
        transform: [{ density: "v", as: ["value", "density"] }],
        mark: { type: "area", color: COLORS.fb, opacity: 0.35, line: { color: COLORS.fb } },
        encoding: { x: { field: "value", type: "quantitative", title: row.name, scale: { zero: false } }, y: { field: "density", type: "quantitative", title: "posterior density" } },
      },
      {
        data: { values: marks },
        mark: { type: "rule", strokeWidth: 2.5 },
        encoding: {
          x: { field: "x", type: "quantitative" },
          color: { field: "method", type: "nominal", title: null, scale: { domain: [LABELS.eb, LABELS.fb], range: [COLORS.eb, COLORS.fb] } },
          strokeDash: { field: "method", type: "nominal", title: null, scale: { domain: [LABELS.eb, LABELS.fb], range: [[1, 0], [6, 3]] } },
        },
      },
    ],
  };
}

/**
 * Density plot of every variance component: posterior density with the EB estimate (solid) and the posterior
 * mean (dashed).
 *
 * @param rows - comparison rows (variance components are picked out)
 * @param result - the NUTS draws
 * @returns a vega-lite spec (vconcat, one panel per component)
 * @example
 * varianceSpec(comparison.rows, nuts.result).vconcat.length; // => 4 for sleepstudy (2 sd, 1 cor, sigma)
 */
export function varianceSpec(rows: readonly CompareRow[], result: Pick<SampleResult, "chains" | "outputNames">): VlSpec & { vconcat: unknown[] } {
  const panels = rows.filter((r) => isVarianceComponent(r) && r.fb).map((r) => {
    const chains = chainDraws(result, r.name);
    const pooled = new Float64Array(chains.reduce((s, c) => s + c.length, 0));
    let o = 0;
    for (const c of chains) { pooled.set(c, o); o += c.length; }
    return densityPanel(r, pooled);
  });
  return { title: "Variance components: posterior density, EB estimate (solid) and posterior mean (dashed)", vconcat: panels };
}
