/**
 * `glmm diagnose <draws.json>`: convergence diagnostics of one parameter's MCMC draws, matching the R
 * package posterior (R-hat, bulk/tail ESS, MCSE, quantiles), printed as one JSON object.
 * @module
 */
import type { Command } from "commander";
import { diagnoseParameter, stackChains, type ParameterDiagnostics } from "../../diagnostics/index.js";
import { readText } from "../../data/readText.js";
import { UsageError } from "../errors.js";

/** The printed keys, in order (posterior's names; `ess_q05` is `ess_quantile(x, 0.05)`). */
export const DIAGNOSE_KEYS = [
  "rhat", "rhat_basic", "ess_bulk", "ess_tail", "ess_basic", "ess_mean", "ess_sd", "ess_q05", "ess_q95",
  "mcse_mean", "mcse_sd", "mcse_q05", "mcse_q95", "mean", "sd", "q05", "q50", "q95",
] as const satisfies readonly (keyof ParameterDiagnostics)[];

/** What `glmm diagnose` prints: each diagnostic, null where it is undefined (posterior's NA). */
export type DiagnoseOutput = Record<(typeof DIAGNOSE_KEYS)[number], number | null>;

const HELP = `
Input: a JSON file {"draws": [[chain 1 draws...], [chain 2 draws...], ...]} holding one parameter's
post-warmup draws, one array of numbers per chain, all chains of the same length (one chain is fine).

Output: one JSON object with rhat, rhat_basic, ess_bulk, ess_tail, ess_basic, ess_mean, ess_sd, ess_q05,
ess_q95, mcse_mean, mcse_sd, mcse_q05, mcse_q95, mean, sd, q05, q50, q95, computed as the R package
posterior computes them (Vehtari et al. 2021: rank-normalized split R-hat, bulk/tail ESS; quantiles of
type 7). A value posterior reports as NA (constant draws, too few draws) is null.

Example:
  glmm diagnose examples/draws/eight_schools_like.json
`;

/**
 * Read and validate a draws file into the chain-major layout of `src/diagnostics`.
 *
 * @param path - the JSON file
 * @returns the draws and the number of chains
 * @throws UsageError naming the problem: missing file, bad JSON, no `draws` array, ragged chains,
 *   a non-numeric draw
 * @example
 * readDrawsFile("examples/draws/eight_schools_like.json").nChains; // => 4
 */
export function readDrawsFile(path: string): { draws: Float64Array; nChains: number } {
  const text = readText(path, (why) => new UsageError(`${path}: ${why}`));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const chains = (json as { draws?: unknown } | null)?.draws;
  if (!Array.isArray(chains) || chains.length === 0 || !chains.every(Array.isArray)) {
    throw new UsageError(`${path}: expected {"draws": [[chain 1 draws], [chain 2 draws], ...]} with at least one chain`);
  }
  const rows = chains as unknown[][];
  const n = rows[0].length;
  for (let c = 0; c < rows.length; c++) {
    if (rows[c].length !== n) {
      throw new UsageError(`${path}: ragged chains: chain ${c + 1} has ${rows[c].length} draws but chain 1 has ${n}; all chains must have the same length`);
    }
    const bad = rows[c].findIndex((v) => typeof v !== "number");
    if (bad >= 0) {
      throw new UsageError(`${path}: draw ${bad + 1} of chain ${c + 1} is ${JSON.stringify(rows[c][bad])}, not a number`);
    }
  }
  if (n === 0) throw new UsageError(`${path}: the chains hold no draws`);
  return stackChains(rows as number[][]);
}

/**
 * All diagnostics of a draws file; NaN (posterior: NA) and infinite values become null.
 *
 * @param path - the JSON file (see `readDrawsFile`)
 * @returns the diagnostics, keys in `DIAGNOSE_KEYS` order
 * @throws UsageError for an unreadable or malformed file
 * @example
 * diagnoseFile("examples/draws/eight_schools_like.json").rhat; // => 1.0142547529655512
 */
export function diagnoseFile(path: string): DiagnoseOutput {
  const { draws, nChains } = readDrawsFile(path);
  const d = diagnoseParameter(draws, nChains);
  const out = {} as DiagnoseOutput;
  for (const k of DIAGNOSE_KEYS) out[k] = Number.isFinite(d[k]) ? d[k] : null; // JSON has no NaN or Infinity
  return out;
}

/**
 * Register `glmm diagnose`.
 *
 * @param program - the glmm commander program
 * @returns nothing
 * @example
 * register(program); // glmm diagnose <draws.json>
 */
export function register(program: Command): void {
  program
    .command("diagnose")
    .description("MCMC convergence diagnostics of one parameter's draws (R-hat, ESS, MCSE), as the R package posterior computes them")
    .argument("<draws.json>", 'JSON file {"draws": [[chain 1...], [chain 2...]]}')
    .addHelpText("after", HELP)
    .action((path: string) => {
      process.stdout.write(`${JSON.stringify(diagnoseFile(path), null, 2)}\n`);
    });
}
