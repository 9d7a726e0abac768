/**
 * Heritability from a known-covariance (kinship) LMM: kinship_sim, y ~ x + (1 | id) with cov(id) = sd_g^2 K.
 * Run: npm run example -- kinship
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { heritabilityFromSpectrum, spectralProblem } from "../src/apps/heritability.js";
import { loadSpec } from "../src/spec/index.js";

const url = (f: string) => fileURLToPath(new URL(`./data/kinship_sim/${f}`, import.meta.url));
const { spec, design } = loadSpec(url("spec.json"));
const truth = JSON.parse(readFileSync(url("truth.json"), "utf8"));
const sp = spectralProblem(design);
console.log(`${spec.formula}, known covariance K of id (${design.terms[0].levels.length} individuals)`);
console.log("method  h2     (95% profile interval)  sd_g   sigma  logLik");
for (const method of ["ML", "REML"] as const) {
  const h = heritabilityFromSpectrum(sp, design.fixedNames, { method });
  console.log(`${method.padEnd(6)}  ${h.h2.toFixed(3)}  (${h.lower.toFixed(3)}, ${h.upper.toFixed(3)})        ${h.sdGenetic.toFixed(3)}  ${h.sigma.toFixed(3)}  ${h.logLik.toFixed(3)}`);
}
console.log(`truth   ${truth.variance_components.h2.toFixed(3)}                          ${truth.parameters["sd__id__(Intercept)"]}    ${truth.parameters.sigma}`);
