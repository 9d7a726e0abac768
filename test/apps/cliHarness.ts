/** Run `glmm <args>` in this process (same commands as src/cli/main.ts), capturing output and exit code. */
import { Command } from "commander";
import { vi } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/errors.js";

export async function runGlmm(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
