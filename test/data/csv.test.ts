import { describe, expect, it } from "vitest";
import { defaultLevels, getColumn, parseCsv, subsetRows } from "../../src/data/index.js";
import { designFromFormula } from "../../src/spec/index.js";

describe("parseCsv", () => {
  it("types columns: numeric when every present field is a number; empty and NA are missing", () => {
    const t = parseCsv('x,g,z\n1,a,NA\n,"b, c",2\n-3.5e1,a,Inf\n', "d.csv");
    expect(t.nRows).toBe(3);
    expect(Array.from(t.columns.get("x")!.numeric!)).toEqual([1, NaN, -35]);
    expect(t.columns.get("x")!.raw).toEqual(["1", null, "-3.5e1"]);
    expect(t.columns.get("g")!.numeric).toBeNull();
    expect(t.columns.get("g")!.raw).toEqual(["a", "b, c", "a"]);
    expect(Array.from(t.columns.get("z")!.numeric!)).toEqual([NaN, 2, Infinity]);
    expect(Array.from(t.rowIds)).toEqual([1, 2, 3]);
  });

  it("names the culprit for bad files", () => {
    expect(() => parseCsv("x,x\n1,2\n", "d.csv")).toThrow("d.csv: column 'x' appears twice in the header row");
    expect(() => parseCsv("x,y\n1\n", "d.csv")).toThrow("d.csv: cannot read CSV");
    expect(() => getColumn(parseCsv("a,b\n1,2\n", "d.csv"), "c")).toThrow("column 'c' not found in d.csv; columns are: a, b");
  });

  it("subsets rows keeping the original row ids", () => {
    const t = subsetRows(parseCsv("x\n1\n2\n3\n", "d.csv"), [true, false, true]);
    expect([t.nRows, Array.from(t.rowIds), t.columns.get("x")!.raw]).toEqual([2, [1, 3], ["1", "3"]]);
  });
});

describe("defaultLevels sorts as R's factor()", () => {
  it("numbers numerically (printed as R prints them), text by collation", () => {
    expect(defaultLevels(["10", "9", "1.50", "9"], new Float64Array([10, 9, 1.5, 9]))).toEqual(["1.5", "9", "10"]);
    expect(defaultLevels(["b", "B", "a", "A10", "A9"], null)).toEqual(["a", "A10", "A9", "b", "B"]);
  });
});

describe("rows with missing model variables are dropped (na.omit) and counted", () => {
  const csv = "y,x,g,unused\n1,0.5,a,\n0,,a,1\n2,1.5,b,\n,2,b,\n1,1,,\n3,2.5,c,\n0,1,c,2\n";
  it("drops only rows missing a variable the model uses", () => {
    const { design, droppedRows } = designFromFormula("y ~ x + (1 | g)", parseCsv(csv, "d.csv"), { family: "poisson" });
    expect(droppedRows).toBe(3);
    expect(design.n).toBe(4);
    expect(Array.from(design.response.y)).toEqual([1, 2, 3, 0]);
    expect(design.terms[0].levels).toEqual(["a", "b", "c"]);
    expect(Array.from(design.terms[0].index)).toEqual([0, 1, 2, 2]);
  });

  it("reports data rows by their line in the file after dropping", () => {
    expect(() => designFromFormula("y ~ log(x - 1) + (1 | g)", parseCsv(csv, "d.csv"), { family: "poisson" }))
      .toThrow("log(x - 1): x - 1 is -0.5 at row 1 of d.csv; log needs positive values");
    // kept rows are data rows 1, 3, 6, 7; the first failure is data row 6, the 3rd kept row
    expect(() => designFromFormula("y ~ log(2 - x) + (1 | g)", parseCsv(csv, "d.csv"), { family: "poisson" }))
      .toThrow("log(2 - x): 2 - x is -0.5 at row 6 of d.csv");
  });
});

describe("R's write.csv row names", () => {
  it("an unnamed first column is kept as row names, not as data", () => {
    const t = parseCsv('"","x","g"\n"1",2,"a"\n"2",3,"b"\n', "d.csv");
    expect(t.names).toEqual(["x", "g"]);
    expect(t.rowNames).toEqual(["1", "2"]);
    expect(Array.from(t.columns.get("x")!.numeric!)).toEqual([2, 3]);
  });
});
