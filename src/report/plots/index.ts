/**
 * The plots of a comparison report, as vega-lite specs and rendered SVG.
 * @module
 */
import type { Comparison } from "../../compare/types.js";
import type { SampleResult } from "../../../samplers/index.js";
import { caterpillarSpec, forestSpec } from "./intervals.js";
import { rankSpec, traceSpec } from "./mcmc.js";
import { renderSvg, type VlSpec } from "./render.js";
import { shrinkageSpec } from "./shrinkage.js";
import { varianceSpec } from "./variance.js";

export { renderSvg, thinIndices, COLORS, LABELS, type VlSpec } from "./render.js";
export { forestSpec, caterpillarSpec, intervalData, type IntervalDatum } from "./intervals.js";
export { varianceSpec, DENSITY_DRAWS } from "./variance.js";
export { shrinkageSpec, shrinkageData, type ShrinkageDatum } from "./shrinkage.js";
export { traceSpec, rankSpec, mcmcParams, TRACE_POINTS, RANK_BINS, MAX_PARAMS } from "./mcmc.js";
export { chainDraws, rankCounts } from "./draws.js";

/** One plot of the report. */
export interface PlotSpec {
  /** File name (`forest.svg`). */
  readonly file: string;
  readonly title: string;
  readonly spec: VlSpec;
}

/** A rendered plot. */
export interface RenderedPlot extends PlotSpec {
  readonly svg: string;
}

/**
 * The report's plots as specs: forest, variance components, shrinkage, caterpillar, trace, rank (plots with
 * nothing to show — e.g. no random effects — are left out).
 *
 * @param comparison - the comparison
 * @param draws - the NUTS result (draws)
 * @returns plot specs in report order
 * @example
 * comparisonPlotSpecs(comparison, nuts.result).map((p) => p.file);
 * // => ["forest.svg", "variance.svg", "shrinkage.svg", "caterpillar.svg", "trace.svg", "rank.svg"]
 */
export function comparisonPlotSpecs(comparison: Comparison, draws: Pick<SampleResult, "chains" | "outputNames">): PlotSpec[] {
  const plots: PlotSpec[] = [{ file: "forest.svg", title: "Fixed effects", spec: forestSpec(comparison.rows) }];
  const variance = varianceSpec(comparison.rows, draws);
  if (variance.vconcat.length) plots.push({ file: "variance.svg", title: "Variance components", spec: variance });
  if (comparison.groups.length) {
    plots.push({ file: "shrinkage.svg", title: "Shrinkage", spec: shrinkageSpec(comparison.groups) });
    plots.push({ file: "caterpillar.svg", title: "Random effects", spec: caterpillarSpec(comparison.rows) });
  }
  plots.push({ file: "trace.svg", title: "Trace plots", spec: traceSpec(draws) });
  plots.push({ file: "rank.svg", title: "Rank plots", spec: rankSpec(draws) });
  return plots;
}

/**
 * Render every plot of a comparison to SVG.
 *
 * @example
 * (await renderComparisonPlots(comparison, nuts.result))[0].svg.startsWith("<svg"); // => true
 */
export async function renderComparisonPlots(comparison: Comparison, draws: Pick<SampleResult, "chains" | "outputNames">): Promise<RenderedPlot[]> {
  const out: RenderedPlot[] = [];
  for (const p of comparisonPlotSpecs(comparison, draws)) out.push({ ...p, svg: await renderSvg(p.spec) });
  return out;
}
