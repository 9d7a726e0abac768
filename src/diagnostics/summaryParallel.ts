/**
 * `summariseParallel`: `summarise` split over worker threads by contiguous blocks of parameters,
 * giving the same rows bit for bit (each parameter's summary depends on its own draws only).
 *
 * The draws go to the workers through SharedArrayBuffer-backed chains: input already backed by a
 * SharedArrayBuffer (see `toSharedChains`) is used as is, other input is copied once per call; only
 * parameter ranges travel in messages. The workers form a lazily created, reusable pool that does
 * not keep the process alive when idle; `closeSummaryPool()` terminates it.
 *
 * Workers import this very module (a flag in `workerData` makes it serve blocks), so the same code
 * runs from the built bundle and from the TypeScript sources (then tsx's ESM hooks are registered in
 * the worker first, as Node 20 does not pass `--import tsx` on to workers).
 * @module
 */
import { workerBootstrapSource } from "../workerBoot.js";
import { availableParallelism } from "node:os";
import { isMainThread, Worker, workerData } from "node:worker_threads";
import { checkSummariseArguments, summarise, type SummaryRow } from "./summary.js";
import {
  SUMMARY_COLUMNS, SUMMARY_WORKER_FLAG, serveSummaryBlocks, type BlockReply, type BlockRequest,
} from "./summaryWorker.js";

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[SUMMARY_WORKER_FLAG]) serveSummaryBlocks();

/** Below this many parameters `summariseParallel` just calls `summarise` (threads would not pay off). */
export const PARALLEL_MIN_PARAMS = 50;

/** Options of `summariseParallel`. */
export interface SummariseParallelOptions {
  /** worker threads to use (default `os.availableParallelism()`); 1 or less runs `summarise` in this thread */
  workers?: number;
}

type Callback = (reply: BlockReply) => void;

/** The worker pool: threads, replies awaited by request id, and how many requests are in flight. */
interface Pool {
  workers: Worker[];
  waiting: Map<number, Callback>;
  nextId: number;
  /** requests in flight per worker: a worker is ref'd (keeps the process alive) only while it has some */
  busy: Map<Worker, number>;
}

let pool: Pool | undefined;

/** Worker bootstrap (eval'd): registers tsx when this module is TypeScript, then imports this module. */
function workerBootstrap(): string {
  return workerBootstrapSource(import.meta.url);
}

/** Fail every awaited reply and drop the pool (a worker crashed or exited). */
function failPool(p: Pool, err: Error): void {
  if (pool === p) pool = undefined;
  const waiting = [...p.waiting.values()];
  p.waiting.clear();
  for (const w of p.workers) void w.terminate();
  for (const cb of waiting) cb({ id: -1, error: err.message });
}

/** Start one worker of pool `p`, idle (unref'd) until given work. */
function startWorker(p: Pool): Worker {
  const w = new Worker(workerBootstrap(), { eval: true, workerData: { [SUMMARY_WORKER_FLAG]: true } });
  w.on("message", (reply: BlockReply) => {
    const cb = p.waiting.get(reply.id);
    p.waiting.delete(reply.id);
    cb?.(reply);
  });
  w.on("error", (e) => failPool(p, e instanceof Error ? e : new Error(String(e))));
  w.on("exit", (code) => {
    if (pool === p) failPool(p, new Error(`A summary worker exited (code ${code}) unexpectedly.`));
  });
  w.unref();
  return w;
}

/** Count one more (+1) or one fewer (-1) request in flight on `w`, ref'ing it only while busy. */
function track(p: Pool, w: Worker, delta: 1 | -1): void {
  const n = (p.busy.get(w) ?? 0) + delta;
  p.busy.set(w, n);
  if (n === 1 && delta === 1) w.ref();
  if (n === 0) w.unref();
}

/** The pool with at least `n` workers, created or grown on demand. */
function getPool(n: number): Pool {
  if (pool === undefined) pool = { workers: [], waiting: new Map(), nextId: 0, busy: new Map() };
  while (pool.workers.length < n) pool.workers.push(startWorker(pool));
  return pool;
}

/**
 * Terminate the summary worker pool (a later `summariseParallel` call starts a new one).
 *
 * @returns a promise resolved once every worker has exited
 * @example
 * await closeSummaryPool(); // => undefined
 */
export async function closeSummaryPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p === undefined) return;
  for (const cb of p.waiting.values()) cb({ id: -1, error: "the summary worker pool was closed" });
  p.waiting.clear();
  await Promise.all(p.workers.map((w) => w.terminate()));
}

/**
 * Chains backed by one SharedArrayBuffer (a single copy), to pass to `summariseParallel` repeatedly
 * without it copying the draws on every call.
 *
 * @param chains - one Float64Array per chain
 * @returns views of the same values in one SharedArrayBuffer
 * @example
 * toSharedChains([new Float64Array([1, 2])])[0].buffer instanceof SharedArrayBuffer; // => true
 */
