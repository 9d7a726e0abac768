/**
 * The eval'd bootstrap of a worker thread that runs one of glmm's own modules. Node 20 ignores `--import tsx` in
 * a worker's execArgv and tsx registers itself on the main thread only, so when the module is TypeScript (running
 * from the sources under tsx or vitest) the bootstrap registers tsx's ESM hooks first, then imports the module.
 * From the built package it imports the module directly. Used by the NUTS chains and by summariseParallel.
 * @module
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/**
 * Whether a path or URL names a TypeScript module (.ts, .mts, .cts).
 * @example
 * isTypescript("/x/samplers/run.ts"); // => true
 */
export function isTypescript(path: string): boolean {
  return /\.[cm]?ts$/.test(path);
}

/** File URL of tsx's ESM register API (its ESM build: the CJS build mis-resolves its hooks file). */
function tsxApiUrl(): string {
  const viaMeta = (import.meta as { resolve?: (s: string) => string }).resolve;
  try {
    if (viaMeta) return viaMeta("tsx/esm/api");
  } catch {
    // fall through to require.resolve
  }
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  } catch {
    throw new Error("Running glmm's worker threads from the TypeScript sources needs the `tsx` package: npm install tsx (or use the built package).");
  }
}

/**
 * Source code for `new Worker(code, { eval: true })` that imports `moduleUrl` (registering tsx first when that
 * module is TypeScript, or `loadsTypescript` says a module it loads is); an import failure is rethrown in the
 * worker so its 'error' event fires.
 *
 * @param moduleUrl - file URL of the module the worker runs
 * @param loadsTypescript - whether the worker will also load another TypeScript module (e.g. a model factory)
 * @returns the bootstrap source
 * @example
 * workerBootstrapSource("file:///x/dist/cli.js"); // => 'import("file:///x/dist/cli.js").catch(...)'
 */
export function workerBootstrapSource(moduleUrl: string, loadsTypescript = false): string {
  const self = JSON.stringify(moduleUrl);
  const fail = ".catch((e) => { setImmediate(() => { throw e; }); });";
  if (!isTypescript(new URL(moduleUrl).pathname) && !loadsTypescript) return `import(${self})${fail}`;
  return `import(${JSON.stringify(tsxApiUrl())}).then((api) => { api.register(); return import(${self}); })${fail}`;
}
