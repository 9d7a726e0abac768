/**
 * R's `model.matrix` for treatment contrasts: column order, names and the coding of factors in interactions.
 *
 * Coding rule (R's `TermCode` in src/library/stats/src/model.c): in a term T, a factor f is coded by
 * contrasts (k - 1 columns, first level = reference) when the term T without f is empty or contained in an
 * earlier term; otherwise by full dummy coding (k columns). Without an intercept, the first factor of the
 * first term that has one is dummy coded. In a term's columns the first variable varies fastest, and names
 * join the variables' column names with `:` (`FoodTreatmentSatiated:SexParentMale`).
 * @module
 */
import { InputError } from "../data/inputError.js";
import type { VarValue } from "./evaluate.js";
import type { TermStructure } from "./terms.js";

/** A dense model matrix, row-major n x p, with R's column names. */
export interface ModelMatrix {
  readonly n: number;
  readonly p: number;
  readonly X: Float64Array;
  readonly names: readonly string[];
}

interface Col {
  readonly name: string;
  readonly values: Float64Array;
}

/** 1 = contrasts, 2 = dummy, per term and variable (R's `factors` attribute codes). */
function termCodes(s: TermStructure, values: readonly VarValue[]): Map<string, number> {
  const codes = new Map<string, number>();
  s.terms.forEach((term, j) => {
    for (const v of term) {
      const reduced = term.filter((u) => u !== v);
      const contained = reduced.length === 0
        || s.terms.slice(0, j).some((prev) => reduced.every((u) => prev.includes(u)));
      codes.set(`${j}/${v}`, contained ? 1 : 2);
    }
  });
  if (!s.intercept) {
    const j = s.terms.findIndex((t) => t.some((v) => values[v].kind === "factor"));
    if (j >= 0) {
      const v = s.terms[j].find((u) => values[u].kind === "factor")!;
      codes.set(`${j}/${v}`, 2);
    }
  }
  return codes;
}

function indicator(codes: Int32Array, k: number): Float64Array {
  return Float64Array.from(codes, (c) => (c === k ? 1 : 0));
}

function variableColumns(label: string, value: VarValue, code: number): Col[] {
  if (value.kind === "numeric") return [{ name: label, values: value.values }];
  if (value.levels.length < 2) {
    throw new InputError(`factor '${label}' has only one level ('${value.levels[0] ?? ""}'); a factor in the fixed effects needs 2 or more levels`);
  }
  const first = code === 1 ? 1 : 0;
  const out: Col[] = [];
  for (let k = first; k < value.levels.length; k++) out.push({ name: label + value.levels[k], values: indicator(value.codes, k) });
  return out;
}

/** Columns of one term: products of its variables' columns, first variable varying fastest. */
function termColumns(s: TermStructure, values: readonly VarValue[], j: number, codes: Map<string, number>): Col[] {
  let cols: Col[] = [];
  for (const v of s.terms[j]) {
    const vc = variableColumns(s.labels[v], values[v], codes.get(`${j}/${v}`)!);
    if (cols.length === 0) { cols = vc; continue; }
    cols = vc.flatMap((c) => cols.map((r) => ({ name: `${r.name}:${c.name}`, values: r.values.map((x, i) => x * c.values[i]) })));
  }
  return cols;
}

/**
 * Build the model matrix of an expanded right-hand side.
 *
 * @param s - the expanded terms
 * @param values - the value of each of `s.variables` (same order), all of length n
 * @param n - number of rows
 * @returns X (row-major) and its column names as R writes them
 * @example
 * // y ~ f with f = (a, b, a): columns "(Intercept)", "fb"
 * buildModelMatrix(expandTerms(parseExpression("f")),
 *   [{ kind: "factor", levels: ["a", "b"], codes: Int32Array.from([0, 1, 0]) }], 3).names;
 * // => ["(Intercept)", "fb"]
 */
export function buildModelMatrix(s: TermStructure, values: readonly VarValue[], n: number): ModelMatrix {
  const codes = termCodes(s, values);
  const cols: Col[] = [];
  if (s.intercept) cols.push({ name: "(Intercept)", values: new Float64Array(n).fill(1) });
  for (let j = 0; j < s.terms.length; j++) cols.push(...termColumns(s, values, j, codes));
  const p = cols.length;
  const X = new Float64Array(n * p);
  cols.forEach((c, j) => { for (let i = 0; i < n; i++) X[i * p + j] = c.values[i]; });
  return { n, p, X, names: cols.map((c) => c.name) };
}
