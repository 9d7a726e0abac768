/**
 * R's `terms.formula` for the fixed part of a formula: expands `+ - * / : ^`, `0`, `1`, `-1` into a list of
 * terms (sets of variables), ordered by degree then first appearance, as R orders them; `offset()` calls are
 * collected separately. Variables are any non-operator expression: `x`, `log(x)`, `I(x^2)`, `factor(g)`.
 * @module
 */
import { InputError } from "../data/inputError.js";
import type { Expr } from "./ast.js";
import { deparse } from "./deparse.js";

/** The expanded right-hand side of a (fixed-effect) formula. */
export interface TermStructure {
  /** Whether the model has an intercept (`0 +` / `- 1` remove it). */
  readonly intercept: boolean;
  /** Distinct variables, in order of first appearance. */
  readonly variables: readonly Expr[];
  /** R's label of each variable (its deparsed text). */
  readonly labels: readonly string[];
  /** Terms as sorted variable indices, ordered by degree (main effects, then 2-way, ...), stable. */
  readonly terms: readonly (readonly number[])[];
  /** Expressions inside `offset(...)`. */
  readonly offsets: readonly Expr[];
}

interface State {
  intercept: boolean;
  readonly variables: Expr[];
  readonly labels: string[];
  readonly offsets: Expr[];
}

type Term = number[];
const key = (t: Term) => t.join(",");

function union(a: Term, b: Term): Term {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

function dedupe(list: Term[]): Term[] {
  const seen = new Set<string>();
  return list.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

function interact(left: Term[], right: Term[]): Term[] {
  return dedupe(left.flatMap((a) => right.map((b) => union(a, b))));
}

function variable(e: Expr, s: State): Term[] {
  const label = deparse(e);
  let idx = s.labels.indexOf(label);
  if (idx < 0) { idx = s.labels.length; s.labels.push(label); s.variables.push(e); }
  return [[idx]];
}

function interceptNumber(e: Expr): number | null {
  return e.kind === "num" && (e.value === 0 || e.value === 1) ? e.value : null;
}

function encodeBinary(e: Extract<Expr, { kind: "binary" }>, s: State): Term[] {
  switch (e.op) {
    case "+":
      return dedupe([...encode(e.left, s), ...encode(e.right, s)]);
    case "-": {
      const left = encode(e.left, s);
      const one = interceptNumber(e.right);
      if (one !== null) { s.intercept = one === 0; return left; }
      const drop = new Set(encode(e.right, { ...s, intercept: s.intercept }).map(key));
      return left.filter((t) => !drop.has(key(t)));
    }
    case ":":
      return interact(encode(e.left, s), encode(e.right, s));
    case "*": {
      const l = encode(e.left, s), r = encode(e.right, s);
      return dedupe([...l, ...r, ...interact(l, r)]);
    }
    case "/": {
      const l = encode(e.left, s), r = encode(e.right, s);
      const all = l.reduce<Term>((acc, t) => union(acc, t), []);
      return dedupe([...l, ...interact([all], r)]);
    }
    case "^": {
      if (e.right.kind !== "num" || !Number.isInteger(e.right.value) || e.right.value < 1) {
        throw new InputError(`formula: the power after '^' at column ${e.pos} must be a positive integer`);
      }
      const base = encode(e.left, s);
      let out = base;
      for (let k = 2; k <= e.right.value; k++) out = dedupe([...out, ...interact(out, base)]);
      return out;
    }
    default:
      throw new InputError(`formula: random-effect term at column ${e.pos} must be in parentheses, e.g. (1 | g)`);
  }
}

function encode(e: Expr, s: State): Term[] {
  switch (e.kind) {
    case "num": {
      const one = interceptNumber(e);
      if (one === null) throw new InputError(`formula: unexpected number ${e.value} at column ${e.pos} (only 0 or 1)`);
      s.intercept = one === 1;
      return [];
    }
    case "paren":
      return encode(e.expr, s);
    case "unary": {
      if (e.op === "+") return encode(e.arg, s);
      const one = interceptNumber(e.arg);
      if (one === null) throw new InputError(`formula: cannot remove a term at column ${e.pos} that was never added`);
      s.intercept = one === 0;
      return [];
    }
    case "call":
      if (e.fn === "offset") {
        if (e.args.length !== 1) throw new InputError(`formula: offset() at column ${e.pos} takes one argument`);
        s.offsets.push(e.args[0]);
        return [];
      }
      return variable(e, s);
    case "name":
      if (e.name === ".") throw new InputError(`formula: '.' (all other columns) is not supported; name the columns`);
      return variable(e, s);
    case "binary":
      return encodeBinary(e, s);
  }
}

/**
 * Expand a right-hand side into R's terms.
 *
 * @param rhs - the fixed-effect part of a formula (null = intercept only)
 * @returns intercept flag, variables, terms ordered as R orders them, offsets
 * @example
 * const t = expandTerms(parseExpression("a * b"));
 * t.terms.map((term) => term.map((v) => t.labels[v]).join(":")); // => ["a", "b", "a:b"]
 */
export function expandTerms(rhs: Expr | null): TermStructure {
  const s: State = { intercept: true, variables: [], labels: [], offsets: [] };
  const list = rhs ? encode(rhs, s) : [];
  const terms = list
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.length - b.t.length || a.i - b.i)
    .map((x) => x.t)
    .filter((t) => t.length > 0);
  return { intercept: s.intercept, variables: s.variables, labels: s.labels, terms, offsets: s.offsets };
}

/**
 * R's label of a term: its variables' labels joined by `:` in order of appearance.
 *
 * @example
 * termLabel(expandTerms(parseExpression("b:a")), [0, 1]); // => "b:a"
 */
export function termLabel(s: TermStructure, term: readonly number[]): string {
  return term.map((v) => s.labels[v]).join(":");
}
