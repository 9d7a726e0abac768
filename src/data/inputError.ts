/**
 * The error type of everything a user can fix in their input (data file, formula, spec): one line that names
 * the culprit and says what to change. The CLI turns it into a `UsageError` (exit code 2).
 * @module
 */

/**
 * A problem with the user's input, not a bug.
 *
 * @example
 * new InputError("column 'herd' not found in data.csv; columns are: a, b").message;
 * // => "column 'herd' not found in data.csv; columns are: a, b"
 */
export class InputError extends Error {
  override name = "InputError";
}
