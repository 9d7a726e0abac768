/**
 * Overdispersed counts: poisson, poisson + observation-level random effect and NB2 side by side, chosen by AIC.
 * Run: npm run example -- overdispersion
 */
import { fileURLToPath } from "node:url";
import { compareCountModels } from "../src/apps/overdispersion.js";
import { loadSpec } from "../src/spec/index.js";

for (const name of ["owls", "grouseticks"]) {
  const { spec, design } = loadSpec(fileURLToPath(new URL(`./data/${name}/spec.json`, import.meta.url)));
  const r = compareCountModels(design);
  const d = r.dispersion;
  console.log(`\n${name}: ${spec.formula}`);
  console.log(`  poisson fit: Pearson chi2 = ${d.pearsonChi2.toFixed(1)} on ${d.residualDf} df, ratio ${d.ratio.toFixed(2)} (p = ${d.pValue.toExponential(1)})`);
  console.log("  model          df   logLik      AIC      dAIC");
  for (const m of r.models) {
    console.log(`  ${m.model.padEnd(14)} ${String(m.df).padStart(2)}  ${m.logLik.toFixed(2).padStart(9)}  ${m.AIC.toFixed(2).padStart(8)}  ${m.deltaAIC.toFixed(2).padStart(7)}`);
  }
  console.log(`  preferred by AIC: ${r.preferred}`);
}
