/**
 * Benchmark runner: `npm run bench -- <name> [args...]` imports `bench/<name>.ts` and awaits its
 * default export with the remaining arguments. Without a name, lists the benchmarks.
 * @module
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const benchDir = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (name === undefined || name === "--help" || name === "-h") {
  console.log(`usage: npm run bench -- <name> [args...]\nbenchmarks: ${available.join(", ") || "(none)"}`);
  process.exit(name === undefined ? 2 : 0);
}
const file = join(benchDir, `${name}.ts`);
if (!/^[\w-]+$/.test(name) || !existsSync(file)) {
  console.error(`bench: no benchmark "${name}" (bench/${name}.ts); available: ${available.join(", ") || "(none)"}`);
  process.exit(2);
}
const mod = (await import(pathToFileURL(file).href)) as { default?: (args: string[]) => unknown };
if (typeof mod.default !== "function") {
  console.error(`bench: bench/${name}.ts must export a default function (args: string[]) => Promise<void>`);
  process.exit(2);
}
await mod.default(args);
