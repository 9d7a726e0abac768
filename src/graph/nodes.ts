/**
 * Graph nodes: plain `def` objects made by builders, each with phantom type fields (`_out`, `_names`, `_data`)
 * from which `Values<typeof model>` and `DataInput<typeof model>` are inferred (zod-style). Nothing here computes:
 * a graph reduces to a Design plus priors (toDesign.ts) and compiles through compileDesign.
 * @module
 */
import type { LinkName } from "../design/design.js";
import type { PriorDef } from "../design/priors.js";

/** Kinds of data nodes. */
export type DataType = "vector" | "counts" | "trials" | "factor" | "matrix" | "covariance";

/** A named data column (or matrix) the model reads; `_out` is the value type `toDesign` expects for it. */
export interface DataNode<T extends DataType = DataType, N extends string = string, V = unknown> {
  readonly node: "data";
  readonly type: T;
  readonly name: N;
  /** factor / covariance: level order (first = reference level); matrix: column names */
  readonly labels?: readonly string[];
  readonly _out?: V;
}

/** A factor with (optionally literal) level labels L. */
export interface FactorNode<N extends string = string, L extends readonly string[] = readonly string[]>
  extends DataNode<"factor", N, ArrayLike<string | number>> {
  readonly _levels?: L;
}

/** A dense numeric matrix, row-major n x columns (or an array of rows). */
export interface MatrixNode<N extends string = string, C extends readonly string[] = readonly string[]>
  extends DataNode<"matrix", N, ArrayLike<number> | readonly (readonly number[])[]> {
  readonly labels: C;
}

/** Known covariance between the levels of a grouping factor (row-major levels x levels, or rows). */
export type CovarianceNode<N extends string = string> = DataNode<"covariance", N, ArrayLike<number> | readonly (readonly number[])[]>;

/** Numeric vector (covariate or gaussian response). @example vector("Days"); // => { node: "data", type: "vector", name: "Days" } */
export function vector<const N extends string>(name: N): DataNode<"vector", N, ArrayLike<number>> {
  return { node: "data", type: "vector", name };
}

/** Non-negative integer counts (poisson, NB2, binomial successes, bernoulli 0/1). @example counts("y").type; // => "counts" */
export function counts<const N extends string>(name: N): DataNode<"counts", N, ArrayLike<number>> {
  return { node: "data", type: "counts", name };
}

/** Binomial trials. @example trials("size").type; // => "trials" */
export function trials<const N extends string>(name: N): DataNode<"trials", N, ArrayLike<number>> {
  return { node: "data", type: "trials", name };
}

/**
 * A factor. Without `levels`, levels are the sorted distinct values (as R's factor()).
 * @example
 * factor("period", ["1", "2", "3", "4"]).labels; // => ["1", "2", "3", "4"]
 */
export function factor<const N extends string, const L extends readonly string[] = readonly string[]>(name: N, levels?: L): FactorNode<N, L> {
  return levels ? { node: "data", type: "factor", name, labels: levels } : { node: "data", type: "factor", name };
}

/** A dense matrix with named columns. @example matrix("W", ["w1", "w2"]).labels; // => ["w1", "w2"] */
export function matrix<const N extends string, const C extends readonly string[]>(name: N, columns: C): MatrixNode<N, C> {
  return { node: "data", type: "matrix", name, labels: columns };
}

/** A known covariance with level labels (default: the grouping factor's levels). @example covariance("K").type; // => "covariance" */
export function covariance<const N extends string>(name: N, levels?: readonly string[]): CovarianceNode<N> {
  return levels ? { node: "data", type: "covariance", name, labels: levels } : { node: "data", type: "covariance", name };
}

/** A block of coefficients with prior `prior`; `_names` are their output names, `_data` the nodes they read. */
export interface CoefNode<Names extends string = string, D extends DataNode = DataNode> {
  readonly node: "coef";
  readonly kind: "intercept" | "slope" | "effects" | "columns";
  readonly data?: D;
  readonly prior?: PriorDef;
  readonly _names?: Names;
  readonly _data?: D;
}

/** Dummy-column names of a factor under treatment contrasts: `${factor}${level}` for every level but the first. */
export type EffectNames<N extends string, L extends readonly string[]> = string extends L[number]
  ? `${N}${string}`
  : L extends readonly [string, ...infer R extends string[]] ? `${N}${R[number]}` : never;

