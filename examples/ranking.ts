/**
 * Ranking 60 simulated hospitals by their random intercepts (infection risk adjusted for age), with 90% rank
 * intervals: empirical Bayes (Laplace) and, with `--nuts`, full Bayes; the true ranks beside them.
 * Run: npm run example -- ranking [--nuts]
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ebRanking, fbRanking, type Ranking } from "../src/apps/ranking.js";
import { fitNuts } from "../src/fit/index.js";
import { fitMixed } from "../src/laplace/index.js";
import { loadSpec } from "../src/spec/index.js";

const url = (f: string) => fileURLToPath(new URL(`./data/hospitals_sim/${f}`, import.meta.url));
const { design, priors } = loadSpec(url("spec.json"));
const truth = JSON.parse(readFileSync(url("truth.json"), "utf8"));
const trueRank = (h: string) => truth.true_rank_high_to_low.indexOf(h) + 1;
const show = (r: Ranking) => {
  console.log(`\n${r.method}: top 10 of ${r.levels.length} hospitals (rank 1 = highest risk)`);
  console.log("  hospital  patients  effect  (90% interval)   rank  (90% rank interval)  true rank");
  for (const l of r.levels.slice(0, 10)) {
    const iv = `(${l.lower.toFixed(2)}, ${l.upper.toFixed(2)})`.padEnd(15), ri = `(${l.rank_lower}, ${l.rank_upper})`.padEnd(19);
    console.log(`  ${l.level.padEnd(8)}  ${String(truth.hospital_sizes[l.level]).padStart(8)}  ${l.estimate.toFixed(2).padStart(6)}  ${iv}  ${String(l.rank).padStart(4)}  ${ri}  ${String(trueRank(l.level)).padStart(9)}`);
  }
  const top5: string[] = truth.true_rank_high_to_low.slice(0, 5);
  const covered = top5.filter((h, i) => { const l = r.levels.find((x) => x.level === h)!; return l.rank_lower <= i + 1 && i + 1 <= l.rank_upper; });
  console.log(`  true top 5 inside their 90% rank intervals: ${covered.length} of 5`);
};
show(ebRanking(fitMixed(design), "hospital"));
if (process.argv.includes("--nuts")) {
  const nuts = await fitNuts(design, priors, { chains: 4, warmup: 500, draws: 500, seed: 1, workers: 2 });
  show(fbRanking(nuts, "hospital", design.terms[0].levels));
}
