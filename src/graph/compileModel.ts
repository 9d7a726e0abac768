/**
 * Compile a model graph: toDesign, then compileDesign (the one fast path), plus typed values.
 * @module
 */
import { compileDesign, type CompiledModel, type CompileOptions } from "../compile/index.js";
import type { DataInput, Values } from "./infer.js";
import type { ModelNode } from "./model.js";
import { toDesign } from "./toDesign.js";

/** A compiled graph: the CompiledModel plus `values(theta)` typed by the declaration. */
export interface GraphModel<M extends ModelNode> extends CompiledModel {
  readonly graph: M;
  /** Constrained values with FORMAT.md names; `re__g__t` as a Float64Array over the levels. */
  values(theta: Float64Array): Values<M>;
}

/**
 * Compile a model graph for a data set.
 *
 * @param m - model graph
 * @param data - the data, typed by the graph's data nodes
 * @param options - `{ centered }` (priorOverrides come from the graph)
 * @returns the compiled model with typed values
 * @example
 * const cm = compileModel(m, data);
 * cm.values(cm.unconstrain({}))["sd__Subject__Days"]; // => 1
 */
export function compileModel<M extends ModelNode>(m: M, data: DataInput<M>, options: Omit<CompileOptions, "priorOverrides"> = {}): GraphModel<M> {
  const g = toDesign(m, data);
  const cm = compileDesign(g.design, g.priors, { ...options, priorOverrides: g.overrides });
  const names = cm.outputNames();
  const reGroups = new Map<string, number[]>();
  names.forEach((nm, i) => {
    const br = nm.indexOf("[");
    if (nm.startsWith("re__") && br > 0) {
      const key = nm.slice(0, br);
      if (!reGroups.has(key)) reGroups.set(key, []);
      reGroups.get(key)!.push(i);
    }
  });
  const out = new Float64Array(names.length);
  return {
    ...cm, graph: m,
    values(theta: Float64Array): Values<M> {
      cm.output(theta, out);
      const v: Record<string, number | Float64Array> = {};
      names.forEach((nm, i) => { if (!nm.startsWith("re__")) v[nm] = out[i]; });
      for (const [key, idx] of reGroups) v[key] = Float64Array.from(idx, (i) => out[i]);
      return v as Values<M>;
    },
  };
}
