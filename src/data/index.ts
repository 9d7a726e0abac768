/**
 * Data tables: CSV reading, typed columns, R's factor level order, and the input error type.
 * @module
 */
export { readCsv, parseCsv, readDataText } from "./csv.js";
export { readText } from "./readText.js";
export { makeColumn, tableFromColumns, getColumn, subsetRows } from "./table.js";
export type { Column, DataTable } from "./table.js";
export { defaultLevels, rowLabels } from "./levels.js";
export { InputError } from "./inputError.js";
