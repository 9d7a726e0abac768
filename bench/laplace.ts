/**
 * Empirical-Bayes engine timings on the reference cases: fitMixed with the default linear algebra
 * (sparse Cholesky when q > 150) against the dense path in the same process, with lme4's/glmmTMB's
 * median times from the reference files for orientation (different machine load, R process).
 * Usage: npm run bench -- laplace [case ...]   (default: cbpp sleepstudy owls nielweise2007; grouseticks
 * exercises the sparse path but its dense baseline takes minutes)
 */
import { fitMixed, type FitMethod } from "../src/laplace/index.js";
import { designOf, fixtureJson } from "../test/laplace/designs.js";
import { compare, report, type Row } from "./lib/index.js";

const METHOD: Record<string, FitMethod> = { sleepstudy: "REML", kinship_sim: "REML", insteval: "REML" };

function referenceSeconds(name: string): number | null {
  try {
    const file = fixtureJson(name, "lme4.json");
    const fit = (file.fits ?? [file])[0];
    return fit.time_s?.median ?? null;
  } catch {
    return null;
  }
}

export default async function run(args: string[]): Promise<void> {
  const cases = args.length ? args : ["cbpp", "sleepstudy", "owls", "nielweise2007"];
  const rows: Row[] = [];
  const extra: Record<string, unknown> = {};
  for (const name of cases) {
    const d = designOf(name);
    const method = METHOD[name] ?? (d.family === "gaussian" ? "REML" : "Laplace");
    const r = compare(
      { name: `${name} ${method} dense`, fn: () => fitMixed(d, { method, linearAlgebra: "dense" }) },
      [{ name: `${name} ${method} auto`, fn: () => fitMixed(d, { method }) }],
      { runs: 3, warmup: 1 },
    );
    rows.push(...r);
    extra[name] = { lme4_median_s: referenceSeconds(name), ours_median_s: r[1].timing.median / 1000 };
  }
  report("laplace", rows, extra);
}
