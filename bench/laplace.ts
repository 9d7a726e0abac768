/**
 * Empirical-Bayes fit times on every visible reference case, beside the reference tool's median time from the
 * case's result file (lme4, or glmmTMB for the negative binomial, or exact_ml.json for kinship_sim). Each fit runs
 * through the user's path: the case's spec.json loaded by `loadSpec`, then `fitMixed` with the default linear
 * algebra. Ratio = our median wall time / the reference median (target <= 1). Median of 5 runs after 3 warm-up
 * fits (insteval: 3 runs, no warm-up).
 * The reference times were taken in R on another machine and load: compare ratios, and read the load average.
 * Usage: npm run bench -- laplace [label ...]   (default: all; labels as printed, e.g. "owls-nb2", "insteval-ML")
 * @module
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Design } from "../src/design/design.js";
import { fitMixed, type FitMethod } from "../src/laplace/index.js";
import { loadSpec } from "../src/spec/index.js";
import { measure, report, type Row } from "./lib/index.js";

const CASES_DIR = fileURLToPath(new URL("../test/fixtures/cases/", import.meta.url));

interface BenchCase {
  readonly label: string;
  readonly caseName: string;
  readonly method: FitMethod;
  /** Fit another family than the spec's (owls: lme4's Poisson fit of the same formula). */
  readonly family?: { family: Design["family"]; link: Design["link"] };
  /** Reference file and the fit in it (by method, and family when the file holds several). */
  readonly ref: { file: string; method: string; family?: string };
}

const CASES: readonly BenchCase[] = [
  { label: "cbpp", caseName: "cbpp", method: "Laplace", ref: { file: "lme4.json", method: "Laplace" } },
  { label: "cbpp-AGQ25", caseName: "cbpp", method: "AGQ", ref: { file: "lme4.json", method: "AGQ(25)" } },
  { label: "sleepstudy-REML", caseName: "sleepstudy", method: "REML", ref: { file: "lme4.json", method: "REML" } },
  { label: "sleepstudy-ML", caseName: "sleepstudy", method: "ML", ref: { file: "lme4.json", method: "ML" } },
  { label: "nielweise2007", caseName: "nielweise2007", method: "Laplace", ref: { file: "lme4.json", method: "Laplace" } },
  { label: "owls-poisson", caseName: "owls", method: "Laplace", family: { family: "poisson", link: "log" }, ref: { file: "lme4.json", method: "Laplace" } },
  { label: "owls-nb2", caseName: "owls", method: "Laplace", ref: { file: "glmmtmb.json", method: "Laplace", family: "negbinomial2" } },
  { label: "grouseticks", caseName: "grouseticks", method: "Laplace", ref: { file: "lme4.json", method: "Laplace" } },
  { label: "hospitals_sim", caseName: "hospitals_sim", method: "Laplace", ref: { file: "lme4.json", method: "Laplace" } },
  { label: "verbagg", caseName: "verbagg", method: "Laplace", ref: { file: "lme4.json", method: "Laplace" } },
  { label: "kinship_sim-REML", caseName: "kinship_sim", method: "REML", ref: { file: "exact_ml.json", method: "REML" } },
  { label: "kinship_sim-ML", caseName: "kinship_sim", method: "ML", ref: { file: "exact_ml.json", method: "ML" } },
  { label: "insteval-REML", caseName: "insteval", method: "REML", ref: { file: "lme4.json", method: "REML" } },
  { label: "insteval-ML", caseName: "insteval", method: "ML", ref: { file: "lme4.json", method: "ML" } },
];

interface RefFit { method?: string; family?: string; time_s?: number | { median: number } }

/** The reference median seconds of one fit, or NaN when the file has no time for it. */
function referenceSeconds(c: BenchCase): number {
  const file = JSON.parse(readFileSync(`${CASES_DIR}${c.caseName}/${c.ref.file}`, "utf8")) as { fits?: RefFit[] | Record<string, RefFit> } & RefFit;
  const fits: RefFit[] = Array.isArray(file.fits) ? file.fits : file.fits ? Object.values(file.fits) : [file];
  const fit = fits.find((f) => (f.method ?? "Laplace") === c.ref.method && (!c.ref.family || f.family === c.ref.family)) ?? (fits.length === 1 ? fits[0] : undefined);
  const t = fit?.time_s ?? file.time_s;
  return typeof t === "number" ? t : t?.median ?? NaN;
}

export default async function run(args: string[]): Promise<void> {
  const chosen = args.length ? CASES.filter((c) => args.includes(c.label) || args.includes(c.caseName)) : CASES;
  if (chosen.length === 0) throw new Error(`no such case; choose from ${CASES.map((c) => c.label).join(", ")}`);
  const rows: Row[] = [];
  const table: Record<string, unknown>[] = [];
  for (const c of chosen) {
    const loaded = loadSpec(`${CASES_DIR}${c.caseName}/spec.json`);
    const design: Design = c.family ? { ...loaded.design, ...c.family } : loaded.design;
    const runs = c.caseName === "insteval" ? 3 : 5;
    let evaluations = NaN;
    const timing = measure(() => { evaluations = fitMixed(design, { method: c.method }).convergence.evaluations; }, { runs, warmup: c.caseName === "insteval" ? 0 : 3 });
    const refS = referenceSeconds(c);
    const ratio = timing.median / 1000 / refS;
    rows.push({ name: c.label, timing, ratio });
    table.push({ case: c.label, ours_s: timing.median / 1000, ours_cpu_s: timing.cpuMedian / 1000, reference_s: refS, reference: `${c.ref.file} ${c.ref.method}`, ratio, evaluations });
    console.log(`${c.label.padEnd(18)} ours ${(timing.median / 1000).toFixed(3)} s (cpu ${(timing.cpuMedian / 1000).toFixed(3)})  reference ${refS.toFixed(3)} s  ratio ${ratio.toFixed(2)}  evaluations ${evaluations}`);
  }
  report("laplace", rows, { cases: table, note: "ratio column = our median wall time / the reference tool's median time_s (target <= 1)" });
}
