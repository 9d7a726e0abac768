/**
 * Counterfactual designs: every row of a design set to one level of a factor (or one value of a 0/1
 * covariate), in the fixed-effect columns and in random-effect covariates that are the same variable
 * (e.g. `(0 + treat | study)`).
 * @module
 */
import type { Design } from "../design/design.js";

/** A factor/binary covariate of a design and its counterfactual X and Z per level. */
export interface Counterfactual {
  readonly term: string;
  /** Levels in model order; levels[0] is the reference. */
  readonly levels: readonly string[];
  /** Per level: X (n x p) with every row set to that level. */
  readonly X: readonly Float64Array[];
  /** Per level, per random term: Z (n x k) with every row set to that level. */
  readonly Z: readonly (readonly Float64Array[])[];
}

/** Indicator name of `level` of factor `term` (R's model.matrix naming), or the 0/1 covariate itself. */
function columnValue(name: string, term: string, level: string, levels: readonly string[], binary: boolean): number | undefined {
  if (binary) return name === term ? Number(level) : undefined;
  if (!name.startsWith(term) || name.includes(":")) return undefined;
  const suffix = name.slice(term.length);
  return levels.includes(suffix) ? (suffix === level ? 1 : 0) : undefined;
}

function refuseInteractions(names: readonly string[], term: string): void {
  const bad = names.find((n) => n.includes(":") && n.split(":").some((part) => part === term || part.startsWith(term)));
  if (bad) throw new Error(`'${term}' enters the interaction '${bad}': marginal effects of a term in an interaction are not supported; fit the model without it`);
}

/**
 * The level set of `term`: a declared factor (spec `factors`), indicator columns named `<term><level>`, or
 * a 0/1 numeric covariate named `term`.
 * @param design - the design
 * @param term - column name as in the formula
 * @param factorLevels - level order from the spec's `factors`, if declared
 * @returns levels, reference first; and whether the term is a 0/1 covariate
 * @throws Error naming the available columns
 * @example
 * termLevels(cbpp, "period", ["1", "2", "3", "4"]); // => { levels: ["1", "2", "3", "4"], binary: false }
 */
export function termLevels(design: Design, term: string, factorLevels?: readonly string[]): { levels: string[]; binary: boolean } {
  const names = design.fixedNames;
  if (names.includes(term)) {
    const col = names.indexOf(term);
    for (let i = 0; i < design.n; i++) {
      const v = design.X[i * design.p + col];
      if (v !== 0 && v !== 1) throw new Error(`'${term}' is a numeric covariate with value ${v}; marginal effects need a factor or a 0/1 covariate`);
    }
    return { levels: ["0", "1"], binary: true };
  }
  const suffixes = names.filter((n) => n.startsWith(term) && n.length > term.length && !n.includes(":")).map((n) => n.slice(term.length));
  if (suffixes.length === 0) throw new Error(`'${term}' is not a factor or 0/1 covariate of the fixed effects (${names.join(", ")})`);
  if (factorLevels) {
    const missing = suffixes.find((s) => !factorLevels.includes(s));
    if (missing === undefined) return { levels: [...factorLevels], binary: false };
  }
  const known = factorLevels ? ` (declared levels: ${factorLevels.join(", ")})` : "";
  throw new Error(`'${term}' has indicator columns ${suffixes.map((s) => term + s).join(", ")} that do not match a declared level order${known}; declare its levels, reference first, under the spec's factors`);
}

/**
 * Build the counterfactual X and Z of every level.
 * @param design - the design (no interaction involving `term`)
 * @param term - factor or 0/1 covariate
 * @param factorLevels - declared level order of a factor
 * @returns levels and per-level matrices
 * @example
 * counterfactual(nielweise, "treat").levels; // => ["0", "1"]
 */
export function counterfactual(design: Design, term: string, factorLevels?: readonly string[]): Counterfactual {
  const { levels, binary } = termLevels(design, term, factorLevels);
  refuseInteractions(design.fixedNames, term);
  const set = (M: Float64Array, names: readonly string[], lv: string) => setColumns(M, design.n, names, (name) => columnValue(name, term, lv, levels, binary));
  const X = levels.map((lv) => set(design.X, design.fixedNames, lv));
  const Z = levels.map((lv) => design.terms.map((t) => set(t.Z, t.termNames, lv)));
  return { term, levels, X, Z };
}

function setColumns(M: Float64Array, n: number, names: readonly string[], valueOf: (name: string) => number | undefined): Float64Array {
  const k = names.length, out = Float64Array.from(M);
  names.forEach((name, j) => {
    const v = valueOf(name);
    if (v === undefined) return;
    for (let i = 0; i < n; i++) out[i * k + j] = v;
  });
  return out;
}
