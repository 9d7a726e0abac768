import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./harness.js";

const DIR = "test/fixtures/cases";
type Est = Record<string, { est: number; se: number | null }>;

// the REML engine on a 400 x 400 known covariance (the spectral path: about 1 s)
describe("glmm fit with a known covariance", () => {
  it("kinship_sim --method reml: the known covariance reaches the engine (exact REML of exact_ml.json)", async () => {
    const r = await runInProcess(["fit", `${DIR}/kinship_sim/spec.json`, "--method", "reml", "--json"]);
    const res = JSON.parse(r.stdout);
    const ref = JSON.parse(readFileSync(`${DIR}/kinship_sim/exact_ml.json`, "utf8")).fits.find((f: { method: string }) => f.method === "REML");
    for (const [k, v] of Object.entries(ref.estimates as Est)) expect(Math.abs(res.estimates[k].est - v.est)).toBeLessThan(1e-4 * Math.abs(v.est));
    expect(Math.abs(res.logLik - ref.logLik)).toBeLessThan(1e-5);
  });

});
