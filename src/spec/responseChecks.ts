/**
 * Checks of the response values against the family: counts must be non-negative integers, successes at most
 * trials, a bernoulli response 0/1 and not constant. Messages name the response and the data row.
 * @module
 */
import { InputError } from "../data/inputError.js";
import type { DataTable } from "../data/table.js";
import type { FamilyName } from "../design/design.js";

function at(table: DataTable, i: number): string {
  return `row ${table.rowIds[i]} of ${table.source}`;
}

function checkCounts(what: string, x: Float64Array, table: DataTable, family: string): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v) || v < 0 || !Number.isInteger(v)) {
      throw new InputError(`response '${what}' is ${v} at ${at(table, i)}; family ${family} needs non-negative integer counts`);
    }
  }
}

/**
 * Check response values for a family.
 *
 * @param name - the response's name (for messages)
 * @param y - successes / counts / values
 * @param trials - binomial trials (undefined otherwise)
 * @param family - the family
 * @param table - the (row-filtered) data, for row numbers in messages
 * @throws InputError naming the first bad value and its data row
 * @example
 * checkResponse("y", new Float64Array([0, 1]), undefined, "bernoulli", table); // => undefined (passes)
 */
export function checkResponse(name: string, y: Float64Array, trials: Float64Array | undefined, family: FamilyName, table: DataTable): void {
  if (family === "gaussian") {
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i])) throw new InputError(`response '${name}' is ${y[i]} at ${at(table, i)}; it must be a finite number`);
    }
    return;
  }
  checkCounts(name, y, table, family);
  if (family === "bernoulli") {
    for (let i = 0; i < y.length; i++) {
      if (y[i] > 1) throw new InputError(`response '${name}' is ${y[i]} at ${at(table, i)}; family bernoulli needs 0/1 values (use binomial with trials for counts)`);
    }
    if (y.every((v) => v === y[0])) {
      throw new InputError(`response '${name}' is constant (all ${y[0]}); a bernoulli model needs both 0s and 1s`);
    }
  }
  if (family === "binomial" && trials) {
    checkCounts(`${name}: trials`, trials, table, family);
    for (let i = 0; i < y.length; i++) {
      if (y[i] > trials[i]) throw new InputError(`response '${name}': successes ${y[i]} > trials ${trials[i]} at ${at(table, i)}`);
    }
  }
}
