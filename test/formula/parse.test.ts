import { describe, expect, it } from "vitest";
import { deparse, expandTerms, formatNumberR, parseExpression, parseFormula, splitRandom, termLabel } from "../../src/formula/index.js";

function labels(rhs: string): string[] {
  const t = expandTerms(parseExpression(rhs));
  return t.terms.map((term) => termLabel(t, term));
}

describe("parseFormula", () => {
  it("reads response, operators and precedence as R does", () => {
    const f = parseFormula("y ~ a + b:c * d");
    expect(f.lhs).toMatchObject({ kind: "name", name: "y" });
    // * binds tighter than +, : tighter than *
    expect(f.rhs).toMatchObject({ kind: "binary", op: "+", right: { op: "*", left: { op: ":" } } });
    expect(deparse(parseExpression("-2^2"))).toBe("-2^2");
    expect(parseExpression("-2^2")).toMatchObject({ kind: "unary", arg: { kind: "binary", op: "^" } });
    expect(parseExpression("a^b^c")).toMatchObject({ op: "^", right: { op: "^" } });
  });

  it("reports the column of a syntax error", () => {
    expect(() => parseFormula("y ~ x + (1 | g))")).toThrow("formula: unexpected ')' at column 16");
    expect(() => parseFormula("y ~ x + ")).toThrow("formula: unexpected end of formula at column 9");
    expect(() => parseFormula("y ~ x $ z")).toThrow("formula: unexpected character '$' at column 7");
    expect(() => parseFormula("y + x")).toThrow("formula: expected '~' at column 6");
  });

  it("deparses as R names coefficients", () => {
    expect(deparse(parseExpression("I(age ^ 2)"))).toBe("I(age^2)");
    expect(deparse(parseExpression("log(x+1)"))).toBe("log(x + 1)");
    expect(deparse(parseExpression("I(x*2)"))).toBe("I(x * 2)");
    expect(deparse(parseExpression("I(x / 2)"))).toBe("I(x/2)");
    expect(deparse(parseExpression("I(x-0.50)"))).toBe("I(x - 0.5)");
    expect([formatNumberR(1e5), formatNumberR(10000), formatNumberR(0.0001), formatNumberR(0.001)]).toEqual(["1e+05", "10000", "1e-04", "0.001"]);
  });
});

describe("expandTerms (R's terms.formula)", () => {
  it("expands * / ^ and removes terms", () => {
    expect(labels("a * b")).toEqual(["a", "b", "a:b"]);
    expect(labels("a * b * c")).toEqual(["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"]);
    expect(labels("(a + b + c)^2")).toEqual(["a", "b", "c", "a:b", "a:c", "b:c"]);
    expect(labels("a / b")).toEqual(["a", "a:b"]);
    expect(labels("(a + b) / c")).toEqual(["a", "b", "a:b:c"]);
    expect(labels("a * b - a")).toEqual(["b", "a:b"]);
    expect(labels("b:a + a")).toEqual(["a", "b:a"]);
    expect(labels("a + a + a:a")).toEqual(["a"]);
  });

  it("tracks the intercept (0 +, - 1, + 1)", () => {
    expect(expandTerms(parseExpression("x")).intercept).toBe(true);
    expect(expandTerms(parseExpression("0 + x")).intercept).toBe(false);
    expect(expandTerms(parseExpression("x - 1")).intercept).toBe(false);
    expect(expandTerms(parseExpression("-1 + x")).intercept).toBe(false);
    expect(expandTerms(null).intercept).toBe(true);
  });

  it("collects offsets and keeps function calls as variables", () => {
    const t = expandTerms(parseExpression("x + offset(log(t)) + I(x^2) + log(z) + factor(g)"));
    expect(t.labels).toEqual(["x", "I(x^2)", "log(z)", "factor(g)"]);
    expect(t.offsets.map(deparse)).toEqual(["log(t)"]);
  });
});

describe("splitRandom (lme4's findbars with || and / expansion)", () => {
  it("separates bars from the fixed part", () => {
    const { fixed, random } = splitRandom(parseFormula("y ~ x + (1 + x | g) + (0 + x | h)").rhs);
    expect(deparse(fixed!)).toBe("x");
    expect(random.map((r) => [r.group, r.lhs.intercept, r.lhs.labels])).toEqual([["g", true, ["x"]], ["h", false, ["x"]]]);
  });

  it("splits (x || g) into one term per coefficient", () => {
    const { random } = splitRandom(parseExpression("(1 + x + z || g)"));
    expect(random.map((r) => [r.group, r.lhs.intercept, r.lhs.terms.map((t) => termLabel(r.lhs, t))])).toEqual([
      ["g", true, []], ["g", false, ["x"]], ["g", false, ["z"]],
    ]);
  });

  it("expands nesting like lme4: (1 | a/b) -> (1 | a) + (1 | b:a); keeps (1 | a:b)", () => {
    expect(splitRandom(parseExpression("(1 | a/b)")).random.map((r) => r.group)).toEqual(["a", "b:a"]);
    expect(splitRandom(parseExpression("(1 | a/b/c)")).random.map((r) => r.group)).toEqual(["a", "b:a", "c:b:a"]);
    expect(splitRandom(parseExpression("(1 | a:b)")).random.map((r) => r.group)).toEqual(["a:b"]);
  });

  it("leaves an intercept-only fixed part and demands parentheses around bars", () => {
    expect(splitRandom(parseFormula("y ~ (1 | g)").rhs).fixed).toBeNull();
    expect(deparse(splitRandom(parseFormula("y ~ 0 + (1 | g)").rhs).fixed!)).toBe("0");
    expect(() => expandTerms(splitRandom(parseFormula("y ~ x + 1 | g").rhs).fixed)).toThrow("must be in parentheses");
  });
});
