/**
 * The applications users come for, as library functions: rates, overdispersion, marginal effects, ranking,
 * within/between splits, heritability, variance partitions, meta-analysis, random slopes / quadrature.
 * Each has a runnable example: `npm run example -- <name>` (examples/<name>.ts).
 * @module
 */
export { rateRatios, posteriorRateRatios, quantileSorted, type RateRatio } from "./rates.js";
export { compareCountModels, pearsonDispersion, type CountModel, type Dispersion, type OverdispersionResult } from "./overdispersion.js";
export { marginalProblem, marginalRisks, marginalEstimate, contrastVector, pointFromFit, type MarginalPoint, type MarginalEstimate, type MarginalResult, type MarginalProblem } from "./marginal.js";
export { ebMarginal, fbMarginal, pointFromDraws, covarianceRoot, type MarginalOptions } from "./marginalIntervals.js";
export { counterfactual, termLevels, type Counterfactual } from "./counterfactual.js";
export { ebRanking, fbRanking, rankRows, rankIntervals, type Ranking, type RankedLevel, type RankOptions } from "./ranking.js";
export { splitWithinBetween, withWithinBetween, simulateSelectiveDisappearance, SELECTIVE_DISAPPEARANCE, type WithinBetweenSplit, type SelectiveDisappearanceTruth } from "./withinBetween.js";
export { heritability, heritabilityFromSpectrum, spectralProblem, profileAt, type Heritability, type SpectralProblem } from "./heritability.js";
export { simulatePartition, varianceShares, posteriorVarianceShares, treeCovariance, spatialCovariance, PARTITION_TRUTH, type VarianceShare, type PartitionTruth } from "./partition.js";
export { metaAnalysis, poolModel, metaDataSummary, unidentifiedEffects, type MetaAnalysis, type MetaModelResult, type MetaDataSummary, type MetaOptions } from "./meta.js";
export { remlVersusMl, laplaceVersusAgq, exactLogLik } from "./slopes.js";
export { sideBySide, formatSideBySide, type SideBySide, type SideBySideRow } from "./sideBySide.js";
export { isObservationLevel, withObservationEffect, withoutObservationEffects, withFamily, OBSERVATION_GROUP } from "./designEdit.js";
export { fixedPredictor, conditionalPredictor, termModes } from "./linearPredictor.js";
export { pooledDraws } from "./draws.js";
export { waldInterval, zFor, fixedEffect, randomSd, type Interval } from "./wald.js";
