/**
 * Types inferred from a model declaration (zod's z.infer pattern): `Values<typeof m>` (one value per parameter,
 * FORMAT.md names), `Draws<typeof m>` (draws per parameter) and `DataInput<typeof m>` (the data object
 * toDesign expects). A misspelled parameter or data name is a compile error.
 * @module
 */
import type { CoefNode, DataNode, LikelihoodNode, ReNode } from "./nodes.js";
import type { ModelNode } from "./model.js";

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Output names of one coefficient block (distributes over unions). */
export type NamesOf<C> = C extends CoefNode<infer N, DataNode> ? N : never;

/** "t1__t2" for every ordered pair of a tuple of names. */
export type Pairs<T extends readonly string[]> = T extends readonly [infer H extends string, ...infer R extends readonly string[]]
  ? `${H}__${R[number]}` | Pairs<R>
  : never;

/** `sd__<group>__<term>` names of a term (distributes). */
export type SdNames<R> = R extends ReNode<infer G, infer T, boolean, DataNode> ? `sd__${G}__${T[number]}` : never;
/** `cor__<group>__<t1>__<t2>` names of a correlated term (distributes). */
export type CorNames<R> = R extends ReNode<infer G, infer T, true, DataNode> ? `cor__${G}__${Pairs<T>}` : never;
/** `re__<group>__<term>` names (one vector of levels each). */
export type ReNames<R> = R extends ReNode<infer G, infer T, boolean, DataNode> ? `re__${G}__${T[number]}` : never;
/** `sigma` (gaussian), `shape` (negbinomial2) or nothing. */
export type DispersionName<L> = L extends LikelihoodNode<"gaussian", DataNode> ? "sigma" : L extends LikelihoodNode<"negbinomial2", DataNode> ? "shape" : never;

type Parts<M> = M extends ModelNode<infer L, infer F, infer R> ? { L: L; F: F[number]; R: R[number] } : never;

/** Scalar parameter names of a model. */
export type ScalarNames<M> = NamesOf<Parts<M>["F"]> | SdNames<Parts<M>["R"]> | CorNames<Parts<M>["R"]> | DispersionName<Parts<M>["L"]>;

/**
 * One value per parameter: numbers for fixed effects, sd, cor, sigma/shape; a Float64Array over the group's
 * levels (level order) for each `re__<group>__<term>`.
 */
export type Values<M> = Simplify<{ [K in ScalarNames<M>]: number } & { [K in ReNames<Parts<M>["R"]>]: Float64Array }>;

/** Draws per parameter: a Float64Array of draws for scalars; per level, one Float64Array of draws for re__. */
export type Draws<M> = Simplify<{ [K in ScalarNames<M>]: Float64Array } & { [K in ReNames<Parts<M>["R"]>]: Float64Array[] }>;

type NodesOf<M> = M extends ModelNode<infer L, infer F, infer R>
  ? NonNullable<L["_data"]> | NonNullable<F[number]["_data"]> | NonNullable<R[number]["_data"]>
  : never;

/** The data a model reads, keyed by node name. */
export type DataInput<M> = Simplify<{ [N in NodesOf<M> as N["name"]]: NonNullable<N["_out"]> }>;
