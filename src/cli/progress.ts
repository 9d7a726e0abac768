/**
 * A NUTS progress bar on stderr (only when stderr is a terminal), one bar over all chains' iterations.
 * @module
 */
import cliProgress from "cli-progress";

/** Progress reporter: `tick(chain, iteration)` after each iteration; `stop()` at the end. */
export interface Progress {
  readonly tick: (chain: number, iteration: number) => void;
  readonly stop: () => void;
}

/**
 * A progress bar for `chains` chains of `perChain` iterations; a no-op when stderr is not a terminal.
 *
 * @example
 * const p = makeProgress(4, 2000); p.tick(0, 1); p.stop(); // => draws "NUTS [...] 1/8000" on a terminal
 */
export function makeProgress(chains: number, perChain: number): Progress {
  if (!process.stderr.isTTY) return { tick: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: "NUTS [{bar}] {value}/{total} iterations ({chains} chains) {eta}s left", etaBuffer: 200 },
    cliProgress.Presets.shades_classic,
  );
  const done = new Int32Array(chains);
  let total = 0;
  bar.start(chains * perChain, 0, { chains });
  return {
    tick: (chain, iteration) => {
      total += iteration - done[chain];
      done[chain] = iteration;
      if (iteration % 20 === 0 || iteration === perChain) bar.update(total);
    },
    stop: () => bar.stop(),
  };
}
