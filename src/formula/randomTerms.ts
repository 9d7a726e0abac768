/**
 * Random-effect terms -> `ReTerm`s of the Design: the grouping factor (interactions `a:b` with lme4's level
 * order: first factor slowest, unused combinations dropped) and the per-term covariate matrix Z.
 * @module
 */
import { InputError } from "../data/inputError.js";
import type { ReTerm } from "../design/design.js";
import type { RandomSpec } from "./bars.js";
import { evaluateVariable, factorValues, type EvalContext } from "./evaluate.js";
import { buildModelMatrix } from "./modelMatrix.js";

/**
 * The grouping factor of a term: one factor, or the interaction of several as R's `factor(a:b)` forms it.
 *
 * @returns level labels and the 0-based level of every row
 * @example
 * // a = (x, x, y), b = (1, 2, 1) -> levels ["x:1", "x:2", "y:1"], index [0, 1, 2]
 */
export function groupingFactor(spec: RandomSpec, ctx: EvalContext): { levels: string[]; index: Int32Array } {
  const factors = spec.groupVars.map((g) => factorValues(g, ctx));
  const n = ctx.table.nRows;
  const combo = new Float64Array(n);
  for (const f of factors) for (let i = 0; i < n; i++) combo[i] = combo[i] * f.levels.length + f.codes[i];
  const present = [...new Set(combo)].sort((a, b) => a - b);
  const pos = new Map(present.map((c, k) => [c, k]));
  const levels = present.map((c) => {
    const parts: string[] = [];
    for (let j = factors.length - 1; j >= 0; j--) {
      const L = factors[j].levels.length;
      parts.unshift(factors[j].levels[c % L]);
      c = Math.floor(c / L);
    }
    return parts.join(":");
  });
  if (levels.length < 2) {
    throw new InputError(`grouping factor '${spec.group}' has ${levels.length} level(s) ('${levels[0] ?? ""}'); a random effect needs 2 or more groups`);
  }
  return { levels, index: Int32Array.from(combo, (c) => pos.get(c)!) };
}

/**
 * Build one `ReTerm` (group name, coefficient names as R writes them, levels, index, row-major Z).
 *
 * @example
 * // (1 + Days | Subject) on sleepstudy -> { group: "Subject", termNames: ["(Intercept)", "Days"], levels: 18 labels, ... }
 */
export function buildReTerm(spec: RandomSpec, ctx: EvalContext): ReTerm {
  const values = spec.lhs.variables.map((v) => evaluateVariable(v, ctx));
  const mm = buildModelMatrix(spec.lhs, values, ctx.table.nRows);
  if (mm.p === 0) throw new InputError(`random-effect term for '${spec.group}' has no coefficients; write (1 | ${spec.group}) or (x | ${spec.group})`);
  const { levels, index } = groupingFactor(spec, ctx);
  return { group: spec.group, termNames: mm.names, levels, index, Z: mm.X };
}
