/**
 * Every diagnostic of one parameter at once, with posterior's names: what `glmm diagnose` prints.
 * @module
 */
import { drawsPerChain } from "./draws.js";
import { essBasic, essBulk, essMean, essQuantile, essSd, essTail } from "./ess.js";
import { mcseMean, mcseQuantile, mcseSd } from "./mcse.js";
import { mean, sd } from "./moments.js";
import { quantileSorted } from "./quantile.js";
import { rhat, rhatBasic } from "./rhat.js";

/** All diagnostics of one parameter, named as posterior names them (NaN where posterior gives NA). */
export interface ParameterDiagnostics {
  rhat: number;
  rhat_basic: number;
  ess_bulk: number;
  ess_tail: number;
  ess_basic: number;
  ess_mean: number;
  ess_sd: number;
  ess_q05: number;
  ess_q95: number;
  mcse_mean: number;
  mcse_sd: number;
  mcse_q05: number;
  mcse_q95: number;
  mean: number;
  sd: number;
  q05: number;
  q50: number;
  q95: number;
}

/**
 * Compute every diagnostic of one parameter.
 *
 * @param draws - chain-major draws of one parameter (see `draws.ts`)
 * @param nChains - number of chains
 * @returns the diagnostics; NaN where posterior returns NA (NaN/Inf draws, constant draws, too few draws)
 * @example
 * diagnoseParameter(new Float64Array([1.5, 1.5, 1.5, 1.5]), 2).mean; // => 1.5
 * diagnoseParameter(new Float64Array([1.5, 1.5, 1.5, 1.5]), 2).rhat; // => NaN
 */
export function diagnoseParameter(draws: Float64Array, nChains: number): ParameterDiagnostics {
  drawsPerChain(draws, nChains);
  const hasNaN = draws.some((v) => Number.isNaN(v));
  const sorted = Float64Array.from(draws).sort();
  const q = (p: number): number => (hasNaN ? NaN : quantileSorted(sorted, p));
  return {
    rhat: rhat(draws, nChains),
    rhat_basic: rhatBasic(draws, nChains),
    ess_bulk: essBulk(draws, nChains),
    ess_tail: essTail(draws, nChains, sorted),
    ess_basic: essBasic(draws, nChains),
    ess_mean: essMean(draws, nChains),
    ess_sd: essSd(draws, nChains),
    ess_q05: essQuantile(draws, nChains, 0.05, sorted),
    ess_q95: essQuantile(draws, nChains, 0.95, sorted),
    mcse_mean: mcseMean(draws, nChains),
    mcse_sd: mcseSd(draws, nChains),
    mcse_q05: mcseQuantile(draws, nChains, 0.05, sorted),
    mcse_q95: mcseQuantile(draws, nChains, 0.95, sorted),
    mean: mean(draws),
    sd: sd(draws),
    q05: q(0.05),
    q50: q(0.5),
    q95: q(0.95),
  };
}
