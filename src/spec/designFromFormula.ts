/**
 * Formula + data table -> Design: the model frame (rows with missing model variables dropped, as
 * `na.omit`), R's fixed-effect model matrix, lme4's random-effect terms, offset and checked response.
 *
 * Random terms are kept in formula order (as glmmTMB and brms list them), not in lme4's internal order
 * (lme4 sorts terms by decreasing number of levels); names follow lme4: `(x || g)` becomes `(1 | g)` +
 * `(0 + x | g)`, `(1 | a/b)` becomes `(1 | a)` + `(1 | b:a)`.
 * @module
 */
import { InputError } from "../data/inputError.js";
import { getColumn, subsetRows, type DataTable } from "../data/table.js";
import type { Design, ReTerm, Response } from "../design/design.js";
import type { Expr } from "../formula/ast.js";
import { splitRandom } from "../formula/bars.js";
import { deparse } from "../formula/deparse.js";
import { assertFinite, evaluateVariable, numericValues, type EvalContext } from "../formula/evaluate.js";
import { buildModelMatrix } from "../formula/modelMatrix.js";
import { parseExpression, parseFormula } from "../formula/parse.js";
import { buildReTerm } from "../formula/randomTerms.js";
import { expandTerms } from "../formula/terms.js";
import { columnNames } from "../formula/variables.js";
import { checkFamilyLink } from "./family.js";
import { alignCovariance, type LabelledMatrix } from "./knownCovariance.js";
import { checkResponse } from "./responseChecks.js";

/** Options of `designFromFormula`; everything but `family` is optional. */
export interface DesignOptions {
  readonly family: string;
  readonly link?: string | null;
  /** Level order per factor column; first level = reference. */
  readonly factors?: Readonly<Record<string, readonly string[]>> | null;
  /** Response columns (spec.json's `response`); default: read from the formula's left side. */
  readonly response?: { readonly column: string; readonly trials?: string | null } | null;
  /** An offset expression (spec.json's `offset.expr`), added unless the formula has the same `offset()`. */
  readonly offset?: string | null;
  /** Known covariance matrices by group name. */
  readonly knownCovariance?: Readonly<Record<string, LabelledMatrix>> | null;
}

/** The Design and how many data rows were dropped for missing values. */
export interface DesignResult {
  readonly design: Design;
  readonly droppedRows: number;
}

interface ResponseExprs {
  readonly name: string;
  readonly y: Expr;
  /** Binomial: trials expression; `failures` marks cbind(s, f) where trials = s + f. */
  readonly trials?: { readonly expr: Expr; readonly failures: boolean };
}

function responseExprs(lhs: Expr | null, options: DesignOptions): ResponseExprs {
  const r = options.response;
  if (r && lhs) {
    const onLeft = columnNames(lhs);
    if (!onLeft.includes(r.column)) throw new InputError(`response: column '${r.column}' does not appear on the formula's left side '${deparse(lhs)}'; make them agree`);
  }
  if (r) {
    return { name: r.column, y: { kind: "name", name: r.column, pos: 0 }, trials: r.trials ? { expr: { kind: "name", name: r.trials, pos: 0 }, failures: false } : undefined };
  }
  if (!lhs) throw new InputError("formula: no response; write it as response ~ predictors");
  if (lhs.kind === "call" && lhs.fn === "cbind") {
    if (lhs.args.length !== 2) throw new InputError("formula: cbind() takes two arguments: cbind(successes, failures)");
    return { name: deparse(lhs.args[0]), y: lhs.args[0], trials: { expr: lhs.args[1], failures: true } };
  }
  return { name: deparse(lhs), y: lhs };
}

function dropMissing(table: DataTable, names: readonly string[]): DataTable {
  const cols = names.map((n) => getColumn(table, n));
  const keep = Array.from({ length: table.nRows }, (_, i) => cols.every((c) => c.raw[i] !== null));
  return keep.every(Boolean) ? table : subsetRows(table, keep);
}

