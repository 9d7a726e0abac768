/**
 * Test helper: fit a reference case by NUTS with the settings recorded in its stan.json and compare every
 * parameter with rstan's summary: mean within 4 x sqrt(mcse_ours^2 + mcse_ref^2), sd within 10%, rhat < 1.01.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fitNuts, type NutsFit } from "../../src/fit/index.js";
import { loadSpec } from "../../src/spec/index.js";

export interface Miss {
  name: string;
  why: string;
}

export interface CaseAgreement {
  fit: NutsFit;
  misses: Miss[];
  compared: number;
  missingInReference: string[];
}

const casesDir = fileURLToPath(new URL("../fixtures/cases/", import.meta.url));

/** Run a case with its reference settings and list every parameter outside the agreement bounds. */
export async function nutsAgreement(caseName: string, seed: number, extra: { initRadius?: number } = {}): Promise<CaseAgreement> {
  const dir = `${casesDir}${caseName}`;
  const m = loadSpec(`${dir}/spec.json`);
  const ref = JSON.parse(readFileSync(`${dir}/stan.json`, "utf8"));
  const fit = await fitNuts(m.design, m.priors, {
    seed,
    adaptDelta: ref.adapt_delta ?? ref.timing.adapt_delta ?? 0.8,
    warmup: ref.timing.warmup,
    draws: ref.timing.draws_per_chain,
    chains: ref.chains,
    ...extra,
  });
  const misses: Miss[] = [];
  const missingInReference: string[] = [];
  let compared = 0;
  for (const r of fit.summary) {
    const s = ref.summary[r.name];
    if (!s) {
      missingInReference.push(r.name);
      continue;
    }
    compared++;
    const bound = 4 * Math.hypot(r.mcse_mean, s.mcse_mean);
    if (!(Math.abs(r.mean - s.mean) <= bound)) misses.push({ name: r.name, why: `mean ${r.mean} vs ${s.mean} (bound ${bound})` });
    if (!(Math.abs(r.sd / s.sd - 1) <= 0.1)) misses.push({ name: r.name, why: `sd ${r.sd} vs ${s.sd}` });
    if (!(r.rhat < 1.01)) misses.push({ name: r.name, why: `rhat ${r.rhat}` });
  }
  return { fit, misses, compared, missingInReference };
}
