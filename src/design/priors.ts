/**
 * Prior declarations as plain data, parsed from Stan notation as spec.json writes them
 * (`normal(0, 5)`, `normal+(0, 2.5)`, `lkj(2)`, `gamma(0.01, 0.01)`).
 * @module
 */

/** A prior on one scalar (or, for `lkj`, a correlation matrix). `half` = truncated to [0, inf). */
export type PriorDef =
  | { readonly dist: "normal"; readonly mu: number; readonly sigma: number; readonly half?: boolean }
  | { readonly dist: "student_t"; readonly nu: number; readonly mu: number; readonly sigma: number; readonly half?: boolean }
  | { readonly dist: "cauchy"; readonly mu: number; readonly sigma: number; readonly half?: boolean }
  | { readonly dist: "exponential"; readonly rate: number }
  | { readonly dist: "gamma"; readonly shape: number; readonly rate: number }
  | { readonly dist: "inv_gamma"; readonly shape: number; readonly scale: number }
  | { readonly dist: "lkj"; readonly eta: number }
  | { readonly dist: "flat" };

/** Priors per parameter class, as spec.json's `priors` block. `null` = class absent from the model. */
export interface ModelPriors {
  readonly Intercept: PriorDef | null;
  readonly b: PriorDef | null;
  readonly sd: PriorDef | null;
  readonly cor: PriorDef | null;
  readonly sigma: PriorDef | null;
  readonly shape: PriorDef | null;
}

/** FORMAT.md's defaults for non-gaussian families. */
export const DEFAULT_PRIORS: ModelPriors = {
  Intercept: { dist: "normal", mu: 0, sigma: 5 },
  b: { dist: "normal", mu: 0, sigma: 5 },
  sd: { dist: "normal", mu: 0, sigma: 2.5, half: true },
  cor: { dist: "lkj", eta: 2 },
  sigma: { dist: "normal", mu: 0, sigma: 5, half: true },
  shape: { dist: "gamma", shape: 0.01, rate: 0.01 },
};

const ARITY: Record<string, string[]> = {
  normal: ["mu", "sigma"],
  student_t: ["nu", "mu", "sigma"],
  cauchy: ["mu", "sigma"],
  exponential: ["rate"],
  gamma: ["shape", "rate"],
  inv_gamma: ["shape", "scale"],
  lkj: ["eta"],
  flat: [],
};
const POSITIVE = new Set(["sigma", "nu", "rate", "shape", "scale", "eta"]);
const HALF_OK = new Set(["normal", "student_t", "cauchy"]);

/**
 * Parse a prior in Stan notation. `+` after the name means half (truncated at 0).
 *
 * @param text - e.g. `"normal+(0, 2.5)"`
 * @param what - the parameter class, named in errors
 * @returns the prior as data
 * @throws Error naming the prior and what to change
 * @example
 * parsePrior("normal+(0, 2.5)"); // => { dist: "normal", mu: 0, sigma: 2.5, half: true }
 * parsePrior("lkj(2)");          // => { dist: "lkj", eta: 2 }
 */
export function parsePrior(text: string, what = "prior"): PriorDef {
  const m = /^\s*([a-z_]+)(\+?)\s*\(([^)]*)\)\s*$/.exec(text);
  const bad = (why: string) => new Error(`${what}: cannot read prior "${text}": ${why}`);
  if (!m) throw bad("write it as name(arg, ...), e.g. normal(0, 5) or normal+(0, 2.5)");
  const [, name, plus, argText] = m;
  const names = ARITY[name];
  if (!names) throw bad(`unknown distribution "${name}"; use one of ${Object.keys(ARITY).join(", ")}`);
  if (plus && !HALF_OK.has(name)) throw bad(`"${name}+" is not allowed; only normal+, student_t+, cauchy+`);
  const args = argText.trim() === "" ? [] : argText.split(",").map((s) => Number(s.trim()));
  if (args.length !== names.length) throw bad(`${name} takes ${names.length} argument(s): ${names.join(", ")}`);
  const out: Record<string, unknown> = { dist: name };
  names.forEach((k, i) => {
    const v = args[i];
    if (!Number.isFinite(v)) throw bad(`argument ${k} is not a finite number`);
    if (POSITIVE.has(k) && v <= 0) throw bad(`argument ${k} must be > 0`);
    out[k] = v;
  });
  if (plus) out.half = true;
  return out as PriorDef;
}

/**
 * Read spec.json's `priors` block; absent or null entries stay null.
 *
 * @example
 * parsePriors({ b: "normal(0, 5)" }).b; // => { dist: "normal", mu: 0, sigma: 5 }
 */
export function parsePriors(block: Partial<Record<keyof ModelPriors, string | null>> | null | undefined): ModelPriors {
  const keys: (keyof ModelPriors)[] = ["Intercept", "b", "sd", "cor", "sigma", "shape"];
  const out: Record<string, PriorDef | null> = {};
  for (const k of keys) {
    const t = block?.[k];
    out[k] = t == null ? null : parsePrior(t, `priors.${k}`);
  }
  return out as unknown as ModelPriors;
}
