import type { Command } from "commander";
import { register as fit } from "./fit.js";
import { register as logdensity } from "./logdensity.js";
import { register as diagnose } from "./diagnose.js";
import { register as compare } from "./compare.js";
import { register as rank } from "./rank.js";
import { register as marginal } from "./marginal.js";

/** Every CLI command's `register`. Add one import and one entry per command. */
export const COMMANDS: ((program: Command) => void)[] = [fit, logdensity, diagnose, rank, marginal, compare];
