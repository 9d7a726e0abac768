/**
 * Compare candidates against a baseline timed in the same process, print a table, and write
 * `bench/results/<name>.json`.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure, type MeasureOptions, type Timing } from "./measure.js";

/** A named piece of work to time. */
export interface Case {
  name: string;
  fn: () => unknown;
}

/** A timing for a table row: `measure`'s, or one assembled by hand (CPU time then optional). */
export type RowTiming = Omit<Timing, "cpuMedian"> & { cpuMedian?: number };

/** One row of a table: a case's timing and its median relative to the baseline's. */
export interface Row {
  name: string;
  timing: RowTiming;
  /** median / baseline median (the baseline row has 1) */
  ratio: number;
}

/** A row produced by `compare`: its timing always has the CPU time. */
export interface MeasuredRow extends Row {
  timing: Timing;
}

/**
 * Time the baseline and every candidate with the same options (interleaved order is not needed:
 * each is warmed up first), and express each median as a multiple of the baseline median.
 *
 * @param baseline - the reference work (e.g. plain means of the same data)
 * @param candidates - the work being benchmarked
 * @param options - runs / warm-up per case
 * @returns the baseline row first, then one row per candidate
 * @example
 * const rows = compare({ name: "noop", fn: () => 0 }, [{ name: "sum", fn: () => [1, 2].reduce((a, b) => a + b) }]);
 * rows[0].ratio; // => 1
 */
export function compare(baseline: Case, candidates: Case[], options: MeasureOptions = {}): MeasuredRow[] {
  const base = measure(baseline.fn, options);
  const rows: MeasuredRow[] = [{ name: baseline.name, timing: base, ratio: 1 }];
  for (const c of candidates) {
    const t = measure(c.fn, options);
    rows.push({ name: c.name, timing: t, ratio: t.median / base.median });
  }
  return rows;
}

/**
 * Format rows as a fixed-width text table (median/min/max wall ms, CPU ms or "-", ratio to the baseline).
 *
 * @param rows - rows from `compare`
 * @returns the table text
 * @example
 * formatTable([{ name: "a", timing: { median: 2, min: 1, max: 3, samples: [1, 2, 3], cpuMedian: 2 }, ratio: 1 }]);
 * // => "case  median ms  min ms  max ms  cpu ms  x baseline\na          2.00    1.00    3.00    2.00        1.00"
 */
export function formatTable(rows: Row[]): string {
  const w = Math.max(4, ...rows.map((r) => r.name.length));
  const head = `${"case".padEnd(w)}  median ms  min ms  max ms  cpu ms  x baseline`;
  const lines = rows.map((r) =>
    `${r.name.padEnd(w)}  ${r.timing.median.toFixed(2).padStart(9)}  ${r.timing.min.toFixed(2).padStart(6)}  ` +
    `${r.timing.max.toFixed(2).padStart(6)}  ${(r.timing.cpuMedian?.toFixed(2) ?? "-").padStart(6)}  ${r.ratio.toFixed(2).padStart(10)}`,
  );
  return [head, ...lines].join("\n");
}

/** Folder where results are written: `bench/results/`. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "results");

/**
 * Print the table and write `bench/results/<benchName>.json` with the rows, machine facts (CPU count and
 * model, 1-minute load average: other processes slow wall times down) and any
 * extra fields (e.g. a target and whether it was met).
 *
 * @param benchName - file stem of the benchmark (`diagnostics` for bench/diagnostics.ts)
 * @param rows - rows from `compare`
 * @param extra - extra JSON-serialisable fields to record
 * @returns the path written
 * @example
 * report("demo", rows, { target_ms: 1000 }); // prints the table; => ".../bench/results/demo.json"
 */
export function report(benchName: string, rows: Row[], extra: Record<string, unknown> = {}): string {
  console.log(formatTable(rows));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${benchName}.json`);
  const out = {
    bench: benchName,
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    loadavg1: loadavg()[0],
    rows: rows.map((r) => ({ name: r.name, ratio: r.ratio, ...r.timing })),
    ...extra,
  };
  writeFileSync(path, JSON.stringify(out, null, 2) + "\n");
  console.log(`wrote ${path}`);
  return path;
}
