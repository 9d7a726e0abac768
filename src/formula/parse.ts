/**
 * A precedence-climbing parser for R model formulas, with R's operator precedence (see R's `?Syntax`):
 * `^` (right) > unary `-`/`+` > `:` > `*` `/` > binary `+` `-` > `|` `||` > `~`.
 * @module
 */
import { InputError } from "../data/inputError.js";
import type { BinaryOp, Expr, Formula } from "./ast.js";
import { tokenize, type Token } from "./tokenize.js";

/** Left binding power of each binary operator; `^` is right-associative. */
const BINARY_POWER: Record<string, number> = { "|": 1, "||": 1, "+": 2, "-": 2, "*": 3, "/": 3, ":": 4, "^": 6 };
const UNARY_POWER = 5;

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.i];
  }
  next(): Token {
    return this.tokens[this.i++];
  }
  fail(t: Token): never {
    const what = t.type === "end" ? "end of formula" : `'${t.text}'`;
    throw new InputError(`formula: unexpected ${what} at column ${t.pos}`);
  }
  expect(text: string): Token {
    const t = this.next();
    if (t.text !== text || t.type !== "op") this.fail(t);
    return t;
  }

  /** Parse an expression whose operators bind tighter than `minPower`. */
  expr(minPower: number): Expr {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      const power = t.type === "op" ? BINARY_POWER[t.text] : undefined;
      if (power === undefined || power <= minPower) return left;
      this.next();
      const right = this.expr(t.text === "^" ? power - 1 : power);
      left = { kind: "binary", op: t.text as BinaryOp, left, right, pos: t.pos };
    }
  }

  prefix(): Expr {
    const t = this.next();
    if (t.type === "num") return { kind: "num", value: Number(t.text), pos: t.pos };
    if (t.type === "name") {
      if (this.peek().text === "(" && this.peek().type === "op") return this.call(t);
      return { kind: "name", name: t.text, pos: t.pos };
    }
    if (t.type === "op" && (t.text === "-" || t.text === "+")) {
      return { kind: "unary", op: t.text, arg: this.expr(UNARY_POWER), pos: t.pos };
    }
    if (t.type === "op" && t.text === "(") {
      const inner = this.expr(0);
      this.expect(")");
      return { kind: "paren", expr: inner, pos: t.pos };
    }
    return this.fail(t);
  }

  call(name: Token): Expr {
    this.expect("(");
    const args: Expr[] = [];
    if (this.peek().text !== ")") {
      args.push(this.expr(0));
      while (this.peek().text === ",") { this.next(); args.push(this.expr(0)); }
    }
    this.expect(")");
    return { kind: "call", fn: name.text, args, pos: name.pos };
  }
}

/**
 * Parse a model formula such as `cbind(s, n - s) ~ x * f + I(x^2) + offset(log(t)) + (1 + x | g)`.
 *
 * @param text - the formula text
 * @returns its left-hand side (null if one-sided) and right-hand side
 * @throws InputError with the 1-based column of the offending token, e.g. `formula: unexpected ')' at column 17`
 * @example
 * parseFormula("y ~ x").rhs; // => { kind: "name", name: "x", pos: 5 }
 */
export function parseFormula(text: string): Formula {
  const p = new Parser(tokenize(text));
  let lhs: Expr | null = null;
  if (p.peek().text !== "~") lhs = p.expr(0);
  const tilde = p.next();
  if (tilde.text !== "~") {
    throw new InputError(`formula: expected '~' at column ${tilde.pos} (write it as response ~ predictors)`);
  }
  const rhs = p.expr(0);
  const end = p.next();
  if (end.type !== "end") p.fail(end);
  return { text, lhs, rhs };
}

/**
 * Parse a bare expression (e.g. a spec's offset `log(BroodSize)`).
 *
 * @example
 * parseExpression("log(t)"); // => { kind: "call", fn: "log", args: [{ kind: "name", name: "t", pos: 5 }], pos: 1 }
 */
export function parseExpression(text: string): Expr {
  const p = new Parser(tokenize(text));
  const e = p.expr(0);
  const end = p.next();
  if (end.type !== "end") p.fail(end);
  return e;
}
