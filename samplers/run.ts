/**
 * `sample`: several NUTS chains, in parallel worker threads (or in-process with `workers: 0`). Chain k draws all its
 * random numbers from makeRng(streamSeed(seed, k)), so results are bit-identical whatever the number of workers.
 *
 * Workers are spawned on THIS module's own file (it starts serving chains when loaded in a worker with the flag in
 * workerData), so the same code works from the TypeScript sources (workers get `--import tsx`) and from the
 * bundled dist, where this module lives in a chunk.
 * @module
 */
import { isTypescript, workerBootstrapSource } from "../src/workerBoot.js";
import { isMainThread, Worker, workerData } from "node:worker_threads";
import { runChain, type ChainOptions, type ChainResult } from "./chains.js";
import type { MetricKind } from "./metrics.js";
import { loadModel, type ModelFactoryRef } from "./model.js";
import { startWorker, WORKER_FLAG, type FromWorker } from "./worker.js";

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG]) {
  startWorker((workerData as { factory: ModelFactoryRef }).factory);
}

/** Progress after one iteration of one chain. */
export interface SampleProgress {
  chain: number;
  /** 1-based iteration, warmup included. */
  iteration: number;
  /** warmup + draws. */
  total: number;
  warmup: boolean;
}

/** Options of `sample`. */
export interface SampleOptions {
  /** Number of chains (default 4). */
  chains?: number;
  /** Warmup iterations per chain (default 1000). */
  warmup?: number;
  /** Sampling iterations per chain (default 1000), before thinning. */
  draws?: number;
  /** Base seed (default 1). */
  seed?: number | string;
  /** Target acceptance statistic (default 0.8). */
  adaptDelta?: number;
  /** Maximum tree depth (default 10). */
  maxTreeDepth?: number;
  /** Metric: "diag" (default), "dense" or "unit". */
  metric?: MetricKind;
  /** Keep every thin-th draw (default 1). */
  thin?: number;
  /** Initial unconstrained values: one vector for all chains or one per chain; default uniform(-initRadius, initRadius). */
  init?: number[] | number[][];
  /** Half-width of random initial values (Stan's init_r, default 2; 0 starts every chain at zero). */
  initRadius?: number;
  /** Worker threads: default min(chains, available cores); 0 runs the chains in this thread. */
  workers?: number;
  /** Progress of every chain: after every iteration in-process; from workers at most every 10 ms per chain and
   * always at the last warmup and the last iteration. */
  onProgress?: (p: SampleProgress) => void;
  /** Aborting terminates the workers and rejects with an error named "AbortError". */
  signal?: AbortSignal;
}

/** The result of `sample`. */
export interface SampleResult {
  /** One result per chain, in chain order. */
  chains: ChainResult[];
  /** Names of the reported values (columns of each chain's draws). */
  outputNames: string[];
  /** Effective settings. */
  settings: Required<Omit<SampleOptions, "init" | "onProgress" | "signal" | "workers">> & { workers: number };
  /** Wall-clock seconds for the whole run. */
  seconds: number;
}

function abortError(): Error {
  const e = new Error("Sampling aborted.");
  e.name = "AbortError";
  return e;
}

function positiveInt(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) throw new Error(`sample: ${name} must be an integer >= ${min}, got ${v}.`);
  return v;
}

function initRadius(r: number | undefined): number {
  if (r === undefined) return 2;
  if (!(r >= 0) || !Number.isFinite(r)) throw new Error(`sample: initRadius must be a finite number >= 0, got ${r}.`);
  return r;
}

function chainOptionList(o: SampleOptions): ChainOptions[] {
  const chains = positiveInt("chains", o.chains ?? 4, 1);
  const perChain = Array.isArray(o.init) && Array.isArray(o.init[0]);
  if (perChain && (o.init as number[][]).length !== chains) {
    throw new Error(`sample: init has ${(o.init as number[][]).length} vectors for ${chains} chains; give one per chain or a single vector.`);
  }
  return Array.from({ length: chains }, (_, chain) => ({
    chain,
    seed: o.seed ?? 1,
    warmup: positiveInt("warmup", o.warmup ?? 1000, 0),
    draws: positiveInt("draws", o.draws ?? 1000, 1),
    thin: positiveInt("thin", o.thin ?? 1, 1),
    adaptDelta: o.adaptDelta ?? 0.8,
    maxTreeDepth: positiveInt("maxTreeDepth", o.maxTreeDepth ?? 10, 1),
    metric: o.metric ?? "diag",
    init: o.init === undefined ? undefined : perChain ? (o.init as number[][])[chain] : (o.init as number[]),
    initRadius: initRadius(o.initRadius),
  }));
}

