/**
 * Runs one example: `npm run example -- <name>` runs examples/<name>.ts.
 * @module
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv[2];
const available = readdirSync(here).filter((f) => f.endsWith(".ts") && f !== "run.ts").map((f) => f.slice(0, -3)).sort();
if (!name || !existsSync(join(here, `${name}.ts`)) || name === "run") {
  process.stderr.write(`usage: npm run example -- <name>; examples: ${available.join(", ")}\n`);
  process.exit(2);
}
await import(pathToFileURL(join(here, `${name}.ts`)).href);
