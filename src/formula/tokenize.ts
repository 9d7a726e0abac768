/**
 * Tokenizer of R model formulas: names (with `.` and `_`, or `backquoted`), numbers, operators.
 * @module
 */
import { InputError } from "../data/inputError.js";

/** One token; `pos` is the 1-based column of its first character. */
export interface Token {
  readonly type: "name" | "num" | "op" | "end";
  readonly text: string;
  readonly pos: number;
}

const TWO_CHAR_OPS = new Set(["||"]);
const ONE_CHAR_OPS = new Set(["~", "+", "-", "*", "/", ":", "^", "(", ")", ",", "|"]);
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?L?/;
const NAME = /^(?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*/;

/**
 * Split a formula into tokens (a final `end` token marks the end of text).
 *
 * @param text - the formula, e.g. `"y ~ x + (1 | g)"`
 * @returns the tokens
 * @throws InputError for a character that has no place in a formula, with its column
 * @example
 * tokenize("y ~ x").map((t) => t.text); // => ["y", "~", "x", ""]
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    const rest = text.slice(i);
    const two = rest.slice(0, 2);
    if (TWO_CHAR_OPS.has(two)) { out.push({ type: "op", text: two, pos: i + 1 }); i += 2; continue; }
    if (ONE_CHAR_OPS.has(c)) { out.push({ type: "op", text: c, pos: i + 1 }); i++; continue; }
    const num = NUMBER.exec(rest);
    if (num) { out.push({ type: "num", text: num[0].replace(/L$/, ""), pos: i + 1 }); i += num[0].length; continue; }
    const name = NAME.exec(rest);
    if (name) { out.push({ type: "name", text: name[0], pos: i + 1 }); i += name[0].length; continue; }
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end < 0) throw new InputError(`formula: unterminated \` at column ${i + 1}`);
      out.push({ type: "name", text: text.slice(i + 1, end), pos: i + 1 });
      i = end + 1;
      continue;
    }
    throw new InputError(`formula: unexpected character '${c}' at column ${i + 1}`);
  }
  out.push({ type: "end", text: "", pos: text.length + 1 });
  return out;
}
