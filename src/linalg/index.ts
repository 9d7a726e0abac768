/**
 * Linear algebra on flat Float64Arrays: dense Cholesky kernels and a sparse (CSC) Cholesky with a
 * minimum-degree ordering.
 * @module
 */
export {
  choleskyInPlace, choleskySemiDefinite, logDetFromCholesky, forwardSolve, backSolveTranspose, choleskySolve, inverseFromCholesky,
} from "./dense.js";
export {
  analyseSparse, factorSparse, sparseLogDet, sparseForward, sparseBackward, sparseSolve, staticMinimumDegree,
  type SparseSymbolic, type SparseFactor,
} from "./sparse.js";
export { minimumDegree } from "./ordering.js";
