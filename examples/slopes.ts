/**
 * Random slopes and quadrature side by side: sleepstudy (1 + Days | Subject) by REML and ML; cbpp by
 * Laplace and AGQ(25), with the exact marginal log-likelihood at each fit's estimates.
 * Run: npm run example -- slopes
 */
import { fileURLToPath } from "node:url";
import { formatSideBySide } from "../src/apps/sideBySide.js";
import { laplaceVersusAgq, remlVersusMl } from "../src/apps/slopes.js";
import { loadSpec } from "../src/spec/index.js";

const load = (name: string) => loadSpec(fileURLToPath(new URL(`./data/${name}/spec.json`, import.meta.url)));
const sleep = load("sleepstudy");
console.log(`${sleep.spec.formula}\n${formatSideBySide(remlVersusMl(sleep.design).table)}\n`);
const cbpp = load("cbpp");
console.log(`${cbpp.spec.formula}\n${formatSideBySide(laplaceVersusAgq(cbpp.design).table)}`);
console.log("(logLik_exact: marginal log-likelihood by brute-force integration; lme4: -91.98383 (Laplace), -91.98337 (AGQ(25)))");
