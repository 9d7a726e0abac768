/**
 * Families and links a model may name, their default links, and which links each family accepts.
 * @module
 */
import { InputError } from "../data/inputError.js";
import type { FamilyName, LinkName } from "../design/design.js";

/** Accepted links per family; the first is the default (R's canonical link). */
export const FAMILY_LINKS: Readonly<Record<FamilyName, readonly LinkName[]>> = {
  gaussian: ["identity", "log"],
  bernoulli: ["logit", "probit", "cloglog"],
  binomial: ["logit", "probit", "cloglog"],
  poisson: ["log", "identity"],
  negbinomial2: ["log", "identity"],
};

/**
 * Check a family/link pair, filling in the default link.
 *
 * @param family - e.g. `"poisson"`
 * @param link - e.g. `"log"`, or undefined/null for the default
 * @returns the checked pair
 * @throws InputError `unknown family 'poison'; use one of gaussian, bernoulli, ...`
 * @example
 * checkFamilyLink("binomial", undefined); // => { family: "binomial", link: "logit" }
 */
export function checkFamilyLink(family: string, link: string | null | undefined): { family: FamilyName; link: LinkName } {
  const families = Object.keys(FAMILY_LINKS);
  if (!families.includes(family)) {
    throw new InputError(`unknown family '${family}'; use one of ${families.join(", ")}`);
  }
  const allowed = FAMILY_LINKS[family as FamilyName];
  const chosen = link ?? allowed[0];
  if (!allowed.includes(chosen as LinkName)) {
    const all = ["identity", "log", "logit", "probit", "cloglog"];
    const why = all.includes(chosen) ? `is not available for family '${family}'` : "is unknown";
    throw new InputError(`link '${chosen}' ${why}; use one of ${allowed.join(", ")}`);
  }
  return { family: family as FamilyName, link: chosen as LinkName };
}
