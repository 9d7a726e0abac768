/**
 * Write an expression back as R's `deparse()` does, because R names model-matrix columns by the deparsed
 * term: `I(age^2)`, `log(x + 1)`, `I(x * 2)`, `I(x/2)` (R puts spaces around `+ - * |` but not `/ ^ :`).
 * @module
 */
import type { Expr } from "./ast.js";

const SPACED = new Set(["+", "-", "*", "|", "||"]);

/**
 * Format a number as R prints it with 15 significant digits: fixed unless scientific is shorter.
 *
 * @example
 * formatNumberR(2);      // => "2"
 * formatNumberR(1e5);    // => "1e+05"
 * formatNumberR(0.0001); // => "1e-04"
 */
export function formatNumberR(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "Inf" : "-Inf";
  if (x === 0) return "0";
  const fixed = String(Number(x.toPrecision(15)));
  const [mant, exp] = x.toExponential(14).split("e");
  const m = String(Number(mant));
  const e = Number(exp);
  const sci = `${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  const plainFixed = /e/.test(fixed) ? null : fixed;
  return plainFixed !== null && plainFixed.length <= sci.length ? plainFixed : sci;
}

/**
 * Deparse an expression the way R writes it in coefficient names.
 *
 * @param e - a parsed expression
 * @returns R's text for it
 * @example
 * deparse(parseExpression("I(age ^ 2)")); // => "I(age^2)"
 * deparse(parseExpression("log(x+1)"));   // => "log(x + 1)"
 */
export function deparse(e: Expr): string {
  switch (e.kind) {
    case "num":
      return formatNumberR(e.value);
    case "name":
      return /^(?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*$/.test(e.name) ? e.name : `\`${e.name}\``;
    case "call":
      return `${e.fn}(${e.args.map(deparse).join(", ")})`;
    case "unary":
      return `${e.op}${deparse(e.arg)}`;
    case "paren":
      return `(${deparse(e.expr)})`;
    case "binary":
      return SPACED.has(e.op)
        ? `${deparse(e.left)} ${e.op} ${deparse(e.right)}`
        : `${deparse(e.left)}${e.op}${deparse(e.right)}`;
  }
}
