/**
 * A data table as read from CSV: every column keeps its raw text (for factor levels) and, when every present
 * field is a number, its numeric values. Empty fields and `NA` are missing.
 * @module
 */
import { InputError } from "./inputError.js";

/** One column. `raw[i] === null` means missing. */
export interface Column {
  readonly name: string;
  readonly raw: readonly (string | null)[];
  /** Numeric values (NaN where missing), or null when some present field is not a number. */
  readonly numeric: Float64Array | null;
}

/** A typed table. `rowIds[i]` is the 1-based data row (line after the header) that row i came from. */
export interface DataTable {
  /** Where it came from, for messages (`data.csv`). */
  readonly source: string;
  readonly names: readonly string[];
  readonly nRows: number;
  readonly columns: ReadonlyMap<string, Column>;
  readonly rowIds: Int32Array;
  /** Row names, when the file had an unnamed first column (R's write.csv default). */
  readonly rowNames?: readonly string[];
}

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:Inf|NaN|Infinity)$/;

/** Parse one field as R's read.csv would for a numeric column (`Inf`, `-Inf`, `NaN` allowed). */
function toNumber(s: string): number {
  const t = s.trim();
  if (/^[+-]?Inf(inity)?$/.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?NaN$/.test(t)) return NaN;
  return Number(t);
}

/**
 * Build a column from raw fields: numeric when every present field is a number.
 *
 * @example
 * makeColumn("x", ["1", null, "2.5"]).numeric; // => Float64Array [1, NaN, 2.5]
 * makeColumn("g", ["a", "1"]).numeric;         // => null
 */
export function makeColumn(name: string, raw: readonly (string | null)[]): Column {
  const numeric = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i];
    if (s === null) { numeric[i] = NaN; continue; }
    if (!NUMBER_TEXT.test(s.trim())) return { name, raw, numeric: null };
    numeric[i] = toNumber(s);
  }
  return { name, raw, numeric };
}

/**
 * A table from named raw columns of equal length.
 *
 * @example
 * tableFromColumns("t", { x: ["1", "2"] }).nRows; // => 2
 */
export function tableFromColumns(source: string, cols: Record<string, readonly (string | null)[]>): DataTable {
  const names = Object.keys(cols);
  const nRows = names.length ? cols[names[0]].length : 0;
  const columns = new Map(names.map((n) => [n, makeColumn(n, cols[n])] as const));
  const rowIds = new Int32Array(nRows).map((_, i) => i + 1);
  return { source, names, nRows, columns, rowIds };
}

/**
 * Get a column or fail naming the available ones.
 *
 * @throws InputError `column 'herd' not found in data.csv; columns are: a, b`
 * @example
 * getColumn(tableFromColumns("d.csv", { x: ["1"] }), "x").name; // => "x"
 */
export function getColumn(table: DataTable, name: string): Column {
  const c = table.columns.get(name);
  if (!c) throw new InputError(`column '${name}' not found in ${table.source}; columns are: ${table.names.join(", ")}`);
  return c;
}

/**
 * Keep the rows whose mask entry is true (in order).
 *
 * @example
 * subsetRows(tableFromColumns("d", { x: ["1", "2"] }), [false, true]).rowIds; // => Int32Array [2]
 */
export function subsetRows(table: DataTable, keep: readonly boolean[]): DataTable {
  const idx: number[] = [];
  keep.forEach((k, i) => { if (k) idx.push(i); });
  const columns = new Map<string, Column>();
  for (const [name, col] of table.columns) {
    const raw = idx.map((i) => col.raw[i]);
    const numeric = col.numeric ? Float64Array.from(idx, (i) => col.numeric![i]) : null;
    columns.set(name, { name, raw, numeric });
  }
  return { source: table.source, names: table.names, nRows: idx.length, columns, rowIds: Int32Array.from(idx, (i) => table.rowIds[i]) };
}
