/**
 * The benchmark library. A benchmark is `bench/<name>.ts` exporting `default async function (args)`;
 * `npm run bench -- <name> [args...]` runs it. See bench/lib/README.md.
 * @module
 */
export { measure, medianOf, type Timing, type MeasureOptions } from "./measure.js";
export { compare, formatTable, report, RESULTS_DIR, type Case, type Row, type RowTiming, type MeasuredRow } from "./compare.js";
