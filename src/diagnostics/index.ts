/**
 * MCMC convergence diagnostics matching the R package posterior (Vehtari, Gelman, Simpson, Carpenter,
 * Bürkner 2021): R-hat, bulk/tail ESS, MCSE, quantiles, E-BFMI and multi-parameter summaries.
 *
 * One parameter's draws are a flat chain-major `Float64Array` plus the number of chains
 * (`stackChains` builds it from per-chain arrays); `summarise` takes sampler output directly.
 * Degenerate input gives NaN where posterior gives NA; nothing throws on data values.
 * @module
 */
export { drawsPerChain, stackChains, isDegenerate } from "./draws.js";
export { splitChains, type Chains } from "./splitChains.js";
export { mean, variance, sd } from "./moments.js";
export { quantile, quantileSorted, median } from "./quantile.js";
export { zScale } from "./rank.js";
export { foldDraws } from "./fold.js";
export { autocovariance, chainAutocovariances, meanAutocovariance } from "./autocovariance.js";
export { essOfChains, essWorkspace, type EssWorkspace } from "./geyer.js";
export { argsort } from "./argsort.js";
export { essBasic, essBulk, essTail, essMean, essSd, essQuantile } from "./ess.js";
export { rhat, rhatBasic, rhatOfChains } from "./rhat.js";
export { mcseMean, mcseSd, mcseQuantile } from "./mcse.js";
export { betaCdf, betaQuantile } from "./betaQuantile.js";
export { ebfmi } from "./ebfmi.js";
export { diagnoseParameter, type ParameterDiagnostics } from "./diagnoseParameter.js";
export { summarise, type SummaryRow } from "./summary.js";
export {
  summariseParallel, closeSummaryPool, toSharedChains, PARALLEL_MIN_PARAMS, type SummariseParallelOptions,
} from "./summaryParallel.js";
