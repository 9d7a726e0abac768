/**
 * CSV reading (csv-parse, sync API): header row, comma separated, `.` decimal, empty field or `NA` = missing.
 * @module
 */
import { basename } from "node:path";
import { parse } from "csv-parse/sync";
import { InputError } from "./inputError.js";
import { readText } from "./readText.js";
import { tableFromColumns, type DataTable } from "./table.js";

/**
 * Parse CSV text into a typed table.
 *
 * @param text - CSV with a header row
 * @param source - name used in error messages (e.g. `data.csv`)
 * @returns the table; numeric columns typed as numbers, others kept as text
 * @throws InputError for ragged rows, duplicate or empty header names (an unnamed first column is taken as
 *   row names, as R's write.csv writes them, and kept in `rowNames`)
 * @example
 * parseCsv("x,g\n1,a\n,b\n", "d.csv").columns.get("x")?.raw; // => ["1", null]
 */
export function parseCsv(text: string, source: string): DataTable {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: false, skip_empty_lines: true, bom: true });
  } catch (e) {
    throw new InputError(`${source}: cannot read CSV: ${(e as Error).message}`);
  }
  if (rows.length === 0) throw new InputError(`${source}: the file is empty; it needs a header row`);
  const header = rows[0].map((h) => h.trim());
  // R's write.csv(row.names = TRUE) writes an unnamed first column of row names: skip it
  const first = header.length > 1 && header[0] === "" ? 1 : 0;
  const seen = new Set<string>();
  for (const h of header.slice(first)) {
    if (h === "") throw new InputError(`${source}: a column has an empty name in the header row`);
    if (seen.has(h)) throw new InputError(`${source}: column '${h}' appears twice in the header row`);
    seen.add(h);
  }
  const cols: Record<string, (string | null)[]> = {};
  header.forEach((h, j) => {
    if (j >= first) cols[h] = rows.slice(1).map((r) => (r[j] === "" || r[j] === "NA" ? null : r[j]));
  });
  const table = tableFromColumns(source, cols);
  return first ? { ...table, rowNames: rows.slice(1).map((r) => r[0]) } : table;
}

/**
 * Read a CSV file.
 *
 * @throws InputError `cannot read data file 'x.csv': no such file`
 * @example
 * readCsv("test/fixtures/cases/cbpp/data.csv").nRows; // => 56
 */
export function readCsv(path: string): DataTable {
  return parseCsv(readDataText(path), basename(path));
}

/**
 * A data file's text, for readers that parse it themselves (e.g. a numeric matrix).
 *
 * @throws InputError `cannot read data file 'x.csv': no such file`
 * @example
 * readDataText("test/fixtures/cases/cbpp/data.csv").startsWith("herd"); // => true
 */
export function readDataText(path: string): string {
  return readText(path, (why) => new InputError(`cannot read data file '${path}': ${why}`));
}
