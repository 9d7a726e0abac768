import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Comparison } from "../../src/compare/types.js";
import { runInProcess } from "../cli/harness.js";
import { markCount, parseXml, svgTexts } from "../report/xml.js";

const DIR = mkdtempSync(join(tmpdir(), "glmm-compare-"));
const SVGS = ["forest.svg", "variance.svg", "shrinkage.svg", "caterpillar.svg", "trace.svg", "rank.svg"];
const SHORT = ["--chains", "2", "--warmup", "300", "--draws", "300", "--seed", "11"];

const json = (path: string) => JSON.parse(readFileSync(path, "utf8"));

/** Run glmm compare on a reference case and check its outputs against lme4 and rstan. */
async function checkCase(name: string, ebMethod: string, fixed: string[], variance: string[]): Promise<{ out: string; comparison: Comparison }> {
  const out = join(DIR, name);
  const r = await runInProcess(["compare", `test/fixtures/cases/${name}/spec.json`, "--out", out, ...SHORT]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`Wrote ${join(out, "compare.json")}, 6 SVG plots and ${join(out, "report.html")}`);
  for (const f of [...SVGS, "compare.json", "report.html"]) expect(existsSync(join(out, f)), f).toBe(true);
  expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);

  const comparison = json(join(out, "compare.json")) as Comparison;
  expect(comparison.eb.method).toBe(ebMethod);
  expect(comparison.fb).toMatchObject({ chains: 2, warmup: 300, draws: 300, seed: 11 });
  const lme4 = json(`test/fixtures/cases/${name}/lme4.json`).fits.find((f: { method: string }) => f.method === ebMethod).estimates;
  const stan = json(`test/fixtures/cases/${name}/stan.json`).summary;
  const rows = new Map(comparison.rows.map((x) => [x.name, x]));
  for (const p of [...fixed, ...variance]) {
    const row = rows.get(p)!;
    expect(row, p).toBeDefined();
    // EB side: lme4 within 1e-3 relative; FB side: rstan's posterior mean within 0.3 posterior sd (600 draws).
    expect(Math.abs(row.eb.est - lme4[p].est) / Math.max(1, Math.abs(lme4[p].est)), p).toBeLessThan(1e-3);
    expect(Math.abs(row.fb!.mean - stan[p].mean) / stan[p].sd, p).toBeLessThan(0.3);
    expect(row.fb!.q5).toBeLessThan(row.fb!.q95);
  }
  for (const p of variance) expect(rows.get(p)!.eb.se).toBeNull();
  expect(r.stdout).toContain(fixed[1]);

  // SVGs: well-formed XML with the expected series
  const forest = parseXml(readFileSync(join(out, "forest.svg"), "utf8"));
  for (const p of fixed) expect(svgTexts(forest)).toContain(p);
  expect(markCount(forest, "symbol")).toBe(2 * fixed.length);
  const vc = svgTexts(parseXml(readFileSync(join(out, "variance.svg"), "utf8")));
  for (const p of variance) expect(vc).toContain(p);
  const trace = parseXml(readFileSync(join(out, "trace.svg"), "utf8"));
  expect(markCount(trace, "line")).toBe(2 * (fixed.length + variance.length)); // one line per chain and parameter
  for (const f of ["shrinkage.svg", "caterpillar.svg", "rank.svg"]) expect(parseXml(readFileSync(join(out, f), "utf8")).name).toBe("svg");

  const html = readFileSync(join(out, "report.html"), "utf8");
  expect(html.match(/<svg /g)).toHaveLength(6);
  for (const p of fixed) expect(html).toContain(`<td class="name">${p.replace(/&/g, "&amp;")}</td>`);
  return { out, comparison };
}

describe("glmm compare", () => {
  it("cbpp: Laplace vs NUTS, outputs agree with lme4 and rstan", async () => {
    const { comparison } = await checkCase("cbpp", "Laplace", ["(Intercept)", "period2", "period3", "period4"], ["sd__herd__(Intercept)"]);
    expect(comparison.groups).toHaveLength(15);
    expect(comparison.groups.every((g) => g.raw !== null && g.fbMean !== null)).toBe(true);
  });

  it("sleepstudy: REML vs NUTS, with the correlation and sigma", async () => {
    const { comparison } = await checkCase("sleepstudy", "REML", ["(Intercept)", "Days"], ["sd__Subject__(Intercept)", "sd__Subject__Days", "cor__Subject__(Intercept)__Days", "sigma"]);
    expect(comparison.groups).toHaveLength(36);
    expect(comparison.rows.filter((r) => r.kind === "re")).toHaveLength(36);
  });

  it("bad input: one line on stderr, exit 2, nothing written", async () => {
    const file = join(DIR, "a-file");
    writeFileSync(file, "x");
    const spec = "test/fixtures/cases/cbpp/spec.json";
    const cases: [string[], string][] = [
      [["compare", spec], "glmm compare needs --out <dir>"],
      [["compare", "--out", join(DIR, "x1")], "glmm compare needs a spec.json"],
      [["compare", join(DIR, "nope.json"), "--out", join(DIR, "x2")], "nope.json"],
      [["compare", spec, "--out", file], "is a file; give a folder"],
      [["compare", spec, "--out", join(DIR, "x3"), "--eb-method", "reml"], "--eb-method reml does not fit a binomial model: use laplace or agq"],
      [["compare", spec, "--out", join(DIR, "x4"), "--eb-method", "bayes"], "--eb-method"],
      [["compare", spec, "--out", join(DIR, "x5"), "--chains", "0"], "--chains"],
    ];
    for (const [args, msg] of cases) {
      const r = await runInProcess(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(msg);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stdout).toBe("");
    }
    for (const d of ["x1", "x2", "x3", "x4", "x5"]) expect(existsSync(join(DIR, d))).toBe(false);
  });
});