export function toSharedChains(chains: Float64Array[]): Float64Array[] {
  const total = chains.reduce((n, c) => n + c.length, 0);
  const sab = new SharedArrayBuffer(total * Float64Array.BYTES_PER_ELEMENT);
  let offset = 0;
  return chains.map((c) => {
    const view = new Float64Array(sab, offset * Float64Array.BYTES_PER_ELEMENT, c.length);
    view.set(c);
    offset += c.length;
    return view;
  });
}

/** The chains themselves when all are SharedArrayBuffer-backed, else a shared copy. */
function sharedChains(chains: Float64Array[]): Float64Array[] {
  return chains.every((c) => c.buffer instanceof SharedArrayBuffer) ? chains : toSharedChains(chains);
}

/** Contiguous parameter blocks [p0, p1): about four per worker, so a slowed worker is not waited on. */
function parameterBlocks(nParams: number, nWorkers: number): Array<[number, number]> {
  const size = Math.max(1, Math.ceil(nParams / (4 * nWorkers)));
  const blocks: Array<[number, number]> = [];
  for (let p0 = 0; p0 < nParams; p0 += size) blocks.push([p0, Math.min(nParams, p0 + size)]);
  return blocks;
}

/** Run every block on the pool (each worker takes the next block when done); values per block. */
function runBlocks(
  p: Pool, nWorkers: number, chains: Float64Array[], nParams: number, blocks: Array<[number, number]>,
): Promise<Float64Array[]> {
  return new Promise((resolve, reject) => {
    const out: Float64Array[] = new Array(blocks.length);
    let next = 0;
    let done = 0;
    let failed = false;
    const send = (w: Worker): void => {
      const b = next++;
      if (b >= blocks.length) return;
      const id = p.nextId++;
      track(p, w, 1);
      p.waiting.set(id, (reply) => {
        track(p, w, -1);
        if (failed) return;
        if ("error" in reply) {
          failed = true;
          return reject(new Error(`summariseParallel: ${reply.error}`));
        }
        out[b] = reply.values;
        if (++done === blocks.length) resolve(out);
        else send(w);
      });
      const req: BlockRequest = { id, chains, nParams, p0: blocks[b][0], p1: blocks[b][1] };
      w.postMessage(req);
    };
    for (const w of p.workers.slice(0, nWorkers)) send(w);
  });
}

/** Rows from packed per-block values (`SUMMARY_COLUMNS` order), named like `summarise` names them. */
function unpackRows(values: Float64Array[], blocks: Array<[number, number]>, names?: string[]): SummaryRow[] {
  const k = SUMMARY_COLUMNS.length;
  const rows: SummaryRow[] = [];
  blocks.forEach(([p0, p1], b) => {
    const v = values[b];
    for (let p = p0; p < p1; p++) {
      const o = (p - p0) * k;
      rows.push({
        name: names?.[p] ?? `p[${p + 1}]`, mean: v[o], sd: v[o + 1], q5: v[o + 2], q50: v[o + 3], q95: v[o + 4],
        mcse_mean: v[o + 5], rhat: v[o + 6], ess_bulk: v[o + 7], ess_tail: v[o + 8],
      });
    }
  });
  return rows;
}

/**
 * `summarise` over worker threads: the same rows, bit for bit, computed by contiguous blocks of
 * parameters in a reusable pool of workers (started on the first call; that call pays the start-up).
 * Fewer than `PARALLEL_MIN_PARAMS` parameters, or `workers <= 1`, run `summarise` in this thread.
 *
 * @param chains - one array per chain, `nDraws * nParams` long, draw-major (`chains[c][d * nParams + p]`);
 *   SharedArrayBuffer-backed chains (`toSharedChains`) are not copied
 * @param nParams - number of parameters
 * @param names - parameter names (default `p[1]`, `p[2]`, ...)
 * @param options - `workers` (default `os.availableParallelism()`)
 * @returns one row per parameter, in order, equal to `summarise(chains, nParams, names)`
 * @throws RangeError as `summarise` does; Error when a worker fails
 * @example
 * const rows = await summariseParallel(chains, 1000, undefined, { workers: 2 }); // 4 chains x 1000 draws
 * rows.length; // => 1000
 * await closeSummaryPool();
 */
export async function summariseParallel(
  chains: Float64Array[], nParams: number, names?: string[], options: SummariseParallelOptions = {},
): Promise<SummaryRow[]> {
  checkSummariseArguments(chains, nParams, names);
  const nWorkers = Math.floor(options.workers ?? availableParallelism());
  if (nWorkers <= 1 || nParams < PARALLEL_MIN_PARAMS) return summarise(chains, nParams, names);
  const shared = sharedChains(chains);
  const blocks = parameterBlocks(nParams, nWorkers);
  const values = await runBlocks(getPool(nWorkers), nWorkers, shared, nParams, blocks);
  return unpackRows(values, blocks, names);
}
