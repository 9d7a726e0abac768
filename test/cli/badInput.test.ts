import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess, spawnCli } from "./harness.js";

const DIR = mkdtempSync(join(tmpdir(), "glmm-bad-"));
const DATA = "g,x,y,n,t,k\na,0.5,1,3,1,1\na,1.5,0,2,2,1\nb,2.5,2,4,1,2\nb,0.1,3,3,3,2\nc,1.1,0,5,2,1\nc,0.7,1,1,1,2\n";

/** Write a case folder: spec.json (base poisson spec + overrides), data.csv and extra files. */
function makeCase(name: string, spec: Record<string, unknown>, files: Record<string, string> = {}): string {
  const dir = join(DIR, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "data.csv"), DATA);
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  const full = { data: "data.csv", formula: "y ~ x + (1 | g)", family: "poisson", link: "log", ...spec };
  writeFileSync(join(dir, "spec.json"), JSON.stringify(full));
  return join(dir, "spec.json");
}

const K3 = (rows: string[]) => `a,b,c\n${rows.join("\n")}\n`;

/** [case name, spec overrides, extra files, expected message] — one per bad input. */
const CASES: [string, Record<string, unknown>, Record<string, string>, string][] = [
  ["missing data file", { data: "nope.csv" }, {}, "cannot read data file"],
  ["missing column", { formula: "y ~ w + (1 | g)" }, {}, "column 'w' not found in data.csv; columns are: g, x, y, n, t, k"],
  ["unknown family", { family: "poison" }, {}, "unknown family 'poison'; use one of gaussian, bernoulli, binomial, poisson, negbinomial2"],
  ["unknown link", { link: "logg" }, {}, "link 'logg' is unknown; use one of log, identity"],
  ["link not for family", { link: "logit" }, {}, "link 'logit' is not available for family 'poisson'"],
  ["response block disagrees with formula", { response: { column: "n" } }, {}, "response: column 'n' does not appear on the formula's left side 'y'; make them agree"],
  ["formula syntax", { formula: "y ~ x + (1 | g))" }, {}, "formula: unexpected ')' at column 16"],
  ["declared level absent from data", { factors: { g: ["a", "b", "c", "d"] } }, {}, "factors.g: declared level 'd' does not occur in column 'g' of data.csv"],
  ["data level not declared", { factors: { g: ["a", "b"] } }, {}, "factors.g: level 'c' of column 'g' (row 5 of data.csv) is not among the declared levels"],
  ["non-integer count", { formula: "x ~ 1 + (1 | g)" }, {}, "response 'x' is 0.5 at row 1 of data.csv; family poisson needs non-negative integer counts"],
  ["non-integer binomial successes", { formula: "cbind(x, n - x) ~ 1 + (1 | g)", family: "binomial", link: null }, {}, "response 'x' is 0.5 at row 1 of data.csv; family binomial needs non-negative integer counts"],
  ["negative count (NB)", { formula: "I(y - 1) ~ 1 + (1 | g)", family: "negbinomial2", link: null }, {}, "response 'I(y - 1)' is -1 at row 2 of data.csv; family negbinomial2 needs non-negative integer counts"],
  ["successes > trials", { formula: "cbind(y, n - y) ~ x + (1 | g)", family: "binomial", link: null, response: { column: "n", trials: "y" } }, {}, "response 'n': successes 3 > trials 1 at row 1 of data.csv"],
  ["successes > trials via cbind", { formula: "cbind(n, t - n) ~ x + (1 | g)", family: "binomial", link: null }, {}, "response 'n': failures t - n = -2 < 0 (successes > trials) at row 1 of data.csv"],
  ["log of non-positive offset", { offset: { expr: "log(t - 1)" } }, {}, "offset: log(t - 1): t - 1 is 0 at row 1 of data.csv; log needs positive values"],
  ["K not square", { known_covariance: { g: "K.csv" } }, { "K.csv": K3(["1,0,0", "0,1,0"]) }, "known covariance K.csv: not square: 2 rows and 3 columns"],
  ["K not symmetric", { known_covariance: { g: "K.csv" } }, { "K.csv": K3(["1,0.5,0", "0,1,0", "0,0,1"]) }, "known covariance K.csv: not symmetric: entry (b, a) = 0 but (a, b) = 0.5"],
  ["K not PSD", { known_covariance: { g: "K.csv" } }, { "K.csv": K3(["1,2,0", "2,1,0", "0,0,1"]) }, "known covariance K.csv: not positive semidefinite"],
  ["K labels mismatch", { known_covariance: { g: "K.csv" } }, { "K.csv": "a,b,z\n1,0,0\n0,1,0\n0,0,1\n" }, "known covariance K.csv: level 'c' of 'g' is not a label of the matrix"],
  ["Inf in a predictor", { formula: "y ~ I(x/(t - 1)) + (1 | g)" }, {}, "I(x/(t - 1)): value Infinity at row 1 of data.csv is not a finite number"],
  ["constant bernoulli response", { formula: "I(0 * y) ~ x + (1 | g)", family: "bernoulli", link: null }, {}, "response 'I(0 * y)' is constant (all 0); a bernoulli model needs both 0s and 1s"],
];

