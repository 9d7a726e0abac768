/**
 * Evaluate formula variables on a data table: columns (numeric or factor), `factor(x)`, and the arithmetic of
 * `I()`, `log()`, `offset()`: `+ - * / ^`, unary minus, and the functions of `FUNCTIONS` below.
 * Domain errors (log of a non-positive value, NaN/Inf results) name the expression and the data row.
 * @module
 */
import { InputError } from "../data/inputError.js";
import { defaultLevels, rowLabels } from "../data/levels.js";
import { getColumn, type DataTable } from "../data/table.js";
import type { Expr } from "./ast.js";
import { deparse, formatNumberR } from "./deparse.js";

/** A variable's value: numbers, or a factor (0-based codes into `levels`). */
export type VarValue =
  | { readonly kind: "numeric"; readonly values: Float64Array }
  | { readonly kind: "factor"; readonly levels: readonly string[]; readonly codes: Int32Array };

/** What evaluation needs: the data, and declared level orders (spec `factors`). */
export interface EvalContext {
  readonly table: DataTable;
  readonly factors: Readonly<Record<string, readonly string[]>>;
}

type Unary = (x: number) => number;
/** Supported functions; `[f, domain check]`. `I()` and `scale()` are handled separately. */
const FUNCTIONS: Record<string, [Unary, ((x: number) => boolean) | null, string]> = {
  log: [Math.log, (x) => x > 0, "positive"],
  log2: [Math.log2, (x) => x > 0, "positive"],
  log10: [Math.log10, (x) => x > 0, "positive"],
  log1p: [Math.log1p, (x) => x > -1, "greater than -1"],
  exp: [Math.exp, null, ""],
  sqrt: [Math.sqrt, (x) => x >= 0, "non-negative"],
  abs: [Math.abs, null, ""],
};

const ARITH: Record<string, (a: number, b: number) => number> = {
  "+": (a, b) => a + b, "-": (a, b) => a - b, "*": (a, b) => a * b, "/": (a, b) => a / b, "^": (a, b) => a ** b,
};

function rowOf(ctx: EvalContext, i: number): string {
  return `row ${ctx.table.rowIds[i]} of ${ctx.table.source}`;
}

function applyFunction(e: Extract<Expr, { kind: "call" }>, ctx: EvalContext): Float64Array {
  const spec = FUNCTIONS[e.fn];
  if (!spec) {
    const known = ["I", "factor", "scale", "offset", ...Object.keys(FUNCTIONS)].join(", ");
    throw new InputError(`formula: unknown function '${e.fn}' at column ${e.pos}; supported: ${known}`);
  }
  if (e.args.length !== 1) throw new InputError(`formula: ${e.fn}() at column ${e.pos} takes one argument`);
  const [f, ok, domain] = spec;
  const x = numericValues(e.args[0], ctx);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (ok && !ok(x[i])) {
      throw new InputError(`${deparse(e)}: ${deparse(e.args[0])} is ${x[i]} at ${rowOf(ctx, i)}; ${e.fn} needs ${domain} values`);
    }
    out[i] = f(x[i]);
  }
  return out;
}

/** R's `scale(x)`: centre by the mean, divide by the sample sd (n - 1). */
function scaleValues(x: Float64Array): Float64Array {
  let m = 0;
  for (const v of x) m += v / x.length;
  let ss = 0;
  for (const v of x) ss += (v - m) * (v - m);
  const sd = Math.sqrt(ss / (x.length - 1));
  return x.map((v) => (v - m) / sd);
}

function columnNumbers(name: string, ctx: EvalContext): Float64Array {
  const col = getColumn(ctx.table, name);
  if (!col.numeric || ctx.factors[name]) {
    throw new InputError(`formula: '${name}' is a factor (text column or declared in factors); it cannot be used in arithmetic`);
  }
  return col.numeric;
}

/**
 * Evaluate an arithmetic expression to numbers (one per row).
 *
 * @throws InputError for factors in arithmetic, unknown functions, log of non-positive values
 * @example
 * numericValues(parseExpression("log(t)"), { table: tableFromColumns("d", { t: ["1"] }), factors: {} });
 * // => Float64Array [0]
 */
