/**
 * Reading data columns for graph nodes: numeric vectors, factors (levels and 0-based index), matrices and
 * known covariances, with errors that name the node and say what to change.
 * @module
 */
import type { DataNode } from "./nodes.js";

type Data = Readonly<Record<string, unknown>>;

function lookup(data: Data, node: DataNode): unknown {
  const v = data[node.name];
  if (v === undefined || v === null) throw new Error(`data: missing "${node.name}" (a ${node.type} node); add it to the data object`);
  return v;
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return typeof v === "object" && v !== null && typeof (v as { length?: unknown }).length === "number";
}

/**
 * A numeric column of length n.
 *
 * @throws Error for a missing column, a wrong length or a non-finite value
 * @example
 * numericColumn({ x: [1, 2] }, vector("x"), 2); // => Float64Array [1, 2]
 */
export function numericColumn(data: Data, node: DataNode, n: number): Float64Array {
  const v = lookup(data, node);
  if (!isArrayLike(v)) throw new Error(`data: "${node.name}" must be an array of numbers`);
  if (v.length !== n) throw new Error(`data: "${node.name}" has ${v.length} values, the response has ${n}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = Number(v[i]);
    if (!Number.isFinite(x)) throw new Error(`data: "${node.name}"[${i + 1}] = ${String(v[i])} is not a finite number; drop or impute missing rows`);
    out[i] = x;
  }
  return out;
}

/** Length of the response column. */
export function columnLength(data: Data, node: DataNode): number {
  const v = lookup(data, node);
  if (!isArrayLike(v)) throw new Error(`data: "${node.name}" must be an array`);
  return v.length;
}

/**
 * A factor: level labels (declared, else sorted distinct values: numerically if all numeric, as R does) and
 * the 0-based level index of every row.
 *
 * @example
 * factorColumn({ g: ["b", "a", "b"] }, factor("g"), 3); // => { levels: ["a", "b"], index: Int32Array [1, 0, 1] }
 */
export function factorColumn(data: Data, node: DataNode, n: number): { levels: string[]; index: Int32Array } {
  const v = lookup(data, node);
  if (!isArrayLike(v) || v.length !== n) throw new Error(`data: factor "${node.name}" must be an array of ${n} labels`);
  const labels = Array.from({ length: n }, (_, i) => String(v[i]));
  let levels = node.labels ? [...node.labels] : [...new Set(labels)];
  if (!node.labels) {
    const numeric = levels.every((l) => l.trim() !== "" && Number.isFinite(Number(l)));
    levels.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  }
  levels = levels.map(String);
  const pos = new Map(levels.map((l, i) => [l, i] as const));
  const index = new Int32Array(n);
  labels.forEach((l, i) => {
    const j = pos.get(l);
    if (j === undefined) throw new Error(`data: factor "${node.name}"[${i + 1}] = "${l}" is not one of its declared levels (${levels.slice(0, 5).join(", ")}${levels.length > 5 ? ", ..." : ""})`);
    index[i] = j;
  });
  return { levels, index };
}

/**
 * A dense matrix as row-major rows x cols, from a flat array or an array of rows.
 *
 * @example
 * denseMatrix({ W: [[1, 2], [3, 4]] }, matrix("W", ["a", "b"]), 2, 2); // => Float64Array [1, 2, 3, 4]
 */
export function denseMatrix(data: Data, node: DataNode, rows: number, cols: number): Float64Array {
  const v = lookup(data, node);
  const out = new Float64Array(rows * cols);
  if (isArrayLike(v) && v.length === rows && rows > 0 && isArrayLike(v[0])) {
    for (let i = 0; i < rows; i++) {
      const r = v[i] as ArrayLike<unknown>;
      if (!isArrayLike(r) || r.length !== cols) throw new Error(`data: "${node.name}" row ${i + 1} must have ${cols} values`);
      for (let j = 0; j < cols; j++) out[i * cols + j] = Number(r[j]);
    }
  } else if (isArrayLike(v) && v.length === rows * cols) {
    for (let i = 0; i < rows * cols; i++) out[i] = Number(v[i]);
  } else throw new Error(`data: "${node.name}" must be ${rows} x ${cols} (array of rows, or row-major flat)`);
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) throw new Error(`data: "${node.name}" has a non-finite entry at ${i + 1}`);
  return out;
}

/**
 * A known covariance over `levels` (reordered from the node's own labels when it declares them).
 *
 * @example
 * covarianceMatrix({ K: [[1, 0.5], [0.5, 1]] }, covariance("K"), ["a", "b"]); // => Float64Array [1, 0.5, 0.5, 1]
 */
export function covarianceMatrix(data: Data, node: DataNode, levels: readonly string[]): Float64Array {
  const m = levels.length;
  const K = denseMatrix(data, node, m, m);
  if (!node.labels) return K;
  const pos = new Map(node.labels.map((l, i) => [String(l), i] as const));
  const perm = levels.map((l) => {
    const j = pos.get(l);
    if (j === undefined) throw new Error(`data: covariance "${node.name}" has no row for level "${l}"`);
    return j;
  });
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[i * m + j] = K[perm[i] * m + perm[j]];
  return out;
}
