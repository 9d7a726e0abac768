/**
 * Small hand-built Designs for the compiler tests (seeded): every family x link, every random-effect structure.
 */
import type { Design, FamilyName, LinkName, ReTerm } from "../../src/design/design.js";
import { makeRng, normal } from "../../src/rng.js";
import type { Rng } from "../../src/types.js";

/** A term request: `k` coefficients (intercept + k-1 covariates) per level of a group with nLev levels. */
export interface TermSpec {
  group: string;
  k?: number;
  nLev?: number;
  /** the term's single coefficient is a covariate instead of the intercept: (0 + x | g) */
  slopeOnly?: boolean;
  /** level = observation (observation-level random effect) */
  obsLevel?: boolean;
  /** nested in the levels of this earlier term index: group a:b with nLev levels per parent level */
  nestedIn?: number;
  /** known covariance between levels; "singular" gives a rank-deficient K */
  known?: "full" | "singular";
}

export interface DesignSpec {
  n: number;
  p: number;
  family: FamilyName;
  link: LinkName;
  terms: TermSpec[];
  offset?: boolean;
  seed: number;
}

function covariates(rng: Rng, n: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < out.length; i++) out[i] = normal(rng);
  return out;
}

function knownK(rng: Rng, m: number, singular: boolean): Float64Array {
  const r = singular ? m - 1 : m + 2;
  const G = covariates(rng, m, r);
  if (singular) { // centre the columns -> rank m - 1
    for (let c = 0; c < r; c++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += G[i * r + c];
      for (let i = 0; i < m; i++) G[i * r + c] -= s / m;
    }
  }
  const K = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let c = 0; c < r; c++) s += G[i * r + c] * G[j * r + c];
    K[i * m + j] = s / r;
  }
  return K;
}

function makeTerm(spec: TermSpec, n: number, rng: Rng, earlier: ReTerm[], cov: Map<string, Float64Array>): ReTerm {
  const k = spec.k ?? 1;
  const same = earlier.find((t) => t.group === spec.group); // one grouping factor per group name, as in a formula
  let nLev = spec.obsLevel ? n : spec.nLev ?? 4;
  const index = new Int32Array(n);
  let levels: string[];
  if (same) {
    nLev = same.levels.length;
    index.set(same.index);
    levels = [...same.levels];
  } else if (spec.nestedIn !== undefined) {
    const parent = earlier[spec.nestedIn];
    const per = spec.nLev ?? 2;
    nLev = parent.levels.length * per;
    for (let i = 0; i < n; i++) index[i] = parent.index[i] * per + (i % per);
    levels = [];
    for (const pl of parent.levels) for (let c = 0; c < per; c++) levels.push(`${pl}:${c + 1}`);
  } else {
    for (let i = 0; i < n; i++) index[i] = spec.obsLevel ? i : i < nLev ? i : Math.floor(rng() * nLev);
    levels = Array.from({ length: nLev }, (_, l) => `L${l + 1}`);
  }
  const Z = new Float64Array(n * k);
  const termNames = spec.slopeOnly ? ["x"] : ["(Intercept)", ...Array.from({ length: k - 1 }, (_, a) => `x${a + 1}`)];
  termNames.forEach((nm, a) => { // one covariate per name, shared by the terms that use it
    if (!cov.has(nm)) cov.set(nm, Float64Array.from({ length: n }, () => (nm === "(Intercept)" ? 1 : normal(rng))));
    const col = cov.get(nm)!;
    for (let i = 0; i < n; i++) Z[i * k + a] = col[i];
  });
  const term: ReTerm = { group: spec.group, termNames, levels, index, Z };
  return spec.known ? { ...term, knownCovariance: knownK(rng, nLev, spec.known === "singular") } : term;
}

function response(rng: Rng, fam: FamilyName, n: number): { y: Float64Array; trials?: Float64Array } {
  const y = new Float64Array(n);
  if (fam === "binomial") {
    const trials = new Float64Array(n);
    for (let i = 0; i < n; i++) { trials[i] = 1 + Math.floor(rng() * 9); y[i] = Math.floor(rng() * (trials[i] + 1)); }
    return { y, trials };
  }
  for (let i = 0; i < n; i++) {
    if (fam === "gaussian") y[i] = 1 + normal(rng);
    else if (fam === "bernoulli") y[i] = rng() < 0.4 ? 1 : 0;
    else y[i] = Math.floor(rng() * 7 * rng());
  }
  if (fam === "gaussian") for (let i = 0; i < n; i++) y[i] = Math.abs(y[i]) + 0.1; // positive: also valid for gaussian/log
  return { y };
}

/**
 * A seeded synthetic Design.
 *
 * @example
 * syntheticDesign({ n: 30, p: 2, family: "poisson", link: "log", terms: [{ group: "g" }], seed: 1 }).n; // => 30
 */
export function syntheticDesign(spec: DesignSpec): Design {
  const rng = makeRng(spec.seed);
  const { n, p } = spec;
  const X = covariates(rng, n, p);
  for (let i = 0; i < n; i++) X[i * p] = 1;
  const fixedNames = ["(Intercept)", ...Array.from({ length: p - 1 }, (_, j) => `c${j + 1}`)];
  const terms: ReTerm[] = [];
  const cov = new Map<string, Float64Array>();
  for (const t of spec.terms) terms.push(makeTerm(t, n, rng, terms, cov));
  const offset = spec.offset ? covariates(rng, n, 1).map((v) => 0.3 * v) : undefined;
  return {
    n, p, X, fixedNames, response: { name: "y", ...response(rng, spec.family, n) },
    ...(offset ? { offset } : {}), terms, family: spec.family, link: spec.link,
  };
}

/** Every random-effect structure the brief lists, on small data. */
export const STRUCTURES: Record<string, TermSpec[]> = {
  intercept: [{ group: "g", nLev: 5 }],
  correlated2: [{ group: "g", k: 2, nLev: 4 }],
  correlated3: [{ group: "g", k: 3, nLev: 4 }],
  uncorrelated: [{ group: "g", nLev: 4 }, { group: "g", slopeOnly: true, nLev: 4 }],
  nested: [{ group: "a", nLev: 3 }, { group: "a:b", nestedIn: 0, nLev: 2 }],
  crossed: [{ group: "a", nLev: 4 }, { group: "b", nLev: 3 }],
  observationLevel: [{ group: "obs", obsLevel: true }, { group: "g", nLev: 3 }],
  knownCovariance: [{ group: "id", nLev: 6, known: "full" }],
  knownSingular: [{ group: "id", nLev: 6, known: "singular" }],
  several: [{ group: "a", k: 2, nLev: 3 }, { group: "b", nLev: 4 }, { group: "c", k: 3, nLev: 3 }],
};

/** Every supported family x link. */
export const FAMILY_LINKS: [FamilyName, LinkName][] = [
  ["gaussian", "identity"], ["gaussian", "log"],
  ["bernoulli", "logit"], ["bernoulli", "probit"], ["bernoulli", "cloglog"],
  ["binomial", "logit"], ["binomial", "probit"], ["binomial", "cloglog"],
  ["poisson", "log"], ["negbinomial2", "log"],
];

/** A seeded random theta: N(0, scale^2) coordinates. */
export function randomTheta(rng: Rng, dim: number, scale = 0.7): Float64Array {
  const th = new Float64Array(dim);
  for (let i = 0; i < dim; i++) th[i] = scale * normal(rng);
  return th;
}
