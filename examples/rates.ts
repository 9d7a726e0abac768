/**
 * Rates with an exposure offset: owls' sibling negotiation calls per nestling (offset log(BroodSize)), NB2
 * GLMM; rate ratios exp(beta) with 95% Wald intervals on the log scale, and with `--nuts` also posterior ones.
 * Run: npm run example -- rates [--nuts]
 */
import { fileURLToPath } from "node:url";
import { pooledDraws } from "../src/apps/draws.js";
import { posteriorRateRatios, rateRatios, type RateRatio } from "../src/apps/rates.js";
import { fitNuts } from "../src/fit/index.js";
import { fitMixed } from "../src/laplace/index.js";
import { loadSpec } from "../src/spec/index.js";

const { spec, design, priors } = loadSpec(fileURLToPath(new URL("./data/owls/spec.json", import.meta.url)));
const fit = fitMixed(design, { method: "Laplace" });
const show = (title: string, rows: RateRatio[]) => {
  console.log(`\n${title}\n  coefficient                           rate ratio  (95% interval)`);
  for (const r of rows) console.log(`  ${r.name.padEnd(36)}  ${r.ratio.toFixed(3)}     (${r.lower.toFixed(3)}, ${r.upper.toFixed(3)})`);
};
console.log(`${spec.formula}  [${design.family}]`);
const b0 = fit.fixef[0].est;
console.log(`baseline (food-deprived, female parent): ${Math.exp(b0).toFixed(2)} calls per nestling per visit at a typical nest`);
show("Laplace (Wald on the log scale):", rateRatios(fit));
if (process.argv.includes("--nuts")) {
  const nuts = await fitNuts(design, priors, { chains: 4, warmup: 500, draws: 500, seed: 1, workers: 2 });
  const names = fit.fixef.filter((f) => f.name !== "(Intercept)").map((f) => f.name);
  show("NUTS (posterior median and 95% central interval):", posteriorRateRatios(names, names.map((n) => pooledDraws(nuts, n))));
}
