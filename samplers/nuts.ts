/**
 * The No-U-Turn Sampler with multinomial sampling, transcribed from Stan's `base_nuts.hpp` (Stan >= 2.21):
 * iterative doubling in a random direction, biased progressive sampling between the old trajectory and each new
 * subtree, uniform-progressive (multinomial) sampling inside subtrees, the generalised no-U-turn criterion on
 * sharp momenta checked across the merged tree and across the two extra sub-trajectory pairs, divergence when
 * H - H0 > maxDeltaH, and Stan's accept_stat (mean of min(1, exp(H0 - H)) over all leapfrog states built).
 *
 * `init` / `step` follow blackjax: the state caches log density and gradient; `step` is pure (it never mutates
 * its input state) given the rng.
 * @module
 */
import type { LogDensityFn, Rng } from "../src/types.js";
import {
  copyPoint,
  evaluate,
  hamiltonian,
  integrate,
  leapfrog,
  makePoint,
  type IntegratorCoefficients,
  type PhasePoint,
} from "./integrators.js";
import type { Metric } from "./metrics.js";
import { acquireWorkspace, copyEdge, levelScratch, releaseWorkspace, startTrajectory, type Edge, type Workspace } from "./nutsWorkspace.js";

/** A NUTS state: position with cached log density and gradient. */
export interface NutsState {
  /** Unconstrained position. */
  readonly position: Float64Array;
  /** log p(position). */
  readonly logDensity: number;
  /** Gradient of log p at position. */
  readonly logDensityGrad: Float64Array;
}

/** Per-transition diagnostics, Stan's sampler columns. */
export interface NutsInfo {
  /** Mean Metropolis acceptance over the trajectory (accept_stat__). */
  acceptStat: number;
  /** True when some leapfrog state had H - H0 > maxDeltaH (divergent__). */
  isDivergent: boolean;
  /** Number of doublings accepted (treedepth__). */
  treeDepth: number;
  /** Leapfrog steps taken (n_leapfrog__). */
  numSteps: number;
  /** Hamiltonian of the selected point (energy__). */
  energy: number;
  /** Step size used (stepsize__). */
  stepSize: number;
}

/** Parameters of one NUTS transition. */
export interface NutsParams {
  /** The target log density (with gradient). */
  logDensity: LogDensityFn;
  /** Integrator step size. */
  stepSize: number;
  /** Euclidean metric (inverse mass matrix). */
  metric: Metric;
  /** Maximum number of doublings (default 10). */
  maxTreeDepth?: number;
  /** Divergence threshold on H - H0 (default 1000). */
  maxDeltaH?: number;
  /** Integrator coefficients (default leapfrog). */
  integrator?: IntegratorCoefficients;
}

/**
 * Initial NUTS state at `position`.
 *
 * @param position - unconstrained position (copied)
 * @param logDensity - target log density
 * @returns the state with cached log density and gradient
 * @throws when the log density or its gradient is not finite there
 * @example
 * init(new Float64Array([1]), (t, g) => { g[0] = -t[0]; return -0.5 * t[0] * t[0]; }).logDensity; // => -0.5
 */
export function init(position: Float64Array, logDensity: LogDensityFn): NutsState {
  const z = makePoint(position.length);
  z.q.set(position);
  evaluate(z, logDensity);
  if (!Number.isFinite(z.logp) || !z.grad.every(Number.isFinite)) {
    throw new Error("NUTS init: the log density or its gradient is not finite at the initial position; choose another.");
  }
  return { position: z.q, logDensity: z.logp, logDensityGrad: z.grad };
}

/** Mutable bookkeeping shared by one transition's recursive tree building. */
interface TreeContext {
  readonly logDensity: LogDensityFn;
  readonly metric: Metric;
  readonly integrator: IntegratorCoefficients;
  readonly rng: Rng;
  readonly stepSize: number;
  readonly maxDeltaH: number;
  readonly H0: number;
  /** Reused buffers, including the per-depth tree scratch. */
  readonly work: Workspace;
  /** Inverse metric diagonal when the fused leapfrog applies (diag or unit metric, leapfrog integrator). */
  readonly diagInverse: Float64Array | undefined;
  numSteps: number;
  sumMetroProb: number;
  divergent: boolean;
}

/** What a subtree reports back to its parent: validity and log of its summed weights exp(H0 - H). */
interface SubtreeResult {
  valid: boolean;
  logSumWeight: number;
}

/**
 * log(exp(a) + exp(b)) with -Infinity handled (Stan's `log_sum_exp`).
 *
 * @param a - first log value
 * @param b - second log value
 * @returns log(exp(a) + exp(b))
 * @example
 * logSumExp(0, 0); // => Math.LN2
 */
