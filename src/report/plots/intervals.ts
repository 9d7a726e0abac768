/**
 * Interval plots: the fixed-effect forest plot and the random-effect caterpillar plot, EB (est ± 1.645 SE)
 * beside FB (posterior mean, 90% interval q5..q95).
 * @module
 */
import type { CompareRow } from "../../compare/types.js";
import { COLORS, LABELS, type VlSpec } from "./render.js";

/** One interval of one method, as plotted. */
export interface IntervalDatum {
  readonly param: string;
  readonly method: string;
  readonly est: number;
  readonly lo: number | null;
  readonly hi: number | null;
  /** Sort key (EB estimate). */
  readonly order: number;
}

/**
 * The two intervals of each row (rows without a posterior or an SE keep what they have).
 *
 * @example
 * intervalData([row])[0]; // => { param: "period2", method: "empirical Bayes", est: -0.99, lo: -1.50, hi: -0.49, order: -0.99 }
 */
export function intervalData(rows: readonly CompareRow[], label: (r: CompareRow) => string = (r) => r.name): IntervalDatum[] {
  const out: IntervalDatum[] = [];
  for (const r of rows) {
    const param = label(r);
    out.push({ param, method: LABELS.eb, est: r.eb.est, lo: r.eb.lo, hi: r.eb.hi, order: r.eb.est });
    if (r.fb) out.push({ param, method: LABELS.fb, est: r.fb.mean, lo: r.fb.q5, hi: r.fb.q95, order: r.eb.est });
  }
  return out;
}

const methodColor = {
  field: "method", type: "nominal", title: null,
  scale: { domain: [LABELS.eb, LABELS.fb], range: [COLORS.eb, COLORS.fb] },
};

/** Rule (interval) + point (estimate) layers over a y field, the two methods side by side (yOffset). */
function intervalLayers(y: Record<string, unknown>): unknown[] {
  const enc = { y, yOffset: { field: "method", type: "nominal", sort: [LABELS.eb, LABELS.fb] }, color: methodColor };
  return [
    { mark: { type: "rule", strokeWidth: 2 }, encoding: { ...enc, x: { field: "lo", type: "quantitative", title: "estimate (90% interval)", scale: { zero: false } }, x2: { field: "hi" } } },
    { mark: { type: "point", filled: true, size: 50 }, encoding: { ...enc, x: { field: "est", type: "quantitative" }, shape: { field: "method", type: "nominal", title: null } } },
  ];
}

/**
 * Forest plot of the fixed effects: one panel per effect (each with its own x scale, since effects live on
 * different scales), EB and FB intervals side by side.
 *
 * @param rows - comparison rows (fixed effects are picked out)
 * @returns a vega-lite spec
 * @example
 * forestSpec(comparison.rows).facet; // => { row: { field: "param", ... } }
 */
export function forestSpec(rows: readonly CompareRow[]): VlSpec {
  const fixed = rows.filter((r) => r.kind === "fixed");
  return {
    title: "Fixed effects: EB estimate ± 1.645 SE vs posterior mean and 90% interval",
    data: { values: intervalData(fixed) },
    facet: { row: { field: "param", type: "nominal", title: null, sort: fixed.map((r) => r.name), header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" } } },
    spec: { width: 420, height: 36, layer: intervalLayers({ field: "method", type: "nominal", axis: null }) },
    resolve: { scale: { x: "independent" } },
  };
}

/**
 * Caterpillar plot of the random effects: one panel per term, levels sorted by EB mode, EB mode ± 1.645
 * conditional sd beside the posterior mean and 90% interval.
 *
 * @param rows - comparison rows (random effects are picked out)
 * @returns a vega-lite spec (vconcat of one panel per term)
 * @example
 * caterpillarSpec(comparison.rows).vconcat.length; // => 2 for (1 + Days | Subject)
 */
export function caterpillarSpec(rows: readonly CompareRow[]): VlSpec & { vconcat: unknown[] } {
  const re = rows.filter((r) => r.kind === "re");
  const terms = [...new Set(re.map((r) => `${r.group}|${r.term}`))];
  const panels = terms.map((key) => {
    const [group, term] = key.split("|");
    const mine = re.filter((r) => r.group === group && r.term === term);
    return {
      title: `${term} | ${group}`,
      data: { values: intervalData(mine, (r) => r.level ?? r.name) },
      width: 420,
      height: Math.max(120, mine.length * 22),
      layer: [
        { data: { values: [{ x: 0 }] }, mark: { type: "rule", color: "#999", strokeDash: [3, 3] }, encoding: { x: { field: "x", type: "quantitative" } } },
        ...intervalLayers({ field: "param", type: "nominal", title: group, sort: { field: "order", op: "mean", order: "ascending" } }),
      ],
    };
  });
  return { title: "Random effects: EB conditional mode ± 1.645 conditional sd vs posterior mean and 90% interval", vconcat: panels };
}
