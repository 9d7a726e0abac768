/**
 * Comparison rows: the EB fit's fixed effects, variance components and conditional modes matched by FORMAT.md
 * name to the posterior summary, then flagged by the rules of flags.ts.
 * @module
 */
import type { SummaryRow } from "../diagnostics/index.js";
import type { Design } from "../design/design.js";
import type { MixedFit } from "../laplace/index.js";
import { boundaryFlag, ebInterval, intervalWidthFlag, rankFlags, smallGroupFlag } from "./flags.js";
import { fixedPart, levelSizes, rawGroupEstimates } from "./groups.js";
import type { CompareRow, FbSide, Flag, GroupEstimate, RowKind } from "./types.js";

/** Posterior summary rows by name, reduced to the fields a comparison shows. */
export type FbLookup = ReadonlyMap<string, FbSide>;

/**
 * Index a NUTS summary by parameter name.
 *
 * @example
 * fbLookup(nuts.summary).get("period2")?.mean; // => -0.987
 */
export function fbLookup(summary: readonly SummaryRow[]): FbLookup {
  return new Map(summary.map((r) => [r.name, { mean: r.mean, sd: r.sd, q5: r.q5, q50: r.q50, q95: r.q95, rhat: r.rhat, ess_bulk: r.ess_bulk }]));
}

function row(name: string, kind: RowKind, est: number, se: number | null, fb: FbLookup, extra: Partial<CompareRow> = {}): CompareRow {
  return { name, kind, ...extra, eb: { est, se, ...ebInterval(est, se) }, fb: fb.get(name) ?? null, flags: [] };
}

/**
 * Rows of the fixed effects and variance components (sd, cor, sigma, shape), flagged for boundary and interval
 * width. Variance components get SE null (lme4 gives none), except the NB2 shape whose SE the engine reports.
 *
 * @param fit - the EB fit
 * @param fb - posterior summary by name
 * @returns rows in FORMAT.md order
 * @example
 * parameterRows(cbppFit, fb).map((r) => r.name);
 * // => ["(Intercept)", "period2", "period3", "period4", "sd__herd__(Intercept)"]
 */
export function parameterRows(fit: MixedFit, fb: FbLookup): CompareRow[] {
  const rows: CompareRow[] = fit.fixef.map((f) => row(f.name, "fixed", f.est, f.se, fb));
  for (const vc of fit.varCorr) {
    const k = vc.termNames.length;
    vc.termNames.forEach((t, i) => rows.push(row(`sd__${vc.group}__${t}`, "sd", vc.sd[i], null, fb, { group: vc.group, term: t })));
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) {
      const t = `${vc.termNames[i]}__${vc.termNames[j]}`;
      rows.push(row(`cor__${vc.group}__${t}`, "cor", vc.cor[i * k + j], null, fb, { group: vc.group, term: t }));
    }
  }
  if (fit.sigma !== undefined) rows.push(row("sigma", "sigma", fit.sigma, null, fb));
  if (fit.shape !== undefined) rows.push(row("shape", "shape", fit.shape.est, fit.shape.se, fb));
  for (const r of rows) {
    if (!r.fb) continue;
    const flag = r.kind === "fixed" || r.kind === "shape" ? intervalWidthFlag(r.eb, r.fb) : boundaryFlag(r.kind, r.eb.est, r.fb, fit.convergence.singular);
    if (flag) r.flags.push(flag);
  }
  return rows;
}

const median = (xs: Float64Array) => {
  const s = Float64Array.from(xs).sort();
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Rows of the random effects (EB conditional mode ± conditional sd vs posterior) and the group data of the
 * shrinkage plot, flagged for interval width, rank shifts within a term and small groups.
 *
 * @param design - the design (group sizes, raw estimates)
 * @param fit - the EB fit
 * @param fb - posterior summary by name
 * @returns rows and groups in term/level/coefficient order
 * @example
 * randomEffectRows(cbppDesign, cbppFit, fb).rows[0].name; // => "re__herd__(Intercept)[1]"
 */
export function randomEffectRows(design: Design, fit: MixedFit, fb: FbLookup): { rows: CompareRow[]; groups: GroupEstimate[] } {
  const byName = new Map(fit.ranef.map((r) => [`re__${r.group}__${r.term}[${r.level}]`, r]));
  const eta0 = fixedPart(design, fit.fixef.map((f) => f.est));
  const rows: CompareRow[] = [], groups: GroupEstimate[] = [];
  for (const term of design.terms) {
    const sizes = levelSizes(design, term), raw = rawGroupEstimates(design, term, eta0), med = median(sizes.size);
    term.termNames.forEach((t, c) => {
      const termRows: CompareRow[] = [];
      term.levels.forEach((level, l) => {
        const name = `re__${term.group}__${t}[${level}]`, eb = byName.get(name);
        if (!eb) return;
        const r = row(name, "re", eb.mode, eb.sd, fb, { group: term.group, term: t, level });
        termRows.push(r);
        groups.push({ group: term.group, term: t, level, size: sizes.size[l], nObs: sizes.nObs[l], raw: raw[l][c], ebMode: eb.mode, fbMean: r.fb?.mean ?? null });
        if (!r.fb) return;
        const flags = [intervalWidthFlag(r.eb, r.fb), smallGroupFlag({ size: sizes.size[l], medianSize: med, ebMode: eb.mode, fbMean: r.fb.mean, fbSd: r.fb.sd })];
        r.flags.push(...flags.filter((f): f is Flag => f !== null));
      });
      const withFb = termRows.filter((r) => r.fb);
      rankFlags(withFb.map((r) => r.eb.est), withFb.map((r) => r.fb!.mean)).forEach((f, i) => { if (f) withFb[i].flags.push(f); });
      rows.push(...termRows);
    });
  }
  return { rows, groups };
}
