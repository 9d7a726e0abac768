/**
 * The syntax tree of an R model formula (`y ~ x + (1 | g)`) and of the arithmetic inside `I()`, `log()`,
 * `offset()`. Every node keeps its 1-based column in the formula text, for error messages.
 * @module
 */

/** Binary operators, as R's parser knows them in formulas. */
export type BinaryOp = "+" | "-" | "*" | "/" | ":" | "^" | "|" | "||";

/** One node of a parsed formula. */
export type Expr =
  | { readonly kind: "num"; readonly value: number; readonly pos: number }
  | { readonly kind: "name"; readonly name: string; readonly pos: number }
  | { readonly kind: "call"; readonly fn: string; readonly args: readonly Expr[]; readonly pos: number }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly pos: number }
  | { readonly kind: "unary"; readonly op: "+" | "-"; readonly arg: Expr; readonly pos: number }
  | { readonly kind: "paren"; readonly expr: Expr; readonly pos: number };

/** A parsed two-sided (or one-sided) formula. */
export interface Formula {
  /** The text as given. */
  readonly text: string;
  /** Left of `~`; null for a one-sided formula `~ x`. */
  readonly lhs: Expr | null;
  /** Right of `~`. */
  readonly rhs: Expr;
}
