/**
 * Stable log of the standard normal cdf and its derivative, for the probit link and half-normal truncation.
 * @module
 */
import erfc from "@stdlib/math-base-special-erfc";

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const SWITCH = -20;

/**
 * log Phi(x), accurate for x down to -1e150 (asymptotic series below -20, erfc above).
 *
 * @param x - argument
 * @returns log of the standard normal cdf at x
 * @example
 * logPhi(0); // => -0.6931471805599453
 * logPhi(-700); // => -245006.6... (finite, no underflow)
 * @see Abramowitz & Stegun 26.2.12 (asymptotic expansion of the Mills ratio)
 */
export function logPhi(x: number): number {
  if (x > SWITCH) return Math.log(0.5 * erfc(-x / Math.SQRT2));
  // Phi(x) = phi(x)/(-x) * (1 - 1/x^2 + 3/x^4 - 15/x^6 + ...)
  return -0.5 * x * x - LOG_SQRT_2PI - Math.log(-x) + Math.log(millsSeries(x));
}

/** 1 - 1/x^2 + 3/x^4 - 15/x^6 + 105/x^8 - 945/x^10 + 10395/x^12 (truncation error < 1e-13 for x < -20). */
function millsSeries(x: number): number {
  const u = 1 / (x * x);
  return 1 + u * (-1 + u * (3 + u * (-15 + u * (105 + u * (-945 + u * 10395)))));
}

/**
 * d/dx log Phi(x) = phi(x) / Phi(x) (the inverse Mills ratio), stable for very negative x.
 *
 * @param x - argument
 * @returns phi(x)/Phi(x)
 * @example
 * dLogPhi(0); // => 0.7978845608028654
 * dLogPhi(-700); // => ~700.0014
 */
export function dLogPhi(x: number): number {
  const logphi = -0.5 * x * x - LOG_SQRT_2PI;
  return Math.exp(logphi - logPhi(x));
}
