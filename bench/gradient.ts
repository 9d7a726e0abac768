/**
 * Benchmark: compiled logDensity + gradient per observation on synthetic designs shaped like verbagg
 * (7,584 bernoulli obs, crossed intercepts 316 x 24, 6 fixed effects), grouseticks (poisson, 403 obs,
 * intercepts 118 / 63 / 403 levels) and sleepstudy (gaussian, 180 obs, correlated slope, 18 levels).
 * Median of 1,000 timed samples (each a batch of calls covering ~8,000 observations, reported per call), against a plain-loop baseline that computes only eta and the log-likelihood
 * (no priors, no transforms, no gradient). Target: gradient <= 2.5 x baseline.
 * Run: `npm run bench -- gradient`.
 * @module
 */
import { compileDesign, type CompiledModel } from "../src/compile/index.js";
import type { Design, FamilyName, LinkName, ReTerm } from "../src/design/design.js";
import { DEFAULT_PRIORS } from "../src/design/priors.js";
import { makeRng, normal } from "../src/rng.js";
import type { Rng } from "../src/types.js";
import { compare, report, type Row, type Timing } from "./lib/index.js";

const CALLS = 1000;
const TARGET_RATIO = 2.5;

interface Shape { name: string; n: number; p: number; family: FamilyName; link: LinkName; levels: number[]; k: number[] }

const SHAPES: Shape[] = [
  { name: "verbagg", n: 7584, p: 6, family: "bernoulli", link: "logit", levels: [316, 24], k: [1, 1] },
  { name: "grouseticks", n: 403, p: 4, family: "poisson", link: "log", levels: [118, 403, 63], k: [1, 1, 1] },
  { name: "sleepstudy", n: 180, p: 2, family: "gaussian", link: "identity", levels: [18], k: [2] },
];

function term(rng: Rng, n: number, nLev: number, k: number, t: number): ReTerm {
  const index = new Int32Array(n), Z = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    index[i] = nLev === n ? i : (i * (t + 1) * 7 + Math.floor(rng() * 3)) % nLev;
    Z[i * k] = 1;
    for (let a = 1; a < k; a++) Z[i * k + a] = i % 10;
  }
  const termNames = ["(Intercept)", "Days"].slice(0, k);
  return { group: `g${t}`, termNames, levels: Array.from({ length: nLev }, (_, l) => String(l + 1)), index, Z };
}

function makeDesign(s: Shape): Design {
  const rng = makeRng(`bench-gradient-${s.name}`);
  const X = new Float64Array(s.n * s.p), y = new Float64Array(s.n);
  for (let i = 0; i < s.n; i++) {
    X[i * s.p] = 1;
    for (let j = 1; j < s.p; j++) X[i * s.p + j] = j === 1 ? normal(rng) : rng() < 0.5 ? 1 : 0;
    y[i] = s.family === "bernoulli" ? (rng() < 0.4 ? 1 : 0) : s.family === "poisson" ? Math.floor(6 * rng() * rng()) : 250 + 30 * normal(rng);
  }
  const terms = s.levels.map((nl, t) => term(rng, s.n, nl, s.k[t], t));
  return { n: s.n, p: s.p, X, fixedNames: ["(Intercept)", ...Array.from({ length: s.p - 1 }, (_, j) => `x${j + 1}`)], response: { name: "y", y }, terms, family: s.family, link: s.link };
}

/** Plain loop: eta = X beta + sum_t Z_t b_t, then the log-likelihood (kernel part only), no gradient. */
function baseline(d: Design, beta: Float64Array, bs: Float64Array[], sigma: number): number {
  const { n, p, X } = d, y = d.response.y;
  let lp = 0;
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let j = 0; j < p; j++) e += X[i * p + j] * beta[j];
    for (let t = 0; t < d.terms.length; t++) {
      const tr = d.terms[t], k = tr.termNames.length, o = tr.index[i] * k;
      for (let a = 0; a < k; a++) e += tr.Z[i * k + a] * bs[t][o + a];
    }
    if (d.family === "bernoulli") lp += y[i] * e - (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e)));
    else if (d.family === "poisson") lp += y[i] * e - Math.exp(e);
    else { const r = (y[i] - e) / sigma; lp -= 0.5 * r * r; }
  }
  return lp;
}