async function runInProcess(factory: ModelFactoryRef, list: ChainOptions[], o: SampleOptions): Promise<ChainResult[]> {
  const model = await loadModel(factory);
  const progress = o.onProgress;
  const cb = progress ? (chain: number, iteration: number, total: number, warmup: boolean) => progress({ chain, iteration, total, warmup }) : undefined;
  const out: ChainResult[] = [];
  for (const opts of list) {
    if (o.signal?.aborted) throw abortError();
    try {
      out.push(runChain(model, opts, cb, o.signal));
    } catch (e) {
      if (o.signal?.aborted) throw abortError();
      throw e;
    }
  }
  return out;
}

/**
 * Worker bootstrap (eval'd): when this module or the factory is TypeScript, registers tsx's ESM hooks in the worker
 * (Node 20 ignores `--import tsx` in worker execArgv and tsx self-registers on the main thread only), then imports
 * this module, whose top-level code starts serving chains.
 */
function workerBootstrap(factory: ModelFactoryRef): string {
  return workerBootstrapSource(import.meta.url, isTypescript(factory.module));
}

/** Handles one worker's messages: progress, errors, results (then sends the next chain). */
function onWorkerMessage(
  m: FromWorker,
  o: SampleOptions,
  results: ChainResult[],
  next: () => void,
  finish: (err?: Error) => void,
): void {
  if (m.type === "progress") o.onProgress?.({ chain: m.chain, iteration: m.iteration, total: m.total, warmup: m.warmup });
  else if (m.type === "error") finish(new Error(`Chain ${m.chain + 1}: ${m.message}`));
  else {
    results[m.result.chain] = m.result;
    if (results.filter(Boolean).length === results.length) finish();
    else next();
  }
}

function runInWorkers(factory: ModelFactoryRef, list: ChainOptions[], nWorkers: number, o: SampleOptions): Promise<ChainResult[]> {
  return new Promise((resolve, reject) => {
    const boot = workerBootstrap(factory); // throws (rejects) when tsx is needed but missing
    const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));
    const results: ChainResult[] = new Array(list.length);
    const workers: Worker[] = [];
    let queued = 0;
    let settled = false;
    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      o.signal?.removeEventListener("abort", onAbort);
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const onAbort = (): void => finish(abortError());
    if (o.signal?.aborted) return finish(abortError());
    o.signal?.addEventListener("abort", onAbort);
    const assign = (w: Worker): void => {
      if (queued < list.length) w.postMessage({ type: "run", options: list[queued++] });
    };
    for (let k = 0; k < nWorkers; k++) {
      const w = new Worker(boot, { eval: true, workerData: { [WORKER_FLAG]: true, factory } });
      workers.push(w);
      w.on("message", (m: FromWorker) => {
        if (settled) return;
        try {
          onWorkerMessage(m, o, results, () => assign(w), finish);
        } catch (e) {
          finish(toError(e)); // e.g. a throwing onProgress callback
        }
      });
      w.on("error", (e) => finish(toError(e)));
      // workers only stop when terminated by finish(): any earlier exit is a failure (never hang)
      w.on("exit", (code) => !settled && finish(new Error(`A sampler worker exited (code ${code}) before finishing its chains.`)));
      assign(w);
    }
  });
}

/**
 * Runs NUTS chains with Stan's warmup on a model given by a serialisable factory reference.
 *
 * @param factory - { module (absolute path / file URL), exportName, args }: the export builds the model
 * @param options - chains (4), warmup (1000), draws (1000), seed, adaptDelta (0.8), maxTreeDepth (10),
 *   metric ("diag"), thin (1), init, workers (default min(chains, cores); 0 = in-process), onProgress, signal
 * @returns per-chain draws (draw-major Float64Array over `outputNames`), sampler columns, adaptation and timings
 * @example
 * const fit = await sample({ module: "/abs/models.js", exportName: "normal", args: { dim: 2 } }, { seed: 1, workers: 0 });
 * fit.chains.length; // => 4
 */
export async function sample(factory: ModelFactoryRef, options: SampleOptions = {}): Promise<SampleResult> {
  const t0 = performance.now();
  const list = chainOptionList(options);
  const { availableParallelism } = await import("node:os");
  const nWorkers = Math.min(list.length, options.workers ?? availableParallelism());
  if (!Number.isInteger(nWorkers) || nWorkers < 0) throw new Error(`sample: workers must be an integer >= 0, got ${options.workers}.`);
  const chains = nWorkers === 0 ? await runInProcess(factory, list, options) : await runInWorkers(factory, list, nWorkers, options);
  const first = list[0];
  return {
    chains,
    outputNames: chains[0].outputNames,
    settings: {
      chains: list.length,
      warmup: first.warmup,
      draws: first.draws,
      seed: first.seed,
      adaptDelta: first.adaptDelta ?? 0.8,
      maxTreeDepth: first.maxTreeDepth ?? 10,
      metric: first.metric ?? "diag",
      thin: first.thin ?? 1,
      initRadius: first.initRadius ?? 2,
      workers: nWorkers,
    },
    seconds: (performance.now() - t0) / 1000,
  };
}
