/**
 * The Laplace (and AGQ) deviance as functions of the optimisation parameters, with warm-started PIRLS:
 * stage 1 (lme4 nAGQ = 0): theta only, beta updated inside PIRLS; stage 2: (theta, beta[, log shape]).
 * @module
 */
import type { Design } from "../design/design.js";
import { agqDeviance, gaussHermite, type GaussHermiteRule } from "./agq.js";
import { glmFamily } from "./glmFamily.js";
import { pirls, type PirlsResult } from "./pirls.js";
import { relativeFactor } from "./lambda.js";
import { setTheta, type PredModule } from "./predModule.js";
import { createRespModule, type RespModule } from "./respModule.js";

/** A GLMM deviance machine: the modules and the last PIRLS solution (for warm starts). */
export interface GlmmState {
  readonly design: Design;
  readonly pred: PredModule;
  resp: RespModule;
  readonly nTheta: number;
  /** Whether the last parameter is log(shape) (NB2). */
  readonly hasShape: boolean;
  last: PirlsResult | null;
  u: Float64Array;
  beta: Float64Array;
  /**
   * b = Lambda(theta) u at the last mode: the warm start carried across theta (PIRLS starts from
   * u = Lambda(theta_new)^-1 b, which moves little with theta, where u itself scales like 1 / theta).
   */
  b: Float64Array;
}

/**
 * Creates the deviance machine for a GLMM.
 * @param design - the design
 * @param pred - its predictor module
 * @param shape - initial NB2 shape (negbinomial2 only)
 * @param logLikConstant - log-likelihood constant to use instead of the design rows' own (merged rows)
 * @returns the state
 * @example
 * createGlmmState(cbppDesign, createPredModule(cbppDesign)).nTheta; // => 1
 */
export function createGlmmState(design: Design, pred: PredModule, shape = 1, logLikConstant?: number): GlmmState {
  const hasShape = design.family === "negbinomial2";
  const resp = createRespModule(design, glmFamily(design.family, design.link, hasShape ? shape : undefined), logLikConstant);
  const q = pred.q;
  return { design, pred, resp, nTheta: pred.theta.length, hasShape, last: null, u: new Float64Array(q), beta: new Float64Array(design.p), b: new Float64Array(q) };
}

/** Sets theta unless Z Lambda already holds it (stencil points that move only beta keep theta). */
function ensureTheta(pred: PredModule, theta: Float64Array): void {
  const cur = pred.theta;
  let same = cur.length === theta.length;
  for (let i = 0; same && i < theta.length; i++) same = cur[i] === theta[i];
  if (!same) setTheta(pred, theta);
}

/**
 * PIRLS start at theta: u = T^-1 b per level of each unstructured term (forward substitution; a
 * coefficient whose diagonal of T is near 0 keeps its last u), the last u for known-covariance terms.
 */
function startU(st: GlmmState, theta: Float64Array): Float64Array {
  const u = Float64Array.from(st.u);
  for (const lay of st.pred.layouts) {
    if (lay.knownFactor) continue;
    const T = relativeFactor(theta, lay), k = lay.k;
    for (let l = 0, o = lay.offset; l < lay.nLevels; l++, o += k) {
      for (let i = 0; i < k; i++) {
        let s = st.b[o + i];
        for (let j = 0; j < i; j++) s -= T[i * k + j] * u[o + j];
        const d = T[i * k + i];
        if (Math.abs(d) > 1e-4) u[o + i] = s / d;
      }
    }
  }
  return u;
}

/** b = Lambda(theta) u for the unstructured terms (u itself for known-covariance terms, unused). */
function lambdaTimes(st: GlmmState, theta: Float64Array, u: Float64Array): Float64Array {
  const b = Float64Array.from(u);
  for (const lay of st.pred.layouts) {
    if (lay.knownFactor) continue;
    const T = relativeFactor(theta, lay), k = lay.k;
    for (let l = 0, o = lay.offset; l < lay.nLevels; l++, o += k) {
      for (let i = 0; i < k; i++) {
        let s = 0;
        for (let j = 0; j <= i; j++) s += T[i * k + j] * u[o + j];
        b[o + i] = s;
      }
    }
  }
  return b;
}

/**
 * Stage-1 deviance at theta: PIRLS over (u, beta) jointly, Laplace formula with that L.
 * @param st - state (warm start updated)
 * @param theta - relative covariance parameters
 * @param tol - PIRLS tolerance on the relative Newton decrement (default 1e-13)
 * @returns -2 log-likelihood approximation (lme4 nAGQ = 0)
 * @example
 * stage1Deviance(st, new Float64Array([0.64])); // => about 184 for cbpp
 */
export function stage1Deviance(st: GlmmState, theta: Float64Array, tol = 1e-13): number {
  ensureTheta(st.pred, theta);
  const r = pirls(st.pred, st.resp, st.beta, startU(st, theta), false, tol);
  return remember(st, r, theta);
}

function remember(st: GlmmState, r: PirlsResult, theta: Float64Array): number {
  st.last = r;
  const dev = r.pdev + r.ldL2;
  if (Number.isFinite(dev)) { st.u = r.u; st.beta = r.beta; st.b = lambdaTimes(st, theta, r.u); }
  return Number.isFinite(dev) ? dev : Infinity;
}

/**
 * Stage-2 parameters: theta, then beta, then log(shape) for NB2.
 * @param st - state
 * @param x - packed parameters
 * @returns theta, beta and shape (undefined when not NB2)
 * @example
 * unpack(st, new Float64Array([0.64, -1.4, -1, -1.1, -1.6])).theta; // => [0.64]
 */
export function unpack(st: GlmmState, x: Float64Array): { theta: Float64Array; beta: Float64Array; shape?: number } {
  const theta = x.slice(0, st.nTheta), beta = x.slice(st.nTheta, st.nTheta + st.design.p);
  return { theta, beta, shape: st.hasShape ? Math.exp(x[st.nTheta + st.design.p]) : undefined };
}

/**
 * Laplace (rule undefined) or AGQ deviance at packed (theta, beta[, log shape]): PIRLS over u only.
 * @param st - state (warm start updated)
 * @param x - packed parameters
 * @param rule - Gauss-Hermite rule for AGQ; omit for Laplace
 * @param tol - PIRLS tolerance on the relative Newton decrement (default 1e-13)
 * @returns -2 log marginal likelihood (all constants)
 * @example
 * jointDeviance(st, lme4Estimates); // => 184.0531 for cbpp (lme4's -2 logLik)
 */
export function jointDeviance(st: GlmmState, x: Float64Array, rule?: GaussHermiteRule, tol = 1e-13): number {
  const { theta, beta, shape } = unpack(st, x);
  if (shape !== undefined && shape !== st.resp.family.shape) {
    st.resp.family = glmFamily(st.design.family, st.design.link, shape);
  }
  ensureTheta(st.pred, theta);
  const r = pirls(st.pred, st.resp, beta, startU(st, theta), true, tol);
  const lap = remember(st, r, theta);
  if (!rule || !Number.isFinite(lap)) return lap;
  return agqDeviance(st.pred, st.resp, beta, r.u, rule);
}

export { gaussHermite };
