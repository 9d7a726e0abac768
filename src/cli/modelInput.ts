/**
 * How CLI commands get a model: from a spec.json, or spec-less from `--formula --data --family [--link]`.
 * Input errors become `UsageError`s (one line, exit code 2).
 * @module
 */
import { readCsv } from "../data/csv.js";
import { InputError } from "../data/inputError.js";
import { designFromFormula } from "../spec/designFromFormula.js";
import { loadSpec, priorsFor, type LoadedModel } from "../spec/loadSpec.js";
import type { ModelSpec } from "../spec/readSpec.js";
import { UsageError } from "./errors.js";

/** Model-source options shared by commands. */
export interface ModelSourceOptions {
  readonly formula?: string;
  readonly data?: string;
  readonly family?: string;
  readonly link?: string;
}

/**
 * Run a function, turning `InputError`s (and the plain errors of prior parsing) into `UsageError`s.
 *
 * @example
 * asUsage(() => 1); // => 1
 */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * Load the model a command names.
 *
 * @param specPath - a spec.json path, or undefined for the spec-less form
 * @param opts - `--formula`, `--data`, `--family`, `--link`
 * @returns spec, Design, priors (defaults when spec-less) and dropped-row count
 * @throws UsageError naming what is missing or wrong
 * @example
 * loadModel(undefined, { formula: "y ~ x + (1 | g)", data: "d.csv", family: "gaussian" }).design.p; // => 2
 */
export function loadModel(specPath: string | undefined, opts: ModelSourceOptions): LoadedModel {
  if (specPath) {
    if (opts.formula || opts.data || opts.family) {
      throw new UsageError("give either a spec.json or --formula/--data/--family, not both");
    }
    return asUsage(() => loadSpec(specPath));
  }
  if (!opts.formula || !opts.data || !opts.family) {
    const missing = ["formula", "data", "family"].filter((k) => !opts[k as keyof ModelSourceOptions]).map((k) => `--${k}`);
    throw new UsageError(`no model: give a spec.json, or --formula, --data and --family (missing ${missing.join(", ")})`);
  }
  return asUsage(() => {
    const table = readCsv(opts.data!);
    const { design, droppedRows } = designFromFormula(opts.formula!, table, { family: opts.family!, link: opts.link });
    const spec: ModelSpec = { data: opts.data!, formula: opts.formula!, family: opts.family!, link: design.link };
    return { spec, design, priors: priorsFor(null, design), droppedRows };
  });
}
