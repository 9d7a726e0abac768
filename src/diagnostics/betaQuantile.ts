/**
 * The beta distribution's CDF (regularized incomplete beta function) and quantile, needed by the
 * quantile MCSE (posterior's `.mcse_quantile` calls R's `qbeta`). Continued fraction evaluated with
 * the modified Lentz method (Numerical Recipes 6.4; DiDonato & Morris 1992 for the symmetry switch),
 * inverted by safeguarded Newton steps.
 * @module
 */
import gammaln from "@stdlib/math-base-special-gammaln";

const TINY = 1e-300;

/** Continued fraction for I_x(a, b) / (x^a (1-x)^b / (a B(a, b))), converging for x < (a+1)/(a+b+2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

function logBeta(a: number, b: number): number {
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}

/**
 * Regularized incomplete beta function I_x(a, b), the CDF of Beta(a, b) at x.
 *
 * @param x - point in [0, 1]
 * @param a - first shape (> 0)
 * @param b - second shape (> 0)
 * @returns P(X <= x) for X ~ Beta(a, b); NaN for invalid arguments
 * @example
 * betaCdf(0.5, 2, 2); // => 0.5000000000000002 (0.5 to rounding)
 * betaCdf(0.25, 1, 3); // => 0.5781249999999998 (1 - 0.75^3 = 0.578125)
 */
export function betaCdf(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * Quantile of Beta(a, b): the x with I_x(a, b) = p (R's `qbeta(p, a, b)`).
 *
 * @param p - probability in [0, 1]
 * @param a - first shape (> 0)
 * @param b - second shape (> 0)
 * @returns the quantile; NaN for invalid arguments
 * @see R `qbeta`; posterior R/convergence.R `.mcse_quantile`
 * @example
 * betaQuantile(0.5, 2, 2); // => 0.49999999999999983 (0.5 to rounding)
 * betaQuantile(0.578125, 1, 3); // => 0.2500000000000001
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || !(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  const logB = logBeta(a, b);
  for (let iter = 0; iter < 200; iter++) {
    const f = betaCdf(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const logPdf = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB;
    let next = x - f / Math.exp(logPdf);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300) || hi - lo <= 1e-16 * hi) return next;
    x = next;
  }
  return x;
}
