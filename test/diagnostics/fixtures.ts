/** Test helper: the 10 posterior reference cases of test/fixtures/diagnostics (copied from shared/reference). */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stackChains } from "../../src/diagnostics/index.js";

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "diagnostics");

export interface ReferenceCase {
  name: string;
  file: string;
  draws: Float64Array;
  nChains: number;
  /** posterior's values; null where posterior gives NA */
  posterior: Record<string, number | null>;
}

export function loadCases(): ReferenceCase[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const file = join(FIXTURE_DIR, f);
      const j = JSON.parse(readFileSync(file, "utf8")) as { name: string; draws: number[][]; posterior: Record<string, number | null> };
      const { draws, nChains } = stackChains(j.draws);
      return { name: j.name, file, draws, nChains, posterior: j.posterior };
    });
}

/** |got - want| / |want| (0 when both are NaN/null, Infinity when only one is). */
export function relErr(got: number, want: number | null): number {
  if (want === null || Number.isNaN(want)) return Number.isNaN(got) ? 0 : Infinity;
  if (got === want) return 0;
  return Math.abs(got - want) / Math.abs(want);
}
