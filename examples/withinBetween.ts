/**
 * Within/between split under selective disappearance: a trait that rises with age within individuals,
 * measured yearly while individuals of high quality survive longer. The naive age slope mixes ageing with
 * selection; splitting age into individual mean + within-individual deviation separates them.
 * Run: npm run example -- withinBetween
 */
import { SELECTIVE_DISAPPEARANCE as truth, simulateSelectiveDisappearance, withWithinBetween } from "../src/apps/withinBetween.js";
import { fitMixed } from "../src/laplace/index.js";
import { designFromFormula } from "../src/spec/index.js";

const table = withWithinBetween(simulateSelectiveDisappearance(1), "age", "id");
const fit = (f: string) => fitMixed(designFromFormula(f, table, { family: "gaussian" }).design, { method: "REML" });
const naive = fit("y ~ age + (1 | id)"), split = fit("y ~ age_within + age_between + (1 | id)");
const row = (label: string, e: { est: number; se: number }, t: string) => console.log(`  ${label.padEnd(28)} ${e.est.toFixed(3)} (SE ${e.se.toFixed(3)})   truth ${t}`);
console.log(`${truth.individuals} individuals, ${table.nRows} yearly records; survival logit = ${truth.survivalIntercept} + ${truth.survivalQuality} * quality`);
console.log("y ~ age + (1 | id):");
row("age (naive)", naive.fixef[1], `${truth.ageSlope} within; biased by selection`);
console.log("y ~ age_within + age_between + (1 | id):");
row("age_within (ageing)", split.fixef[1], String(truth.ageSlope));
row("age_between (+ selection)", split.fixef[2], `> ${truth.ageSlope}: long-lived individuals are better`);
console.log(`  sigma ${split.sigma!.toFixed(3)}   truth ${truth.sigma}`);
