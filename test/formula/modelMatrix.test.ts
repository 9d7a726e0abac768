import { describe, expect, it } from "vitest";
import { tableFromColumns } from "../../src/data/index.js";
import { buildModelMatrix, evaluateVariable, expandTerms, parseExpression, splitRandom, buildReTerm, type EvalContext } from "../../src/formula/index.js";

// 6 rows: f in {a, b}, g in {u, v, w}, x, z numeric
const table = tableFromColumns("t.csv", {
  f: ["a", "b", "a", "b", "a", "b"],
  g: ["u", "u", "v", "v", "w", "w"],
  x: ["1", "2", "3", "4", "5", "6"],
  z: ["0.5", "-1", "2", "0", "1", "3"],
  n: ["10", "2", "10", "2", "1", "1"],
});
const ctx: EvalContext = { table, factors: {} };

function mm(rhs: string, c: EvalContext = ctx) {
  const s = expandTerms(parseExpression(rhs));
  return buildModelMatrix(s, s.variables.map((v) => evaluateVariable(v, c)), c.table.nRows);
}
function column(m: ReturnType<typeof mm>, name: string): number[] {
  const j = m.names.indexOf(name);
  expect(j).toBeGreaterThanOrEqual(0);
  return Array.from({ length: m.n }, (_, i) => m.X[i * m.p + j]);
}

describe("buildModelMatrix follows R's model.matrix", () => {
  it("treatment contrasts and first-varies-fastest interaction columns", () => {
    const m = mm("f * g");
    expect(m.names).toEqual(["(Intercept)", "fb", "gv", "gw", "fb:gv", "fb:gw"]);
    expect(column(m, "fb:gw")).toEqual([0, 0, 0, 0, 0, 1]);
    expect(mm("g:f + f + g").names).toEqual(["(Intercept)", "f" + "b", "gv", "gw", "gv:fb", "gw:fb"]);
  });

  it("codes a factor by dummies when its marginal term is absent (R's TermCode)", () => {
    // x:f with x present: f by contrasts; f:g alone: both by dummies; f + f:g: g by contrasts within f
    expect(mm("x + x:f").names).toEqual(["(Intercept)", "x", "x:fb"]);
    expect(mm("x:f").names).toEqual(["(Intercept)", "x:fa", "x:fb"]);
    expect(mm("f:g").names).toEqual(["(Intercept)", "fa:gu", "fb:gu", "fa:gv", "fb:gv", "fa:gw", "fb:gw"]);
    expect(mm("f + f:g").names).toEqual(["(Intercept)", "fb", "fa:gv", "fb:gv", "fa:gw", "fb:gw"]);
    expect(mm("f/x").names).toEqual(["(Intercept)", "fb", "fa:x", "fb:x"]);
    expect(column(mm("f/x"), "fb:x")).toEqual([0, 2, 0, 4, 0, 6]);
  });

  it("numeric interactions are products; a numeric variable interacts with each factor column", () => {
    const m = mm("x * z + x:g");
    expect(m.names).toEqual(["(Intercept)", "x", "z", "x:z", "x:gv", "x:gw"]);
    expect(column(m, "x:z")).toEqual([0.5, -2, 6, 0, 5, 18]);
    expect(column(m, "x:gw")).toEqual([0, 0, 0, 0, 5, 6]);
  });

  it("without intercept the first factor gets all levels", () => {
    expect(mm("0 + f").names).toEqual(["fa", "fb"]);
    expect(mm("0 + f + g").names).toEqual(["fa", "fb", "gv", "gw"]);
    expect(mm("x + f - 1").names).toEqual(["x", "fa", "fb"]);
    expect(mm("0 + x").names).toEqual(["x"]);
  });

  it("evaluates I(), log(), factor() and names them as R does", () => {
    const m = mm("I(x^2) + log(z + 2) + factor(n) + sqrt(x)");
    expect(m.names).toEqual(["(Intercept)", "I(x^2)", "log(z + 2)", "factor(n)2", "factor(n)10", "sqrt(x)"]);
    expect(column(m, "I(x^2)")).toEqual([1, 4, 9, 16, 25, 36]);
    expect(column(m, "log(z + 2)")[0]).toBeCloseTo(Math.log(2.5), 15);
    expect(column(m, "factor(n)10")).toEqual([1, 0, 1, 0, 0, 0]);
  });

  it("uses a declared level order (first = reference) and numeric columns declared as factors", () => {
    const declared: EvalContext = { table, factors: { g: ["w", "u", "v"], n: ["10", "1", "2"] } };
    expect(mm("g + n", declared).names).toEqual(["(Intercept)", "gu", "gv", "n1", "n2"]);
  });

  it("refuses log of a non-positive value, naming the row", () => {
    expect(() => mm("log(z)")).toThrow("log(z): z is -1 at row 2 of t.csv; log needs positive values");
  });
});

describe("buildReTerm", () => {
  it("builds Z, term names and lme4 interaction levels", () => {
    const [t] = splitRandom(parseExpression("(1 + x | g)")).random.map((r) => buildReTerm(r, ctx));
    expect([t.group, t.termNames, t.levels, Array.from(t.index)]).toEqual(["g", ["(Intercept)", "x"], ["u", "v", "w"], [0, 0, 1, 1, 2, 2]]);
    expect(Array.from(t.Z.subarray(2, 4))).toEqual([1, 2]);
    const [a, ba] = splitRandom(parseExpression("(1 | g/f)")).random.map((r) => buildReTerm(r, ctx));
    expect([a.group, ba.group]).toEqual(["g", "f:g"]);
    expect(ba.levels).toEqual(["a:u", "a:v", "a:w", "b:u", "b:v", "b:w"]);
    expect(Array.from(ba.index)).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it("(1 | f:g) levels: first factor slowest, unused combinations dropped (R's factor(f:g))", () => {
    const t = tableFromColumns("t.csv", { f: ["b", "a", "b", "a"], g: ["u", "v", "u", "u"] });
    const [r] = splitRandom(parseExpression("(1 | f:g)")).random;
    const term = buildReTerm(r, { table: t, factors: {} });
    expect([term.group, term.levels, Array.from(term.index)]).toEqual(["f:g", ["a:u", "a:v", "b:u"], [2, 1, 2, 0]]);
  });

  it("(0 + f | g) codes all levels of f; (x || g) splits", () => {
    const [t] = splitRandom(parseExpression("(0 + f | g)")).random.map((r) => buildReTerm(r, ctx));
    expect(t.termNames).toEqual(["fa", "fb"]);
    const parts = splitRandom(parseExpression("(x || g)")).random.map((r) => buildReTerm(r, ctx));
    expect(parts.map((p) => p.termNames)).toEqual([["(Intercept)"], ["x"]]);
  });

  it("rejects a grouping factor with one level", () => {
    const one = tableFromColumns("one.csv", { g: ["a", "a"], x: ["1", "2"] });
    const [r] = splitRandom(parseExpression("(1 | g)")).random;
    expect(() => buildReTerm(r, { table: one, factors: {} })).toThrow("grouping factor 'g' has 1 level(s) ('a'); a random effect needs 2 or more groups");
  });
});
