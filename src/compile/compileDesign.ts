/**
 * compileDesign: a Design plus ModelPriors -> one log density on an unconstrained vector with a hand-derived
 * gradient. Parameterisation as the Stan reference programs (non-centered by default).
 *
 * Full density: unlike Stan's `~` statements, every normalising constant is kept — the likelihood's
 * (binomial coefficients, factorials, 2 pi), the priors', half priors' truncation constants (log 2 for a
 * zero-located half-normal), the LKJ normaliser and the N(0, 1) constants of z. Gradients are unaffected.
 * Null priors for a class present in the model are flat (improper for fixed effects, sd, sigma, shape);
 * a null/flat `cor` prior is lkj(1) (uniform over correlation matrices).
 * @module
 */
import type { Design } from "../design/design.js";
import type { ModelPriors, PriorDef } from "../design/priors.js";
import { compileScalarPrior, type ScalarPrior } from "../densities/scalarPrior.js";
import { kernelOf, Kernel, setDispersion } from "../families/kernels.js";
import { checkResponse, likelihoodConstant } from "../families/constants.js";
import { aggregateBinomialRows } from "./aggregate.js";
import { beginLogDensity } from "./fixedPriors.js";
import type { CompiledModel } from "./compiledModel.js";
import { glmBlock, makeGlmState, type GlmState } from "./glmBlock.js";
import { makeLayout, pick, type Layout, type PriorOverrides } from "./layout.js";
import { constrainValues, outputNames, unconstrainValues, writeOutput } from "./modelOutputs.js";
import { compileRotatedKnown, rotatableKnown } from "./rotatedKnown.js";
import { forwardTerm, reverseTerm } from "./termPasses.js";

/** Options of compileDesign. */
export interface CompileOptions {
  /** Parameterise random effects directly (b) instead of b = diag(sd) L z. Default false. */
  readonly centered?: boolean;
  /** Per-parameter priors replacing the class priors (keys: fixed name, `sd__g__t`, `cor__g`, `sigma`, `shape`). */
  readonly priorOverrides?: PriorOverrides;
  /**
   * Merge rows with identical covariate patterns into binomial rows for binomial-type likelihoods (same density
   * and gradient, fewer rows; see aggregate.ts). Default true.
   */
  readonly aggregate?: boolean;
  /**
   * Compile a gaussian model with one known-covariance term and one observation per level in the eigenbasis of
   * Z K Z' (O(n p) per gradient; the z coordinates become eigen-coordinates, see rotatedKnown.ts). Default true.
   */
  readonly rotateKnownCovariance?: boolean;
}

/**
 * Compile a design and priors.
 *
 * @param design - the flattened GLMM (src/design/design.ts)
 * @param priors - priors per class; `Intercept` applies to the `(Intercept)` column, `b` to every other column
 * @param options - `{ centered }`
 * @returns the compiled model
 * @throws Error naming what to change (unsupported family/link, bad response, malformed terms or priors)
 * @example
 * const m = compileDesign(design, DEFAULT_PRIORS);
 * const theta = m.unconstrain({ "(Intercept)": 0.5 }); const grad = new Float64Array(m.dim);
 * m.logDensity(theta, grad); // => a finite number; grad filled
 */
export function compileDesign(design: Design, priors: ModelPriors, options: CompileOptions = {}): CompiledModel {
  const centered = !!options.centered;
  checkShapes(design);
  const kernel = kernelOf(design.family, design.link);
  checkResponse(design, kernel);
  const ov = options.priorOverrides ?? {};
  checkOverrides(design, ov);
  const rotate = options.rotateKnownCovariance !== false && rotatableKnown(design, centered);
  const layout = makeLayout(design, priors, centered, ov, !rotate);
  const fixedPriors = design.fixedNames.map((nm) => scalarOrFlat(pick(ov, nm, nm === "(Intercept)" ? priors.Intercept : priors.b), `prior of ${nm}`));
  fixedPriors.forEach((pr, j) => {
    if (pr.positiveOnly) throw new Error(`prior of ${design.fixedNames[j]}: ${pr.def.dist}${"half" in pr.def && pr.def.half ? "+" : ""} has support (0, inf) but a fixed effect is real; use normal, student_t, cauchy or flat`);
  });
  const dispPrior = layout.dispName ? scalarOrFlat(pick(ov, layout.dispName, layout.dispName === "shape" ? priors.shape : priors.sigma), `prior of ${layout.dispName}`) : null;
  if (rotate) return compileRotatedKnown(design, { layout, fixedPriors, dispPrior, constant: likelihoodConstant(design, kernel) });
  const agg = options.aggregate === false ? null : aggregateBinomialRows(design, kernel);
  const glm = agg === null
    ? makeGlmState(design, kernel, layout.terms)
    : makeGlmState(agg, kernel, layout.terms.map((t, k) => ({ ...t, index: agg.terms[k].index, Z: agg.terms[k].Z })));
  const logDensity = makeLogDensity({
    layout, glm, kernel, fixedPriors, dispPrior, n: design.n, constant: likelihoodConstant(design, kernel),
  });
  const outNames = outputNames(design, layout);
  return {
    dim: layout.dim, design, centered,
    names: () => layout.names.slice(),
    logDensity,
    outputNames: () => outNames.slice(),
    output: (theta, out) => writeOutput(layout, theta, out),
    constrain: (theta) => constrainValues(layout, outNames, theta),
    unconstrain: (values) => unconstrainValues(design, layout, values),
  };
}

