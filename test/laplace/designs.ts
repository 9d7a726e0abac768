/**
 * Hand-built Designs for the reference cases (until formula -> Design lands): treatment contrasts with
 * the spec's factor level order, columns named as R names them.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { Design, FamilyName, LinkName, ReTerm } from "../../src/design/design.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "laplace");

type Row = Record<string, string>;
interface Spec {
  family: FamilyName; link: LinkName;
  response: { column: string; trials?: string };
  factors: Record<string, string[]>;
}

/** Fixed term: list of variables ("x", a factor name, or "factor(x)"); [] is the intercept. */
export interface CaseModel {
  readonly fixed: readonly (readonly string[])[];
  readonly re: readonly { group: string; terms: readonly string[]; known?: string; shift?: number }[];
  readonly offset?: (row: Row) => number;
  readonly family?: FamilyName;
  /** Keep only rows passing this filter. */
  readonly rows?: (row: Row) => boolean;
}

/** Reads a fixture JSON file. */
export function fixtureJson(caseName: string, file: string): any {
  return JSON.parse(readFileSync(join(FIXTURES, caseName, file), "utf8"));
}

function readRows(caseName: string): Row[] {
  return parse(readFileSync(join(FIXTURES, caseName, "data.csv"), "utf8"), { columns: true, skip_empty_lines: true });
}

interface Column { name: string; values: Float64Array }

function varColumns(v: string, rows: Row[], spec: Spec): Column[] {
  const m = /^factor\((.+)\)$/.exec(v);
  const col = m ? m[1] : v;
  const present = new Set(rows.map((r) => r[col]));
  const levels = spec.factors[col]?.filter((l) => present.has(l));
  if (!levels) return [{ name: v, values: Float64Array.from(rows, (r) => Number(r[col])) }];
  return levels.slice(1).map((lev) => ({ name: `${v}${lev}`, values: Float64Array.from(rows, (r) => (r[col] === lev ? 1 : 0)) }));
}

function termColumns(term: readonly string[], rows: Row[], spec: Spec): Column[] {
  let cols: Column[] = [{ name: "", values: new Float64Array(rows.length).fill(1) }];
  for (const v of term) {
    const next: Column[] = [];
    for (const a of cols) for (const b of varColumns(v, rows, spec)) {
      next.push({ name: a.name ? `${a.name}:${b.name}` : b.name, values: a.values.map((x, i) => x * b.values[i]) });
    }
    cols = next;
  }
  return term.length === 0 ? [{ name: "(Intercept)", values: cols[0].values }] : cols;
}

function readKnown(caseName: string, file: string, levels: readonly string[]): Float64Array {
  const rows: string[][] = parse(readFileSync(join(FIXTURES, caseName, file), "utf8"));
  const header = rows[0];
  if (header.join() !== levels.join()) throw new Error("K.csv header is not in the level order");
  return Float64Array.from(rows.slice(1).flatMap((r) => r.map(Number)));
}

function reTerm(caseName: string, g: CaseModel["re"][number], rows: Row[], spec: Spec): ReTerm {
  const present = new Set(rows.map((r) => r[g.group]));
  const levels = spec.factors[g.group].filter((l) => present.has(l));
  const pos = new Map(levels.map((l, i) => [l, i]));
  const index = Int32Array.from(rows, (r) => pos.get(r[g.group]) ?? -1);
  if (index.some((i) => i < 0)) throw new Error(`unknown level in ${g.group}`);
  const k = g.terms.length;
  const Z = new Float64Array(rows.length * k);
  rows.forEach((r, i) => g.terms.forEach((t, j) => { Z[i * k + j] = t === "(Intercept)" ? 1 : Number(r[t]) - (g.shift ?? 0); }));
  const known = g.known ? readKnown(caseName, g.known, levels) : undefined;
  return { group: g.group, termNames: g.terms, levels, index, Z, knownCovariance: known };
}

