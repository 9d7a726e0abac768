import type { Command } from "commander";

/** Every CLI command's `register`. Add one import and one entry per command. */
export const COMMANDS: ((program: Command) => void)[] = [];