/** The intercept `(Intercept)`. @example intercept().kind; // => "intercept" */
export function intercept(prior?: PriorDef): CoefNode<"(Intercept)", never> {
  return prior ? { node: "coef", kind: "intercept", prior } : { node: "coef", kind: "intercept" };
}

/** The coefficient of a numeric covariate, named as the covariate. @example slope(vector("Days")).kind; // => "slope" */
export function slope<const N extends string>(x: DataNode<"vector", N, ArrayLike<number>>, prior?: PriorDef): CoefNode<N, DataNode<"vector", N, ArrayLike<number>>> {
  return { node: "coef", kind: "slope", data: x, ...(prior ? { prior } : {}) };
}

/** Treatment-contrast effects of a factor (first level = reference). @example effects(factor("period", ["1", "2"])).kind; // => "effects" */
export function effects<const N extends string, const L extends readonly string[]>(f: FactorNode<N, L>, prior?: PriorDef): CoefNode<EffectNames<N, L>, FactorNode<N, L>> {
  return { node: "coef", kind: "effects", data: f, ...(prior ? { prior } : {}) };
}

/** The columns of a dense matrix, named by its column names. @example columns(matrix("W", ["a"])).kind; // => "columns" */
export function columns<const N extends string, const C extends readonly string[]>(m: MatrixNode<N, C>, prior?: PriorDef): CoefNode<C[number], MatrixNode<N, C>> {
  return { node: "coef", kind: "columns", data: m, ...(prior ? { prior } : {}) };
}

/** A coefficient usable inside a random-effect term (one name each). */
export type TermCoef = CoefNode<"(Intercept)", never> | CoefNode<string, DataNode<"vector", string, ArrayLike<number>>>;

/** Names of a tuple of term coefficients, in order. */
export type CoefNames<C extends readonly TermCoef[]> = { -readonly [K in keyof C]: C[K] extends CoefNode<infer N, DataNode> ? N : never };

/** A random-effect term `(coefs | group)`; `Corr` is false for an independent `(coefs || group)` term. */
export interface ReNode<G extends string = string, T extends readonly string[] = readonly string[], Corr extends boolean = boolean, D extends DataNode = DataNode> {
  readonly node: "re";
  readonly group: FactorNode<G>;
  readonly coefs: readonly TermCoef[];
  readonly sd?: PriorDef | readonly PriorDef[];
  readonly cor?: PriorDef;
  readonly covariance?: CovarianceNode;
  readonly correlated: Corr;
  readonly _terms?: T;
  readonly _data?: D;
}

/** Options of a random-effect term. */
export interface ReOptions {
  /** prior of every sd, or one per coefficient */
  readonly sd?: PriorDef | readonly PriorDef[];
  /** LKJ prior of the correlation matrix (k >= 2, correlated terms) */
  readonly cor?: PriorDef;
}

type DataOf<X> = X extends CoefNode<string, infer D> ? D : never;
type CoefData<C extends readonly TermCoef[]> = DataOf<C[number]>;

function checkCoefs(group: FactorNode, coefs: readonly TermCoef[]): void {
  if (coefs.length === 0) throw new Error(`re(${group.name}): give at least one coefficient, e.g. [intercept()]`);
}

/**
 * A correlated random-effect term (coefs | group): b_j ~ N(0, diag(sd) R diag(sd)), R with an LKJ prior.
 *
 * @example
 * re(factor("Subject"), [intercept(), slope(vector("Days"))], { sd: halfNormal(140), cor: lkj(2) }).correlated; // => true
 */
export function re<const G extends string, const C extends readonly TermCoef[]>(
  group: FactorNode<G>, coefs: C, options: ReOptions = {},
): ReNode<G, CoefNames<C>, true, FactorNode<G> | CoefData<C>> {
  checkCoefs(group, coefs);
  return { node: "re", group, coefs, correlated: true, ...options };
}

/**
 * Independent coefficients (coefs || group), lme4's double-bar: one term per coefficient, no correlations.
 *
 * @example
 * reIndependent(factor("g"), [intercept(), slope(vector("x"))]).correlated; // => false
 */