/**
 * Builds the Design of a reference case.
 * @param caseName - fixture folder
 * @param model - fixed and random terms
 * @returns the design
 */
export function caseDesign(caseName: string, model: CaseModel): Design {
  const spec: Spec = fixtureJson(caseName, "spec.json");
  const rows = readRows(caseName).filter(model.rows ?? (() => true));
  const cols = model.fixed.flatMap((t) => termColumns(t, rows, spec));
  const n = rows.length, p = cols.length;
  const X = new Float64Array(n * p);
  cols.forEach((c, j) => c.values.forEach((v, i) => { X[i * p + j] = v; }));
  const y = Float64Array.from(rows, (r) => Number(r[spec.response.column]));
  const trials = spec.response.trials ? Float64Array.from(rows, (r) => Number(r[spec.response.trials!])) : undefined;
  return {
    n, p, X, fixedNames: cols.map((c) => c.name), response: { name: spec.response.column, y, trials },
    offset: model.offset ? Float64Array.from(rows, model.offset) : undefined,
    terms: model.re.map((g) => reTerm(caseName, g, rows, spec)),
    family: model.family ?? spec.family, link: spec.link,
  };
}

/** The reference cases' models as R writes them. */
export const MODELS: Record<string, CaseModel> = {
  cbpp: { fixed: [[], ["period"]], re: [{ group: "herd", terms: ["(Intercept)"] }] },
  sleepstudy: { fixed: [[], ["Days"]], re: [{ group: "Subject", terms: ["(Intercept)", "Days"] }] },
  grouseticks: {
    fixed: [[], ["YEAR"], ["cHEIGHT"]],
    re: [{ group: "BROOD", terms: ["(Intercept)"] }, { group: "INDEX", terms: ["(Intercept)"] }, { group: "LOCATION", terms: ["(Intercept)"] }],
  },
  owls: {
    fixed: [[], ["FoodTreatment"], ["SexParent"], ["FoodTreatment", "SexParent"]],
    re: [{ group: "Nest", terms: ["(Intercept)"] }], offset: (r) => Math.log(Number(r.BroodSize)),
  },
  verbagg: {
    fixed: [[], ["Anger"], ["Gender"], ["btype"], ["situ"]],
    re: [{ group: "id", terms: ["(Intercept)"] }, { group: "item", terms: ["(Intercept)"] }],
  },
  nielweise2007: {
    fixed: [[], ["treat"]],
    re: [{ group: "study", terms: ["(Intercept)"] }, { group: "study", terms: ["treat"] }],
  },
  nielweise2007_FS: { fixed: [[], ["factor(study)"], ["treat"]], re: [{ group: "study", terms: ["treat"] }] },
  /** metafor's defaults: random treatment effect coded -1/2, +1/2 and the double-zero study 15 dropped. */
  nielweise2007_RS_half: {
    fixed: [[], ["treat"]], rows: (r) => r.study !== "15",
    re: [{ group: "study", terms: ["(Intercept)"] }, { group: "study", terms: ["treat"], shift: 0.5 }],
  },
  nielweise2007_FS_half: {
    fixed: [[], ["factor(study)"], ["treat"]], rows: (r) => r.study !== "15",
    re: [{ group: "study", terms: ["treat"], shift: 0.5 }],
  },
  hospitals_sim: { fixed: [[], ["age_c"]], re: [{ group: "hospital", terms: ["(Intercept)"] }] },
  kinship_sim: { fixed: [[], ["x"]], re: [{ group: "id", terms: ["(Intercept)"], known: "K.csv" }] },
  insteval: { fixed: [[], ["service"]], re: [{ group: "s", terms: ["(Intercept)"] }, { group: "d", terms: ["(Intercept)"] }] },
};

/** Design of a named model (nielweise2007_FS reads the nielweise2007 fixture). */
export function designOf(name: string, family?: FamilyName): Design {
  const caseName = name.startsWith("nielweise2007") ? "nielweise2007" : name;
  return caseDesign(caseName, { ...MODELS[name], family });
}
