import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Path of a committed reference case file (test/fixtures/cases/<name>/<file>). */
export function casePath(name: string, file = "spec.json"): string {
  return fileURLToPath(new URL(`../fixtures/cases/${name}/${file}`, import.meta.url));
}

/** Parsed JSON of a reference case file. */
export function caseJson(name: string, file: string): any {
  return JSON.parse(readFileSync(casePath(name, file), "utf8"));
}

/** The fit in a multi-fit reference file whose call contains `needle`. */
export function fitWith(ref: any, needle: string): any {
  const f = (ref.fits ?? [ref]).find((x: any) => String(x.call).includes(needle));
  if (!f) throw new Error(`no fit with '${needle}'`);
  return f;
}

/** |a / b - 1|. */
export function rel(a: number, b: number): number {
  return Math.abs(a / b - 1);
}
