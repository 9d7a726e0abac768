/**
 * Variance partitioning with two structured random effects: a lineage (phylogenetic tree) and a spatial
 * (exponential) covariance on the same 64 simulated populations. Point estimates by REML (fitMixed);
 * with `--nuts` also posterior medians and 90% intervals of the shares.
 * Run: npm run example -- partition [--nuts]
 */
import { PARTITION_TRUTH as truth, posteriorVarianceShares, simulatePartition, varianceShares, type VarianceShare } from "../src/apps/partition.js";
import { fitNuts } from "../src/fit/index.js";
import { fitMixed } from "../src/laplace/index.js";
import { defaultPriors } from "../src/spec/index.js";

const design = simulatePartition(1);
const total = truth.sdLineage ** 2 + truth.sdSpatial ** 2 + truth.sigma ** 2;
const trueShare: Record<string, number> = { lineage: truth.sdLineage ** 2 / total, space: truth.sdSpatial ** 2 / total, residual: truth.sigma ** 2 / total };
const show = (title: string, rows: VarianceShare[]) => {
  console.log(`\n${title}\n  component  variance  share   (90% interval)     true share`);
  for (const r of rows) {
    const iv = r.lower === undefined ? "".padEnd(16) : `(${r.lower.toFixed(3)}, ${r.upper!.toFixed(3)})`;
    console.log(`  ${r.component.padEnd(9)}  ${r.variance.toFixed(3).padStart(8)}  ${r.share.toFixed(3)}   ${iv}   ${trueShare[r.component].toFixed(3)}`);
  }
};
console.log(`${design.terms[0].levels.length} populations x ${truth.perPopulation} records: y = mu + lineage + space + noise`);
show("REML (fitMixed, two known-covariance terms):", varianceShares(design, fitMixed(design, { method: "REML" })));
if (process.argv.includes("--nuts")) {
  const nuts = await fitNuts(design, defaultPriors(design), { chains: 4, warmup: 500, draws: 500, seed: 1, workers: 2 });
  show("NUTS (posterior median, 90% interval):", posteriorVarianceShares(design, nuts));
}
