/** Test helpers: run the glmm CLI in-process (same program as src/cli/main.ts) or as a real process. */
import { spawnSync } from "node:child_process";
import { Command } from "commander";
import { vi } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/errors.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `glmm <args>` in this process through runCli, capturing output and the exit code. */
export async function runInProcess(args: string[]): Promise<CliRun> {
  const program = new Command("glmm");
  for (const register of COMMANDS) register(program);
  let stdout = "", stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await runCli(program, ["node", "glmm", ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { code, stdout, stderr };
}

/** Spawn `node --import tsx src/cli/main.ts <args>` (about 1 s each: use sparingly). */
export function spawnCli(args: string[]): CliRun {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
