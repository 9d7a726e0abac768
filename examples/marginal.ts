/**
 * Conditional vs population-averaged effects (marginal standardisation): cbpp period (Laplace and AGQ(25))
 * and nielweise2007 treatment; with `--nuts` also full Bayes for cbpp.
 * Run: npm run example -- marginal [--nuts]
 */
import { fileURLToPath } from "node:url";
import type { MarginalResult } from "../src/apps/marginal.js";
import { ebMarginal, fbMarginal } from "../src/apps/marginalIntervals.js";
import { fitNuts } from "../src/fit/index.js";
import { fitMixed } from "../src/laplace/index.js";
import { loadSpec } from "../src/spec/index.js";

const load = (name: string) => loadSpec(fileURLToPath(new URL(`./data/${name}/spec.json`, import.meta.url)));
const f = (x: number) => x.toFixed(3), iv = ([a, b]: [number, number]) => `(${f(a)}, ${f(b)})`;
const show = (title: string, r: MarginalResult) => {
  console.log(`\n${title}: ${r.term} ${r.contrast[1]} vs ${r.contrast[0]}`);
  for (const [lv, p] of Object.entries(r.risk)) console.log(`  risk[${lv}]          ${f(p)}  90% ${iv(r.interval90.risk[lv])}`);
  console.log(`  risk difference  ${f(r.risk_difference)}  90% ${iv(r.interval90.risk_difference)}`);
  console.log(`  marginal OR      ${f(r.marginal_or)}  90% ${iv(r.interval90.marginal_or)}   (population-averaged)`);
  console.log(`  conditional OR   ${f(r.conditional_or)}  90% ${iv(r.interval90.conditional_or)}   (for a given herd/study)`);
};
const cbpp = load("cbpp"), levels = cbpp.spec.factors!.period;
show("cbpp, Laplace", ebMarginal(cbpp.design, fitMixed(cbpp.design), "period", { factorLevels: levels, contrast: ["1", "4"] }));
show("cbpp, AGQ(25)", ebMarginal(cbpp.design, fitMixed(cbpp.design, { method: "AGQ", nAGQ: 25 }), "period", { factorLevels: levels, contrast: ["1", "4"], method: "agq" }));
const nw = load("nielweise2007");
show("nielweise2007, Laplace", ebMarginal(nw.design, fitMixed(nw.design), "treat"));
if (process.argv.includes("--nuts")) {
  const nuts = await fitNuts(cbpp.design, cbpp.priors, { chains: 4, warmup: 1000, draws: 1000, seed: 1, workers: 2 });
  show("cbpp, NUTS", fbMarginal(cbpp.design, nuts, "period", { factorLevels: levels, contrast: ["1", "4"] }));
}
