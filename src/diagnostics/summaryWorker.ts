/**
 * The worker side of `summariseParallel`: a worker thread receives blocks of parameters (draws in
 * SharedArrayBuffer-backed chains, so nothing large is copied between threads), summarises each block
 * with `summarise` and sends back the numeric columns.
 * @module
 */
import { parentPort } from "node:worker_threads";
import { summarise, type SummaryRow } from "./summary.js";

/** Marker in `workerData` telling a module loaded in a worker thread to serve summary blocks. */
export const SUMMARY_WORKER_FLAG = "__glmmSummaryWorker";

/** Numeric columns of a `SummaryRow`, in the order a block's values are packed. */
export const SUMMARY_COLUMNS = ["mean", "sd", "q5", "q50", "q95", "mcse_mean", "rhat", "ess_bulk", "ess_tail"] as const;

/** A request: summarise parameters p0 .. p1 - 1 of draw-major chains with `nParams` parameters. */
export interface BlockRequest {
  id: number;
  chains: Float64Array[];
  nParams: number;
  p0: number;
  p1: number;
}

/** A reply: `values[j * 9 + k]` is column k of parameter p0 + j, or the error message. */
export type BlockReply = { id: number; values: Float64Array } | { id: number; error: string };

/**
 * Copy parameters p0 .. p1 - 1 of draw-major chains into draw-major chains of width p1 - p0.
 *
 * @param chains - draw-major chains with `nParams` parameters
 * @param nParams - parameters per draw
 * @param p0 - first parameter (0-based)
 * @param p1 - one past the last parameter
 * @returns one array per chain, `nDraws * (p1 - p0)` long
 * @example
 * sliceParameters([new Float64Array([1, 2, 3, 4, 5, 6])], 3, 1, 3)[0]; // => Float64Array [2, 3, 5, 6]
 */
export function sliceParameters(chains: Float64Array[], nParams: number, p0: number, p1: number): Float64Array[] {
  const width = p1 - p0;
  return chains.map((src) => {
    const nDraws = src.length / nParams;
    const out = new Float64Array(nDraws * width);
    for (let d = 0; d < nDraws; d++) out.set(src.subarray(d * nParams + p0, d * nParams + p1), d * width);
    return out;
  });
}

/**
 * Pack the numeric columns of summary rows into one array (9 values per row, `SUMMARY_COLUMNS` order).
 *
 * @param rows - rows from `summarise`
 * @returns the packed values
 * @example
 * packRows(summarise([new Float64Array([1, 2, 3, 4])], 1)).length; // => 9
 */
export function packRows(rows: SummaryRow[]): Float64Array {
  const k = SUMMARY_COLUMNS.length;
  const out = new Float64Array(rows.length * k);
  rows.forEach((r, j) => SUMMARY_COLUMNS.forEach((c, i) => (out[j * k + i] = r[c])));
  return out;
}

/** Summarise one requested block; errors become a reply, never a crashed worker. */
function answer(req: BlockRequest): BlockReply {
  try {
    const sub = sliceParameters(req.chains, req.nParams, req.p0, req.p1);
    return { id: req.id, values: packRows(summarise(sub, req.p1 - req.p0)) };
  } catch (e) {
    return { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Serve block requests on this worker thread's parent port until the worker is terminated.
 *
 * @returns nothing; replies are posted back (values transferred, not copied)
 * @example
 * // inside a worker started by summariseParallel: serveSummaryBlocks()
 */
export function serveSummaryBlocks(): void {
  const port = parentPort;
  if (port === null) throw new Error("serveSummaryBlocks must run in a worker thread");
  port.on("message", (req: BlockRequest) => {
    const reply = answer(req);
    port.postMessage(reply, "values" in reply ? [reply.values.buffer as ArrayBuffer] : []);
  });
}