export function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Base case of build_tree: one leapfrog step from z (in place). */
function buildLeaf(ctx: TreeContext, z: PhasePoint, zPropose: PhasePoint, beg: Edge, end: Edge, rho: Float64Array, sign: number): SubtreeResult {
  const h = ctx.diagInverse ? leafStepDiag(ctx, z, sign * ctx.stepSize, ctx.diagInverse, beg, end, rho) : leafStepGeneric(ctx, z, sign * ctx.stepSize, beg, end, rho);
  ctx.numSteps++;
  if (h - ctx.H0 > ctx.maxDeltaH) ctx.divergent = true;
  const logWeight = ctx.H0 - h;
  ctx.sumMetroProb += logWeight > 0 ? 1 : Math.exp(logWeight);
  copyPoint(zPropose, z);
  return { valid: !ctx.divergent, logSumWeight: logWeight };
}

/** Any metric and integrator: step, then H, sharp momentum and the edge/rho bookkeeping. Returns H. */
function leafStepGeneric(ctx: TreeContext, z: PhasePoint, eps: number, beg: Edge, end: Edge, rho: Float64Array): number {
  integrate(z, eps, ctx.logDensity, ctx.metric, ctx.integrator, ctx.work.velocity);
  const h = hamiltonian(z, ctx.metric);
  ctx.metric.velocity(z.p, beg.pSharp);
  end.pSharp.set(beg.pSharp);
  for (let i = 0; i < rho.length; i++) rho[i] += z.p[i];
  beg.p.set(z.p);
  end.p.set(z.p);
  return h;
}

/**
 * Leapfrog with a diagonal metric, fused: the same floating-point operations as the generic path (so the same
 * draws), in two passes over the coordinates instead of about ten. Returns H (NaN mapped to +Infinity).
 */
function leafStepDiag(ctx: TreeContext, z: PhasePoint, eps: number, inv: Float64Array, beg: Edge, end: Edge, rho: Float64Array): number {
  const { q, p, grad } = z;
  const n = q.length, half = 0.5 * eps, full = 1 * eps;
  for (let i = 0; i < n; i++) {
    p[i] += half * grad[i];
    q[i] += full * (inv[i] * p[i]);
  }
  evaluate(z, ctx.logDensity);
  const bp = beg.p, ep = end.p, bs = beg.pSharp, es = end.pSharp;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const pi = (p[i] += half * grad[i]);
    k += pi * pi * inv[i];
    const s = inv[i] * pi;
    bs[i] = s;
    es[i] = s;
    rho[i] += pi;
    bp[i] = pi;
    ep[i] = pi;
  }
  const h = -z.logp + 0.5 * k;
  return Number.isNaN(h) ? Infinity : h;
}

/**
 * Stan's build_tree: a subtree of 2^depth leapfrog steps from z in direction `sign`. Writes the proposal, the
 * momenta at the subtree's beginning and end, and adds the subtree's summed momentum to rho.
 */
function buildTree(
  ctx: TreeContext,
  depth: number,
  z: PhasePoint,
  zPropose: PhasePoint,
  beg: Edge,
  end: Edge,
  rho: Float64Array,
  sign: number,
): SubtreeResult {
  if (depth === 0) return buildLeaf(ctx, z, zPropose, beg, end, rho, sign);
  const dim = rho.length;
  const w = levelScratch(ctx.work, depth);
  w.rhoInit.fill(0);
  const left = buildTree(ctx, depth - 1, z, zPropose, beg, w.initEnd, w.rhoInit, sign);
  if (!left.valid) return left;

  copyPoint(w.zProposeFinal, z);
  w.rhoFinal.fill(0);
  const right = buildTree(ctx, depth - 1, z, w.zProposeFinal, w.finalBeg, end, w.rhoFinal, sign);
  if (!right.valid) return right;

  // Multinomial sample from the right subtree
  const logSumWeight = logSumExp(left.logSumWeight, right.logSumWeight);
  if (right.logSumWeight > logSumWeight) {
    copyPoint(zPropose, w.zProposeFinal);
  } else if (ctx.rng() < Math.exp(right.logSumWeight - logSumWeight)) {
    copyPoint(zPropose, w.zProposeFinal);
  }

  const persist = junctionPersists(rho, w.rhoInit, w.rhoFinal, { beg, end: w.initEnd }, { beg: w.finalBeg, end });
  return { valid: persist, logSumWeight };
}

/**
 * Stan's three no-U-turn checks across two adjacent sub-trajectories L (left, earlier in time) and R: around the
 * merged trajectory (rho_L + rho_R), then across the junction from each side (rho_L + p at R's start, rho_R + p at
 * L's end). Adds rho_L + rho_R into `rhoOut`. One pass; each dot product is summed in index order, as separate loops
 * would, so the decision is the same bit for bit.
 */
function junctionPersists(rhoOut: Float64Array, rhoL: Float64Array, rhoR: Float64Array, l: { beg: Edge; end: Edge }, r: { beg: Edge; end: Edge }): boolean {
  const lBegS = l.beg.pSharp, lEndP = l.end.p, lEndS = l.end.pSharp, rBegP = r.beg.p, rBegS = r.beg.pSharp, rEndS = r.end.pSharp;
  let d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0;
  for (let i = 0; i < rhoOut.length; i++) {
    const rho = rhoL[i] + rhoR[i];
    rhoOut[i] += rho;
    d1 += rEndS[i] * rho;
    d2 += lBegS[i] * rho;
    const ra = rhoL[i] + rBegP[i];
    d3 += rBegS[i] * ra;
    d4 += lBegS[i] * ra;
    const rb = rhoR[i] + lEndP[i];
    d5 += rEndS[i] * rb;
    d6 += lEndS[i] * rb;
  }
  return d1 > 0 && d2 > 0 && d3 > 0 && d4 > 0 && d5 > 0 && d6 > 0;
}

