/**
 * The worker side of `sample`: rebuilds the model from its factory reference once, then runs the chains it is sent,
 * posting progress (throttled to one message per PROGRESS_MS) and the chain's result (typed arrays transferred).
 * @module
 */
import { parentPort } from "node:worker_threads";
import { runChain, type ChainOptions, type ChainResult } from "./chains.js";
import { loadModel, type ModelFactoryRef } from "./model.js";

/** Marker in `workerData` telling a module loaded in a worker thread to start serving chains. */
export const WORKER_FLAG = "__glmmSamplerWorker";

/** Minimum milliseconds between two progress messages of one chain (a message per iteration would cost more than
 * a cheap model's iteration). */
export const PROGRESS_MS = 10;

/** Messages from the main thread. */
export type ToWorker = { type: "run"; options: ChainOptions };

/** Messages to the main thread. */
export type FromWorker =
  | { type: "progress"; chain: number; iteration: number; total: number; warmup: boolean }
  | { type: "done"; result: ChainResult }
  | { type: "error"; chain: number; message: string };

function transferables(r: ChainResult): ArrayBuffer[] {
  const arrays = [r.draws, r.init, r.inverseMetric, ...Object.values(r.sampler)] as Float64Array[];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/**
 * Serves chains in this worker thread.
 *
 * @param factory - the model's factory reference (from workerData)
 * @returns nothing; listens on parentPort until terminated
 * @example
 * // inside a worker: startWorker(workerData.factory)
 */
export function startWorker(factory: ModelFactoryRef): void {
  const port = parentPort;
  if (!port) throw new Error("startWorker must run inside a worker thread.");
  const modelPromise = loadModel(factory);
  modelPromise.catch(() => undefined); // reported per chain below, not as an unhandled rejection
  port.on("message", async (msg: ToWorker) => {
    const chain = msg.options.chain;
    try {
      const model = await modelPromise;
      let last = 0;
      const result = runChain(model, msg.options, (c, iteration, total, warmup) => {
        // at most one message per PROGRESS_MS, plus the last warmup and the last sampling iteration
        const now = performance.now();
        if (now - last < PROGRESS_MS && iteration !== total && iteration !== msg.options.warmup) return;
        last = now;
        port.postMessage({ type: "progress", chain: c, iteration, total, warmup } satisfies FromWorker);
      });
      port.postMessage({ type: "done", result } satisfies FromWorker, transferables(result));
    } catch (e) {
      port.postMessage({ type: "error", chain, message: e instanceof Error ? e.message : String(e) } satisfies FromWorker);
    }
  });
}
