/**
 * `summarise`: posterior's default `summarise_draws` columns (mean, sd, 5/50/95% quantiles, MCSE of
 * the mean, R-hat, bulk and tail ESS) for many parameters at once, straight from sampler output.
 *
 * Input layout (what a sampler writes): one `Float64Array` per chain, each `nDraws * nParams` long,
 * draw-major: parameter `p` of draw `d` is at `chains[c][d * nParams + p]`. Each parameter is gathered
 * once into a chain-major scratch buffer; sorting, ranks and autocovariance buffers are reused across
 * parameters (timing: `npm run bench -- diagnostics`, 1000 parameters x 4 chains x 1000 draws).
 * @module
 */
import { essOfChains, essWorkspace, type EssWorkspace } from "./geyer.js";
import { isDegenerate } from "./draws.js";
import { mean, variance } from "./moments.js";
import { quantileSorted } from "./quantile.js";
import { zScaleOrdered } from "./rank.js";
import { argsort, argsortWorkspace, type ArgsortWorkspace } from "./argsort.js";
import { foldOrdered } from "./fold.js";
import { rhatOfChains } from "./rhat.js";
import { splitChains } from "./splitChains.js";

/** One row of `summarise`: posterior's `summarise_draws()` default columns (NaN where it gives NA). */
export interface SummaryRow {
  name: string;
  mean: number;
  sd: number;
  q5: number;
  q50: number;
  q95: number;
  mcse_mean: number;
  rhat: number;
  ess_bulk: number;
  ess_tail: number;
}

/** Scratch buffers for one parameter's draws, reused across parameters. */
interface Scratch {
  x: Float64Array;
  order: Uint32Array;
  sorted: Float64Array;
  z: Float64Array;
  folded: Float64Array;
  foldedOrder: Uint32Array;
  foldedSorted: Float64Array;
  indicator: Float64Array;
  sortWs: ArgsortWorkspace;
  ws: EssWorkspace | undefined;
}

function makeScratch(len: number): Scratch {
  return {
    x: new Float64Array(len), order: new Uint32Array(len), sorted: new Float64Array(len), z: new Float64Array(len),
    folded: new Float64Array(len), foldedOrder: new Uint32Array(len), foldedSorted: new Float64Array(len),
    indicator: new Float64Array(len),
    sortWs: argsortWorkspace(len), ws: undefined,
  };
}

/** posterior's `ess_quantile` for one p, on buffers; `x` chain-major with `nChains` unsplit chains. */
function essQuantileInto(s: Scratch, nChains: number, p: number): number {
  const { x, sorted, indicator } = s;
  const q = quantileSorted(sorted, p);
  for (let i = 0; i < x.length; i++) indicator[i] = x[i] <= q ? 1 : 0;
  const split = splitChains(indicator, nChains);
  return essOfChains(split.draws, split.nChains, s.ws);
}

/** Rank-normalized split R-hat (bulk and folded) and bulk ESS, from one argsort of the draws. */
function rankDiagnostics(s: Scratch, nChains: number): { rhat: number; essBulk: number } {
  const split = splitChains(s.x, nChains);
  const even = split.draws === s.x;
  const xs = split.draws;
  const order = even ? s.order : argsort(xs, new Uint32Array(xs.length));
  const z = even ? s.z : new Float64Array(xs.length);
  zScaleOrdered(xs, order, z, even ? s.sorted : undefined);
  const bulk = rhatOfChains(z, split.nChains);
  const essBulk = essOfChains(z, split.nChains, s.ws);
  const med = quantileSorted(s.sorted, 0.5);
  if (!Number.isFinite(med)) return { rhat: NaN, essBulk };
  const folded = even ? s.folded : new Float64Array(xs.length);
  const foldedOrder = even ? s.foldedOrder : new Uint32Array(xs.length);
  const foldedSorted = even ? s.foldedSorted : new Float64Array(xs.length);
  foldOrdered(xs, order, med, folded, foldedOrder, foldedSorted);
  const tail = rhatOfChains(zScaleOrdered(folded, foldedOrder, z, foldedSorted), split.nChains);
  return { rhat: Number.isNaN(bulk) || Number.isNaN(tail) ? NaN : Math.max(bulk, tail), essBulk };
}