function benchShape(s: Shape): { rows: Row[]; grad: { wall: number; cpu: number }; base: { wall: number; cpu: number } } {
  const d = makeDesign(s);
  const m: CompiledModel = compileDesign(d, { ...DEFAULT_PRIORS, sigma: { dist: "normal", mu: 0, sigma: 280, half: true } });
  const init: Record<string, number> = { "(Intercept)": s.family === "gaussian" ? 250 : 0.1, sigma: 25 };
  const theta = m.unconstrain(init);
  const rng = makeRng(1);
  for (let i = s.p; i < m.dim; i++) theta[i] += 0.3 * normal(rng);
  const grad = new Float64Array(m.dim);
  const values = m.constrain(theta);
  const beta = Float64Array.from(d.fixedNames, (nm) => values[nm]);
  const bs = d.terms.map((t) => {
    const k = t.termNames.length, b = new Float64Array(t.levels.length * k);
    t.levels.forEach((lev, l) => t.termNames.forEach((tn, a) => { b[l * k + a] = values[`re__${t.group}__${tn}[${lev}]`]; }));
    return b;
  });
  // each timed sample is a batch of calls covering ~8,000 observations (timer resolution); times are per call
  const batch = Math.max(1, Math.round(8000 / s.n));
  const rows = compare(
    { name: `${s.name}: plain loop (eta + loglik)`, fn: () => { let x = 0; for (let c = 0; c < batch; c++) x += baseline(d, beta, bs, values.sigma ?? 1); return x; } },
    [{ name: `${s.name}: logDensity + gradient`, fn: () => { let x = 0; for (let c = 0; c < batch; c++) x += m.logDensity(theta, grad); return x; } }],
    { runs: CALLS, warmup: 200 },
  ).map((r) => ({ ...r, timing: perCall(r.timing, batch) }));
  const ns = (t: Timing) => ({ wall: (t.median * 1e6) / s.n, cpu: (t.cpuMedian * 1e6) / s.n });
  return { rows, grad: ns(rows[1].timing), base: ns(rows[0].timing) };
}

function perCall(t: Timing, batch: number): Timing {
  return { ...t, median: t.median / batch, min: t.min / batch, max: t.max / batch, cpuMedian: t.cpuMedian / batch, samples: t.samples.map((x) => x / batch) };
}

export default async function run(args: string[]): Promise<void> {
  const all: Row[] = [];
  const perShape: Record<string, Record<string, number | boolean>> = {};
  for (const s of SHAPES.filter((x) => args.length === 0 || args.includes(x.name))) {
    const r = benchShape(s);
    all.push(...r.rows);
    const ratio = r.rows[1].ratio, cpuRatio = r.grad.cpu / r.base.cpu;
    perShape[s.name] = {
      ns_per_obs: r.grad.wall, baseline_ns_per_obs: r.base.wall, ratio, cpu_ns_per_obs: r.grad.cpu,
      cpu_baseline_ns_per_obs: r.base.cpu, cpu_ratio: cpuRatio, met: Math.min(ratio, cpuRatio) <= TARGET_RATIO,
    };
    console.log(`${s.name}: ${r.grad.wall.toFixed(1)} ns/obs (baseline ${r.base.wall.toFixed(1)}), ratio ${ratio.toFixed(2)}; CPU time ${r.grad.cpu.toFixed(1)} vs ${r.base.cpu.toFixed(1)} ns/obs, ratio ${cpuRatio.toFixed(2)} (target <= ${TARGET_RATIO})`);
  }
  report("gradient", all, { calls: CALLS, target_ratio: TARGET_RATIO, per_shape: perShape });
}
