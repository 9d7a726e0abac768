/**
 * Per-term state of a compiled model: offsets of the term's coordinates in theta, its flat data, and the
 * scratch buffers (allocated once per compiled model) used by the forward and reverse passes (termPasses.ts).
 * @module
 */
import type { ReTerm } from "../design/design.js";
import type { PriorDef } from "../design/priors.js";
import { compileScalarPrior, type ScalarPrior } from "../densities/scalarPrior.js";
import { lkjLogNormaliser } from "../densities/lkj.js";
import { corrFreeSize } from "../transforms/corrCholesky.js";
import { checkKnownCovariance, knownCovarianceFactor, type KnownFactor } from "./knownCovariance.js";

/** How b is built from the term's coordinates. */
export const enum TermKind { Scalar = 0, Correlated = 1, Known = 2 }

/** Everything the passes need for one random-effect term (mutable scratch inside). */
export interface TermState {
  readonly term: ReTerm;
  readonly kind: TermKind;
  readonly centered: boolean;
  readonly k: number;
  readonly nLev: number;
  /** theta offsets: log sd (k), canonical partial correlations (k(k-1)/2), z or b (nLev * k, level-major) */
  readonly sdOff: number;
  readonly cpcOff: number;
  readonly zOff: number;
  readonly index: Int32Array;
  readonly Z: Float64Array;
  /** prior on each sd (null = flat on (0, inf)) */
  readonly sdPriors: readonly (ScalarPrior | null)[];
  readonly lkjEta: number;
  readonly lkjLogNorm: number;
  /** known covariance factor (pivoted Cholesky), computed on first access */
  readonly F: KnownFactor | null;
  readonly b: Float64Array;
  readonly gb: Float64Array;
  readonly sd: Float64Array;
  readonly gsd: Float64Array;
  readonly L: Float64Array;
  readonly M: Float64Array;
  readonly gL: Float64Array;
  readonly gM: Float64Array;
  readonly rowSq: Float64Array;
  /** Known: F z (nLev). Centered correlated: w_j = L^-1 D^-1 b_j (nLev * k). */
  readonly work: Float64Array;
  readonly tmp: Float64Array;
}

/** Number of theta coordinates a term occupies. */
export function termDim(t: ReTerm): number {
  const k = t.termNames.length;
  return k + corrFreeSize(k) + k * t.levels.length;
}

/**
 * Build a term's state at theta offset `off`.
 *
 * @param term - the design's term
 * @param off - first theta coordinate of the term
 * @param sdPriors - prior on each of the k sds (null = flat on (0, inf))
 * @param corPrior - lkj(eta) (null or flat = lkj(1), uniform over correlation matrices)
 * @param centered - parameterise by b directly instead of z
 * @param factorKnown - factor a known covariance K now (false for the rotated compilation, which only checks K)
 * @throws Error for malformed terms or unsupported combinations, saying what to change
 */
export function makeTermState(term: ReTerm, off: number, sdPriors: readonly (PriorDef | null)[], corPrior: PriorDef | null, centered: boolean, factorKnown = true): TermState {
  const k = term.termNames.length, nLev = term.levels.length;
  const name = `term (${term.termNames.join(" + ")} | ${term.group})`;
  checkTerm(term, k, nLev, name);
  if (term.knownCovariance && k !== 1) throw new Error(`${name}: a known covariance needs exactly one coefficient per level`);
  if (term.knownCovariance && centered) throw new Error(`${name}: known-covariance terms are non-centered only (K may be singular); drop centered`);
  const kind = term.knownCovariance ? TermKind.Known : k === 1 ? TermKind.Scalar : TermKind.Correlated;
  let eta = 1;
  if (corPrior && corPrior.dist === "lkj") eta = corPrior.eta;
  else if (corPrior && corPrior.dist !== "flat" && k > 1) throw new Error(`priors.cor must be lkj(eta) or flat, got ${corPrior.dist}`);
  const K = term.knownCovariance, what = `${name} known covariance`;
  // The rotated compilation (rotatedKnown.ts) never uses the factor: K is only checked then.
  if (K && !factorKnown) checkKnownCovariance(K, nLev, what);
  const F = K && factorKnown ? knownCovarianceFactor(K, nLev, what) : null;
  return {
    term, kind, centered, k, nLev,
    sdOff: off, cpcOff: off + k, zOff: off + k + corrFreeSize(k),
    index: term.index, Z: term.Z,
    sdPriors: sdPriors.map((d, a) => (d ? compileScalarPrior(d, `prior of sd__${term.group}__${term.termNames[a]}`) : null)),
    lkjEta: eta, lkjLogNorm: k > 1 ? lkjLogNormaliser(eta, k) : 0,
    F,
    b: new Float64Array(nLev * k), gb: new Float64Array(nLev * k),
    sd: new Float64Array(k), gsd: new Float64Array(k),
    L: new Float64Array(k * k), M: new Float64Array(k * k), gL: new Float64Array(k * k), gM: new Float64Array(k * k),
    rowSq: new Float64Array(Math.max(1, corrFreeSize(k))),
    work: new Float64Array(kind === TermKind.Known ? nLev : kind === TermKind.Correlated && centered ? nLev * k : 1),
    tmp: new Float64Array(k),
  };
}

function checkTerm(term: ReTerm, k: number, nLev: number, name: string): void {
  if (k < 1) throw new Error(`${name}: needs at least one coefficient`);
  if (nLev < 1) throw new Error(`${name}: grouping factor has no levels`);
  const n = term.index.length;
  if (term.Z.length !== n * k) throw new Error(`${name}: Z has ${term.Z.length} values, expected n * k = ${n * k}`);
  for (let i = 0; i < n; i++) {
    const j = term.index[i];
    if (j < 0 || j >= nLev) throw new Error(`${name}: level index ${j} at row ${i + 1} is outside 0..${nLev - 1}`);
  }
}