/**
 * Extends the trajectory by one subtree of 2^depth steps in a random direction (Stan's outer loop body).
 * Returns false when the subtree is invalid (divergent or U-turn inside it).
 */
function extend(ctx: TreeContext, t: Workspace, depth: number): SubtreeResult {
  const { zPropose, rhoFwd, rhoBck } = t;
  rhoFwd.fill(0);
  rhoBck.fill(0);
  if (ctx.rng() > 0.5) {
    rhoBck.set(t.rho);
    copyEdge(t.bckFwd, t.fwdFwd);
    return buildTree(ctx, depth, t.zFwd, zPropose, t.fwdBck, t.fwdFwd, rhoFwd, 1);
  }
  rhoFwd.set(t.rho);
  copyEdge(t.fwdBck, t.bckBck);
  return buildTree(ctx, depth, t.zBck, zPropose, t.bckFwd, t.bckBck, rhoBck, -1);
}

/** The three no-U-turn checks across the whole trajectory after merging a new subtree (rho = rho_bck + rho_fwd). */
function trajectoryPersists(t: Workspace): boolean {
  t.rho.fill(0);
  return junctionPersists(t.rho, t.rhoBck, t.rhoFwd, { beg: t.bckBck, end: t.bckFwd }, { beg: t.fwdBck, end: t.fwdFwd });
}

/**
 * One NUTS transition (Stan's `base_nuts::transition`). Pure given the rng: `state` is not modified.
 * Random numbers are consumed in Stan's order: momentum normals, then per doubling a direction uniform, the
 * uniforms of the subtree merges, and one uniform for the biased progressive sample (when needed).
 *
 * @param rng - uniform source
 * @param state - current state
 * @param params - log density, step size, metric, max tree depth (10), max delta H (1000)
 * @returns the next state and the transition's diagnostics
 * @example
 * const f = (t, g) => { g[0] = -t[0]; return -0.5 * t[0] * t[0]; };
 * const [next, info] = step(makeRng(1), init(new Float64Array([0]), f), { logDensity: f, stepSize: 0.5, metric: unitMetric(1) });
 * info.numSteps >= 1; // => true
 */
export function step(rng: Rng, state: NutsState, params: NutsParams): [NutsState, NutsInfo] {
  const work = acquireWorkspace(state.position.length);
  try {
    return transition(rng, state, params, work);
  } finally {
    releaseWorkspace(work);
  }
}

function transition(rng: Rng, state: NutsState, params: NutsParams, t: Workspace): [NutsState, NutsInfo] {
  const { metric } = params;
  const maxTreeDepth = params.maxTreeDepth ?? 10;
  const z0 = t.z0;
  z0.q.set(state.position);
  z0.grad.set(state.logDensityGrad);
  z0.logp = state.logDensity;
  metric.sampleMomentum(rng, z0.p);
  const ctx = makeContext(rng, params, hamiltonian(z0, metric), t);
  startTrajectory(t, metric);
  let depth = 0;
  while (depth < maxTreeDepth) {
    const sub = extend(ctx, t, depth);
    if (!sub.valid) break;
    depth++;
    // Biased progressive sampling: prefer the new subtree
    if (sub.logSumWeight > t.logSumWeight) copyPoint(t.zSample, t.zPropose);
    else if (rng() < Math.exp(sub.logSumWeight - t.logSumWeight)) copyPoint(t.zSample, t.zPropose);
    t.logSumWeight = logSumExp(t.logSumWeight, sub.logSumWeight);
    if (!trajectoryPersists(t)) break;
  }
  const info: NutsInfo = {
    acceptStat: ctx.numSteps > 0 ? ctx.sumMetroProb / ctx.numSteps : 0,
    isDivergent: ctx.divergent,
    treeDepth: depth,
    numSteps: ctx.numSteps,
    energy: hamiltonian(t.zSample, metric),
    stepSize: params.stepSize,
  };
  const next = { position: Float64Array.from(t.zSample.q), logDensity: t.zSample.logp, logDensityGrad: Float64Array.from(t.zSample.grad) };
  return [next, info];
}

function makeContext(rng: Rng, params: NutsParams, H0: number, work: Workspace): TreeContext {
  const integrator = params.integrator ?? leapfrog;
  const isLeapfrog = integrator.length === 3 && integrator[0] === 0.5 && integrator[1] === 1 && integrator[2] === 0.5;
  return {
    diagInverse: isLeapfrog && params.metric.kind === "diag" ? params.metric.inverse : undefined,
    logDensity: params.logDensity,
    metric: params.metric,
    integrator,
    rng,
    stepSize: params.stepSize,
    maxDeltaH: params.maxDeltaH ?? 1000,
    H0,
    work,
    numSteps: 0,
    sumMetroProb: 0,
    divergent: false,
  };
}
