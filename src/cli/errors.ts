import type { Command } from "commander";

/**
 * An error the user can fix (bad file, bad option, bad data): printed as one line, exit code 2.
 *
 * @example
 * throw new UsageError("column 'herd' not found in data.csv; columns are: a, b");
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Run a commander program, turning `UsageError`s (and commander's own usage errors) into one line on stderr
 * and exit code 2. Other errors are bugs: printed with their stack, exit code 1.
 *
 * @example
 * await runCli(program, process.argv);
 */
export async function runCli(program: Command, argv: string[]): Promise<void> {
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number };
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") {
      process.exitCode = 0;
      return;
    }
    if (err.code?.startsWith("commander.")) {
      process.exitCode = 2;
      return;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`glmm: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`glmm: internal error: ${err.stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
