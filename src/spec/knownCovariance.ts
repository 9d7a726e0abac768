/**
 * Known covariance matrices of a random effect (kinship, phylogeny): a CSV whose header holds the level
 * labels and whose rows hold the matrix in the same order. Checked square, symmetric and positive
 * semidefinite (a genomic relationship matrix of centred genotypes is singular), then reordered to the
 * grouping factor's levels.
 * @module
 */
import { basename } from "node:path";
import { parse } from "csv-parse/sync";
import { parseCsv, readDataText } from "../data/csv.js";
import type { DataTable } from "../data/table.js";
import { InputError } from "../data/inputError.js";
import { choleskyFailingPivot } from "../linalg/dense.js";

/** A covariance matrix read from CSV: labels and row-major values. */
export interface LabelledMatrix {
  readonly source: string;
  readonly labels: readonly string[];
  readonly values: Float64Array;
}

/**
 * Read a covariance CSV (header = labels, one row per label; an unnamed first column of row labels, as R's
 * write.csv writes it, is accepted if it repeats the header's order).
 *
 * @throws InputError if the file is missing, has non-numbers, or is not square
 * @example
 * readCovarianceCsv("test/fixtures/cases/kinship_sim/K.csv").labels.length; // => 400
 */
export function readCovarianceCsv(path: string): LabelledMatrix {
  const text = readDataText(path), source = basename(path);
  return fastNumericMatrix(text, source) ?? covarianceFromTable(parseCsv(text, source));
}

/**
 * The common case read in one pass (a 400 x 400 matrix: ~40 ms instead of ~400 ms through the general table):
 * header labels (csv-parse, quotes allowed), then plain numeric rows, optionally led by row labels equal to the
 * header's. Returns null on anything else, so that the general reader reports the problem.
 */
function fastNumericMatrix(text: string, source: string): LabelledMatrix | null {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length < 2) return null;
  let header: string[];
  try {
    header = (parse(lines[0]) as string[][])[0].map((h) => h.trim());
  } catch {
    return null;
  }
  const named = header[0] === "" ? 1 : 0, labels = header.slice(named), m = labels.length;
  if (m === 0 || lines.length - 1 !== m || new Set(labels).size !== m || labels.includes("")) return null;
  const values = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const cells = lines[i + 1].split(",");
    if (cells.length !== m + named) return null;
    if (named && cells[0].trim().replace(/^"(.*)"$/, "$1") !== labels[i]) return null;
    for (let j = 0; j < m; j++) {
      const cell = cells[j + named];
      const v = cell.trim() === "" ? NaN : Number(cell);
      if (!Number.isFinite(v)) return null;
      values[i * m + j] = v;
    }
  }
  return { source, labels, values };
}

/** The general reader: any CSV the data reader accepts, with a precise message for each problem. */
function covarianceFromTable(table: DataTable): LabelledMatrix {
  const m = table.names.length;
  const bad = table.rowNames?.findIndex((r, i) => r !== table.names[i]) ?? -1;
  if (bad >= 0) {
    throw new InputError(`known covariance ${table.source}: row ${bad + 1} is labelled '${table.rowNames![bad]}' but column ${bad + 1} '${table.names[bad]}'; rows and columns must be in the same order`);
  }
  if (table.nRows !== m) {
    throw new InputError(`known covariance ${table.source}: not square: ${table.nRows} rows and ${m} columns (labels in the header)`);
  }
  const values = new Float64Array(m * m);
  table.names.forEach((name, j) => {
    const col = table.columns.get(name)!;
    for (let i = 0; i < m; i++) {
      const v = col.numeric ? col.numeric[i] : NaN;
      if (!Number.isFinite(v)) throw new InputError(`known covariance ${table.source}: entry (${i + 1}, ${name}) is not a finite number`);
      values[i * m + j] = v;
    }
  });
  return { source: table.source, labels: table.names, values };
}

function checkSymmetric(k: LabelledMatrix): void {
  const m = k.labels.length;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) {
      const a = k.values[i * m + j], b = k.values[j * m + i];
      if (Math.abs(a - b) > 1e-8 * Math.max(1, Math.abs(a), Math.abs(b))) {
        throw new InputError(`known covariance ${k.source}: not symmetric: entry (${k.labels[i]}, ${k.labels[j]}) = ${a} but (${k.labels[j]}, ${k.labels[i]}) = ${b}`);
      }
    }
  }
}

/**
 * K is positive semidefinite (to rounding) iff K + delta I is positive definite for delta = 1e-8 * max diag:
 * a flat Cholesky of the shifted matrix succeeds exactly when the smallest eigenvalue exceeds -delta.
 */
function checkPositiveSemidefinite(k: LabelledMatrix): void {
  const m = k.labels.length;
  let maxDiag = 0;
  for (let i = 0; i < m; i++) maxDiag = Math.max(maxDiag, k.values[i * m + i]);
  const L = Float64Array.from(k.values);
  for (let i = 0; i < m; i++) L[i * m + i] += 1e-8 * maxDiag;
  const j = maxDiag > 0 ? choleskyFailingPivot(L, m) : m > 0 ? 0 : -1; // a zero or negative diagonal fails at once
  if (j >= 0) {
    throw new InputError(`known covariance ${k.source}: not positive semidefinite (fails at level '${k.labels[j]}'); it must be a covariance matrix`);
  }
}

/**
 * Check a known covariance and reorder it to a grouping factor's levels.
 *
 * @param k - the matrix as read
 * @param levels - the grouping factor's levels, in the order of the Design
 * @param group - the group's name (for messages)
 * @returns row-major levels x levels matrix in level order
 * @throws InputError for asymmetry, negative eigenvalues, or labels that do not match the levels
 * @example
 * alignCovariance({ source: "K.csv", labels: ["b", "a"], values: new Float64Array([2, 0, 0, 1]) }, ["a", "b"], "g");
 * // => Float64Array [1, 0, 0, 2]
 */
export function alignCovariance(k: LabelledMatrix, levels: readonly string[], group: string): Float64Array {
  const m = k.labels.length;
  const pos = new Map(k.labels.map((l, i) => [l, i]));
  const missing = levels.find((l) => !pos.has(l));
  if (missing !== undefined) throw new InputError(`known covariance ${k.source}: level '${missing}' of '${group}' is not a label of the matrix`);
  if (m !== levels.length) {
    const extra = k.labels.find((l) => !levels.includes(l));
    throw new InputError(`known covariance ${k.source}: label '${extra}' is not a level of '${group}' (${m} labels, ${levels.length} levels)`);
  }
  checkSymmetric(k);
  checkPositiveSemidefinite(k);
  const out = new Float64Array(m * m);
  const idx = levels.map((l) => pos.get(l)!);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[i * m + j] = k.values[idx[i] * m + idx[j]];
  return out;
}