/** Summary row of the parameter held (chain-major) in `s.x`. */
function summariseScratch(s: Scratch, nChains: number, name: string): SummaryRow {
  const { x, order, sorted } = s;
  const len = x.length;
  argsort(x, order, s.sortWs);
  for (let k = 0; k < len; k++) sorted[k] = x[order[k]];
  const hasNaN = sorted[len - 1] !== sorted[len - 1]; // NaN sorts last
  const mu = mean(x);
  const sdv = Math.sqrt(variance(x, 0, len, mu));
  const q = (p: number): number => (hasNaN ? NaN : quantileSorted(sorted, p));
  const { rhat, essBulk } = hasNaN ? { rhat: NaN, essBulk: NaN } : rankDiagnostics(s, nChains);
  let essTail = NaN;
  if (!isDegenerate(x)) {
    const e05 = essQuantileInto(s, nChains, 0.05);
    const e95 = essQuantileInto(s, nChains, 0.95);
    essTail = Number.isNaN(e05) || Number.isNaN(e95) ? NaN : Math.min(e05, e95);
  }
  const split = splitChains(x, nChains);
  const essMean = essOfChains(split.draws, split.nChains, s.ws);
  return {
    name, mean: mu, sd: sdv, q5: q(0.05), q50: q(0.5), q95: q(0.95),
    mcse_mean: sdv / Math.sqrt(essMean), rhat, ess_bulk: essBulk, ess_tail: essTail,
  };
}

/** Parameters gathered together, so each cache line of the draw-major input is read once. */
const GATHER_BLOCK = 16;

function makeBlock(width: number, len: number): Float64Array[] {
  return Array.from({ length: width }, () => new Float64Array(len));
}

/** Copy parameters p0 .. p0 + width - 1 from draw-major chains into chain-major arrays `block[j]`. */
function gatherBlock(
  chains: Float64Array[], nParams: number, nDraws: number, p0: number, width: number, block: Float64Array[],
): void {
  for (let c = 0; c < chains.length; c++) {
    const src = chains[c];
    const base = c * nDraws;
    for (let d = 0; d < nDraws; d++) {
      const row = d * nParams + p0;
      for (let j = 0; j < width; j++) block[j][base + d] = src[row + j];
    }
  }
}

/**
 * The argument checks of `summarise` (shared with `summariseParallel`, so both throw the same errors).
 *
 * @throws RangeError when there are no chains, chains differ in length, a length is not a multiple of nParams,
 *   or the names do not match nParams
 * @example
 * checkSummariseArguments([new Float64Array(4)], 2); // => undefined
 */
export function checkSummariseArguments(chains: Float64Array[], nParams: number, names?: string[]): void {
  if (chains.length === 0) throw new RangeError("summarise needs at least one chain");
  if (!Number.isInteger(nParams) || nParams < 1) throw new RangeError(`nParams must be a positive integer, got ${nParams}`);
  const len = chains[0].length;
  for (let c = 0; c < chains.length; c++) {
    if (chains[c].length !== len) throw new RangeError(`chain ${c + 1} has ${chains[c].length} values but chain 1 has ${len}`);
  }
  if (len % nParams !== 0) throw new RangeError(`chain length ${len} is not a multiple of nParams = ${nParams}`);
  if (names !== undefined && names.length !== nParams) {
    throw new RangeError(`${names.length} names given for ${nParams} parameters`);
  }
}

/**
 * Summaries of every parameter of multi-chain sampler output.
 *
 * @param chains - one array per chain, `nDraws * nParams` long, draw-major (`chains[c][d * nParams + p]`)
 * @param nParams - number of parameters
 * @param names - parameter names (default `p[1]`, `p[2]`, ...)
 * @returns one row per parameter, in order
 * @throws RangeError when there are no chains, chains differ in length, or a length is not a multiple of nParams
 * @see posterior R/summarise_draws.R (`default_summary_measures`, `default_convergence_measures`)
 * @example
 * const rows = summarise([new Float64Array([1, 10, 2, 20, 3, 30, 4, 40])], 2, ["a", "b"]);
 * rows[1].mean; // => 25
 * rows[0].q50; // => 2.5
 */
export function summarise(chains: Float64Array[], nParams: number, names?: string[]): SummaryRow[] {
  checkSummariseArguments(chains, nParams, names);
  const nDraws = chains[0].length / nParams;
  const nChains = chains.length;
  const s = makeScratch(nDraws * nChains);
  if (nDraws >= 2) {
    const splitN = Math.floor(nDraws / 2);
    if (splitN >= 3) s.ws = essWorkspace(splitN, 2 * nChains);
  }
  const rows: SummaryRow[] = [];
  const block = makeBlock(Math.min(GATHER_BLOCK, nParams), nChains * nDraws);
  for (let p0 = 0; p0 < nParams; p0 += GATHER_BLOCK) {
    const width = Math.min(GATHER_BLOCK, nParams - p0);
    gatherBlock(chains, nParams, nDraws, p0, width, block);
    for (let j = 0; j < width; j++) {
      s.x.set(block[j]);
      rows.push(summariseScratch(s, nChains, names?.[p0 + j] ?? `p[${p0 + j + 1}]`));
    }
  }
  return rows;
}