export function numericValues(e: Expr, ctx: EvalContext): Float64Array {
  switch (e.kind) {
    case "num":
      return new Float64Array(ctx.table.nRows).fill(e.value);
    case "name":
      return columnNumbers(e.name, ctx);
    case "paren":
      return numericValues(e.expr, ctx);
    case "unary":
      return e.op === "-" ? numericValues(e.arg, ctx).map((v) => -v) : numericValues(e.arg, ctx);
    case "binary": {
      const op = ARITH[e.op];
      if (!op) throw new InputError(`formula: operator '${e.op}' at column ${e.pos} is not arithmetic; wrap arithmetic in I()`);
      const a = numericValues(e.left, ctx), b = numericValues(e.right, ctx);
      return a.map((v, i) => op(v, b[i]));
    }
    case "call":
      if (e.fn === "I" && e.args.length === 1) return numericValues(e.args[0], ctx);
      if (e.fn === "scale" && e.args.length === 1) return scaleValues(numericValues(e.args[0], ctx));
      if (e.fn === "factor") throw new InputError(`formula: factor() at column ${e.pos} cannot be used in arithmetic`);
      return applyFunction(e, ctx);
  }
}

function declaredCodes(name: string, levels: readonly string[], ctx: EvalContext): Int32Array {
  const col = getColumn(ctx.table, name);
  const pos = new Map(levels.map((l, k) => [l, k]));
  const codes = new Int32Array(ctx.table.nRows);
  const seen = new Uint8Array(levels.length);
  for (let i = 0; i < codes.length; i++) {
    // the text as written, else the number as R prints it ("1.50" -> level "1.5")
    const k = pos.get(col.raw[i] ?? "") ?? (col.numeric ? pos.get(formatNumberR(col.numeric[i])) : undefined);
    if (k === undefined) {
      throw new InputError(`factors.${name}: level '${col.raw[i]}' of column '${name}' (${rowOf(ctx, i)}) is not among the declared levels; add it to factors.${name}`);
    }
    codes[i] = k;
    seen[k] = 1;
  }
  const absent = levels.filter((_, k) => !seen[k]);
  if (absent.length) {
    throw new InputError(`factors.${name}: declared level '${absent[0]}' does not occur in column '${name}' of ${ctx.table.source}; remove it from factors.${name}`);
  }
  return codes;
}

/**
 * Evaluate an expression as a factor: a declared factor column keeps its declared level order; otherwise
 * levels are sorted as R's `factor()` sorts them.
 *
 * @example
 * const f = factorValues(parseExpression("g"), { table: tableFromColumns("d", { g: ["b", "a"] }), factors: {} });
 * [f.levels, f.codes]; // => [["a", "b"], Int32Array [1, 0]]
 */
export function factorValues(e: Expr, ctx: EvalContext): Extract<VarValue, { kind: "factor" }> {
  const inner = e.kind === "call" && (e.fn === "factor" || e.fn === "as.factor") && e.args.length === 1 ? e.args[0] : e;
  if (inner.kind === "name") {
    const declared = ctx.factors[inner.name];
    if (declared) return { kind: "factor", levels: declared, codes: declaredCodes(inner.name, declared, ctx) };
    const col = getColumn(ctx.table, inner.name);
    return makeFactor(rowLabels(col.raw, col.numeric), defaultLevels(col.raw, col.numeric));
  }
  const x = numericValues(inner, ctx);
  const raw = Array.from(x, String);
  return makeFactor(rowLabels(raw, x), defaultLevels(raw, x));
}

function makeFactor(labels: readonly (string | null)[], levels: string[]): Extract<VarValue, { kind: "factor" }> {
  const pos = new Map(levels.map((l, k) => [l, k]));
  return { kind: "factor", levels, codes: Int32Array.from(labels, (l) => pos.get(l ?? "") ?? -1) };
}

/**
 * Evaluate one formula variable: a factor if it is `factor(...)`, a text column or declared in `factors`;
 * numbers otherwise. Numbers must be finite.
 *
 * @throws InputError naming the variable and row of a NaN or infinite value
 * @example
 * evaluateVariable(parseExpression("x"), { table: tableFromColumns("d", { x: ["2"] }), factors: {} });
 * // => { kind: "numeric", values: Float64Array [2] }
 */
export function evaluateVariable(e: Expr, ctx: EvalContext): VarValue {
  const isFactorCall = e.kind === "call" && (e.fn === "factor" || e.fn === "as.factor");
  if (isFactorCall) return factorValues(e, ctx);
  if (e.kind === "name") {
    const col = getColumn(ctx.table, e.name);
    if (!col.numeric || ctx.factors[e.name]) return factorValues(e, ctx);
  }
  const values = numericValues(e, ctx);
  assertFinite(deparse(e), values, ctx);
  return { kind: "numeric", values };
}

/**
 * Fail on the first NaN or infinite value, naming the variable and the data row.
 *
 * @example
 * assertFinite("x", new Float64Array([1]), ctx); // => undefined (no error)
 */
export function assertFinite(what: string, values: Float64Array, ctx: EvalContext): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new InputError(`${what}: value ${values[i]} at ${rowOf(ctx, i)} is not a finite number; fix or remove that row`);
    }
  }
}
