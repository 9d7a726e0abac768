/**
 * Reusable buffers of one NUTS transition: the trajectory ends, the momenta at the four edges of the two merged
 * halves, the summed momenta, the proposal/sample points and per-depth tree scratch. Allocating these per
 * transition dominated the cost for cheap densities, so workspaces are cached per dimension and reused (a busy
 * workspace is never shared: a re-entrant call gets a fresh one).
 * @module
 */
import { copyPoint, makePoint, type PhasePoint } from "./integrators.js";
import type { Metric } from "./metrics.js";

/** Momentum and sharp momentum (dK/dp) at one end of a (sub)trajectory. */
export interface Edge {
  p: Float64Array;
  pSharp: Float64Array;
}

/** Buffers of one internal tree node, reused by every node at that depth (one node per depth is active). */
export interface LevelScratch {
  initEnd: Edge;
  finalBeg: Edge;
  rhoInit: Float64Array;
  rhoFinal: Float64Array;
  zProposeFinal: PhasePoint;
}

/** Trajectory-level state and buffers of one transition (Stan's z_fwd, z_bck, p_*_*, rho, ...). */
export interface Workspace {
  z0: PhasePoint;
  zFwd: PhasePoint;
  zBck: PhasePoint;
  zSample: PhasePoint;
  zPropose: PhasePoint;
  fwdFwd: Edge;
  fwdBck: Edge;
  bckFwd: Edge;
  bckBck: Edge;
  rho: Float64Array;
  rhoFwd: Float64Array;
  rhoBck: Float64Array;
  /** Scratch for the integrator's velocity. */
  velocity: Float64Array;
  levels: LevelScratch[];
  logSumWeight: number;
  busy: boolean;
}

/**
 * A zeroed edge.
 *
 * @param dim - dimension
 * @returns momenta p and dK/dp, both zero
 * @example
 * makeEdge(2).p.length; // => 2
 */
export function makeEdge(dim: number): Edge {
  return { p: new Float64Array(dim), pSharp: new Float64Array(dim) };
}

/**
 * Copies an edge's momenta.
 *
 * @param dst - overwritten
 * @param src - source
 * @returns nothing
 * @example
 * copyEdge(makeEdge(1), makeEdge(1)); // => undefined
 */
export function copyEdge(dst: Edge, src: Edge): void {
  dst.p.set(src.p);
  dst.pSharp.set(src.pSharp);
}

/**
 * The scratch of tree depth `depth` (allocated on first use).
 *
 * @param w - workspace
 * @param depth - tree depth (>= 1)
 * @returns the buffers of that depth
 * @example
 * levelScratch(acquireWorkspace(2), 3).rhoInit.length; // => 2
 */
export function levelScratch(w: Workspace, depth: number): LevelScratch {
  let l = w.levels[depth];
  if (!l) {
    const dim = w.rho.length;
    l = {
      initEnd: makeEdge(dim),
      finalBeg: makeEdge(dim),
      rhoInit: new Float64Array(dim),
      rhoFinal: new Float64Array(dim),
      zProposeFinal: makePoint(dim),
    };
    w.levels[depth] = l;
  }
  return l;
}

function makeWorkspace(dim: number): Workspace {
  const v = (): Float64Array => new Float64Array(dim);
  return {
    z0: makePoint(dim),
    zFwd: makePoint(dim),
    zBck: makePoint(dim),
    zSample: makePoint(dim),
    zPropose: makePoint(dim),
    fwdFwd: makeEdge(dim),
    fwdBck: makeEdge(dim),
    bckFwd: makeEdge(dim),
    bckBck: makeEdge(dim),
    rho: v(),
    rhoFwd: v(),
    rhoBck: v(),
    velocity: v(),
    levels: [],
    logSumWeight: 0,
    busy: false,
  };
}

const cache = new Map<number, Workspace>();

/**
 * A free workspace for dimension `dim`, marked busy until `releaseWorkspace`.
 *
 * @param dim - dimension
 * @returns a cached workspace when free, else a fresh one
 * @example
 * acquireWorkspace(3).busy; // => true
 */
export function acquireWorkspace(dim: number): Workspace {
  const cached = cache.get(dim);
  if (cached && !cached.busy) {
    cached.busy = true;
    return cached;
  }
  const fresh = makeWorkspace(dim);
  if (!cached) cache.set(dim, fresh);
  fresh.busy = true;
  return fresh;
}

/**
 * Marks a workspace free again.
 *
 * @param w - workspace from `acquireWorkspace`
 * @returns nothing
 * @example
 * releaseWorkspace(acquireWorkspace(3)); // => undefined
 */
export function releaseWorkspace(w: Workspace): void {
  w.busy = false;
}

/**
 * Starts a trajectory at w.z0 (its momentum already drawn): both ends and all four edges at z0, rho = p0,
 * log sum of weights 0 (= log exp(H0 - H0)).
 *
 * @param w - workspace with z0 set
 * @param metric - metric giving the sharp momentum
 * @returns w
 * @example
 * startTrajectory(acquireWorkspace(1), unitMetric(1)).logSumWeight; // => 0
 */
export function startTrajectory(w: Workspace, metric: Metric): Workspace {
  const z0 = w.z0;
  copyPoint(w.zFwd, z0);
  copyPoint(w.zBck, z0);
  copyPoint(w.zSample, z0);
  copyPoint(w.zPropose, z0);
  w.fwdFwd.p.set(z0.p);
  metric.velocity(z0.p, w.fwdFwd.pSharp);
  copyEdge(w.fwdBck, w.fwdFwd);
  copyEdge(w.bckFwd, w.fwdFwd);
  copyEdge(w.bckBck, w.fwdFwd);
  w.rho.set(z0.p);
  w.logSumWeight = 0;
  return w;
}
