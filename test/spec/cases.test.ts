import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/data/index.js";
import { loadSpec } from "../../src/spec/index.js";

const DIR = "test/fixtures/cases";
const CASES = ["cbpp", "grouseticks", "hospitals_sim", "insteval", "kinship_sim", "nielweise2007", "owls", "sleepstudy", "verbagg"];

interface Fit { call?: string; estimates: Record<string, unknown> }
function fits(c: string): Fit[] {
  const out: Fit[] = [];
  for (const f of ["lme4.json", "glmmtmb.json", "exact_ml.json"]) {
    const p = `${DIR}/${c}/${f}`;
    if (!existsSync(p)) continue;
    const j = JSON.parse(readFileSync(p, "utf8"));
    out.push(...(j.fits ?? [j]));
  }
  const stan = `${DIR}/${c}/stan.json`;
  if (existsSync(stan)) out.push({ estimates: JSON.parse(readFileSync(stan, "utf8")).summary });
  return out;
}
const isFixed = (n: string) => !/^(sd__|cor__|sigma$|shape$|re__|lp__)/.test(n);

describe.each(CASES)("case %s: design names match the reference fits", (c) => {
  const model = loadSpec(`${DIR}/${c}/spec.json`);
  const d = model.design;
  const specFormula = JSON.parse(readFileSync(`${DIR}/${c}/spec.json`, "utf8")).formula as string;
  // fits of the spec formula (nielweise2007 also has UM.FS fits, tested below)
  const squash = (x: string) => x.replace(/\s+/g, "");
  const callFormula = (f: Fit) => /^\w+\((.*?~.*?), data/.exec(f.call ?? "")?.[1];
  const refs = fits(c).filter((f) => callFormula(f) === undefined || squash(callFormula(f)!) === squash(specFormula));

  it("fixed-effect names equal R's, in order, and rows match n_obs", () => {
    expect(refs.length).toBeGreaterThan(0);
    for (const f of refs) expect(d.fixedNames).toEqual(Object.keys(f.estimates).filter(isFixed));
    expect(d.n).toBe(JSON.parse(readFileSync(`${DIR}/${c}/spec.json`, "utf8")).n_obs);
    expect(model.droppedRows).toBe(0);
  });

  it("random-effect sd names are sd__<group>__<term> of the design's terms", () => {
    const ours = d.terms.flatMap((t) => t.termNames.map((n) => `sd__${t.group}__${n}`)).sort();
    for (const f of refs) expect(Object.keys(f.estimates).filter((n) => n.startsWith("sd__")).sort()).toEqual(ours);
  });
});

describe("design values computed independently from the CSV", () => {
  it("cbpp: period dummies, binomial trials = size, herd index", () => {
    const { design: d } = loadSpec(`${DIR}/cbpp/spec.json`);
    const t = readCsv(`${DIR}/cbpp/data.csv`);
    const period = t.columns.get("period")!.raw, size = t.columns.get("size")!.numeric!, herd = t.columns.get("herd")!.raw;
    for (let i = 0; i < d.n; i++) {
      expect([1, 2, 3].map((j) => d.X[i * d.p + j])).toEqual(["2", "3", "4"].map((l) => (period[i] === l ? 1 : 0)));
      expect(d.response.trials![i]).toBe(size[i]);
      expect(d.terms[0].levels[d.terms[0].index[i]]).toBe(herd[i]);
    }
  });

  it("owls: interaction column = product of indicators; offset = log(BroodSize)", () => {
    const { design: d } = loadSpec(`${DIR}/owls/spec.json`);
    const t = readCsv(`${DIR}/owls/data.csv`);
    const food = t.columns.get("FoodTreatment")!.raw, sex = t.columns.get("SexParent")!.raw, bs = t.columns.get("BroodSize")!.numeric!;
    for (let i = 0; i < d.n; i++) {
      expect(d.X[i * d.p + 3]).toBe(food[i] === "Satiated" && sex[i] === "Male" ? 1 : 0);
      expect(d.offset![i]).toBeCloseTo(Math.log(bs[i]), 14);
    }
  });

  it("sleepstudy: Z rows are (1, Days); grouseticks: cHEIGHT column is the CSV's", () => {
    const { design: s } = loadSpec(`${DIR}/sleepstudy/spec.json`);
    const days = readCsv(`${DIR}/sleepstudy/data.csv`).columns.get("Days")!.numeric!;
    for (let i = 0; i < s.n; i++) expect([s.terms[0].Z[2 * i], s.terms[0].Z[2 * i + 1]]).toEqual([1, days[i]]);
    const { design: g } = loadSpec(`${DIR}/grouseticks/spec.json`);
    const h = readCsv(`${DIR}/grouseticks/data.csv`).columns.get("cHEIGHT")!.numeric!;
    for (let i = 0; i < g.n; i++) expect(g.X[i * g.p + 3]).toBe(h[i]);
  });

  it("kinship_sim: K reordered to the id levels (diagonal and an off-diagonal entry)", () => {
    const { design: d } = loadSpec(`${DIR}/kinship_sim/spec.json`);
    const K = readCsv(`${DIR}/kinship_sim/K.csv`);
    const m = d.terms[0].levels.length;
    const kc = d.terms[0].knownCovariance!;
    expect(kc.length).toBe(m * m);
    const lv = d.terms[0].levels;
    expect(kc[5 * m + 5]).toBe(K.columns.get(lv[5])!.numeric![K.names.indexOf(lv[5])]);
    expect(kc[3 * m + 7]).toBe(K.columns.get(lv[7])!.numeric![K.names.indexOf(lv[3])]);
  });

  it("nielweise2007 UM.FS alternative formula: factor(study) names as lme4 writes them", () => {
    const spec = JSON.parse(readFileSync(`${DIR}/nielweise2007/spec.json`, "utf8"));
    const alt = spec.alternative_formulas[0].formula as string;
    const { design: d } = loadSpec(`${DIR}/nielweise2007/spec.json`, alt);
    const lme4 = JSON.parse(readFileSync(`${DIR}/nielweise2007/lme4.json`, "utf8")).fits.find((f: Fit) => f.call!.includes("factor(study)"));
    expect(d.fixedNames).toEqual(Object.keys(lme4.estimates).filter(isFixed));
    expect(d.terms.map((t) => [t.group, t.termNames])).toEqual([["study", ["treat"]]]);
    const study = readCsv(`${DIR}/nielweise2007/data.csv`).columns.get("study")!.raw;
    for (let i = 0; i < d.n; i++) expect(d.X[i * d.p + 14]).toBe(study[i] === "15" ? 1 : 0);
  });
});

describe("known covariance files with R row names", () => {
  it("accepts row labels repeating the header, refuses reordered ones", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { readCovarianceCsv, alignCovariance } = await import("../../src/spec/index.js");
    const dir = mkdtempSync(join(tmpdir(), "glmm-k-"));
    writeFileSync(join(dir, "K.csv"), '"","b","a"\n"b",2,0.5\n"a",0.5,1\n');
    const k = readCovarianceCsv(join(dir, "K.csv"));
    expect(Array.from(alignCovariance(k, ["a", "b"], "g"))).toEqual([1, 0.5, 0.5, 2]);
    writeFileSync(join(dir, "K2.csv"), '"","b","a"\n"a",2,0.5\n"b",0.5,1\n');
    expect(() => readCovarianceCsv(join(dir, "K2.csv"))).toThrow("known covariance K2.csv: row 1 is labelled 'a' but column 1 'b'; rows and columns must be in the same order");
  });

  it("reads the same matrix by the one-pass numeric reader and by the general table reader", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { readCovarianceCsv } = await import("../../src/spec/index.js");
    const dir = mkdtempSync(join(tmpdir(), "glmm-k-"));
    // plain numbers (one-pass reader), CRLF and exponents; then the same with an NA-free quoted cell (general reader)
    writeFileSync(join(dir, "fast.csv"), "a,b,c\r\n1,0.25,-1e-3\r\n0.25,2,0\r\n-1e-3,0,3.5\r\n");
    writeFileSync(join(dir, "general.csv"), 'a,b,c\n1,"0.25",-1e-3\n0.25,2,0\n-1e-3,0,3.5\n');
    const fast = readCovarianceCsv(join(dir, "fast.csv")), general = readCovarianceCsv(join(dir, "general.csv"));
    expect(fast.labels).toEqual(["a", "b", "c"]);
    expect(Array.from(fast.values)).toEqual([1, 0.25, -1e-3, 0.25, 2, 0, -1e-3, 0, 3.5]);
    expect(Array.from(general.values)).toEqual(Array.from(fast.values));
    writeFileSync(join(dir, "bad.csv"), "a,b\n1,x\n0,1\n");
    expect(() => readCovarianceCsv(join(dir, "bad.csv"))).toThrow("known covariance bad.csv: entry (1, b) is not a finite number");
  });
});
