/**
 * Layout of the unconstrained vector: beta (p), then per term [log sd (k), atanh canonical partial correlations
 * (k(k-1)/2), z or b (levels x k, level-major)], then log(sigma) or log(shape).
 * @module
 */
import type { Design } from "../design/design.js";
import type { ModelPriors, PriorDef } from "../design/priors.js";
import { makeTermState, termDim, TermKind, type TermState } from "./termState.js";

/** Offsets and names of every unconstrained coordinate. */
export interface Layout {
  readonly dim: number;
  readonly p: number;
  readonly terms: readonly TermState[];
  /** offset of log(sigma) / log(shape), -1 when the family has no dispersion */
  readonly dispOff: number;
  readonly dispName: "sigma" | "shape" | null;
  readonly names: readonly string[];
}

/**
 * Build the layout and the term states.
 *
 * @example
 * makeLayout(design, priors, false).names; // => ["(Intercept)", "log(sd__herd__(Intercept))", "z__herd__(Intercept)[1]", ...]
 */
export function makeLayout(design: Design, priors: ModelPriors, centered: boolean, overrides: PriorOverrides = {}, factorKnown = true): Layout {
  const names: string[] = [...design.fixedNames];
  const terms: TermState[] = [];
  let off = design.p;
  for (const term of design.terms) {
    const sdPriors = term.termNames.map((nm) => pick(overrides, `sd__${term.group}__${nm}`, priors.sd));
    const t = makeTermState(term, off, sdPriors, pick(overrides, `cor__${term.group}`, priors.cor), centered, factorKnown);
    terms.push(t);
    names.push(...termCoordinateNames(t));
    off += termDim(term);
  }
  const dispName = design.family === "gaussian" ? "sigma" : design.family === "negbinomial2" ? "shape" : null;
  const dispOff = dispName ? off : -1;
  if (dispName) names.push(`log(${dispName})`);
  checkUnique(names);
  return { dim: names.length, p: design.p, terms, dispOff, dispName, names };
}

function termCoordinateNames(t: TermState): string[] {
  const { group, termNames, levels } = t.term;
  const out = termNames.map((nm) => `log(sd__${group}__${nm})`);
  for (let i = 1; i < t.k; i++) for (let j = 0; j < i; j++) out.push(`atanh_cpc__${group}[${i + 1},${j + 1}]`);
  const prefix = t.centered ? "re" : "z";
  for (let l = 0; l < t.nLev; l++) {
    for (let a = 0; a < t.k; a++) {
      const lab = t.kind === TermKind.Known && !t.centered ? String(l + 1) : levels[l];
      out.push(`${prefix}__${group}__${termNames[a]}[${lab}]`);
    }
  }
  return out;
}

function checkUnique(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const nm of names) {
    if (seen.has(nm)) throw new Error(`duplicate parameter name ${nm}: two terms share a group and a coefficient; merge them into one term`);
    seen.add(nm);
  }
}

/**
 * Per-parameter priors that replace the class prior of ModelPriors, keyed by output name: a fixed effect's R
 * name, `sd__<group>__<term>`, `cor__<group>` (the term's correlation matrix), `sigma`, `shape`.
 */
export type PriorOverrides = Readonly<Record<string, PriorDef>>;

/** The override for `name` if given, else the class prior. */
export function pick(overrides: PriorOverrides, name: string, dflt: PriorDef | null): PriorDef | null {
  return Object.prototype.hasOwnProperty.call(overrides, name) ? overrides[name] : dflt;
}
