/**
 * Read and check a spec.json (the tool-independent model description of cases/FORMAT.md).
 * @module
 */
import { readText } from "../data/readText.js";
import { InputError } from "../data/inputError.js";

/** spec.json as FORMAT.md defines it (extra fields are kept but not used). */
export interface ModelSpec {
  readonly name?: string;
  readonly description?: string;
  /** Data file, relative to the spec's folder. */
  readonly data: string;
  readonly n_obs?: number;
  readonly formula: string;
  readonly family: string;
  readonly link?: string | null;
  readonly response?: { readonly column: string; readonly trials?: string | null } | null;
  readonly offset?: { readonly expr: string } | null;
  readonly factors?: Readonly<Record<string, readonly string[]>> | null;
  /** Group name -> CSV file (relative to the spec's folder). */
  readonly known_covariance?: Readonly<Record<string, string>> | null;
  readonly priors?: Readonly<Record<string, string | null>> | null;
  readonly alternative_formulas?: readonly { readonly name: string; readonly formula: string }[];
  readonly [extra: string]: unknown;
}

function need(cond: boolean, path: string, what: string): void {
  if (!cond) throw new InputError(`${path}: ${what}`);
}

function checkFactors(f: unknown, path: string): void {
  if (f == null) return;
  need(typeof f === "object" && !Array.isArray(f), path, "'factors' must be an object of column -> list of levels");
  for (const [k, v] of Object.entries(f as object)) {
    need(Array.isArray(v) && v.every((s) => typeof s === "string"), path, `factors.${k} must be a list of level labels (strings)`);
    need(new Set(v as string[]).size === (v as string[]).length, path, `factors.${k} lists a level twice`);
  }
}

/**
 * Check the shape of a parsed spec.json.
 *
 * @param json - the parsed JSON
 * @param path - the file (for messages)
 * @returns the spec, typed
 * @throws InputError naming the missing or malformed field
 * @example
 * checkSpec({ data: "d.csv", formula: "y ~ x", family: "gaussian" }, "spec.json").family; // => "gaussian"
 */
export function checkSpec(json: unknown, path: string): ModelSpec {
  need(typeof json === "object" && json !== null && !Array.isArray(json), path, "must hold a JSON object");
  const s = json as Record<string, unknown>;
  need(typeof s.formula === "string", path, "missing 'formula' (a string such as \"y ~ x + (1 | g)\")");
  need(typeof s.family === "string", path, "missing 'family' (gaussian, bernoulli, binomial, poisson, negbinomial2)");
  need(typeof s.data === "string", path, "missing 'data' (the CSV file, relative to the spec)");
  need(s.link == null || typeof s.link === "string", path, "'link' must be a string");
  const r = s.response as Record<string, unknown> | null | undefined;
  need(r == null || (typeof r === "object" && typeof r.column === "string"), path, "'response' must be {\"column\": ..., \"trials\": ...}");
  need(r?.trials == null || typeof r.trials === "string", path, "'response.trials' must be a column name");
  const o = s.offset as Record<string, unknown> | null | undefined;
  need(o == null || (typeof o === "object" && typeof o.expr === "string"), path, "'offset' must be null or {\"expr\": \"log(t)\"}");
  checkFactors(s.factors, path);
  const k = s.known_covariance;
  need(k == null || (typeof k === "object" && Object.values(k as object).every((v) => typeof v === "string")), path, "'known_covariance' must be {\"<group>\": \"K.csv\"}");
  need(s.priors == null || typeof s.priors === "object", path, "'priors' must be an object of class -> prior");
  return s as unknown as ModelSpec;
}

/**
 * Read a spec.json file.
 *
 * @throws InputError for a missing file, invalid JSON or a malformed field
 * @example
 * readSpec("test/fixtures/cases/cbpp/spec.json").family; // => "binomial"
 */
export function readSpec(path: string): ModelSpec {
  const text = readText(path, (why) => new InputError(`cannot read spec file '${path}': ${why}`));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: invalid JSON: ${(e as Error).message}`);
  }
  return checkSpec(json, path);
}
