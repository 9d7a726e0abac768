/**
 * Small Design transformations used to fit model variants side by side (same data, other random terms
 * or family).
 * @module
 */
import type { Design, FamilyName, ReTerm } from "../design/design.js";

/** Group name of the observation-level random effect added by {@link withObservationEffect}. */
export const OBSERVATION_GROUP = "obs";

/**
 * Whether a term has one level per observation, each used once (an observation-level random effect).
 * @param term - a random-effect term
 * @param n - number of observations
 * @returns true for an OLRE
 * @example
 * isObservationLevel(groupseticksDesign.terms[1], 403); // => true (INDEX)
 */
export function isObservationLevel(term: ReTerm, n: number): boolean {
  if (term.levels.length !== n || term.termNames.length !== 1) return false;
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (seen[term.index[i]]) return false;
    seen[term.index[i]] = 1;
  }
  return true;
}

/**
 * The design without its observation-level random intercepts.
 * @param design - a design
 * @returns the design with those terms removed (other fields shared)
 * @example
 * withoutObservationEffects(grouseticks).terms.map((t) => t.group); // => ["BROOD", "LOCATION"]
 */
export function withoutObservationEffects(design: Design): Design {
  return { ...design, terms: design.terms.filter((t) => !isObservationLevel(t, design.n)) };
}

/**
 * The design plus an observation-level random intercept `(1 | obs)`.
 * @param design - a design without one
 * @returns the extended design
 * @example
 * withObservationEffect(owls).terms.at(-1)!.levels.length; // => 599
 */
export function withObservationEffect(design: Design): Design {
  const n = design.n;
  const term: ReTerm = {
    group: OBSERVATION_GROUP, termNames: ["(Intercept)"],
    levels: Array.from({ length: n }, (_, i) => String(i + 1)),
    index: Int32Array.from({ length: n }, (_, i) => i),
    Z: new Float64Array(n).fill(1),
  };
  return { ...design, terms: [...design.terms, term] };
}

/**
 * The design with another family (same link).
 * @param design - a design
 * @param family - the new family
 * @returns the design with `family` replaced
 * @example
 * withFamily(owls, "poisson").family; // => "poisson"
 */
export function withFamily(design: Design, family: FamilyName): Design {
  return { ...design, family };
}
