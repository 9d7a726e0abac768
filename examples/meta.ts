/**
 * One-stage meta-analysis of arm-level counts (nielweise2007: 18 catheter trials, zero-event arms and one
 * double-zero study): fixed study intercepts (UM.FS) vs random study intercepts (UM.RS).
 * Run: npm run example -- meta
 */
import { fileURLToPath } from "node:url";
import { metaAnalysis } from "../src/apps/meta.js";

const spec = fileURLToPath(new URL("./data/nielweise2007/spec.json", import.meta.url));
const { data, models } = metaAnalysis(spec);
const f = (x: number, d = 3) => x.toFixed(d);
console.log(`${data.studies} studies, ${data.arms} arms, ${data.zeroEventArms} zero-event arms, double-zero studies: ${data.doubleZeroStudies.join(", ") || "none"} (all kept)`);
console.log("model   logOR (95% CI)              OR (95% CI)              tau    sd(intercept)  logLik     AIC");
for (const m of models) {
  console.log(`${m.model.padEnd(7)} ${f(m.logOR.est)} (${f(m.logOR.lower)}, ${f(m.logOR.upper)})   ${f(m.oddsRatio.est)} (${f(m.oddsRatio.lower)}, ${f(m.oddsRatio.upper)})   ${f(m.tau)}  ${m.interceptSd === undefined ? "   -  " : f(m.interceptSd)}         ${f(m.logLik, 2)}  ${f(m.AIC, 2)}`);
  if (m.unidentified.length) console.log(`        not identified (MLE at -Inf): ${m.unidentified.join(", ")}`);
}
console.log("metafor rma.glmm (coding = 1, drop00 = FALSE): UM.FS logOR -1.353, tau 0.629; UM.RS logOR -1.405, tau 0.778");