/** What the log density closes over (all allocated at compile time). */
interface DensityContext {
  readonly layout: Layout;
  readonly glm: GlmState;
  readonly kernel: Kernel;
  readonly fixedPriors: readonly ScalarPrior[];
  readonly dispPrior: ScalarPrior | null;
  readonly n: number;
  readonly constant: number;
}

/**
 * The log density: priors on beta, each term's forward pass (priors, Jacobians, b), the dispersion, the GLM
 * block (likelihood and d/d eta chained to beta and b), each term's reverse pass, the dispersion gradient.
 * Allocates nothing.
 */
function makeLogDensity(c: DensityContext): (theta: Float64Array, grad: Float64Array) => number {
  const { layout, glm, kernel, fixedPriors, dispPrior, n, constant } = c;
  const terms = layout.terms, nT = terms.length, p = layout.p, dim = layout.dim, dispOff = layout.dispOff;
  const isGaussian = kernel === Kernel.GaussianIdentity || kernel === Kernel.GaussianLog;
  return function logDensity(theta: Float64Array, grad: Float64Array): number {
    let lp = beginLogDensity(theta, grad, dim, fixedPriors, constant);
    for (let t = 0; t < nT; t++) lp += forwardTerm(terms[t], theta);
    const disp = dispPrior ? Math.exp(theta[dispOff]) : 1;
    if (dispPrior) lp += theta[dispOff] + dispPrior.logDensity(disp);
    setDispersion(kernel, glm.disp, disp);
    lp += glmBlock(glm, theta, grad);
    for (let t = 0; t < nT; t++) reverseTerm(terms[t], theta, grad);
    if (dispPrior) {
      let gd = glm.disp.gd;
      if (isGaussian) {
        lp -= n * Math.log(disp);
        gd = -n / disp + gd / (disp * disp * disp);
      }
      grad[dispOff] += disp * (gd + dispPrior.gradient(disp)) + 1;
    }
    return lp;
  };
}

function checkOverrides(d: Design, ov: PriorOverrides): void {
  const known = new Set<string>([...d.fixedNames, "sigma", "shape"]);
  for (const t of d.terms) {
    known.add(`cor__${t.group}`);
    for (const nm of t.termNames) known.add(`sd__${t.group}__${nm}`);
  }
  for (const k of Object.keys(ov)) {
    if (!known.has(k)) throw new Error(`prior override for unknown parameter "${k}"; use one of: ${[...known].join(", ")}`);
  }
}

function scalarOrFlat(def: PriorDef | null, what: string): ScalarPrior {
  return compileScalarPrior(def ?? { dist: "flat" }, what);
}

function checkShapes(d: Design): void {
  const where = "design";
  if (d.X.length !== d.n * d.p) throw new Error(`${where}: X has ${d.X.length} values, expected n * p = ${d.n * d.p}`);
  if (d.fixedNames.length !== d.p) throw new Error(`${where}: ${d.fixedNames.length} fixedNames for p = ${d.p} columns`);
  if (d.response.y.length !== d.n) throw new Error(`${where}: response has ${d.response.y.length} values, expected n = ${d.n}`);
  if (d.offset && d.offset.length !== d.n) throw new Error(`${where}: offset has ${d.offset.length} values, expected n = ${d.n}`);
  if (d.response.trials && d.response.trials.length !== d.n) throw new Error(`${where}: trials has ${d.response.trials.length} values, expected n = ${d.n}`);
  for (const t of d.terms) if (t.index.length !== d.n) throw new Error(`${where}: term | ${t.group} has ${t.index.length} rows, expected n = ${d.n}`);
}

export type { Layout };
