/**
 * Parsing and checking numeric command-line options; a bad value is a `UsageError` naming the option.
 * @module
 */
import { UsageError } from "./errors.js";

/**
 * An integer option within [min, max].
 *
 * @throws UsageError `--chains must be an integer >= 1 (got "x")`
 * @example
 * intOption("--chains", "4", 1); // => 4
 */
export function intOption(name: string, text: string | number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    throw new UsageError(`${name} must be an integer ${range} (got "${text}")`);
  }
  return v;
}

/**
 * A number option strictly inside (lo, hi).
 *
 * @throws UsageError `--adapt-delta must be a number in (0, 1) (got "1.5")`
 * @example
 * openIntervalOption("--adapt-delta", "0.8", 0, 1); // => 0.8
 */
export function openIntervalOption(name: string, text: string | number, lo: number, hi: number): number {
  const v = Number(text);
  if (!(v > lo && v < hi)) throw new UsageError(`${name} must be a number in (${lo}, ${hi}) (got "${text}")`);
  return v;
}

/**
 * One of a fixed set of choices.
 *
 * @throws UsageError `--method must be one of laplace, agq, ml, reml, nuts (got "mcmc")`
 * @example
 * choiceOption("--method", "nuts", ["laplace", "nuts"]); // => "nuts"
 */
export function choiceOption<T extends string>(name: string, text: string, choices: readonly T[]): T {
  if (!choices.includes(text as T)) throw new UsageError(`${name} must be one of ${choices.join(", ")} (got "${text}")`);
  return text as T;
}

/**
 * A finite number option >= min.
 *
 * @throws UsageError `--init-radius must be a number >= 0 (got "-1")`
 * @example
 * minNumberOption("--init-radius", "0.5", 0); // => 0.5
 */
export function minNumberOption(name: string, text: string | number, min: number): number {
  const v = Number(text);
  if (!(v >= min) || !Number.isFinite(v) || String(text).trim() === "") throw new UsageError(`${name} must be a number >= ${min} (got "${text}")`);
  return v;
}
