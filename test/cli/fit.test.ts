import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStanCsv, SAMPLER_COLUMNS } from "../../samplers/io/stanCsv.js";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./harness.js";

const DIR = "test/fixtures/cases";
const TMP = mkdtempSync(join(tmpdir(), "glmm-fit-"));
type Est = Record<string, { est: number; se: number | null }>;

function lme4Fit(c: string, method: string): { estimates: Est; logLik: number } {
  const j = JSON.parse(readFileSync(`${DIR}/${c}/lme4.json`, "utf8"));
  return (j.fits ?? [j]).find((f: { method: string }) => f.method === method);
}

describe("glmm fit (empirical Bayes engines through the CLI)", () => {
  it("cbpp --method laplace: writes --out (same JSON as printed) matching lme4 to 1e-3 relative", async () => {
    const out = join(TMP, "cbpp.json");
    const r = await runInProcess(["fit", `${DIR}/cbpp/spec.json`, "--method", "laplace", "--out", out, "--json"]);
    expect(r.code).toBe(0);
    const res = JSON.parse(readFileSync(out, "utf8"));
    expect(JSON.parse(r.stdout)).toEqual(res);
    expect([res.method, res.n_obs, res.family]).toEqual(["Laplace", 56, "binomial"]);
    const ref = lme4Fit("cbpp", "Laplace");
    expect(Object.keys(res.estimates)).toEqual(Object.keys(ref.estimates));
    for (const [k, v] of Object.entries(ref.estimates)) expect(Math.abs(res.estimates[k].est - v.est)).toBeLessThan(1e-3 * Math.abs(v.est));
    expect(res.logLik).toBeCloseTo(ref.logLik, 3);
    expect(readdirSync(TMP).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("sleepstudy --method reml matches lme4's REML fit; the table is printed without --json on a TTY", async () => {
    const r = await runInProcess(["fit", `${DIR}/sleepstudy/spec.json`, "--method", "reml", "--json"]);
    const res = JSON.parse(r.stdout);
    const ref = lme4Fit("sleepstudy", "REML");
    for (const [k, v] of Object.entries(ref.estimates)) expect(Math.abs(res.estimates[k].est - v.est)).toBeLessThan(1e-4 * Math.abs(v.est));
    const tty = process.stdout.isTTY;
    process.stdout.isTTY = true;
    try {
      const t = await runInProcess(["fit", `${DIR}/sleepstudy/spec.json`, "--method", "reml"]);
      expect(t.stdout).toMatch(/^REML fit, gaussian\/identity, n = 180: logLik -871\.81, AIC 1755\.63, BIC 1774\.79\n\nFixed effects:\n\s+Estimate\s+Std\. Error\s+z value\n\(Intercept\)\s+251\.4\s+6\.82\d/);
      expect(t.stdout).toContain("sd__Subject__Days");
    } finally {
      process.stdout.isTTY = tty;
    }
  });

  it("gaussian models refuse laplace (exit 2, no file)", async () => {
    const out = join(TMP, "ss.json");
    const r = await runInProcess(["fit", `${DIR}/sleepstudy/spec.json`, "--method", "laplace", "--out", out]);
    expect([r.code, r.stderr.trim()]).toEqual([2, "glmm: family gaussian is fitted exactly: use --method ml or reml (or nuts) instead of laplace"]);
    expect(existsSync(out)).toBe(false);
  });
});

describe("glmm fit --method nuts", () => {
  it("cbpp, 2 chains x 300: posterior means agree with Stan's within 4 combined MCSEs; --csv writes the draws", async () => {
    const out = join(TMP, "nuts.json");
    const csv = join(TMP, "draws");
    const r = await runInProcess(["fit", `${DIR}/cbpp/spec.json`, "--method", "nuts", "--chains", "2", "--warmup", "300", "--draws", "300", "--seed", "11", "--out", out, "--csv", csv, "--json"]);
    expect(r.code).toBe(0);
    const res = JSON.parse(readFileSync(out, "utf8"));
    const stan = JSON.parse(readFileSync(`${DIR}/cbpp/stan.json`, "utf8")).summary;
    for (const k of ["(Intercept)", "period2", "period3", "period4", "sd__herd__(Intercept)"]) {
      const ours = res.summary[k];
      expect(ours.rhat).toBeLessThan(1.05);
      const mcse = Math.hypot(ours.mcse_mean, stan[k].mcse_mean);
      expect(Math.abs(ours.mean - stan[k].mean), k).toBeLessThan(4 * mcse);
    }
    expect(res.timing.divergences).toBe(0);
    const parsed = parseStanCsv(readFileSync(join(csv, "cbpp_2.csv"), "utf8"));
    expect(parsed.numDraws).toBe(300);
    expect(parsed.columns.slice(0, 9)).toEqual(["lp__", ...SAMPLER_COLUMNS, "(Intercept)", "period2"]);
    expect(parsed.columns).toHaveLength(7 + Object.keys(res.summary).length);
    expect(parsed.stepSize).toBeGreaterThan(0);
  });

  it("--csv with a non-sampling method is refused before any file is written", async () => {
    const out = join(TMP, "lap_csv.json");
    const r = await runInProcess(["fit", `${DIR}/cbpp/spec.json`, "--method", "laplace", "--csv", join(TMP, "none"), "--out", out]);
    expect([r.code, r.stderr.trim()]).toEqual([2, "glmm: --csv needs posterior draws; method laplace has none (use --method nuts)"]);
    expect(existsSync(out)).toBe(false);
  });
});
