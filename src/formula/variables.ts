/**
 * The data columns an expression refers to (for dropping rows with missing values, like R's `na.omit`).
 * @module
 */
import type { Expr } from "./ast.js";

/**
 * Column names used anywhere in an expression (function names excluded), in order of appearance.
 *
 * @example
 * columnNames(parseExpression("cbind(s, n - s)")); // => ["s", "n"]
 */
export function columnNames(e: Expr | null, out: string[] = []): string[] {
  if (!e) return out;
  switch (e.kind) {
    case "name":
      if (!out.includes(e.name)) out.push(e.name);
      break;
    case "call":
      e.args.forEach((a) => columnNames(a, out));
      break;
    case "binary":
      columnNames(e.left, out);
      columnNames(e.right, out);
      break;
    case "unary":
      columnNames(e.arg, out);
      break;
    case "paren":
      columnNames(e.expr, out);
      break;
    case "num":
      break;
  }
  return out;
}
