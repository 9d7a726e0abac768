/**
 * Rendering vega-lite specs to SVG without a browser: vega-lite compiles the spec to vega, vega's headless
 * View (renderer "none") draws it to an SVG string.
 * @module
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** A vega-lite spec as plain data (the plot builders return these; they are JSON). */
export type VlSpec = Record<string, unknown>;

/** Colours shared by every plot: EB, FB, raw group estimate. */
export const COLORS = { eb: "#d95f02", fb: "#1b9e77", raw: "#7570b3" } as const;

/** Series labels shared by every plot. */
export const LABELS = { eb: "empirical Bayes", fb: "full Bayes (NUTS)", raw: "raw (no pooling)" } as const;

/** Common config: readable fonts, no chart border, white background. */
export const BASE_CONFIG = {
  background: "white",
  font: "DejaVu Sans, Arial, sans-serif",
  view: { stroke: "#ddd" },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: "#eee" },
  header: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: "top" },
  title: { fontSize: 14, anchor: "start" },
} as const;

/**
 * Compile a vega-lite spec and render it to an SVG string (headless).
 *
 * @param spec - a vega-lite spec (data inline)
 * @returns the SVG document
 * @example
 * await renderSvg({ data: { values: [{ x: 1 }] }, mark: "point", encoding: { x: { field: "x", type: "quantitative" } } });
 * // => '<svg xmlns="http://www.w3.org/2000/svg" ... </svg>'
 */
export async function renderSvg(spec: VlSpec): Promise<string> {
  const full = { config: BASE_CONFIG, ...spec } as unknown as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(full).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Keep at most `max` evenly spaced elements of an array (for plots of many draws).
 *
 * @example
 * thinIndices(10, 4); // => [0, 3, 6, 9]
 */
export function thinIndices(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => Math.round(i * step));
}
