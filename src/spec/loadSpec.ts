/**
 * spec.json -> { spec, design, priors, droppedRows }: reads the data and known covariances relative to the
 * spec's folder and builds the Design.
 * @module
 */
import { dirname, resolve } from "node:path";
import { readCsv } from "../data/csv.js";
import { InputError } from "../data/inputError.js";
import type { Design } from "../design/design.js";
import { parsePriors, type ModelPriors } from "../design/priors.js";
import { defaultPriors } from "./defaultPriors.js";
import { designFromFormula } from "./designFromFormula.js";
import { readCovarianceCsv, type LabelledMatrix } from "./knownCovariance.js";
import { readSpec, type ModelSpec } from "./readSpec.js";

/** A loaded model: the spec as written, its Design, its priors, and the rows dropped for missing values. */
export interface LoadedModel {
  readonly spec: ModelSpec;
  readonly design: Design;
  readonly priors: ModelPriors;
  readonly droppedRows: number;
}

/**
 * Read the priors block (Stan notation) or, if absent, the defaults for the design.
 *
 * @throws InputError naming the malformed prior
 * @example
 * priorsFor({ b: "normal(0, 5)" }, design).b; // => { dist: "normal", mu: 0, sigma: 5 }
 */
export function priorsFor(block: ModelSpec["priors"], design: Design): ModelPriors {
  if (block == null) return defaultPriors(design);
  try {
    return parsePriors(block as Parameters<typeof parsePriors>[0]);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

/**
 * Load a spec.json: the model it describes, ready for the engines.
 *
 * @param path - the spec file
 * @param formula - optional formula replacing the spec's (e.g. one of its `alternative_formulas`)
 * @returns spec, Design, priors and number of dropped rows
 * @throws InputError for anything wrong in the spec, data, formula or known covariance
 * @example
 * loadSpec("test/fixtures/cases/cbpp/spec.json").design.fixedNames;
 * // => ["(Intercept)", "period2", "period3", "period4"]
 */
export function loadSpec(path: string, formula?: string): LoadedModel {
  const spec = readSpec(path);
  const dir = dirname(path);
  const table = readCsv(resolve(dir, spec.data));
  const known: Record<string, LabelledMatrix> = {};
  for (const [group, file] of Object.entries(spec.known_covariance ?? {})) known[group] = readCovarianceCsv(resolve(dir, file));
  const { design, droppedRows } = designFromFormula(formula ?? spec.formula, table, {
    family: spec.family,
    link: spec.link,
    factors: spec.factors,
    response: spec.response,
    offset: spec.offset?.expr ?? null,
    knownCovariance: known,
  });
  return { spec, design, priors: priorsFor(spec.priors, design), droppedRows };
}
