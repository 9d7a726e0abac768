/**
 * Random-effect terms of lme4 formulas: find the `( lhs | group )` and `( lhs || group )` terms, remove them
 * from the fixed part, and expand them as lme4 does: `(x || g)` -> `(1 | g) + (0 + x | g)`;
 * `(1 | a/b)` -> `(1 | a) + (1 | b:a)` (lme4 names the
 * nested term `b:a`; lme4 lists it first, we keep outer-to-inner order).
 * @module
 */
import { InputError } from "../data/inputError.js";
import type { Expr } from "./ast.js";
import { deparse } from "./deparse.js";
import { expandTerms, type TermStructure } from "./terms.js";

/** One random-effect term after expansion: its covariates (a formula of their own) and its grouping. */
export interface RandomSpec {
  /** The term's covariates `1 + x` as an expanded right-hand side. */
  readonly lhs: TermStructure;
  /** The grouping variables; more than one means the interaction `a:b`. */
  readonly groupVars: readonly Expr[];
  /** The group's name as lme4 writes it: `herd`, `a:b`. */
  readonly group: string;
}

interface Bar {
  readonly lhs: Expr;
  readonly group: Expr;
  readonly double: boolean;
}

function barOf(e: Expr): Bar | null {
  if (e.kind !== "binary" || (e.op !== "|" && e.op !== "||")) return null;
  return { lhs: e.left, group: e.right, double: e.op === "||" };
}

function split(e: Expr, bars: Bar[]): Expr | null {
  const inner = e.kind === "paren" ? barOf(e.expr) : null;
  if (inner) { bars.push(inner); return null; }
  if (barOf(e)) throw new InputError(`formula: random-effect term at column ${e.pos} must be in parentheses, e.g. (1 | g)`);
  if (e.kind === "binary" && (e.op === "+" || e.op === "-")) {
    const left = split(e.left, bars);
    const right = e.op === "+" ? split(e.right, bars) : e.right;
    if (left === null) return right === null ? null : e.op === "+" ? right : { ...e, left: { kind: "num", value: 1, pos: e.pos } };
    return right === null ? left : { ...e, left, right };
  }
  return e;
}

/**
 * Groupings as lme4's `expandSlash`/`makeInteraction` form them: `a/b` -> [[a], [b, a]] (named `b:a`, as lme4
 * names it), `a/b/c` -> [[a], [b, a], [c, b, a]]; `a:b` -> [[a, b]].
 */
function groupings(e: Expr): Expr[][] {
  if (e.kind === "paren") return groupings(e.expr);
  if (e.kind === "binary" && e.op === "/") {
    const left = groupings(e.left);
    const last = left[left.length - 1];
    return [...left, ...groupings(e.right).map((g) => [...g, ...last])];
  }
  if (e.kind === "binary" && e.op === ":") {
    const l = groupings(e.left), r = groupings(e.right);
    if (l.length !== 1 || r.length !== 1) throw new InputError(`formula: cannot read grouping at column ${e.pos}`);
    return [[...l[0], ...r[0]]];
  }
  if (e.kind === "name" || e.kind === "call") return [[e]];
  throw new InputError(`formula: grouping at column ${e.pos} must be a factor name, a:b or a/b`);
}

function expandLhs(bar: Bar): TermStructure[] {
  const s = expandTerms(bar.lhs);
  if (!bar.double) return [s];
  const parts: TermStructure[] = [];
  if (s.intercept) parts.push({ ...s, intercept: true, terms: [] });
  for (const t of s.terms) parts.push({ ...s, intercept: false, terms: [t] });
  return parts;
}

/**
 * Separate the random-effect terms from the fixed part of a right-hand side.
 *
 * @param rhs - the right-hand side of a formula
 * @returns the fixed part (null if nothing fixed remains: intercept only) and the expanded random terms
 * @example
 * const { random } = splitRandom(parseExpression("x + (1 + x || g) + (1 | a/b)"));
 * random.map((r) => r.group); // => ["g", "g", "a", "b:a"]
 */
export function splitRandom(rhs: Expr): { fixed: Expr | null; random: RandomSpec[] } {
  const bars: Bar[] = [];
  const fixed = split(rhs, bars);
  const random: RandomSpec[] = [];
  for (const bar of bars) {
    for (const groupVars of groupings(bar.group)) {
      const group = groupVars.map(deparse).join(":");
      for (const lhs of expandLhs(bar)) random.push({ lhs, groupVars, group });
    }
  }
  return { fixed, random };
}
