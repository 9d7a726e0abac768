/**
 * `npm run demo`: a binomial GLMM declared in TypeScript with the typed graph API, fitted by empirical Bayes
 * (Laplace, as lme4's glmer) and by full Bayes (NUTS), compared side by side, with the report written to
 * ./glmm-demo/ (compare.json, SVG plots, report.html).
 *
 * Data: lme4's cbpp (contagious bovine pleuropneumonia): new serological cases (incidence) out of herd size
 * (size), for 15 herds over 4 periods — in lme4 notation cbind(incidence, size - incidence) ~ period + (1 | herd).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compare } from "../src/compare/compare.js";
import { writeComparisonReport } from "../src/compare/writeReport.js";
import { binomial, counts, effects, factor, intercept, model, re, toDesign, trials } from "../src/graph/index.js";
import { compareText } from "../src/report/compareTable.js";

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(process.cwd(), "glmm-demo");
const NUTS = { chains: 4, warmup: 500, draws: 1000, seed: 2026 };

/** Read the bundled CSV (herd, period, incidence, size) into columns. */
function readCbpp(): { herd: string[]; period: string[]; incidence: number[]; size: number[] } {
  const [header, ...lines] = readFileSync(join(here, "data", "cbpp.csv"), "utf8").trim().split("\n");
  const cols = header.split(",");
  const rows = lines.map((l) => l.split(","));
  const col = (name: string) => rows.map((r) => r[cols.indexOf(name)]);
  return { herd: col("herd"), period: col("period"), incidence: col("incidence").map(Number), size: col("size").map(Number) };
}

// The model, declared as a typed graph. Priors: the class defaults of FORMAT.md (coefficients normal(0, 5),
// random-effect sd half-normal(0, 2.5)).
const herd = factor("herd", ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"]);
const period = factor("period", ["1", "2", "3", "4"]);
const cbpp = model({
  likelihood: binomial(counts("incidence"), trials("size")),
  fixed: [intercept(), effects(period)],
  random: [re(herd, [intercept()])],
});

/** Progress: one line per chain as it finishes warmup and sampling. */
function progressLines(): (p: { chain: number; iteration: number; total: number; warmup: boolean }) => void {
  const t0 = performance.now();
  return (p) => {
    const stage = p.iteration === NUTS.warmup ? "warmup done" : p.iteration === p.total ? "sampling done" : null;
    if (stage) console.log(`  chain ${p.chain + 1}: ${stage} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  console.log("glmm demo: cbpp, cbind(incidence, size - incidence) ~ period + (1 | herd), binomial/logit");
  const { design, priors } = toDesign(cbpp, readCbpp());
  console.log(`  ${design.n} observations, fixed effects ${design.fixedNames.join(", ")}, ${design.terms[0].levels.length} herds`);
  console.log(`Fitting: Laplace (empirical Bayes), then NUTS ${NUTS.chains} chains x (${NUTS.warmup} warmup + ${NUTS.draws} draws), seed ${NUTS.seed}`);
  const output = await compare(design, priors, { ...NUTS, formula: "cbind(incidence, size - incidence) ~ period + (1 | herd)", onProgress: progressLines() });
  console.log(`  Laplace ${output.comparison.eb.seconds.toFixed(2)} s, NUTS ${output.comparison.fb.seconds.toFixed(1)} s\n`);
  console.log(compareText(output.comparison));
  const files = await writeComparisonReport(OUT, output, "cbpp: empirical Bayes vs full Bayes (glmm demo)");
  console.log(`\nReport: ${files.html}`);
  console.log(`  with ${files.json} and ${files.svgs.length} SVG plots (${files.svgs.map((f) => f.slice(files.dir.length + 1)).join(", ")})`);
  console.log(`Done in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