describe("bad input: one line naming the culprit, exit code 2, no output file", () => {
  it.each(CASES)("%s", async (name, spec, files, message) => {
    const specPath = makeCase(name.replace(/\W+/g, "_"), spec, files);
    const out = join(DIR, `${name.replace(/\W+/g, "_")}.json`);
    const r = await runInProcess(["fit", specPath, "--method", "laplace", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it("a grouping factor with fewer than 2 levels", async () => {
    const specPath = makeCase("one_level", { formula: "y ~ x + (1 | k)" }, {});
    writeFileSync(join(DIR, "one_level", "data.csv"), DATA.replace(/,1\n/g, ",2\n"));
    const out = join(DIR, "one_level.json");
    const r = await runInProcess(["fit", specPath, "--out", out]);
    expect([r.code, r.stderr.trim()]).toEqual([2, "glmm: grouping factor 'k' has 1 level(s) ('2'); a random effect needs 2 or more groups"]);
    expect(existsSync(out)).toBe(false);
  });

  it("NaN in a predictor column", async () => {
    const specPath = makeCase("nan_pred", {}, {});
    writeFileSync(join(DIR, "nan_pred", "data.csv"), DATA.replace("a,1.5,", "a,NaN,"));
    const r = await runInProcess(["fit", specPath, "--out", join(DIR, "nan.json")]);
    expect([r.code, r.stderr.trim()]).toEqual([2, "glmm: x: value NaN at row 2 of data.csv is not a finite number; fix or remove that row"]);
    expect(existsSync(join(DIR, "nan.json"))).toBe(false);
  });

  it("bad options and missing spec file", async () => {
    const ok = makeCase("ok", {}, {});
    const runs = [];
    for (const args of [
      ["fit", ok, "--method", "mcmc"],
      ["fit", ok, "--method", "nuts", "--chains", "0"],
      ["fit", ok, "--method", "nuts", "--adapt-delta", "1.2"],
      ["fit", ok, "--method", "nuts", "--init-radius", "-1"],
      ["fit", join(DIR, "absent.json")],
      ["fit", "--formula", "y ~ x"],
    ]) runs.push(await runInProcess(args));
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(runs.map((r) => r.stderr.trim())).toEqual([
      'glmm: --method must be one of laplace, agq, ml, reml, nuts (got "mcmc")',
      'glmm: --chains must be an integer between 1 and 64 (got "0")',
      'glmm: --adapt-delta must be a number in (0, 1) (got "1.2")',
      'glmm: --init-radius must be a number >= 0 (got "-1")',
      `glmm: cannot read spec file '${join(DIR, "absent.json")}': no such file`,
      "glmm: no model: give a spec.json, or --formula, --data and --family (missing --data, --family)",
    ]);
  });

  it("method rules: reml needs gaussian, agq needs one scalar term", async () => {
    const two = makeCase("two_terms", { formula: "y ~ x + (1 | g) + (1 | k)" }, {});
    const reml = await runInProcess(["fit", two, "--method", "reml"]);
    const agq = await runInProcess(["fit", two, "--method", "agq"]);
    expect([reml.code, agq.code]).toEqual([2, 2]);
    expect(reml.stderr).toContain("method reml needs family gaussian with link identity (this model is poisson/log)");
    expect(agq.stderr).toContain("method agq needs exactly one random-effect term with one coefficient");
  });
});

describe("the real executable (spawned): exit code 2 and no file", () => {
  it("formula error, undeclared level and K mismatch", () => {
    const cases = [
      [makeCase("spawn_formula", { formula: "y ~ x + (1 | g))" }), "formula: unexpected ')' at column 16"],
      [makeCase("spawn_level", { factors: { g: ["a", "b"] } }), "factors.g: level 'c'"],
      [makeCase("spawn_k", { known_covariance: { g: "K.csv" } }, { "K.csv": "a,b,z\n1,0,0\n0,1,0\n0,0,1\n" }), "not a label of the matrix"],
    ];
    for (const [spec, message] of cases) {
      const out = `${spec}.result.json`;
      const r = spawnCli(["fit", spec, "--out", out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^glmm: .*${message.replace(/[()|]/g, "\\$&")}.*\\n$`));
      expect(existsSync(out)).toBe(false);
    }
  });
});
