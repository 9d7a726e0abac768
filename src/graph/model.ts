/**
 * `model({ likelihood, fixed, random })`: the root node of a graph.
 * @module
 */
import type { CoefNode, DataNode, LikelihoodNode, ReNode } from "./nodes.js";
import type { Values } from "./infer.js";

/** A model graph: fixed-effect blocks, random-effect terms, likelihood. `_out` carries Values<this>. */
export interface ModelNode<
  L extends LikelihoodNode = LikelihoodNode,
  F extends readonly CoefNode<string, DataNode>[] = readonly CoefNode<string, DataNode>[],
  R extends readonly ReNode[] = readonly ReNode[],
> {
  readonly node: "model";
  readonly likelihood: L;
  readonly fixed: F;
  readonly random: R;
  readonly _out?: Values<ModelNode<L, F, R>>;
}

/**
 * Declare a model.
 *
 * @param spec - likelihood, fixed-effect blocks (in column order), random-effect terms
 * @returns the model node (plain data)
 * @throws Error when a block is not a node of the right kind
 * @example
 * const days = vector("Days"), subject = factor("Subject");
 * const m = model({
 *   likelihood: gaussian(vector("Reaction"), { sigma: halfNormal(281.6) }),
 *   fixed: [intercept(normal(0, 563.3)), slope(days, normal(0, 563.3))],
 *   random: [re(subject, [intercept(), slope(days)], { sd: halfNormal(140.8), cor: lkj(2) })],
 * });
 * m.node; // => "model"
 */
export function model<
  L extends LikelihoodNode,
  const F extends readonly CoefNode<string, DataNode>[],
  const R extends readonly ReNode[] = readonly [],
>(spec: { likelihood: L; fixed: F; random?: R }): ModelNode<L, F, R> {
  if (spec.likelihood?.node !== "likelihood") throw new Error("model: likelihood must be gaussian(...), bernoulli(...), binomial(...), poisson(...) or negbinomial2(...)");
  spec.fixed.forEach((c, i) => {
    if (c?.node !== "coef") throw new Error(`model: fixed[${i}] must be intercept(), slope(x), effects(f) or columns(m)`);
  });
  (spec.random ?? []).forEach((r, i) => {
    if (r?.node !== "re") throw new Error(`model: random[${i}] must be re(group, [coefficients])`);
  });
  return { node: "model", likelihood: spec.likelihood, fixed: spec.fixed, random: (spec.random ?? []) as unknown as R };
}
