/** Run `glmm <args>` in this process (same commands as src/cli/main.ts), capturing output and exit code. */
export { runInProcess as runGlmm } from "../cli/harness.js";
