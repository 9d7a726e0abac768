import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileModel, evaluatePoints, randomPoint } from "../../src/cli/commands/logdensity.js";
import { makeRng } from "../../src/rng.js";
import { loadSpec } from "../../src/spec/index.js";
import { runInProcess } from "./harness.js";

const DIR = "test/fixtures/cases";
const CASES = ["cbpp", "grouseticks", "hospitals_sim", "insteval", "kinship_sim", "nielweise2007", "owls", "sleepstudy", "verbagg"];
const TMP = mkdtempSync(join(tmpdir(), "glmm-ld-"));

/** Coordinates to check by finite differences: all non-random-effect ones and up to 6 random-effect ones. */
function coordinates(names: string[], rng: () => number): number[] {
  const fixed = names.map((n, j) => [n, j] as const).filter(([n]) => !/^(z|re)__/.test(n)).map(([, j]) => j);
  const re = names.map((n, j) => [n, j] as const).filter(([n]) => /^(z|re)__/.test(n)).map(([, j]) => j);
  const picks = Array.from({ length: Math.min(6, re.length) }, () => re[Math.floor(rng() * re.length)]);
  return [...fixed, ...new Set(picks)];
}

describe.each(CASES)("glmm logdensity on %s", (c) => {
  it("prints names and the gradient, which matches central finite differences of its logp", async () => {
    const spec = `${DIR}/${c}/spec.json`;
    const compiled = compileModel(loadSpec(spec));
    const rng = makeRng(`ld-${c}`);
    const theta = Float64Array.from({ length: compiled.dim }, () => 2 * rng() - 1);
    const at = join(TMP, `${c}.json`);
    writeFileSync(at, JSON.stringify([Array.from(theta)]));
    const r = await runInProcess(["logdensity", spec, "--at", at, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { names: string[]; points: { logp: number; grad: number[] }[] };
    expect(out.names).toEqual(compiled.names());
    expect(out.names).toHaveLength(compiled.dim);
    const [{ logp, grad }] = out.points;
    expect(Number.isFinite(logp)).toBe(true);
    const g = new Float64Array(compiled.dim);
    for (const j of coordinates(out.names, rng)) {
      const h = 1e-5;
      const tp = Float64Array.from(theta), tm = Float64Array.from(theta);
      tp[j] += h;
      tm[j] -= h;
      const fd = (compiled.logDensity(tp, g) - compiled.logDensity(tm, g)) / (2 * h);
      // central-difference error: h^2 f''' plus rounding ~ 1e-16 |logp| / h
      const tol = 1e-5 * Math.max(1, Math.abs(grad[j])) + 1e-10 * Math.abs(logp);
      expect(Math.abs(fd - grad[j]), `${out.names[j]}: fd ${fd} vs ${grad[j]}`).toBeLessThan(tol);
    }
  });
});

describe("glmm logdensity points", () => {
  it("uses one seeded random point when --at is omitted (same seed, same point)", async () => {
    const spec = `${DIR}/cbpp/spec.json`;
    const a = JSON.parse((await runInProcess(["logdensity", spec, "--json", "--seed", "7"])).stdout);
    const compiled = compileModel(loadSpec(spec));
    const [expected] = evaluatePoints(compiled, [randomPoint(compiled.dim, 7)]);
    expect(a.points).toEqual([expected]);
    expect(randomPoint(5, 7).every((v) => v >= -2 && v < 2)).toBe(true);
  });

  it("prints a readable table on a terminal", async () => {
    const tty = process.stdout.isTTY;
    process.stdout.isTTY = true;
    try {
      const r = await runInProcess(["logdensity", `${DIR}/sleepstudy/spec.json`, "--seed", "2"]);
      const lines = r.stdout.trim().split("\n");
      expect(lines[0]).toMatch(/^point 1: logp = -\d+\.\d+/);
      expect(lines[1]).toMatch(/^\s+theta\s+d logp \/ d theta$/);
      expect(lines[2]).toMatch(/^\(Intercept\)\s+-?\d/);
    } finally {
      process.stdout.isTTY = tty;
    }
  });

  it("rejects a point of the wrong length (exit 2)", async () => {
    const at = join(TMP, "short.json");
    writeFileSync(at, "[[0, 1]]");
    const r = await runInProcess(["logdensity", `${DIR}/cbpp/spec.json`, "--at", at]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`glmm: --at ${at}: point 1 must be an array of 20 finite numbers (the model's unconstrained dimension)`);
  });

  it("spec-less form: --formula/--data/--family gives the same density as the spec", async () => {
    // period is numeric in the CSV (R's read.csv would make it numeric too), so factor(period) is needed
    const args = ["--formula", "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)", "--data", `${DIR}/cbpp/data.csv`, "--family", "binomial"];
    const r = await runInProcess(["logdensity", ...args, "--json", "--seed", "3"]);
    const s = await runInProcess(["logdensity", `${DIR}/cbpp/spec.json`, "--json", "--seed", "3"]);
    expect(r.code).toBe(0);
    const [free, fromSpec] = [JSON.parse(r.stdout), JSON.parse(s.stdout)];
    expect(free.names.slice(0, 4)).toEqual(["(Intercept)", "factor(period)2", "factor(period)3", "factor(period)4"]);
    // herd levels sort numerically as R's factor() does, so the random-effect order equals the spec's
    expect(free.names.slice(4)).toEqual(fromSpec.names.slice(4));
    expect(free.points).toEqual(fromSpec.points);
  });
});
