/**
 * Benchmark: NUTS on the visible reference cases, set beside rstan's figures from each case's stan.json.
 * Per case, with the adapt_delta / warm-up / draws recorded there and 4 chains in worker threads:
 * - ess_per_s: min bulk ESS (non-`re__` parameters) per second of sampling, the per-chain sampling times summed
 *   (as rstan's get_elapsed_time summed over chains run on one core), ratio ours / rstan's (target >= 1);
 * - ess_per_1000_grads: min bulk ESS per 1,000 gradient evaluations (warm-up + sampling), ratio (target within 20%);
 * - wall: warm-up + sampling wall time of the parallel run (reported beside, not instead);
 * - first_iter_s: time from the call to the first warm-up iteration, against Stan's compile_s;
 * - leapfrogs per iteration, warm-up and sampling, beside rstan's: the same adaptation costs the same per warm-up
 *   iteration, and the sampling figure shows where the adapted step sizes put the trees (verbagg's chains land on
 *   either side of a depth-6 / depth-7 boundary, which moves its ESS per gradient by up to 1.5x from seed to seed).
 * Medians over `--runs` repetitions with different seeds. Initial values as the slow reference tests use them
 * (CASE_INIT: grouseticks from uniform(-0.5, 0.5)).
 * Run: `npm run bench -- nutsCases [case ...] [--runs 3]` (default: cbpp nielweise2007 sleepstudy owls; `all` for every case).
 * @module
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { essBulk } from "../src/diagnostics/ess.js";
import { fitNuts, isRandomEffect, type NutsFit } from "../src/fit/index.js";
import { loadSpec } from "../src/spec/index.js";
import { chainDraws } from "../src/report/plots/draws.js";
import { CASE_INIT, leapfrogsPerIteration } from "../test/reference/nutsAgreement.js";
import { medianOf, report, type Row } from "./lib/index.js";

const CASES_DIR = fileURLToPath(new URL("../test/fixtures/cases/", import.meta.url));
const FAST = ["cbpp", "nielweise2007", "sleepstudy", "owls"];
const ALL = [...FAST, "kinship_sim", "hospitals_sim", "grouseticks", "verbagg"];

interface CaseRun {
  essPerS: number;
  essPer1000: number;
  wall: number;
  firstIter: number;
  samplingS: number;
  divergences: number;
  lfWarmup: number;
  lfSampling: number;
  maxDepth: number;
  limitHits: number;
  /** Per chain: adapted step size, leapfrogs per draw, and that chain's own min bulk ESS per draw. */
  chains: { stepSize: number; lfPerDraw: number; essPerDraw: number }[];
}

/** Each chain alone: step size, tree cost and min bulk ESS (non-`re__` outputs) per draw, to separate kernel from adaptation. */
function perChain(fit: NutsFit): CaseRun["chains"] {
  const params = fit.result.outputNames.filter((n) => !isRandomEffect(n)).map((n) => chainDraws(fit.result, n));
  return fit.result.chains.map((c, j) => {
    const nd = c.draws.length / fit.result.outputNames.length;
    const minEss = Math.min(...params.map((perChainDraws) => essBulk(perChainDraws[j], 1)));
    return { stepSize: c.stepSize, lfPerDraw: c.samplingLeapfrog / nd, essPerDraw: minEss / nd };
  });
}

async function runCase(name: string, seed: number): Promise<CaseRun> {
  const dir = `${CASES_DIR}${name}`;
  const t0 = performance.now();
  const m = loadSpec(`${dir}/spec.json`);
  const ref = JSON.parse(readFileSync(`${dir}/stan.json`, "utf8"));
  let firstIter = NaN;
  const fit = await fitNuts(m.design, m.priors, {
    seed, chains: ref.chains, warmup: ref.timing.warmup, draws: ref.timing.draws_per_chain,
    adaptDelta: ref.adapt_delta ?? ref.timing.adapt_delta ?? 0.8,
    ...CASE_INIT[name],
    onProgress: () => { if (Number.isNaN(firstIter)) firstIter = (performance.now() - t0) / 1000; },
  });
  const t = fit.timing;
  return {
    essPerS: t.ess_per_s, essPer1000: t.ess_per_1000_grads, wall: (performance.now() - t0) / 1000, firstIter, samplingS: t.sampling_s, divergences: t.divergences,
    ...leapfrogsPerIteration(t), chains: perChain(fit), maxDepth: t.max_treedepth_hit, limitHits: t.treedepth_limit_hits,
  };
}

