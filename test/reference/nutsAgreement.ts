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

/**
 * Initial-value settings per case beyond Stan's defaults.
 *
 * grouseticks starts from uniform(-0.5, 0.5) instead of Stan's default (-2, 2). Finding: its cHEIGHT column spans
 * -59..71, so a default initial coefficient of, say, 1.9 puts eta near 130 and log p near -1e63. At
 * adapt_delta 0.99 dual averaging raises the step size very slowly: an accepted iteration moves its average by
 * delta - 1 = -0.01, and a rejected one by up to +0.99. Started there, chains were still far out after 1000 warm-up
 * iterations (seed 20261123: 3 of 4 chains, R-hat 3.0). From uniform(-0.5, 0.5), all 8 chains tried reached the
 * typical set within 200 iterations. The same chains at 0.8 escape in under 200 iterations. Stan's adaptation has the
 * same dynamics. The reference file does not record its initial values, so how its chains got out is not known.
 */
export const CASE_INIT: Readonly<Record<string, { initRadius?: number }>> = { grouseticks: { initRadius: 0.5 } };

/**
 * Leapfrog steps per warm-up and per sampling iteration, summed over chains, from a stan.json-shaped timing block
 * (ours or the reference's).
 */
export function leapfrogsPerIteration(t: { chains: number; warmup: number; draws_per_chain: number; leapfrog_total: number; leapfrog_sampling: number }): { lfWarmup: number; lfSampling: number } {
  return { lfWarmup: (t.leapfrog_total - t.leapfrog_sampling) / (t.chains * t.warmup), lfSampling: t.leapfrog_sampling / (t.chains * t.draws_per_chain) };
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
