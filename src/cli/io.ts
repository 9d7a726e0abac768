/**
 * CLI output: results are written to a temporary file in the target folder and renamed on success, so a
 * failed run never leaves a (partial) output file behind.
 * @module
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "./errors.js";

/**
 * Write text atomically: `<dir>/.<name>.<pid>.tmp`, then rename to `path`.
 *
 * @param path - the output file
 * @param text - its content
 * @throws UsageError if the folder does not exist or is not writable
 * @example
 * writeTextAtomic("out/result.json", "{}\n"); // => undefined; out/result.json holds "{}\n"
 */
export function writeTextAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write '${path}': ${(e as Error).message}`);
  }
}

/**
 * Write a JSON value atomically (2-space indented, trailing newline).
 *
 * @example
 * writeJsonAtomic("result.json", { a: 1 }); // => undefined
 */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeTextAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Make sure an output folder exists (for `--csv <dir>`).
 *
 * @throws UsageError if it cannot be created
 * @example
 * ensureDir("draws"); // => undefined
 */
export function ensureDir(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create folder '${path}': ${(e as Error).message}`);
  }
}

/**
 * Whether to print JSON: with `--json`, or when stdout is not a terminal.
 *
 * @example
 * wantsJson({ json: true }); // => true
 */
export function wantsJson(opts: { json?: boolean }): boolean {
  return !!opts.json || !process.stdout.isTTY;
}