function parseArgs(args: string[]): { cases: string[]; runs: number } {
  let runs = 3;
  const cases: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--runs") runs = Number(args[++i]);
    else if (args[i] === "all") cases.push(...ALL);
    else cases.push(args[i]);
  }
  return { cases: cases.length ? cases : FAST, runs };
}

export default async function run(args: string[]): Promise<void> {
  const { cases, runs } = parseArgs(args);
  const table: Record<string, unknown>[] = [];
  const rows: Row[] = [];
  for (const name of cases) {
    const ref = JSON.parse(readFileSync(`${CASES_DIR}${name}/stan.json`, "utf8")).timing;
    const rs: CaseRun[] = [];
    for (let r = 0; r < runs; r++) rs.push(await runCase(name, 1000 + r));
    const med = (f: (x: CaseRun) => number) => medianOf(rs.map(f));
    const entry = {
      case: name,
      ess_per_s: med((x) => x.essPerS), rstan_ess_per_s: ref.ess_per_s,
      ess_per_s_ratio: med((x) => x.essPerS) / ref.ess_per_s,
      ess_per_1000_grads: med((x) => x.essPer1000), rstan_ess_per_1000_grads: ref.ess_per_1000_grads,
      grads_ratio: med((x) => x.essPer1000) / ref.ess_per_1000_grads,
      grads_ratio_range: [Math.min(...rs.map((x) => x.essPer1000)) / ref.ess_per_1000_grads, Math.max(...rs.map((x) => x.essPer1000)) / ref.ess_per_1000_grads],
      lf_per_warmup_iter: med((x) => x.lfWarmup), rstan_lf_per_warmup_iter: leapfrogsPerIteration(ref).lfWarmup,
      lf_per_draw: med((x) => x.lfSampling), rstan_lf_per_draw: leapfrogsPerIteration(ref).lfSampling,
      sampling_s: med((x) => x.samplingS), rstan_sampling_s: ref.sampling_s,
      wall_s: med((x) => x.wall), first_iter_s: med((x) => x.firstIter), rstan_compile_s: ref.compile_s,
      divergences: rs.map((x) => x.divergences),
      max_treedepth_hit: rs.map((x) => x.maxDepth), rstan_max_treedepth_hit: ref.max_treedepth_hit,
      treedepth_limit_hits: rs.map((x) => x.limitHits),
      chains: rs.map((x) => x.chains),
    };
    table.push(entry);
    const walls = rs.map((x) => x.wall * 1000);
    rows.push({ name: `${name} (wall, ms)`, timing: { median: medianOf(walls), min: Math.min(...walls), max: Math.max(...walls), samples: walls }, ratio: entry.ess_per_s_ratio });
    console.log(JSON.stringify(entry));
  }
  console.log("\ncase            ess/s   rstan  ratio | ess/1000g  rstan  ratio | lf/warm  rstan lf/draw  rstan | wall_s  first_s  compile_s");
  for (const e of table as Record<string, number & string>[]) {
    const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "-").padStart(7);
    console.log(`${String(e.case).padEnd(14)}${f(e.ess_per_s, 1)}${f(e.rstan_ess_per_s, 1)}${f(e.ess_per_s_ratio)} |${f(e.ess_per_1000_grads, 3)}${f(e.rstan_ess_per_1000_grads, 3)}${f(e.grads_ratio)} |${f(e.lf_per_warmup_iter, 1)}${f(e.rstan_lf_per_warmup_iter, 1)}${f(e.lf_per_draw, 1)}${f(e.rstan_lf_per_draw, 1)} |${f(e.wall_s, 1)}${f(e.first_iter_s)}${f(e.rstan_compile_s, 1)}`);
  }
  report("nutsCases", rows, { runs, cases: table, note: "ratio column = ess_per_s ours / rstan's" });
}
