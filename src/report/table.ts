/**
 * Human-readable result tables in the spirit of lme4's `summary()`: fixed effects with standard errors and
 * z values, random-effect standard deviations and correlations, and for posterior fits mean, sd, 90%
 * interval, R-hat and ESS.
 * @module
 */

/** An estimate with optional standard error. */
export interface TableEstimate {
  readonly est: number;
  readonly se: number | null;
}

/** A posterior summary row (the fields the table shows). */
export interface TablePosterior {
  readonly mean: number;
  readonly sd: number;
  readonly q5: number;
  readonly q95: number;
  readonly rhat: number;
  readonly ess_bulk: number;
}

/** Format a number with `digits` significant digits (NaN/null as blank). */
function num(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  return Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-4) ? x.toExponential(digits - 1) : x.toPrecision(digits);
}

/**
 * Lay out rows as a text table: first column left-aligned, the others right-aligned.
 *
 * @example
 * formatTable(["", "Estimate"], [["(Intercept)", "1.5"]]);
 * // => "             Estimate\n(Intercept)       1.5"
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, j) => Math.max(...all.map((r) => (r[j] ?? "").length)));
  return all.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j] + 2))).join("").trimEnd()).join("\n");
}

const isFixed = (n: string) => !/^(sd__|cor__|sigma$|shape$|re__)/.test(n);

/**
 * An lme4-like summary of a frequentist fit: fixed effects (Estimate, Std. Error, z value), then the
 * variance parameters (sd, cor, sigma, shape).
 *
 * @example
 * coefficientTable({ "(Intercept)": { est: -1.4, se: 0.23 }, "sd__herd__(Intercept)": { est: 0.64, se: null } });
 * // => "Fixed effects:\n             Estimate  Std. Error  z value\n(Intercept)    -1.400      0.2300   -6.087\n\nRandom effects and dispersion:\n ..."
 */
export function coefficientTable(estimates: Readonly<Record<string, TableEstimate>>): string {
  const names = Object.keys(estimates);
  const fixed = names.filter(isFixed).map((n) => {
    const e = estimates[n];
    return [n, num(e.est), num(e.se), e.se ? num(e.est / e.se) : ""];
  });
  const other = names.filter((n) => !isFixed(n) && !n.startsWith("re__")).map((n) => [n, num(estimates[n].est), num(estimates[n].se)]);
  const parts = [`Fixed effects:\n${formatTable(["", "Estimate", "Std. Error", "z value"], fixed)}`];
  if (other.length) parts.push(`Random effects and dispersion:\n${formatTable(["", "Estimate", "Std. Error"], other)}`);
  return parts.join("\n\n");
}

/**
 * A posterior summary table (random effects `re__` left out; they are in the JSON).
 *
 * @example
 * posteriorTable({ "(Intercept)": { mean: -1.4, sd: 0.2, q5: -1.7, q95: -1.1, rhat: 1.001, ess_bulk: 1500 } });
 * // => "               mean      sd      q5     q95   rhat  ess_bulk\n(Intercept)  -1.400  0.2000  -1.700  -1.100  1.001      1500"
 */
export function posteriorTable(summary: Readonly<Record<string, TablePosterior>>): string {
  const rows = Object.keys(summary).filter((n) => !n.startsWith("re__")).map((n) => {
    const s = summary[n];
    return [n, num(s.mean), num(s.sd), num(s.q5), num(s.q95), num(s.rhat), Number.isFinite(s.ess_bulk) ? String(Math.round(s.ess_bulk)) : ""];
  });
  return formatTable(["", "mean", "sd", "q5", "q95", "rhat", "ess_bulk"], rows);
}

/**
 * The first line of a fit's printout: method, family/link, n, and logLik/AIC/BIC or the sampler counts.
 *
 * @param r - the result JSON of `glmm fit`
 * @example
 * fitHeadline({ method: "Laplace", family: "binomial", link: "logit", n_obs: 56, logLik: -92.026, AIC: 194.05, BIC: 204.18 });
 * // => "Laplace fit, binomial/logit, n = 56: logLik -92.03, AIC 194.05, BIC 204.18"
 */
export function fitHeadline(r: Readonly<Record<string, unknown>>): string {
  const head = `${r.method} fit, ${r.family}/${r.link}, n = ${r.n_obs}`;
  const t = r.timing as Record<string, number> | undefined;
  if (t) return `${head}: ${t.chains} chains x ${t.draws_per_chain} draws (${t.warmup} warmup), ${t.divergences} divergences, min ess_bulk ${Math.round(t.min_ess_bulk)}`;
  const f = (x: unknown) => (typeof x === "number" ? x.toFixed(2) : "NA");
  return `${head}: logLik ${f(r.logLik)}, AIC ${f(r.AIC)}, BIC ${f(r.BIC)}`;
}
