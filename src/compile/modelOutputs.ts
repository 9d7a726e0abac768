/**
 * Constrained outputs of a compiled model (FORMAT.md names) and the inverse map from named values to theta.
 * @module
 */
import type { Design } from "../design/design.js";
import { choleskyOfCorrelation, corrCholeskyInverse } from "../transforms/corrCholesky.js";
import type { Layout } from "./layout.js";
import { forwardTerm } from "./termPasses.js";
import { TermKind, type TermState } from "./termState.js";

/**
 * Output names: fixed effects, then per term sd__g__t and cor__g__t1__t2, then sigma / shape, then re__g__t[level]
 * (coefficient-major within a term).
 *
 * @example
 * outputNames(sleepDesign, layout); // => ["(Intercept)", "Days", "sd__Subject__(Intercept)", "sd__Subject__Days", "cor__Subject__(Intercept)__Days", "sigma", "re__Subject__(Intercept)[308]", ...]
 */
export function outputNames(design: Design, layout: Layout): string[] {
  const out: string[] = [...design.fixedNames];
  for (const t of layout.terms) {
    const { group, termNames } = t.term;
    for (const nm of termNames) out.push(`sd__${group}__${nm}`);
    for (let a = 0; a < t.k; a++) for (let c = a + 1; c < t.k; c++) out.push(`cor__${group}__${termNames[a]}__${termNames[c]}`);
  }
  if (layout.dispName) out.push(layout.dispName);
  for (const t of layout.terms) {
    const { group, termNames, levels } = t.term;
    for (let a = 0; a < t.k; a++) for (const lev of levels) out.push(`re__${group}__${termNames[a]}[${lev}]`);
  }
  return out;
}

/**
 * Write the constrained outputs of theta into out (outputNames order). Runs the terms' forward passes.
 */
export function writeOutput(layout: Layout, theta: Float64Array, out: Float64Array): void {
  let o = 0;
  for (let j = 0; j < layout.p; j++) out[o++] = theta[j];
  for (const t of layout.terms) {
    forwardTerm(t, theta);
    for (let a = 0; a < t.k; a++) out[o++] = t.sd[a];
    for (let a = 0; a < t.k; a++) for (let c = a + 1; c < t.k; c++) out[o++] = correlation(t, a, c);
  }
  if (layout.dispOff >= 0) out[o++] = Math.exp(theta[layout.dispOff]);
  for (const t of layout.terms) for (let a = 0; a < t.k; a++) for (let l = 0; l < t.nLev; l++) out[o++] = t.b[l * t.k + a];
}

function correlation(t: TermState, a: number, c: number): number {
  let s = 0;
  for (let m = 0; m <= a; m++) s += t.L[a * t.k + m] * t.L[c * t.k + m];
  return s;
}

/** Outputs as a record. */
export function constrainValues(layout: Layout, names: readonly string[], theta: Float64Array): Record<string, number> {
  const out = new Float64Array(names.length);
  writeOutput(layout, theta, out);
  const rec: Record<string, number> = {};
  names.forEach((nm, i) => { rec[nm] = out[i]; });
  return rec;
}

/**
 * Named values -> theta (defaults: fixed 0, sd 1, cor 0, sigma/shape 1, random effects 0).
 *
 * @throws Error for a non-positive sd/sigma/shape or an invalid correlation matrix
 */
export function unconstrainValues(design: Design, layout: Layout, values: Readonly<Record<string, number>>): Float64Array {
  const theta = new Float64Array(layout.dim);
  const get = (nm: string, dflt: number) => (values[nm] === undefined ? dflt : values[nm]);
  design.fixedNames.forEach((nm, j) => { theta[j] = get(nm, 0); });
  for (const t of layout.terms) unconstrainTerm(t, get, theta);
  if (layout.dispName) theta[layout.dispOff] = logPositive(get(layout.dispName, 1), layout.dispName);
  return theta;
}

function logPositive(v: number, nm: string): number {
  if (!(v > 0)) throw new Error(`${nm} must be > 0, got ${v}`);
  return Math.log(v);
}

function unconstrainTerm(t: TermState, get: (nm: string, d: number) => number, theta: Float64Array): void {
  const { group, termNames, levels } = t.term;
  const k = t.k;
  const sd = termNames.map((nm) => logPositive(get(`sd__${group}__${nm}`, 1), `sd__${group}__${nm}`));
  sd.forEach((v, a) => { theta[t.sdOff + a] = v; });
  let L: Float64Array = new Float64Array([1]);
  if (k > 1) {
    const R = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) {
      R[a * k + c] = a === c ? 1 : get(`cor__${group}__${termNames[Math.min(a, c)]}__${termNames[Math.max(a, c)]}`, 0);
    }
    L = choleskyOfCorrelation(R, k);
    corrCholeskyInverse(L, k, theta, t.cpcOff);
  }
  const b = new Float64Array(t.nLev * k);
  for (let a = 0; a < k; a++) levels.forEach((lev, l) => { b[l * k + a] = get(`re__${group}__${termNames[a]}[${lev}]`, 0); });
  if (t.centered) { theta.set(b, t.zOff); return; }
  const s = sd.map(Math.exp);
  if (t.kind === TermKind.Known) knownInverse(t, s[0], b, theta);
  else {
    for (let l = 0; l < t.nLev; l++) for (let a = 0; a < k; a++) { // solve diag(s) L z = b
      let v = b[l * k + a] / s[a];
      for (let c = 0; c < a; c++) v -= L[a * k + c] * theta[t.zOff + l * k + c];
      theta[t.zOff + l * k + a] = v / L[a * k + a];
    }
  }
}

/** Solve the first rank rows of L z = b[perm] / sd by forward substitution; z beyond the rank = 0. */
function knownInverse(t: TermState, s: number, b: Float64Array, theta: Float64Array): void {
  const { L, perm, rank, m } = t.F!;
  for (let c = 0; c < m; c++) theta[t.zOff + c] = 0;
  for (let i = 0; i < rank; i++) {
    let v = b[perm[i]] / s;
    for (let c = 0; c < i; c++) v -= L[i * m + c] * theta[t.zOff + c];
    theta[t.zOff + i] = v / L[i * m + i];
  }
}
