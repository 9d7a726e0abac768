/** The kinship_sim Design built by hand from the case fixture: X = [1, x], (1 | id) with known covariance K. */
import { readFileSync } from "node:fs";
import type { Design } from "../../src/design/design.js";

const dir = new URL("../fixtures/cases/kinship_sim/", import.meta.url);

function csvRows(name: string): string[][] {
  return readFileSync(new URL(name, dir), "utf8").trim().split("\n").map((l) => l.split(","));
}

/** Design of kinship_sim (levels in K.csv's header order, which is the spec's factor order). */
export function kinshipDesign(): Design {
  const [header, ...rows] = csvRows("data.csv");
  const col = (nm: string) => header.indexOf(nm);
  const [levels, ...kRows] = csvRows("K.csv");
  const m = levels.length, n = rows.length;
  const K = new Float64Array(m * m);
  kRows.forEach((r, i) => r.forEach((v, j) => { K[i * m + j] = Number(v); }));
  const pos = new Map(levels.map((l, i) => [l, i] as const));
  const X = new Float64Array(n * 2), y = new Float64Array(n), index = new Int32Array(n);
  rows.forEach((r, i) => {
    X[2 * i] = 1;
    X[2 * i + 1] = Number(r[col("x")]);
    y[i] = Number(r[col("y")]);
    index[i] = pos.get(r[col("id")])!;
  });
  return {
    n, p: 2, X, fixedNames: ["(Intercept)", "x"], response: { name: "y", y },
    terms: [{ group: "id", termNames: ["(Intercept)"], levels, index, Z: new Float64Array(n).fill(1), knownCovariance: K }],
    family: "gaussian", link: "identity",
  };
}
