/**
 * Reduce a model graph plus data to the Design and priors that compileDesign (and PIRLS/Laplace) consume:
 * there is one fast path, and a graph is only a typed way to declare it.
 * @module
 */
import type { Design, ReTerm } from "../design/design.js";
import { DEFAULT_PRIORS, type ModelPriors, type PriorDef } from "../design/priors.js";
import type { PriorOverrides } from "../compile/index.js";
import { columnLength, covarianceMatrix, denseMatrix, factorColumn, numericColumn } from "./dataColumns.js";
import type { DataInput } from "./infer.js";
import type { ModelNode } from "./model.js";
import type { CoefNode, DataNode, ReNode } from "./nodes.js";

/** A graph reduced to the shared contracts. */
export interface GraphDesign {
  readonly design: Design;
  /** class priors: FORMAT.md's defaults (normal(0, 5), normal+(0, 2.5), lkj(2), normal+(0, 5), gamma(0.01, 0.01)) */
  readonly priors: ModelPriors;
  /** the priors declared on nodes, per parameter (compileDesign's priorOverrides) */
  readonly overrides: PriorOverrides;
}

type Data = Readonly<Record<string, unknown>>;

/**
 * Build the Design and priors of a model for a data set.
 *
 * @param m - the model graph
 * @param data - one entry per data node, keyed by node name (typed by DataInput<typeof m>)
 * @returns design, class priors and per-parameter prior overrides
 * @throws Error naming the node or column to fix
 * @example
 * toDesign(m, { Reaction, Days, Subject }).design.fixedNames; // => ["(Intercept)", "Days"]
 */
export function toDesign<M extends ModelNode>(m: M, data: DataInput<M>): GraphDesign {
  const d = data as unknown as Data;
  const lik = m.likelihood;
  const n = columnLength(d, lik.response);
  const overrides: Record<string, PriorDef> = {};
  const fixed = fixedColumns(m.fixed, d, n, overrides);
  const terms = m.random.flatMap((r) => reTerms(r, d, n, overrides));
  if (lik.dispersion) overrides[lik.family === "negbinomial2" ? "shape" : "sigma"] = lik.dispersion;
  const p = fixed.names.length;
  const X = new Float64Array(n * p);
  fixed.cols.forEach((c, j) => { for (let i = 0; i < n; i++) X[i * p + j] = c[i]; });
  const design: Design = {
    n, p, X, fixedNames: fixed.names,
    response: { name: lik.response.name, y: numericColumn(d, lik.response, n), ...(lik.trials ? { trials: numericColumn(d, lik.trials, n) } : {}) },
    ...(lik.offset ? { offset: numericColumn(d, lik.offset, n) } : {}),
    terms, family: lik.family as Design["family"], link: lik.link,
  };
  return { design, priors: DEFAULT_PRIORS, overrides };
}

function fixedColumns(blocks: readonly CoefNode<string, DataNode>[], d: Data, n: number, ov: Record<string, PriorDef>): { names: string[]; cols: Float64Array[] } {
  const names: string[] = [], cols: Float64Array[] = [];
  const add = (nm: string, c: Float64Array, prior: PriorDef | undefined) => {
    if (names.includes(nm)) throw new Error(`fixed effects: "${nm}" is declared twice; remove one`);
    names.push(nm); cols.push(c);
    if (prior) ov[nm] = prior;
  };
  for (const c of blocks) {
    if (c.kind === "intercept") add("(Intercept)", new Float64Array(n).fill(1), c.prior);
    else if (c.kind === "slope") add(c.data!.name, numericColumn(d, c.data!, n), c.prior);
    else if (c.kind === "effects") {
      const f = factorColumn(d, c.data!, n);
      f.levels.slice(1).forEach((lev, l) => add(`${c.data!.name}${lev}`, f.index.map((j) => (j === l + 1 ? 1 : 0)) as unknown as Float64Array, c.prior));
    } else {
      const labels = c.data!.labels ?? [];
      const W = denseMatrix(d, c.data!, n, labels.length);
      labels.forEach((nm, j) => add(nm, Float64Array.from({ length: n }, (_, i) => W[i * labels.length + j]), c.prior));
    }
  }
  return { names, cols: cols.map((c) => Float64Array.from(c)) };
}

function reTerms(r: ReNode, d: Data, n: number, ov: Record<string, PriorDef>): ReTerm[] {
  const g = factorColumn(d, r.group, n);
  const names = r.coefs.map((c) => (c.kind === "intercept" ? "(Intercept)" : c.data!.name));
  const zs = r.coefs.map((c) => (c.kind === "intercept" ? new Float64Array(n).fill(1) : numericColumn(d, c.data!, n)));
  names.forEach((nm, a) => {
    const sd = Array.isArray(r.sd) ? (r.sd as readonly PriorDef[])[a] : (r.sd as PriorDef | undefined);
    if (sd) ov[`sd__${r.group.name}__${nm}`] = sd;
  });
  if (r.cor && r.correlated && names.length > 1) {
    if (ov[`cor__${r.group.name}`]) throw new Error(`re(${r.group.name}): two correlated terms on one group; declare one term with all coefficients`);
    ov[`cor__${r.group.name}`] = r.cor;
  }
  const K = r.covariance ? covarianceMatrix(d, r.covariance, g.levels) : undefined;
  if (K && names.length !== 1) throw new Error(`re(${r.group.name}): a known covariance needs exactly one coefficient`);
  const blocks = r.correlated ? [names.map((_, a) => a)] : names.map((_, a) => [a]);
  return blocks.map((idx) => {
    const k = idx.length;
    const Z = new Float64Array(n * k);
    for (let i = 0; i < n; i++) idx.forEach((a, c) => { Z[i * k + c] = zs[a][i]; });
    return { group: r.group.name, termNames: idx.map((a) => names[a]), levels: g.levels, index: g.index, Z, ...(K ? { knownCovariance: K } : {}) };
  });
}
