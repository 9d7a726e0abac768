/**
 * Shrinkage plot: per level of each random-effect term, the raw (no-pooling) estimate, the EB conditional mode
 * and the posterior mean, with levels ordered by group size along x (labelled "level (size)"), and a grey
 * segment from raw to EB showing how far each level was pulled towards 0.
 * @module
 */
import type { GroupEstimate } from "../../compare/types.js";
import { COLORS, LABELS, type VlSpec } from "./render.js";

/** One plotted point. */
export interface ShrinkageDatum {
  readonly label: string;
  readonly size: number;
  readonly series: string;
  readonly value: number;
}

/**
 * Points of one term: three series per level (raw omitted where undefined).
 *
 * @example
 * shrinkageData([{ group: "herd", term: "(Intercept)", level: "1", size: 40, nObs: 4, raw: 1.13, ebMode: 0.59, fbMean: 0.61 }]).length;
 * // => 3
 */
export function shrinkageData(groups: readonly GroupEstimate[]): ShrinkageDatum[] {
  const out: ShrinkageDatum[] = [];
  for (const g of groups) {
    const label = `${g.level} (${g.size})`;
    if (g.raw !== null) out.push({ label, size: g.size, series: LABELS.raw, value: g.raw });
    out.push({ label, size: g.size, series: LABELS.eb, value: g.ebMode });
    if (g.fbMean !== null) out.push({ label, size: g.size, series: LABELS.fb, value: g.fbMean });
  }
  return out;
}

function shrinkagePanel(groups: readonly GroupEstimate[]): unknown {
  const { group, term } = groups[0];
  const segments = groups.filter((g) => g.raw !== null).map((g) => ({ label: `${g.level} (${g.size})`, size: g.size, from: g.raw, to: g.ebMode }));
  const x = { field: "label", type: "ordinal", title: `${group} level (size), ordered by size`, sort: { field: "size", op: "min", order: "ascending" }, axis: { labelAngle: -45 } };
  return {
    title: `${term} | ${group}`,
    width: Math.max(300, groups.length * 26),
    height: 220,
    layer: [
      { data: { values: [{ y: 0 }] }, mark: { type: "rule", color: "#999", strokeDash: [3, 3] }, encoding: { y: { field: "y", type: "quantitative" } } },
      { data: { values: segments }, mark: { type: "rule", color: "#bbb", strokeWidth: 2 }, encoding: { x, y: { field: "from", type: "quantitative" }, y2: { field: "to" } } },
      {
        data: { values: shrinkageData(groups) },
        mark: { type: "point", filled: true, size: 60, opacity: 0.9 },
        encoding: {
          x,
          y: { field: "value", type: "quantitative", title: "random effect (link scale)" },
          color: { field: "series", type: "nominal", title: null, scale: { domain: [LABELS.raw, LABELS.eb, LABELS.fb], range: [COLORS.raw, COLORS.eb, COLORS.fb] } },
          shape: { field: "series", type: "nominal", title: null, scale: { domain: [LABELS.raw, LABELS.eb, LABELS.fb], range: ["square", "circle", "diamond"] } },
        },
      },
    ],
  };
}

/**
 * Shrinkage plot over all random-effect terms (one panel per term).
 *
 * @param groups - comparison group data
 * @returns a vega-lite spec (vconcat)
 * @example
 * shrinkageSpec(comparison.groups).vconcat.length; // => 1 for cbpp
 */
export function shrinkageSpec(groups: readonly GroupEstimate[]): VlSpec & { vconcat: unknown[] } {
  const keys = [...new Set(groups.map((g) => `${g.group}|${g.term}`))];
  const panels = keys.map((k) => shrinkagePanel(groups.filter((g) => `${g.group}|${g.term}` === k)));
  return { title: "Shrinkage: raw group estimate, EB mode and posterior mean, against group size", vconcat: panels };
}