export function reIndependent<const G extends string, const C extends readonly TermCoef[]>(
  group: FactorNode<G>, coefs: C, options: Omit<ReOptions, "cor"> = {},
): ReNode<G, CoefNames<C>, false, FactorNode<G> | CoefData<C>> {
  checkCoefs(group, coefs);
  return { node: "re", group, coefs, correlated: false, ...options };
}

/**
 * A random effect with a known covariance between levels (kinship, phylogeny): cov(b) = sd^2 K.
 *
 * @example
 * reKnown(factor("id"), intercept(), covariance("K")).covariance.name; // => "K"
 */
export function reKnown<const G extends string, const C extends TermCoef, const K extends string>(
  group: FactorNode<G>, coef: C, cov: CovarianceNode<K>, options: Omit<ReOptions, "cor"> = {},
): ReNode<G, CoefNames<[C]>, false, FactorNode<G> | DataOf<C> | CovarianceNode<K>> & { readonly covariance: CovarianceNode<K> } {
  checkCoefs(group, [coef]);
  return { node: "re", group, coefs: [coef], correlated: false, covariance: cov, ...options };
}

/** The likelihood of the response. */
export interface LikelihoodNode<F extends string = string, D extends DataNode = DataNode> {
  readonly node: "likelihood";
  readonly family: F;
  readonly link: LinkName;
  readonly response: DataNode;
  readonly trials?: DataNode<"trials">;
  readonly offset?: DataNode<"vector">;
  /** prior of sigma (gaussian) or shape (negbinomial2) */
  readonly dispersion?: PriorDef;
  readonly _data?: D;
}

type Off = { readonly offset?: DataNode<"vector", string, ArrayLike<number>> };
/** The offset node of an options object, or never when none is given. */
type OffsetOf<O> = O extends { readonly offset: infer X extends DataNode } ? X : never;

/** gaussian(identity | log). @example gaussian(vector("y")).family; // => "gaussian" */
export function gaussian<Y extends DataNode<"vector">, O extends Off>(y: Y, o?: O & { link?: "identity" | "log"; sigma?: PriorDef }): LikelihoodNode<"gaussian", Y | OffsetOf<O>> {
  return { node: "likelihood", family: "gaussian", link: o?.link ?? "identity", response: y, ...(o?.offset ? { offset: o.offset } : {}), ...(o?.sigma ? { dispersion: o.sigma } : {}) };
}

/** bernoulli(logit | probit | cloglog) on 0/1 counts. @example bernoulli(counts("y")).link; // => "logit" */
export function bernoulli<Y extends DataNode<"counts">, O extends Off>(y: Y, o?: O & { link?: "logit" | "probit" | "cloglog" }): LikelihoodNode<"bernoulli", Y | OffsetOf<O>> {
  return { node: "likelihood", family: "bernoulli", link: o?.link ?? "logit", response: y, ...(o?.offset ? { offset: o.offset } : {}) };
}

/** binomial(logit | probit | cloglog): successes out of trials. @example binomial(counts("k"), trials("n")).family; // => "binomial" */
export function binomial<Y extends DataNode<"counts">, T extends DataNode<"trials">, O extends Off>(y: Y, n: T, o?: O & { link?: "logit" | "probit" | "cloglog" }): LikelihoodNode<"binomial", Y | T | OffsetOf<O>> {
  return { node: "likelihood", family: "binomial", link: o?.link ?? "logit", response: y, trials: n, ...(o?.offset ? { offset: o.offset } : {}) };
}

/** poisson(log). @example poisson(counts("y")).link; // => "log" */
export function poisson<Y extends DataNode<"counts">, O extends Off>(y: Y, o?: O): LikelihoodNode<"poisson", Y | OffsetOf<O>> {
  return { node: "likelihood", family: "poisson", link: "log", response: y, ...(o?.offset ? { offset: o.offset } : {}) };
}

/** negbinomial2(log): var = mu + mu^2 / shape. @example negbinomial2(counts("y")).family; // => "negbinomial2" */
export function negbinomial2<Y extends DataNode<"counts">, O extends Off>(y: Y, o?: O & { shape?: PriorDef }): LikelihoodNode<"negbinomial2", Y | OffsetOf<O>> {
  return { node: "likelihood", family: "negbinomial2", link: "log", response: y, ...(o?.offset ? { offset: o.offset } : {}), ...(o?.shape ? { dispersion: o.shape } : {}) };
}
