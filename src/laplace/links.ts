/**
 * Link functions: eta = g(mu), mu = g^-1(eta), d mu / d eta, with lme4's clamping of extreme values.
 * @module
 */
import type { LinkName } from "../design/design.js";
import erfc from "@stdlib/math-base-special-erfc";

/** A link function and its inverse. */
export interface Link {
  readonly name: LinkName;
  linkfun(mu: number): number;
  linkinv(eta: number): number;
  muEta(eta: number): number;
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;
const MLTHRESH = -30;
const clampProb = (p: number): number => Math.min(1 - EPS, Math.max(EPS, p));

const LINKS: Record<LinkName, Link> = {
  identity: { name: "identity", linkfun: (m) => m, linkinv: (e) => e, muEta: () => 1 },
  log: {
    name: "log", linkfun: Math.log,
    linkinv: (e) => Math.max(Math.exp(e), EPS),
    muEta: (e) => Math.max(Math.exp(e), EPS),
  },
  logit: {
    name: "logit", linkfun: (m) => Math.log(m / (1 - m)),
    linkinv: (e) => clampProb(e < MLTHRESH ? EPS : e > THRESH ? 1 - EPS : 1 / (1 + Math.exp(-e))),
    muEta: (e) => { const a = Math.exp(-Math.abs(e)); return Math.max(a / ((1 + a) * (1 + a)), EPS); },
  },
  probit: {
    name: "probit", linkfun: () => { throw new Error("probit linkfun is not needed by PIRLS"); },
    linkinv: (e) => clampProb(0.5 * erfc(-e / Math.SQRT2)),
    muEta: (e) => Math.max(Math.exp(-0.5 * e * e) / Math.sqrt(2 * Math.PI), EPS),
  },
  cloglog: {
    name: "cloglog", linkfun: (m) => Math.log(-Math.log(1 - m)),
    linkinv: (e) => clampProb(-Math.expm1(-Math.exp(e))),
    muEta: (e) => { const ee = Math.min(e, 700); return Math.max(Math.exp(ee) * Math.exp(-Math.exp(ee)), EPS); },
  },
};

/**
 * The link object for a name.
 * @param name - link name
 * @returns the link
 * @example
 * linkFor("logit").linkinv(0); // => 0.5
 */
export function linkFor(name: LinkName): Link {
  const l = LINKS[name];
  if (!l) throw new Error(`unknown link '${name}': use identity, log, logit, probit or cloglog`);
  return l;
}
