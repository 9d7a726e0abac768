/**
 * designToGraph: the inverse interop of toDesign — a Design (e.g. from a formula) plus class priors as an
 * (untyped) model graph and its data object, so formula-built models can be inspected or extended as graphs.
 * toDesign(graph, data) reproduces the design.
 * @module
 */
import type { Design } from "../design/design.js";
import type { ModelPriors } from "../design/priors.js";
import type { ModelNode } from "./model.js";
import { flat } from "./priors.js";
import {
  bernoulli, binomial, columns, counts, covariance, factor, gaussian, matrix, negbinomial2, poisson, re, reKnown, slope, trials, vector,
  intercept, type CoefNode, type DataNode, type LikelihoodNode, type ReNode, type TermCoef,
} from "./nodes.js";

/** A graph and the data it reads. */
export interface GraphWithData {
  readonly model: ModelNode;
  readonly data: Record<string, unknown>;
}

/**
 * Express a Design and class priors as a model graph plus data.
 *
 * @param d - the design
 * @param priors - class priors (Intercept on the `(Intercept)` column, b on the others, sd/cor on every term;
 *   null = flat), carried as per-node priors so compileModel(model, data) equals compileDesign(d, priors)
 * @returns `{ model, data }` with toDesign(model, data).design equal to d
 * @throws Error when one coefficient name (or group name) is used by two terms with different values
 * @example
 * const { model, data } = designToGraph(design, DEFAULT_PRIORS);
 * toDesign(model, data as never).design.fixedNames; // => design.fixedNames
 */
export function designToGraph(d: Design, priors: ModelPriors): GraphWithData {
  const data: Record<string, unknown> = {};
  const fixed: CoefNode<string, DataNode>[] = [];
  d.fixedNames.forEach((nm, j) => {
    const key = `X[${nm}]`;
    data[key] = Float64Array.from({ length: d.n }, (_, i) => d.X[i * d.p + j]);
    fixed.push(columns(matrix(key, [nm]), (nm === "(Intercept)" ? priors.Intercept : priors.b) ?? flat()));
  });
  const random = d.terms.map((t) => termNode(d, t, priors, data));
  return { model: { node: "model", likelihood: likelihood(d, priors, data), fixed, random }, data };
}

function termNode(d: Design, t: Design["terms"][number], priors: ModelPriors, data: Record<string, unknown>): ReNode {
  const g = factor(t.group, t.levels);
  const labels = Array.from(t.index, (j) => t.levels[j]);
  const prevLabels = data[t.group] as string[] | undefined;
  if (prevLabels && !prevLabels.every((l, i) => l === labels[i])) throw new Error(`designToGraph: two terms name their group "${t.group}" but group the rows differently; rename one group`);
  data[t.group] = labels;
  const k = t.termNames.length;
  const coefs: TermCoef[] = t.termNames.map((nm, a) => {
    const z = Float64Array.from({ length: d.n }, (_, i) => t.Z[i * k + a]);
    if (nm === "(Intercept)" && z.every((v) => v === 1)) return intercept();
    const prev = data[nm] as Float64Array | undefined;
    if (prev && !prev.every((v, i) => v === z[i])) throw new Error(`designToGraph: "${nm}" has different values in two terms; rename one`);
    data[nm] = z;
    return slope(vector(nm));
  });
  const sd = priors.sd ?? flat();
  if (t.knownCovariance) {
    const key = `K[${t.group}]`;
    data[key] = t.knownCovariance;
    return reKnown(g, coefs[0], covariance(key), { sd });
  }
  return re(g, coefs, { sd, cor: priors.cor ?? flat() });
}

function likelihood(d: Design, priors: ModelPriors, data: Record<string, unknown>): LikelihoodNode {
  const y = d.response.name;
  data[y] = d.response.y;
  const offset = d.offset ? vector("(offset)") : undefined;
  if (d.offset) data["(offset)"] = d.offset;
  const o: { offset?: DataNode<"vector", string, ArrayLike<number>> } = offset ? { offset } : {};
  switch (d.family) {
    case "gaussian": return gaussian(vector(y), { ...o, link: d.link as "identity" | "log", sigma: priors.sigma ?? flat() });
    case "bernoulli": return bernoulli(counts(y), { ...o, link: d.link as "logit" });
    case "binomial": {
      data["(trials)"] = d.response.trials;
      return binomial(counts(y), trials("(trials)"), { ...o, link: d.link as "logit" });
    }
    case "poisson": return poisson(counts(y), o);
    case "negbinomial2": return negbinomial2(counts(y), { ...o, shape: priors.shape ?? flat() });
  }
}
