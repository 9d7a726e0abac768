#!/usr/bin/env node
/**
 * The `glmm` command line. Each command lives in `src/cli/commands/<name>.ts` and exports
 * `register(program)`; this file only lists them. Errors a user can fix exit with code 2 and one line
 * on stderr (see `src/cli/errors.ts`).
 * @module
 */
import { Command } from "commander";
import { runCli } from "./errors.js";
import { COMMANDS } from "./commands/index.js";

const program = new Command("glmm")
  .description("Bayesian generalized linear mixed models: NUTS, Laplace/AGQ, ML/REML, diagnostics")
  .version("0.1.0");
for (const register of COMMANDS) register(program);

await runCli(program, process.argv);