function buildResponse(r: ResponseExprs, family: Design["family"], ctx: EvalContext): Response {
  const y = numericValues(r.y, ctx);
  if (family === "binomial" && !r.trials) {
    throw new InputError(`family binomial needs trials: write cbind(successes, failures) ~ ... or give response.trials`);
  }
  if (family !== "binomial" && r.trials) throw new InputError(`cbind(successes, failures) responses need family binomial, not ${family}`);
  let trials: Float64Array | undefined;
  if (r.trials) {
    const t = numericValues(r.trials.expr, ctx);
    trials = r.trials.failures ? t.map((f, i) => f + y[i]) : t;
    if (r.trials.failures && t.some((f) => f < 0)) {
      const i = t.findIndex((f) => f < 0);
      throw new InputError(`response '${r.name}': failures ${deparse(r.trials.expr)} = ${t[i]} < 0 (successes > trials) at row ${ctx.table.rowIds[i]} of ${ctx.table.source}`);
    }
  }
  checkResponse(r.name, y, trials, family, ctx.table);
  return trials ? { name: r.name, y, trials } : { name: r.name, y };
}

function buildOffset(offsets: readonly Expr[], ctx: EvalContext): Float64Array | undefined {
  if (offsets.length === 0) return undefined;
  const total = new Float64Array(ctx.table.nRows);
  for (const e of offsets) {
    let v: Float64Array;
    try {
      v = numericValues(e, ctx);
      assertFinite(deparse(e), v, ctx);
    } catch (err) {
      throw err instanceof InputError ? new InputError(`offset: ${err.message}`) : err;
    }
    for (let i = 0; i < v.length; i++) total[i] += v[i];
  }
  return total;
}

function attachCovariance(terms: ReTerm[], known: Readonly<Record<string, LabelledMatrix>>): ReTerm[] {
  for (const group of Object.keys(known)) {
    if (!terms.some((t) => t.group === group)) throw new InputError(`known_covariance: '${group}' is not a grouping factor of the formula`);
  }
  return terms.map((t) => {
    const k = known[t.group];
    if (!k) return t;
    if (t.termNames.length !== 1) throw new InputError(`known_covariance: the term of '${t.group}' has ${t.termNames.length} coefficients; a known covariance needs one, e.g. (1 | ${t.group})`);
    return { ...t, knownCovariance: alignCovariance(k, t.levels, t.group) };
  });
}

/**
 * Build a Design from a formula and a data table.
 *
 * @param formula - lme4 formula, e.g. `"cbind(incidence, size - incidence) ~ period + (1 | herd)"`
 * @param table - the data
 * @param options - family, link, level orders, response/offset overrides, known covariances
 * @returns the Design and the number of rows dropped for missing values
 * @throws InputError naming the culprit (column, level, row, formula position)
 * @example
 * designFromFormula("incidence ~ period + (1 | herd)", cbppTable, { family: "poisson" }).design.fixedNames;
 * // => ["(Intercept)", "period2", "period3", "period4"]
 */
export function designFromFormula(formula: string, table: DataTable, options: DesignOptions): DesignResult {
  const { family, link } = checkFamilyLink(options.family, options.link);
  const f = parseFormula(formula);
  const resp = responseExprs(f.lhs, options);
  const { fixed, random } = splitRandom(f.rhs);
  const fx = expandTerms(fixed);
  const offsets = [...fx.offsets];
  if (options.offset) {
    const extra = parseExpression(options.offset);
    if (!offsets.some((o) => deparse(o) === deparse(extra))) offsets.push(extra);
  }
  const factors = options.factors ?? {};
  for (const name of Object.keys(factors)) getColumn(table, name);
  const exprs = [resp.y, resp.trials?.expr ?? null, ...fx.variables, ...offsets, ...random.flatMap((r) => [...r.lhs.variables, ...r.groupVars])];
  const names = exprs.reduce<string[]>((acc, e) => columnNames(e, acc), []);
  const frame = dropMissing(table, names);
  if (frame.nRows === 0) throw new InputError(`no complete rows: every row of ${table.source} misses a model variable`);
  const ctx: EvalContext = { table: frame, factors };
  const mm = buildModelMatrix(fx, fx.variables.map((v) => evaluateVariable(v, ctx)), frame.nRows);
  const response = buildResponse(resp, family, ctx);
  const offset = buildOffset(offsets, ctx);
  const terms = attachCovariance(random.map((r) => buildReTerm(r, ctx)), options.knownCovariance ?? {});
  const design: Design = { n: frame.nRows, p: mm.p, X: mm.X, fixedNames: mm.names, response, terms, family, link, ...(offset ? { offset } : {}) };
  return { design, droppedRows: table.nRows - frame.nRows };
}
