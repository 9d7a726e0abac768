/**
 * Serialisable model references: a worker thread cannot receive a closure, so a model is named by the module that
 * builds it, the export to call and structured-cloneable arguments. Each worker rebuilds the log density from it.
 * @module
 */
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { SamplerModel } from "./chains.js";

/** Where a model's factory lives and what to call it with. */
export interface ModelFactoryRef {
  /** Absolute path or file URL of an ES module. */
  module: string;
  /** Name of the exported factory `(args) => SamplerModel` (may return a promise). */
  exportName: string;
  /** Arguments for the factory; must be structured-cloneable (plain data, typed arrays). */
  args: unknown;
}

/** A model factory as exported by the module of a `ModelFactoryRef`. */
export type ModelFactory = (args: unknown) => SamplerModel | Promise<SamplerModel>;

/**
 * The import URL of a factory module.
 *
 * @param module - absolute path or file URL
 * @returns a file URL string
 * @throws for a relative path
 * @example
 * moduleUrl("/tmp/m.js"); // => "file:///tmp/m.js"
 */
export function moduleUrl(module: string): string {
  if (module.startsWith("file:")) return module;
  if (isAbsolute(module)) return pathToFileURL(module).href;
  throw new Error(`Model factory module "${module}" must be an absolute path or a file:// URL (workers resolve it from another thread).`);
}

/**
 * Imports the factory module and builds the model.
 *
 * @param ref - module, export name and args
 * @returns the model (dimension, log density, optional output map)
 * @throws when the export is missing or the model has no valid `dim` / `logDensity`
 * @example
 * const m = await loadModel({ module: "/abs/models.js", exportName: "normal", args: { dim: 2 } }); m.dim; // => 2
 */
export async function loadModel(ref: ModelFactoryRef): Promise<SamplerModel> {
  const mod = (await import(moduleUrl(ref.module))) as Record<string, unknown>;
  const factory = mod[ref.exportName];
  if (typeof factory !== "function") {
    throw new Error(`Module ${ref.module} has no exported function "${ref.exportName}" (exports: ${Object.keys(mod).join(", ")}).`);
  }
  const model = (await (factory as ModelFactory)(ref.args)) as SamplerModel;
  if (!model || !Number.isInteger(model.dim) || model.dim < 1 || typeof model.logDensity !== "function") {
    throw new Error(`Factory "${ref.exportName}" must return { dim: positive integer, logDensity: (theta, grad) => number }.`);
  }
  return model;
}
