/**
 * The NUTS run-length options every sampling command takes: --chains, --warmup, --draws (registered and checked
 * in one place, with one wording).
 * @module
 */
import type { Command } from "commander";
import { intOption } from "./options.js";

/** The raw option values, as commander gives them. */
export interface ChainCliOptions {
  chains: string;
  warmup: string;
  draws: string;
}

/**
 * Register --chains, --warmup and --draws on a command.
 * @param cmd - the command
 * @returns the same command, for chaining
 * @example
 * addChainOptions(new Command("fit")).options.length; // => 3
 */
export function addChainOptions(cmd: Command): Command {
  return cmd
    .option("--chains <n>", "NUTS: number of chains", "4")
    .option("--warmup <n>", "NUTS: warmup iterations per chain", "1000")
    .option("--draws <n>", "NUTS: kept draws per chain", "1000");
}

/**
 * Check the run-length options.
 * @param o - raw values
 * @returns chains in 1..64, warmup >= 0, draws >= 1
 * @throws UsageError naming the bad option, e.g. `--chains must be an integer between 1 and 64 (got "0")`
 * @example
 * chainSettings({ chains: "4", warmup: "1000", draws: "500" }); // => { chains: 4, warmup: 1000, draws: 500 }
 */
export function chainSettings(o: ChainCliOptions): { chains: number; warmup: number; draws: number } {
  return { chains: intOption("--chains", o.chains, 1, 64), warmup: intOption("--warmup", o.warmup, 0), draws: intOption("--draws", o.draws, 1) };
}
