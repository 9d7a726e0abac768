/**
 * Empirical Bayes versus full Bayes, side by side: rows per parameter, flags where they part, group data for
 * the shrinkage plot.
 * @module
 */
export { compare, compareSpec, type CompareOptions, type CompareOutput } from "./compare.js";
export { parameterRows, randomEffectRows, fbLookup, type FbLookup } from "./rows.js";
export { levelSizes, fixedPart, rawGroupEstimates, type LevelSizes } from "./groups.js";
export {
  Z90, NEAR_ZERO, NEAR_ONE, WIDTH_TOLERANCE, SHIFT_TOLERANCE,
  ebInterval, boundaryFlag, intervalWidthFlag, ranks, minRankShift, rankFlags, smallGroupFlag, type SmallGroupInput,
} from "./flags.js";
export type { Comparison, CompareRow, EbSide, FbSide, Flag, FlagRule, GroupEstimate, RowKind, EbInfo, FbInfo } from "./types.js";
export { writeComparisonReport, type ReportFiles } from "./writeReport.js";
